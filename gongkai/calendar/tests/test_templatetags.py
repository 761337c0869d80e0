from datetime import date

from django.template import Context, Template

from gongkai.calendar.domain.deadlines import compute_deadline
from gongkai.calendar.domain.workdays import WorkdayCalendar

PACKAGE = WorkdayCalendar()


def _render(deadline, extra: str = "") -> str:
    template = Template("{% load deadlines %}{% deadline_display deadline " + extra + "%}")
    return template.render(Context({"deadline": deadline}))


def test_a_provisional_deadline_carries_its_warning_and_explanation():
    deadline = compute_deadline("publish", date(2026, 12, 20), calendar=PACKAGE)
    html = _render(deadline)
    assert '<time datetime="2027-01-18">2027年1月18日（星期一）</time>' in html
    assert "（临时推算）" in html
    assert "2027年的节假日安排尚未载入，此截止日暂按周六、周日和1月1日休息推算" in html
    assert "<details" in html and "<summary>如何计算</summary>" in html
    for entry in deadline.explain():
        assert f"<li>{entry['text']}</li>" in html


def test_a_settled_deadline_has_no_warning():
    html = _render(compute_deadline("foi-reply", date(2025, 1, 24), calendar=PACKAGE))
    assert "2025年2月27日（星期四）" in html
    assert "临时推算" not in html and "尚未载入" not in html
    assert "春节放假，不计入。" in html


def test_lists_can_leave_the_explanation_out():
    html = _render(
        compute_deadline("publish", date(2026, 12, 20), calendar=PACKAGE), "details=False "
    )
    assert "尚未载入" in html and "<details" not in html


def test_citizens_read_the_warning_without_the_staff_instruction():
    html = _render(
        compute_deadline("foi-reply", date(2026, 12, 20), calendar=PACKAGE), "public=True "
    )
    assert "（临时推算）" in html
    assert "2027年的节假日安排尚未确定，此截止日暂按周六、周日和1月1日休息推算" in html
    assert "请联系平台管理员" not in html


def test_no_deadline_renders_nothing():
    assert _render(None).strip() == ""
