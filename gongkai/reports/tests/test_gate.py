"""The publication gate on annual reports: the text sections are warned about while the report
is a draft, refuse publication (nothing changes), can be masked in one click, and pass with a
reviewer's exception for the number."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.documents.gate import publication_exception_create
from gongkai.reports import services
from gongkai.reports.models import AnnualReport, ReportState
from gongkai.search.models import SearchEntry

MOBILE = "13800138000"


@pytest.fixture
def draft(unit_tree, people):
    report = services.report_create(actor=people["editor"], unit=unit_tree["finance"], year=2025)
    return services.report_update_text(
        actor=people["editor"],
        report=report,
        overview="2025年，本局认真落实政务公开工作。",
        problems="个别公开内容含有联系人手机（138 0013 8000），已整改。",
        other_matters="2025年，本局未收取信息处理费。",
    )


def test_personal_data_in_a_section_refuses_publication_and_changes_nothing(draft, people):
    audit_before = AuditEntry.objects.count()
    label = "五、存在的主要问题及改进情况中有疑似个人信息：138 **** 8000"
    with pytest.raises(DomainError, match=re.escape(f"不能公布：{label}")):
        services.report_publish(actor=people["leader"], report=draft)
    draft.refresh_from_db()
    assert draft.state == ReportState.DRAFT and draft.snapshot is None
    assert AuditEntry.objects.count() == audit_before
    assert not SearchEntry.objects.filter(kind="annualreport").exists()


def test_redaction_masks_the_sections_and_then_it_publishes(draft, people):
    assert services.report_redact(actor=people["editor"], report=draft) == 1
    draft.refresh_from_db()
    assert "138 **** 8000" in draft.problems and MOBILE[3:7] not in draft.problems
    entry = AuditEntry.objects.get(action="report.redact")
    assert entry.changes == {"masked": 1, "sections": {"五、存在的主要问题及改进情况": 1}}
    with pytest.raises(DomainError, match="没有可以自动脱敏"):
        services.report_redact(actor=people["editor"], report=draft)
    assert services.report_publish(actor=people["leader"], report=draft).is_published


def test_an_exception_lets_the_number_be_published(unit_tree, draft, people, make_user):
    reviewer = make_user("reviewer", (Role.REVIEWER, unit_tree["county"]))
    publication_exception_create(
        actor=reviewer, unit=unit_tree["county"], number=MOBILE, reason="公开的咨询电话"
    )
    report = services.report_publish(actor=people["leader"], report=draft)
    assert report.is_published and "138 0013 8000" in report.problems


def test_the_draft_page_warns_and_offers_redaction(draft, people, client):
    client.force_login(people["editor"])
    url = reverse("annual_reports:report", args=[draft.pk])
    html = client.get(url).content.decode()
    assert "发布前检查：五、存在的主要问题及改进情况中有疑似个人信息：138 **** 8000" in html
    assert 'value="redact"' in html
    response = client.post(url, {"form": "redact"}, follow=True)
    assert "已将 1 处个人信息替换为掩码" in response.content.decode()
    assert "发布前检查" not in client.get(url).content.decode()
    assert AnnualReport.objects.get(pk=draft.pk).problems.count("*") == 4
