"""A form body in another encoding than UTF-8, or one that cannot be split into fields, gets the
Chinese 400 page and changes nothing (core/middleware.py)."""

from __future__ import annotations

import logging

import pytest

from gongkai.requests.models import DisclosureRequest

APPLY = "/ysqgk/C/apply/"
GB2312_FORM = "application/x-www-form-urlencoded; charset=gb2312"


@pytest.fixture
def county(unit_tree):
    return unit_tree["county"]


BODIES = [
    (GB2312_FORM, "name=张三&description=申请公开".encode("gb2312")),
    (GB2312_FORM, b"name=%FF%FF%FF"),
    ("application/x-www-form-urlencoded; charset=big5", "name=張三".encode("big5")),
    ("application/x-www-form-urlencoded; charset=no-such-charset", b"name=x"),
    ("multipart/form-data; boundary=XX; charset=gb2312", b"--XX--\r\n"),
    ("multipart/form-data", b"garbage"),
    ("multipart/form-data; boundary=", b"garbage"),
]


@pytest.mark.parametrize(("content_type", "body"), BODIES)
@pytest.mark.parametrize("path", [APPLY, "/ysqgk/track/", "/admin/login/", "/xxgk/"])
def test_an_unreadable_body_gets_the_chinese_400_page(
    client, county, content_type, body, path, caplog
):
    client.get(path)  # a CSRF cookie, as a browser would have
    with caplog.at_level(logging.WARNING):
        response = client.generic("POST", path, body, content_type=content_type)
    assert response.status_code == 400
    html = response.content.decode()
    assert "无法处理的请求" in html and "未作任何处理" in html
    assert DisclosureRequest.objects.count() == 0
    assert not [r for r in caplog.records if r.exc_info]  # no traceback in the log


@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8"],
)
def test_utf8_forms_reach_the_view(client, county, content_type):
    client.get("/ysqgk/track/")
    token = client.cookies["csrftoken"].value
    body = f"csrfmiddlewaretoken={token}&tracking_no=C-2025-0001&code=ABCDEFGH"
    response = client.generic("POST", "/ysqgk/track/", body.encode(), content_type=content_type)
    html = response.content.decode()
    assert "无法处理的请求" not in html and "申请编号或查询码不正确" in html
