"""The back office speaks Chinese (issue 21): every admin page a demo role reaches, and the
login page, shows no English interface word.

English came from Wagtail's zh_Hans catalogue, which leaves a third of Wagtail's messages
untranslated (filled by ``gongkai/locale/zh_Hans``), from texts Wagtail writes without gettext
(overridden templates in ``core/templates/wagtailadmin``) and from values shown as Python
writes them ("True", "None"). The walk follows links from the dashboard and the menu, and
requests every admin route that names no record, as each role of the demo.
"""

from __future__ import annotations

import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import resolve

from gongkai.core import demo

from .admin_walk import english_words, read_page, walk_admin

# Wagtail's group and workflow editors, for superusers only (the platform grants access by its
# own roles and runs one fixed workflow): the first lists Django permissions by the English
# names stored when the tables were made, both label a chooser with its field's name ("Page").
NOT_CHECKED = ("wagtailusers_groups:", "wagtailadmin_workflows:")


def _checked(url: str) -> bool:
    name = resolve(url.split("?")[0])
    return not f"{name.namespace}:{name.url_name}".startswith(NOT_CHECKED)


@pytest.mark.django_db
def test_no_admin_page_shows_english_to_any_demo_role():
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    # One account per role (the demo's township editor repeats the county editor's role),
    # and the platform administrator, who sees every screen.
    usernames, roles = ["admin"], set()
    for username, _name, role, _unit in demo.USERS:
        if role not in roles:
            roles.add(role)
            usernames.append(username)
    found, walked = [], 0
    for username in usernames:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        # Wagtail's own screens (images, pages, reports…) say the same to everyone: the
        # platform administrator's walk reads them; each role walks what depends on roles.
        for url, status, english in walk_admin(client, platform_only=username != "admin"):
            walked += 1
            if status >= 500:
                found.append(f"[{username}] {url} → {status}")
            elif english and _checked(url):
                found += [f"[{username}] {url}: {line[:120]}" for line in english]
    assert walked > 500, "the walk did not reach the admin's pages"
    assert not found, "English on admin pages:\n" + "\n".join(dict.fromkeys(found))


@pytest.mark.django_db
def test_the_login_page_is_chinese_and_branded(client):
    page = client.get("/admin/login/").content.decode()
    texts, _links = read_page(page)
    assert [t for t in texts if english_words(t)] == []
    assert "密码" in texts and "登录政务公开平台" in texts
    assert "core/brand.svg" in page and "icon-wagtail" not in page
