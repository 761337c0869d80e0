"""The journey of a message in a real browser (issue 15): a citizen leaves a 咨询 on the public
form (seeing answered questions like it first), staff answer it in the admin and publish it, the
citizen reads the answer on the tracking page and rates it, and the answer appears in 留言选登.
The public pages are checked with axe-core and for reflow at 390 px on the way."""

import re

import pytest

from gongkai.core.domain.roles import Role

from .conftest import axe_violations, staff_login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FINANCE = "013901002"  # the demo county's finance bureau (gongkai demo)
PHONE_WIDTH = 390


def _reflows(page) -> bool:
    """No horizontal scrolling at a phone's width (WCAG 1.4.10)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _step(page, heading: str):
    return page.locator("section.gk-step").filter(has=page.get_by_role("heading", name=heading))


def test_a_consultation_from_the_form_to_the_public_list(browser, portal_url, settings):
    # A person needs seconds to fill the form; the browser needs none, which the form's bot
    # check would refuse.
    settings.GONGKAI_MESSAGE_MIN_FILL_SECONDS = 0
    citizen = browser.new_context(
        locale="zh-CN", viewport={"width": PHONE_WIDTH, "height": 800}
    ).new_page()
    staff = browser.new_context(locale="zh-CN").new_page()
    violations: list[str] = []
    citizen.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )

    # The citizen writes a consultation; answered questions like it are shown first.
    citizen.goto(f"{portal_url}/hdjl/ly/new/")
    assert axe_violations(citizen) == [] and _reflows(citizen)
    citizen.get_by_label("咨询", exact=True).check()
    citizen.get_by_label("办理单位").select_option(value=FINANCE)
    citizen.get_by_label("标题").fill("耕地地力保护补贴发放到哪张卡")
    citizen.get_by_label("留言内容").fill(
        "今年的耕地地力保护补贴发放到哪张卡上？标准是每亩多少钱？"
    )
    # While typing, the page's script shows the answered message of the demo about the subsidy.
    citizen.locator("#suggestions-live").get_by_text("以下答复可能对您有帮助").wait_for()
    citizen.get_by_role("textbox", name="姓名（必填）").fill("韩梅梅")
    citizen.get_by_role("textbox", name="手机号码（必填）").fill("13709312345")
    citizen.get_by_label("同意公开（不公开姓名和联系方式）").check()
    citizen.get_by_role("button", name="提交留言").click()
    citizen.get_by_role("heading", name="留言已提交").wait_for()
    number = citizen.locator("dt:has-text('留言编号') + dd").inner_text().strip()
    code = citizen.locator("dd.code").inner_text().strip()
    assert re.fullmatch(r"LY\d{10}", number) and len(code) == 10
    assert axe_violations(citizen) == [] and _reflows(citizen)

    # Staff of the finance bureau's disclosure office answer it and publish it.
    staff_login(staff, portal_url, "journey", Role.DISCLOSURE_OFFICE_HEAD, FINANCE, "黄主任")
    staff.goto(f"{portal_url}/admin/interaction/?queue=new")
    staff.get_by_role("link", name=number).click()
    staff.get_by_text("13709312345").wait_for()
    reply = _step(staff, "答复")
    reply.get_by_label("答复内容").fill(
        "2026年耕地地力保护补贴发放到农户的惠民惠农“一卡通”，标准为每亩105元。"
    )
    reply.get_by_role("button", name="答复").click()
    staff.get_by_text("已答复。", exact=True).wait_for()
    staff.get_by_role("button", name="公开", exact=True).click()
    staff.get_by_text("已在“留言选登”中公开。").wait_for()
    staff.goto(staff.url)
    assert axe_violations(staff) == []

    # The citizen reads the answer on the tracking page and rates it.
    citizen.goto(f"{portal_url}/hdjl/ly/track/status/")
    citizen.get_by_text("标准为每亩105元").wait_for()
    assert axe_violations(citizen) == [] and _reflows(citizen)
    citizen.get_by_label("满意", exact=True).check()
    citizen.get_by_label("已解决").check()
    citizen.get_by_role("button", name="提交评价").click()
    citizen.get_by_text("感谢您的评价。").wait_for()
    assert citizen.get_by_text("满意；问题已解决", exact=True).is_visible()

    # The lookup works from another browser with the number and the code.
    other = browser.new_context(locale="zh-CN").new_page()
    other.goto(f"{portal_url}/hdjl/ly/track/")
    assert axe_violations(other) == []
    other.get_by_label("留言编号").fill(number)
    other.get_by_label("查询码").fill(code)
    other.get_by_role("button", name="查询").click()
    other.get_by_role("heading", name="留言办理情况").wait_for()

    # The answer appears in the public list, without the citizen's name or number.
    citizen.goto(f"{portal_url}/hdjl/ly/")
    link = citizen.get_by_role("link", name="耕地地力保护补贴发放到哪张卡")
    assert link.is_visible()
    assert axe_violations(citizen) == [] and _reflows(citizen)
    link.click()
    citizen.get_by_text("标准为每亩105元").wait_for()
    html = citizen.content()
    assert "韩梅梅" not in html and "13709312345" not in html
    assert axe_violations(citizen) == [] and _reflows(citizen)
    for path in ("/hdjl/zcwd/", "/hdjl/tj/"):
        citizen.goto(f"{portal_url}{path}")
        assert axe_violations(citizen) == [] and _reflows(citizen), path
    assert violations == []
