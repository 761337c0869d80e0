"""The Content-Security-Policy in a real browser: the admin screens that write inline scripts
(date pickers, choosers, inline panels) work under it, and an injected script does not run.

The ``page`` fixture fails any test during which the browser reported a violation."""

import re

import pytest

from gongkai.core.domain.roles import Role

from .conftest import staff_login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Screens with Wagtail widgets that initialise themselves with an inline script (date pickers,
# choosers, inline panels), and the other forms of the modules.
NONCE_SCREENS = ["/admin/official-documents/add/", "/admin/interpretations/add/"]
OTHER_SCREENS = [
    "/admin/units/new/",
    "/admin/roles/new/",
    "/admin/calendar_years/new/",
    "/admin/import/",
    "/admin/audit/",
    "/admin/login_lockouts/",
]


def test_admin_screens_with_inline_widget_scripts_run_under_the_policy(page, portal_url):
    staff_login(page, portal_url, "csp-admin", Role.ADMINISTRATOR, "013901000", "内容安全策略")
    assert "'nonce-" not in page.goto(portal_url + "/admin/").headers["content-security-policy"]
    for path in NONCE_SCREENS:
        response = page.goto(portal_url + path)
        assert response.status == 200, path
        assert "'nonce-" in response.headers["content-security-policy"], path
    for path in OTHER_SCREENS:
        assert page.goto(portal_url + path).status == 200, path
    # The date widget initialised by its (nonce-carrying) inline script opens its picker.
    page.goto(portal_url + "/admin/official-documents/add/")
    page.locator("#id_written_on").click()
    page.locator(".xdsoft_datetimepicker:visible").wait_for(timeout=5000)


def test_request_registration_runs_under_the_policy(page, portal_url):
    staff_login(page, portal_url, "csp-handler", Role.REQUEST_HANDLER, "013901000", "内容安全策略")
    assert page.goto(portal_url + "/admin/requests/register/").status == 200
    assert page.goto(portal_url + "/admin/requests/").status == 200


def test_portal_pages_have_a_policy_without_inline_scripts(page, portal_url):
    response = page.goto(portal_url + "/xxgk/013901000/")
    policy = response.headers["content-security-policy"]
    assert re.search(r"script-src 'self'(;|$)", policy), policy
    assert "unsafe-eval" not in policy and "'unsafe-inline'" not in policy.split("style-src")[0]


def test_an_injected_inline_script_does_not_run(browser, portal_url):
    context = browser.new_context()
    page = context.new_page()
    reported = []
    page.on("console", lambda m: reported.append(m.text))
    page.goto(portal_url + "/xxgk/013901000/")
    # What a stored script that slipped past escaping would do: add itself to the page.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.append(s); }"
    )
    assert page.evaluate("window.injected === undefined")
    assert any("Content Security Policy" in text for text in reported)
    context.close()
