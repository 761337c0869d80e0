"""The 开放接口密钥 screen: platform administrators make a key (shown once) and stop it."""

from __future__ import annotations

import pytest

from gongkai.api.models import ApiKey
from gongkai.core.domain.roles import Role

pytestmark = pytest.mark.django_db


def test_administrator_makes_and_stops_a_key(client, make_user, unit_tree):
    client.force_login(make_user("keys", (Role.ADMINISTRATOR, unit_tree["county"])))
    page = client.get("/admin/api_keys/")
    assert page.status_code == 200 and "还没有接口密钥" in page.content.decode()
    made = client.post(
        "/admin/api_keys/", {"name": "市政务数据平台", "contact": "王工", "hourly_limit": "5000"}
    )
    key = ApiKey.objects.get()
    body = made.content.decode()
    assert "请立即复制" in body and key.prefix in body and key.hourly_limit == 5000
    assert "请立即复制" not in client.get("/admin/api_keys/").content.decode()
    bad = client.post("/admin/api_keys/", {"name": "", "hourly_limit": "0"})
    assert bad.status_code == 200 and ApiKey.objects.count() == 1
    client.post("/admin/api_keys/", {"revoke": str(key.pk)})
    key.refresh_from_db()
    assert key.revoked_at is not None


def test_others_are_refused(client, make_user, unit_tree):
    client.force_login(make_user("town", (Role.ADMINISTRATOR, unit_tree["town_a"])))
    # Wagtail answers a refused admin page with a redirect to the dashboard.
    assert client.get("/admin/api_keys/").status_code in (302, 403)
    client.force_login(make_user("editor", (Role.EDITOR, unit_tree["county"])))
    assert client.get("/admin/api_keys/").status_code in (302, 403)
    assert client.post("/admin/api_keys/", {"name": "x", "hourly_limit": "5"}).status_code in (
        302,
        403,
    )
    assert not ApiKey.objects.exists()
