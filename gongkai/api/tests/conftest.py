"""Records of every kind, public and not, made by each app's own isolation records, and a
client that reads the API."""

from __future__ import annotations

import importlib
import json
from datetime import date

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from gongkai.catalog.models import Area
from gongkai.catalog.services import catalog_item_create, catalog_item_drop
from gongkai.core.demo import DemoContext
from gongkai.core.services import unit_create, unit_update
from gongkai.documents.services import (
    document_create,
    document_publish,
    document_unpublish,
    interpretation_create,
)
from gongkai.gazette.models import GazetteArticle, GazetteIssue, IssueStatus
from gongkai.portal import demo as portal_demo
from gongkai.reports.services import report_create, report_publish, report_update_text

MARKER = "ZZAPI"
TODAY = date(2025, 6, 16)


@pytest.fixture(autouse=True)
def api_settings(settings, tmp_path):
    settings.GONGKAI_RATELIMIT_DIR = tmp_path / "ratelimit"
    settings.GONGKAI_API_DUMP_DIR = tmp_path / "dumps"
    settings.BASE_URL = "https://gk.example.invalid"
    cache.clear()
    yield settings
    cache.clear()


def publish(unit, title: str, **fields):
    document = document_create(
        actor=None,
        unit=unit,
        title=title,
        written_on=fields.pop("written_on", date(2025, 3, 3)),
        disclosure="proactive",
        **fields,
    )
    return document_publish(actor=None, document=document)


@pytest.fixture
def records(unit_tree):
    """The portal, each app's isolation records in the township 乙乡 (public ones and records
    the public must never see), a few public documents elsewhere, and explicit non-public
    documents: a draft, a withdrawn one, one withheld, and an inactive unit."""
    with time_machine.travel(TODAY, tick=False):
        portal_demo.load(DemoContext())
        platform = get_user_model().objects.create_superuser("platform", "p@example.invalid")
        for config in apps.get_app_configs():
            if config.name.startswith("gongkai."):
                try:
                    module = importlib.import_module(f"{config.name}.tests.isolation_records")
                except ModuleNotFoundError:
                    continue
                module.make_records(unit=unit_tree["town_b"], marker=MARKER, actor=platform)
        policy = document_create(
            actor=None,
            unit=unit_tree["county"],
            title="县政府关于印发示范办法的通知",
            written_on=date(2025, 3, 3),
            disclosure="proactive",
            kind="normative",
            is_policy_document=True,
        )
        interpretation_create(
            actor=None, document=policy, title="示范办法政策解读", form="text", body="<p>解读</p>"
        )
        made = {
            "county": document_publish(actor=None, document=policy),
            "office": publish(unit_tree["office"], "县政府办公室关于做好防汛工作的通知"),
            "village": publish(unit_tree["village_a"], "甲镇一村村务公开"),
        }
        made["draft"] = document_create(
            actor=None,
            unit=unit_tree["town_a"],
            title=f"{MARKER}草稿文件",
            written_on=date(2025, 3, 3),
            disclosure="proactive",
        )
        withdrawn = publish(unit_tree["town_a"], f"{MARKER}已撤回文件")
        made["withdrawn"] = document_unpublish(actor=None, document=withdrawn, reason="测试撤回")
        made["withheld"] = document_create(
            actor=None,
            unit=unit_tree["finance"],
            title=f"{MARKER}不予公开文件",
            written_on=date(2025, 3, 3),
            disclosure="on_request",
        )
        report = report_create(actor=None, unit=unit_tree["county"], year=2024)
        report = report_update_text(
            actor=None,
            report=report,
            overview="全年主动公开政府信息。",
            problems="公开质量有待提高。",
            other_matters="本年度未收取信息处理费。",
        )
        made["report"] = report_publish(actor=None, report=report)
        area = Area.objects.order_by("pk").first()
        dropped = catalog_item_create(
            actor=None, unit=unit_tree["finance"], area=area, name=f"{MARKER}删减事项"
        )
        made["dropped"] = catalog_item_drop(actor=None, item=dropped, reason="测试删减")
        # Published directly (publishing builds the PDF edition, which the walk need not see);
        # the isolation records' issue in 乙乡 stays a draft.
        made["gazette"] = GazetteIssue.objects.create(
            unit=unit_tree["county"],
            year=2025,
            number=1,
            total_number=1,
            issue_date=date(2025, 5, 15),
            status=IssueStatus.PUBLISHED,
            published_at=timezone.now(),
        )
        GazetteArticle.objects.create(
            issue=made["gazette"], section="normative", title="县政府关于印发示范办法的通知"
        )
        inactive = unit_create(
            actor=None, parent=unit_tree["county"], code="X-OLD", name="已撤销单位", kind="other"
        )
        made["inactive"] = unit_update(actor=None, unit=inactive, is_active=False)
    return {**unit_tree, **made}


class Api:
    def __init__(self) -> None:
        self.client = Client(HTTP_HOST="127.0.0.1")

    def get(self, url: str, **headers):
        return self.client.get(url, headers=headers)

    def json(self, url: str, **headers):
        response = self.get(url, **headers)
        assert response.status_code == 200, (url, response.content.decode())
        return json.loads(response.content)

    def walk(self, url: str) -> list[dict]:
        """Every record of a list, following ``next``."""
        items: list[dict] = []
        while url:
            page = self.json(url)
            items.extend(page["items"])
            url = page["next"] and page["next"].removeprefix("https://gk.example.invalid")
        return items


@pytest.fixture
def api() -> Api:
    return Api()
