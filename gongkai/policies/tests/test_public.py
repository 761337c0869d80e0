"""The public pages: the list and a policy, the calculator, registration with its protections,
confirmation, the private page and unsubscribing, the new link; and what must never show."""

from __future__ import annotations

import re
from datetime import date

import pytest
import time_machine
from django.test import Client

from gongkai.core.models import QueuedMail
from gongkai.policies import links, services
from gongkai.policies.models import Enterprise

from .test_services import code, fields, mail_text

REGISTER = "/qyzc/zc/"
TODAY = date(2026, 5, 11)


@pytest.fixture(autouse=True)
def public_settings(settings, tmp_path):
    settings.EMAIL_BACKEND = "gongkai.core.mail.QueueingEmailBackend"
    settings.GONGKAI_RATELIMIT_DIR = str(tmp_path / "ratelimit")
    settings.GONGKAI_REQUEST_MIN_FILL_SECONDS = 0
    with time_machine.travel(TODAY, tick=False):
        yield settings


@pytest.fixture
def policies(unit_tree):
    made = {}
    for key, changes in {
        "ALL": {},
        "MFG": {"industries": ["C26"], "contact": "县工信局 0930-7712401"},
        "TB": {"regions": [unit_tree["town_b"]]},
        "OLD": {"valid_to": date(2026, 1, 31)},
    }.items():
        data = services.PolicyInput(title=f"政策{key}", valid_from=date(2026, 1, 1), **changes)
        policy = services.policy_create(actor=None, unit=unit_tree["county"], code=key, data=data)
        made[key] = services.policy_publish(actor=None, policy=policy)
    draft = services.PolicyInput(title="草稿政策", valid_from=date(2026, 1, 1))
    services.policy_create(actor=None, unit=unit_tree["county"], code="DRAFT", data=draft)
    return made


def form_token(client) -> str:
    html = client.get(REGISTER).content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def register_data(client, **changes) -> dict:
    return {
        "uscc": code(7),
        "name": "示范新材料有限公司",
        "industry": "C2641",
        "size": "small",
        "region": "V-A",
        "subject_type": "enterprise",
        "email": "boss@example.com",
        "consent": "on",
        "leave_blank": "",
        "form_token": form_token(client),
        **changes,
    }


def test_list_and_detail_show_published_policies_in_force(client, policies):
    html = client.get("/qyzc/").content.decode()
    assert "政策ALL" in html and "政策MFG" in html
    assert "政策OLD" not in html and "草稿政策" not in html
    assert client.get("/qyzc/DRAFT/").status_code == 404
    detail = client.get("/qyzc/MFG/").content.decode()
    assert "C26" in detail and "县工信局" in detail
    assert "<title>政策MFG - 测试县人民政府 - " in detail


def test_calculator(client, policies):
    html = client.get(
        "/qyzc/jsq/",
        {"industry": "c2641", "size": "small", "region": "V-A", "subject_type": "enterprise"},
    ).content.decode()
    assert "政策ALL" in html and "政策MFG" in html and "政策TB" not in html
    html = client.get("/qyzc/jsq/", {"industry": "C99", "size": "small"}).content.decode()
    assert "大类99不属于门类C" in html and "请选择所在区域" in html
    assert not Enterprise.objects.exists()


def test_register_confirm_and_see_policies(policies):
    client = Client()
    response = client.post(REGISTER, register_data(client))
    assert response.status_code == 303
    assert "boss@example.com" in client.get(response["Location"]).content.decode()
    enterprise = Enterprise.objects.get()
    assert enterprise.confirmed_at is None
    url = re.search(r"http\S+/qyzc/qr/\S+/", mail_text(QueuedMail.objects.get())).group(0)
    path = url.split("://", 1)[1].split("/", 1)[1]
    confirm_page = client.get(f"/{path}")
    assert confirm_page.status_code == 200
    enterprise.refresh_from_db()
    assert enterprise.confirmed_at is None  # opening the link alone confirms nothing
    response = client.post(f"/{path}")
    assert response.status_code == 303
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert "政策ALL" in html and "政策MFG" in html and "政策TB" not in html
    assert "boss@example.com" not in html


def test_register_refusals_change_nothing(client, policies):
    bad = register_data(client, uscc=code(7)[:17] + ("0" if code(7)[17] != "0" else "1"))
    response = client.post(REGISTER, bad)
    assert "校验码不正确" in response.content.decode()
    trap = client.post(REGISTER, register_data(client, leave_blank="x"))
    assert trap.status_code == 400
    other = Client()
    replay = client.post(REGISTER, register_data(other))
    assert replay.status_code == 400
    assert not Enterprise.objects.exists() and not QueuedMail.objects.exists()


def test_register_rate_limit(client, policies, settings):
    settings.GONGKAI_POLICIES_REGISTER_LIMIT = 1
    assert client.post(REGISTER, register_data(client)).status_code == 303
    response = client.post(REGISTER, register_data(client, uscc=code(8)))
    assert response.status_code == 429
    assert Enterprise.objects.count() == 1


def test_private_page_unsubscribe_and_bad_tokens(client, unit_tree, policies):
    enterprise = services.enterprise_create(
        actor=None, fields=fields(1, "T-B"), email="a@example.com"
    )
    path = f"/qyzc/wo/{links.page_token(enterprise)}/"
    html = client.get(path).content.decode()
    assert "政策TB" in html and "a@example.com" not in html
    assert client.post(path, {"subscribed": "0"}).status_code == 303
    enterprise.refresh_from_db()
    assert not enterprise.subscribed
    assert client.get(f"/qyzc/wo/{enterprise.pk}.0:forged/").status_code == 404
    assert client.get("/qyzc/qr/nonsense/").status_code == 200
    assert "无效或已过期" in client.post("/qyzc/qr/nonsense/").content.decode()


def test_new_link_says_the_same_either_way(client, unit_tree):
    enterprise = services.enterprise_create(
        actor=None, fields=fields(1, "T-B"), email="a@example.com"
    )
    wrong = client.post("/qyzc/lj/", {"uscc": enterprise.uscc, "email": "x@example.com"})
    right = client.post("/qyzc/lj/", {"uscc": enterprise.uscc, "email": "a@example.com"})
    assert wrong.content.decode().count("新链接已发往") == right.content.decode().count(
        "新链接已发往"
    )
    assert QueuedMail.objects.get().recipients == ["a@example.com"]
