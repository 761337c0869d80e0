"""Response headers: a Content-Security-Policy on every page that the portal and the admin pass
(core/csp.py; the browser tests check it in chromium), and ``check --deploy`` clean with the
production settings over HTTPS."""

from __future__ import annotations

import hashlib
import inspect
import os
import re
import subprocess
import sys

import pytest
from wagtail.admin.widgets.chooser import BaseChooser

from gongkai.core.domain.roles import Role

CSP = "Content-Security-Policy"


def directives(response) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in response[CSP].split(";"))}


@pytest.mark.parametrize("path", ["/xxgk/", "/search/?q=低保", "/ysqgk/C/apply/", "/no-such-page/"])
def test_portal_pages_allow_only_this_site_s_scripts(client, unit_tree, path):
    response = client.get(path)
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert "<script>" not in response.content.decode()


def test_admin_inline_scripts_carry_the_nonce_of_their_response(client, make_user, unit_tree):
    client.force_login(make_user("editor", (Role.EDITOR, unit_tree["county"])))
    nonces = set()
    for _ in range(2):
        response = client.get("/admin/official-documents/add/")
        (source,) = [s for s in directives(response)["script-src"] if s.startswith("'nonce-")]
        nonce = source.removeprefix("'nonce-").removesuffix("'")
        html = response.content.decode()
        inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
        assert inline, "the document form has inline widget scripts"
        assert all(
            f'nonce="{nonce}"' in attributes or 'type="application/json"' in attributes
            for attributes in inline
        ), inline
        nonces.add(nonce)
    assert len(nonces) == 2  # a new nonce for every response


def test_the_chooser_patch_follows_wagtail_s_own_render():
    # core/csp.py repeats BaseChooser.render with the nonce added: a Wagtail upgrade that
    # changes the original must be looked at.
    original = inspect.getsource(BaseChooser.render.__wrapped__)
    assert hashlib.sha256(original.encode()).hexdigest() == (
        "b46a0fb559c849acc719120895488ba6dabd67627a156081f6765e8194f6f93d"
    )


def _check_deploy(tmp_path, **env) -> subprocess.CompletedProcess:
    # The browser tests allow Django's sync calls from Playwright's event loop in this process;
    # a deployment never does.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "check", "--deploy"],
        env={
            **inherited,
            "GONGKAI_DATA_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "gongkai.settings.production",
            **env,
        },
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_over_https(tmp_path):
    result = _check_deploy(tmp_path, GONGKAI_HTTPS="1")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_check_deploy_over_plain_http_names_only_what_https_would_fix(tmp_path):
    result = _check_deploy(tmp_path)
    warnings = set(re.findall(r"security\.W\d+", result.stdout + result.stderr))
    assert warnings == {"security.W004", "security.W008", "security.W012", "security.W016"}
