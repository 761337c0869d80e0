"""The public pages of participation in a real browser, on the demo's records: every page is
axe-clean and reflows at 390 px (no sideways scrolling), including the forms with their errors."""

import pytest

from gongkai.participation.models import (
    Consultation,
    DecisionCatalog,
    Meeting,
    OpenDay,
    OpinionResponse,
)

from .conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _paths() -> list[str]:
    answered = Consultation.objects.get(phase="feedback_published")
    open_one = Consultation.objects.get(phase="open")
    meeting, open_day = Meeting.objects.get(), OpenDay.objects.get()
    return [
        "/hdjl/yjzj/",
        f"/hdjl/yjzj/{answered.pk}/",
        f"/hdjl/yjzj/{answered.pk}/feedback/",
        f"/hdjl/yjzj/{open_one.pk}/questionnaire/",
        f"/jcgk/zdjc/{DecisionCatalog.objects.get().pk}/",
        "/jcgk/hy/",
        f"/jcgk/hy/{meeting.pk}/",
        "/jcgk/kfr/",
        f"/jcgk/kfr/{open_day.pk}/",
        f"/jcgk/kfr/{open_day.pk}/register/",
        f"/hygz/yqhy/{OpinionResponse.objects.get().pk}/",
        "/xxgk/013901003/opinion-responses/",
        "/xxgk/013901000/statutory/",
    ]


@pytest.mark.parametrize("width", [1200, 390])
def test_participation_pages_are_accessible_and_reflow(page, portal_url, width):
    page.set_viewport_size({"width": width, "height": 900})
    for path in _paths():
        page.goto(portal_url + path)
        assert axe_violations(page) == [], path
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path


def test_a_refused_form_is_accessible(page, portal_url):
    page.set_viewport_size({"width": 390, "height": 900})
    open_one = Consultation.objects.get(phase="open")
    page.goto(f"{portal_url}/hdjl/yjzj/{open_one.pk}/questionnaire/")
    page.get_by_role("button", name="提交问卷").click()
    page.locator(".error-summary").wait_for()
    assert page.get_by_text("本题必须回答。").first.is_visible()
    assert axe_violations(page) == []
    page.goto(f"{portal_url}/hdjl/yjzj/{open_one.pk}/comment/")
    page.get_by_role("button", name="提交意见").click()
    page.get_by_text("错误：请填写意见内容。").first.wait_for()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
