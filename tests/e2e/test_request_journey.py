"""The journey of a disclosure request in a real browser: a citizen files it on the public form,
a handler accepts it and asks for a correction in the admin, the citizen corrects it on the
tracking page, the handler replies (予以公开) and generates the reply letter, and the citizen
downloads it. The public form, the tracking page and the admin request page are checked with
axe-core on the way."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.core.domain.roles import Role

from .conftest import axe_violations, staff_login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COUNTY = "013901000"  # the demo county (gongkai demo)


def _step(page, heading: str):
    """Open one step's form from the request page's buttons; the section holding it."""
    page.locator("ul.gk-step-choices").get_by_role("link", name=heading, exact=True).click()
    section = page.locator("section.gk-step").filter(
        has=page.get_by_role("heading", name=heading, exact=True)
    )
    section.wait_for()
    return section


def test_request_from_filing_to_downloaded_reply(browser, portal_url, settings):
    # A person needs seconds to fill the form; the browser needs none, which the form's bot
    # check would refuse.
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    citizen = browser.new_context(locale="zh-CN").new_page()
    staff = browser.new_context(locale="zh-CN").new_page()

    # The citizen files a request on the public form.
    citizen.goto(f"{portal_url}/ysqgk/{COUNTY}/apply/")
    assert axe_violations(citizen) == []
    citizen.get_by_label("自然人").check()
    citizen.get_by_label("申请人姓名或名称").fill("王小明")
    citizen.get_by_label("身份证明类型").select_option(label="居民身份证")
    citizen.get_by_label("证件号码").fill("11010519491231002X")
    citizen.get_by_label("联系电话").fill("13912345678")
    citizen.get_by_label("所需政府信息的名称或特征描述").fill("低保资金发放情况")
    citizen.get_by_label("电子数据（光盘、U盘等）").check()
    citizen.get_by_label("网上查阅下载").check()
    citizen.get_by_role("button", name="提交申请").click()
    citizen.get_by_role("heading", name="申请已提交").wait_for()
    tracking_no = citizen.locator("dt:has-text('申请编号') + dd").inner_text().strip()
    code = citizen.locator("dd.code").inner_text().strip()
    assert re.fullmatch(rf"{COUNTY}-\d{{4}}-\d{{4}}", tracking_no) and len(code) == 10

    # The handler logs in, finds it among the submissions awaiting acceptance and accepts it.
    staff_login(staff, portal_url, "journey", Role.REQUEST_HANDLER, COUNTY, "刘办理")
    staff.goto(f"{portal_url}/admin/requests/?queue=submitted")
    staff.get_by_role("link", name=tracking_no).click()
    _step(staff, "确认受理").get_by_role("button", name="确认受理").click()
    staff.get_by_text("已完成“确认受理”。").wait_for()

    # … and asks for a correction.
    correction = _step(staff, "告知补正")
    correction.get_by_label("需要补正的事项").fill("请写明所需信息的年份和发放范围。")
    until = timezone.localdate() + timedelta(days=15)
    correction.get_by_label("补正期限").fill(until.isoformat())
    correction.get_by_role("button", name="告知补正").click()
    staff.get_by_text("已完成“告知补正”。").wait_for()

    # The citizen reads the notice on the tracking page and corrects the request.
    citizen.goto(f"{portal_url}/ysqgk/track/")
    assert axe_violations(citizen) == []
    citizen.get_by_label("申请编号").fill(tracking_no)
    citizen.get_by_label("查询码").fill(code)
    citizen.get_by_role("button", name="查询").click()
    citizen.get_by_role("heading", name="申请办理进度").wait_for()
    assert citizen.get_by_text("请写明所需信息的年份和发放范围。").first.is_visible()
    assert axe_violations(citizen) == []
    citizen.get_by_label("补正后的申请内容").fill("2024年本县城乡低保资金发放情况（按乡镇）")
    citizen.get_by_role("button", name="提交补正").click()
    citizen.get_by_text("办理中").first.wait_for()

    # The handler sees the correction, replies 予以公开 and generates the reply letter.
    staff.reload()
    assert staff.get_by_text("2024年本县城乡低保资金发放情况（按乡镇）").first.is_visible()
    assert axe_violations(staff) == []
    reply = _step(staff, "答复")
    reply.get_by_label("办理结果").select_option(value="granted")
    reply.get_by_label("答复内容").fill("所申请信息见附件《2024年城乡低保资金发放情况》。")
    reply.get_by_role("button", name="答复").click()
    staff.get_by_text("已完成“答复”。").wait_for()
    staff.get_by_role("button", name="生成政府信息公开申请答复书").click()
    staff.get_by_text("已生成“").wait_for()
    # Checked without Wagtail's own flash message, whose fade-in axe catches half-transparent.
    staff.goto(staff.url)
    assert staff.get_by_role("link", name=re.compile("下载 .docx")).first.is_visible()
    assert axe_violations(staff) == []

    # The citizen downloads the reply on the tracking page.
    citizen.reload()
    link = citizen.get_by_role("link", name=re.compile("下载 Word 文档")).first
    with citizen.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".docx")
    assert tracking_no in download.value.suggested_filename
