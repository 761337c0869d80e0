"""The back office as a request handler meets it (issue 21): the dashboard and a request page
are in Chinese, carry the platform's brand (no Wagtail bird, no broken picture), pass axe, and
the request page opens one step's form at a time."""

import pytest

from gongkai.core.domain.roles import Role
from gongkai.core.tests.admin_walk import english_words

from .conftest import axe_violations, staff_login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COUNTY = "013901000"  # the demo county (gongkai demo)


def _english(page) -> list[str]:
    """Lines of the rendered page (the sidebar drawn by Wagtail's scripts included) with an
    English interface word, and English in what screen readers are given."""
    lines = page.locator("body").inner_text().splitlines()
    lines += page.eval_on_selector_all(
        "[aria-label], [title], [placeholder], img[alt]",
        "els => els.flatMap(e => ['aria-label', 'title', 'placeholder', 'alt']"
        ".map(a => e.getAttribute(a)).filter(Boolean))",
    )
    return [line for line in lines if english_words(line)]


def _broken_images(page) -> list[str]:
    return page.eval_on_selector_all(
        "img", "els => els.filter(e => e.complete && e.naturalWidth === 0).map(e => e.src)"
    )


def test_dashboard_and_request_page_as_a_handler(page, portal_url):
    page.goto(f"{portal_url}/admin/login/")
    assert page.get_by_role("heading", name="登录政务公开平台").is_visible()
    assert page.get_by_label("密码").is_visible()
    assert _english(page) == [] and axe_violations(page) == []

    staff_login(page, portal_url, "handler_e2e", Role.REQUEST_HANDLER, COUNTY, "刘办理")
    page.locator("[data-wagtail-sidebar] .gongkai-brand__logo").first.wait_for()
    assert page.locator(".icon-wagtail").count() == 0
    assert _broken_images(page) == []
    assert _english(page) == []
    assert axe_violations(page) == []

    from gongkai.requests.domain.states import State
    from gongkai.requests.models import DisclosureRequest

    request = DisclosureRequest.objects.filter(unit__code=COUNTY, state=State.IN_HANDLING).first()
    page.goto(f"{portal_url}/admin/requests/{request.pk}/")
    choices = page.locator("ul.gk-step-choices")
    assert choices.get_by_role("link", name="答复", exact=True).is_visible()
    # No step's form until one is chosen; then only that one.
    assert page.locator("section.gk-step").count() == 0
    assert _english(page) == [] and axe_violations(page) == []
    choices.get_by_role("link", name="答复", exact=True).click()
    section = page.locator("section.gk-step")
    section.get_by_role("heading", name="答复", exact=True).wait_for()
    assert section.count() == 1
    assert section.get_by_role("button", name="答复", exact=True).is_visible()
    assert page.get_by_role("button", name="延期答复").count() == 0
    assert _english(page) == [] and axe_violations(page) == []
