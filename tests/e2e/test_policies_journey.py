"""The journey of an enterprise in a real browser (issue 18): it tries the 政策计算器, registers
on the portal, reads the confirmation mail the platform queued, confirms, and sees its matching
policies on its private page; then unsubscribes. Each public page is checked with axe-core and
for reflow at 390 px."""

import re
from email import message_from_bytes

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 390
USCC = "93620000MA9000001"  # a 合作社 (93); completed with its check character below
HEXI = "013901102"  # the demo county's 河西乡 (gongkai demo)


def _reflows(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _checked(page) -> None:
    from .conftest import axe_violations

    assert axe_violations(page) == [], page.url
    assert _reflows(page), page.url


def test_an_enterprise_registers_confirms_and_sees_its_policies(
    browser, portal_url, settings, tmp_path
):
    from gongkai.core.models import QueuedMail
    from gongkai.policies.domain.uscc import check_character
    from gongkai.policies.models import Enterprise

    # The platform's own mail queue (the test runner would swap in its memory backend), no
    # minimum fill time (a browser fills at once), counters of this test's own.
    settings.EMAIL_BACKEND = "gongkai.core.mail.QueueingEmailBackend"
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    settings.GONGKAI_RATELIMIT_DIR = str(tmp_path / "ratelimit")
    uscc = USCC + check_character(USCC)
    context = browser.new_context(locale="zh-CN", viewport={"width": PHONE_WIDTH, "height": 800})
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )

    # The calculator answers without registering.
    page.goto(f"{portal_url}/qyzc/jsq/")
    _checked(page)
    page.get_by_label("行业代码").fill("A0141")
    page.get_by_label("企业规模").select_option(value="small")
    page.get_by_label("所在区域").select_option(value=HEXI)
    page.get_by_label("主体类型").select_option(value="cooperative")
    page.get_by_role("button", name="查找适用政策").click()
    page.get_by_role("heading", name=re.compile("适用的政策")).wait_for()
    assert page.get_by_role("link", name="河西乡农民专业合作社贷款贴息").is_visible()
    _checked(page)

    # It registers; a wrong check character is refused first.
    page.goto(f"{portal_url}/qyzc/zc/")
    _checked(page)
    bad = uscc[:17] + ("0" if uscc[17] != "0" else "1")
    page.get_by_label("统一社会信用代码").fill(bad)
    page.get_by_label("企业（个体工商户、合作社）名称").fill("示范县河西乡丰收种植专业合作社")
    page.get_by_label("行业代码").fill("A0141")
    page.get_by_label("企业规模").select_option(value="small")
    page.get_by_label("所在区域").select_option(value=HEXI)
    page.get_by_label("主体类型").select_option(value="cooperative")
    page.get_by_label("联系邮箱").fill("fengshou@example.com")
    page.get_by_label("我同意平台保存以上信息").check()
    page.get_by_role("button", name="提交登记").click()
    page.get_by_text("校验码不正确").first.wait_for()
    _checked(page)
    page.get_by_label("统一社会信用代码").fill(uscc)
    page.get_by_label("我同意平台保存以上信息").check()
    page.get_by_role("button", name="提交登记").click()
    page.get_by_role("heading", name="请查收确认邮件").wait_for()
    _checked(page)
    assert Enterprise.objects.get(uscc=uscc).confirmed_at is None

    # It reads the queued mail and confirms.
    mail = QueuedMail.objects.filter(recipients=["fengshou@example.com"]).get()
    message = message_from_bytes(bytes(mail.raw))
    text = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
    path = re.search(r"https?://[^/\s]+(/qyzc/qr/\S+/)", text).group(1)
    page.goto(f"{portal_url}{path}")
    _checked(page)
    page.get_by_role("button", name="确认登记").click()
    page.get_by_role("heading", name="本企业适用的惠企政策").wait_for()
    _checked(page)
    assert page.get_by_text("登记已确认").is_visible()
    assert page.get_by_role("link", name="河西乡农民专业合作社贷款贴息").is_visible()
    assert "fengshou@example.com" not in page.content()

    # It unsubscribes from the mail.
    page.get_by_role("button", name="退订政策邮件").click()
    page.get_by_role("button", name="恢复接收政策邮件").wait_for()
    assert not Enterprise.objects.get(uscc=uscc).subscribed
    context.close()
    assert violations == []
