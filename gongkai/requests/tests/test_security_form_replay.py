"""The application form's one-time key is bound to the browser that was handed the form
(core/form_tokens.py): a form copied or replayed from elsewhere gets a new
form, never the applicant's tracking number, private code or tracking session."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from gongkai.core.form_tokens import browser_binding, new_form_token, read_form_token
from gongkai.requests.models import DisclosureRequest
from gongkai.requests.public.forms import FORM_TOKEN_SALT

from .test_public import APPLY, DONE, STATUS, TRACK, form_token, submit


@pytest.fixture(autouse=True)
def public_settings(settings, tmp_path):
    settings.GONGKAI_RATELIMIT_DIR = str(tmp_path / "ratelimit")
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0


@pytest.fixture
def county(unit_tree):
    return unit_tree["county"]


def test_form_replayed_from_another_browser_gets_a_new_form_not_the_application(county, client):
    token = form_token(client)
    assert submit(client, token=token).status_code == 303
    code = re.search(r'class="code">([A-Z0-9]+)<', client.get(DONE).content.decode()).group(1)
    request = DisclosureRequest.objects.get()
    other = Client()
    form_token(other)  # its own CSRF cookie and form
    replay = submit(other, token=token)
    html = replay.content.decode()
    assert replay.status_code == 400 and "不是在本浏览器中打开的" in html
    assert code not in html and request.tracking_no not in html
    assert re.search(r'name="form_token" value="([^"]+)"', html).group(1) != token
    # Nothing of the applicant's reached the other browser's session.
    assert other.get(DONE)["Location"] == APPLY
    assert other.get(STATUS)["Location"] == TRACK
    assert DisclosureRequest.objects.count() == 1


def test_a_token_says_which_browser_it_was_handed_to(rf):
    request = rf.get(APPLY)
    browser = browser_binding(request)
    token = read_form_token(new_form_token(browser, salt=FORM_TOKEN_SALT), salt=FORM_TOKEN_SALT)
    assert token.browser == browser
    assert browser_binding(rf.get(APPLY)) != browser  # another browser, another cookie
