"""A consultation in a real browser: a citizen comments on an article of a draft; the period ends;
staff answer every comment (grouped) and publish the feedback; the document on whose draft the
public was consulted, refused at 呈签 until then, goes through review and is signed. The public
pages and the admin screens are checked with axe-core on the way."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gongkai.core.domain.roles import Role
from gongkai.core.models import Unit
from gongkai.core.services import role_grant
from gongkai.documents.models import OfficialDocument
from gongkai.documents.services import document_create
from gongkai.participation.models import Comment
from gongkai.participation.services.comments import CommentInput, comment_submit_online
from gongkai.participation.services.consultations import (
    ConsultationFacts,
    consultation_create,
    consultation_open,
    consultations_close_due,
    draft_version_save,
)

from .conftest import axe_violations, staff_login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COUNTY = "013901000"  # the demo county (gongkai demo)
DRAFT = """示范县停车场管理办法（征求意见稿）
第一章 总则
第一条 为了规范停车场建设和管理，制定本办法。
第二条 本办法适用于本县城区内的公共停车场。
第二章 收费
第三条 公共停车场实行政府指导价，首小时免费。
第四条 收费标准应当在停车场入口显著位置公示。"""


def _consultation(county: Unit):
    document = document_create(
        actor=None,
        unit=county,
        title="示范县人民政府关于印发《示范县停车场管理办法》的通知",
        written_on=date(2025, 6, 2),
        disclosure="proactive",
    )
    today = timezone.localdate()
    consultation = consultation_create(
        actor=None,
        unit=county,
        document=document,
        facts=ConsultationFacts(
            title="关于《示范县停车场管理办法（征求意见稿）》公开征求意见的公告",
            starts_on=today,
            ends_on=today + timedelta(days=30),
            background="为规范停车场管理，县城市管理局起草了本办法。",
            contact_name="县城市管理局",
            contact_phone="0930-7712555",
        ),
    )
    draft_version_save(actor=None, consultation=consultation, text=DRAFT)
    return consultation_open(actor=None, consultation=consultation), document


def _page(browser, violations: list[str]):
    """A page in a context of its own (citizen and staff), its CSP violations collected as the
    ``page`` fixture does."""
    page = browser.new_context(locale="zh-CN").new_page()
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return page


def test_comment_answer_publish_then_sign(browser, portal_url, settings):
    # A person needs seconds to fill the form; the browser needs none.
    settings.GONGKAI_PARTICIPATION_MIN_FILL_SECONDS = 0
    county = Unit.objects.get(code=COUNTY)
    consultation, document = _consultation(county)
    # Another citizen's comment on the whole draft, so that the answer groups two.
    comment_submit_online(
        consultation=consultation,
        version_number=1,
        data=CommentInput(body="建议增加新能源汽车充电车位的规定。"),
        submission_key="e2e-other",
    )
    violations: list[str] = []
    citizen, staff = _page(browser, violations), _page(browser, violations)

    # The citizen reads the draft and comments on 第三条.
    citizen.goto(f"{portal_url}/hdjl/yjzj/{consultation.pk}/")
    assert axe_violations(citizen) == []
    citizen.get_by_role("link", name="对第三条提出意见").click()
    citizen.get_by_role("heading", name="提出意见").wait_for()
    assert citizen.get_by_text("您正在对第三条提出意见").is_visible()
    assert axe_violations(citizen) == []
    citizen.get_by_label("意见内容").fill(
        "首小时免费太短，建议改为首两小时免费。联系我：13912345678"
    )
    citizen.get_by_label("联系方式").fill("13912345678")
    citizen.get_by_role("button", name="提交意见").click()
    citizen.get_by_role("heading", name="意见已提交").wait_for()
    assert axe_violations(citizen) == []
    citizen.get_by_role("link", name="返回征求意见页面").click()
    assert citizen.get_by_text("首小时免费太短，建议改为首两小时免费。").is_visible()
    assert "13912345678" not in citizen.content()

    # The period ends: the night's periodic job closes the consultation.
    consultations_close_due(today=consultation.ends_on + timedelta(days=1))
    consultation.refresh_from_db()
    assert consultation.phase == "closed"

    # Staff answer both comments together and publish the feedback.
    user = staff_login(staff, portal_url, "yjzj", Role.DISCLOSURE_OFFICE_HEAD, COUNTY, "黄主任")
    for role in (Role.EDITOR, Role.REVIEWER, Role.CONFIDENTIALITY_REVIEWER, Role.LEADER):
        role_grant(actor=None, user=user, unit=county, role=role)
    staff.goto(f"{portal_url}/admin/participation/{consultation.pk}/comments/")
    assert axe_violations(staff) == []
    for box in staff.locator("input[name=comments]").all():
        box.check()
    staff.get_by_label("部分采纳").check()
    staff.get_by_label("意见概述").fill("关于收费和车位的意见")
    staff.get_by_label("理由").fill("已将首小时免费调整为首两小时免费；充电车位另行规定。")
    staff.get_by_role("button", name="答复所选意见").click()
    staff.get_by_text("已答复2条意见").wait_for()
    assert Comment.objects.filter(consultation=consultation, answer__isnull=True).count() == 0

    # Before the feedback, the document cannot go to sign-off, and the refusal names it.
    staff.goto(f"{portal_url}/admin/official-documents/inspect/{document.pk}/")
    assert staff.get_by_text("还不能呈签").is_visible()
    assert staff.get_by_text(consultation.title, exact=False).first.is_visible()

    staff.goto(f"{portal_url}/admin/participation/{consultation.pk}/feedback/")
    staff.get_by_label("意见采纳情况总体说明").fill("共收到意见2条，部分采纳2条。")
    staff.get_by_role("button", name="保存").click()
    staff.get_by_text("已保存总体说明").wait_for()
    staff.goto(staff.url)  # without the flash message, whose fade-in axe catches
    assert axe_violations(staff) == []
    staff.get_by_role("button", name="发布结果反馈").click()
    staff.get_by_text("已发布结果反馈").wait_for()

    # The citizen reads the answer and the 意见采纳情况说明.
    citizen.goto(f"{portal_url}/hdjl/yjzj/{consultation.pk}/feedback/")
    assert citizen.get_by_text("已将首小时免费调整为首两小时免费").is_visible()
    assert axe_violations(citizen) == []
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="下载 Word 文档").click()
    assert download.value.suggested_filename.endswith(".docx")

    # Now the document is submitted and passes 审核, 保密审查 and 签发.
    staff.goto(f"{portal_url}/admin/official-documents/inspect/{document.pk}/")
    staff.get_by_role("button", name="呈签（提交审核）").click()
    for step in ("通过", "通过", "签发"):
        staff.get_by_role("button", name=step, exact=True).click()
        staff.wait_for_load_state()
    document = OfficialDocument.objects.get(pk=document.pk)
    assert document.live
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)
