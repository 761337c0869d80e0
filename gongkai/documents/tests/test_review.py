"""每年复核: the queue of withheld documents, keeping or converting their attribute, Art. 44."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.documents import selectors
from gongkai.documents.ledger import LedgerStatus, build_ledger, ledger_documents, review_queue
from gongkai.documents.models import OfficialDocument
from gongkai.documents.selectors import public_documents
from gongkai.documents.services import document_create, document_review_attribute

TODAY = date(2025, 12, 1)
NOW = "2025-12-01 10:00 +08:00"


def withheld(unit, title, written_on, disclosure="on_request", **fields):
    return document_create(
        actor=None,
        unit=unit,
        title=title,
        written_on=written_on,
        disclosure=disclosure,
        withholding_ground="process_info",
        withholding_reason="内部请示",
        **fields,
    )


def reviewed(document, on):
    OfficialDocument.objects.filter(pk=document.pk).update(last_reviewed_on=on)
    return document


def titles(items):
    return [item.document.title for item in items]


def test_queue_holds_documents_a_year_old_and_not_reviewed_within_the_year(unit_tree):
    town = unit_tree["town_a"]
    withheld(town, "两年前依申请", date(2023, 5, 4))
    withheld(town, "满一年不予公开", date(2024, 12, 1), disclosure="not_disclosed")
    withheld(town, "未满一年", date(2024, 12, 2))
    reviewed(withheld(town, "今年已复核", date(2022, 3, 1)), date(2025, 3, 1))
    reviewed(withheld(town, "去年复核过", date(2022, 3, 1)), date(2024, 11, 30))
    document_create(
        actor=None, unit=town, title="主动公开", written_on=date(2023, 1, 5), disclosure="proactive"
    )
    withheld(unit_tree["village_a"], "下级单位的", date(2023, 1, 5))
    withheld(unit_tree["town_b"], "别的乡镇的", date(2023, 1, 5))
    assert titles(review_queue(town, TODAY)) == ["去年复核过", "两年前依申请", "满一年不予公开"]


def test_keeping_the_attribute_records_the_review(unit_tree, make_user):
    doc = withheld(unit_tree["town_a"], "内部请示", date(2023, 5, 4))
    editor = make_user("ed", (Role.EDITOR, unit_tree["town_a"]))
    with pytest.raises(DomainError, match="请写明复核意见"):
        document_review_attribute(actor=editor, document=doc, keep=True, note="  ")
    document_review_attribute(
        actor=editor, document=doc, keep=True, note="仍属过程性信息", reviewed_on=TODAY
    )
    doc.refresh_from_db()
    assert doc.disclosure == "on_request" and doc.last_reviewed_on == TODAY
    entry = AuditEntry.objects.get(action="document.review_attribute")
    assert entry.changes == {
        "decision": "keep",
        "disclosure": ["on_request", "on_request"],
        "note": "仍属过程性信息",
        "reviewed_on": "2025-12-01",
    }
    assert entry.actor == editor and entry.unit == unit_tree["town_a"]
    assert review_queue(unit_tree["town_a"], TODAY) == []
    # A year later it is due again.
    assert titles(review_queue(unit_tree["town_a"], date(2026, 12, 1))) == ["内部请示"]


def test_converting_makes_it_due_in_the_ledger_from_the_review_date(unit_tree, make_user):
    doc = withheld(unit_tree["town_a"], "可以公开了", date(2023, 5, 4))
    editor = make_user("ed", (Role.EDITOR, unit_tree["town_a"]))
    document_review_attribute(
        actor=editor, document=doc, keep=False, note="情况已变化，可以公开", reviewed_on=TODAY
    )
    doc.refresh_from_db()
    assert doc.disclosure == "proactive"
    assert (doc.withholding_ground, doc.withholding_reason) == ("", "")
    assert doc.last_reviewed_on == TODAY and not doc.live
    assert [e.action for e in AuditEntry.objects.order_by("seq")][-2:] == [
        "document.update",
        "document.review_attribute",
    ]
    assert review_queue(unit_tree["town_a"], TODAY) == []

    root = make_user("root", superuser=True)
    ledger = build_ledger(ledger_documents(root, unit_tree["town_a"], year=2025), today=TODAY)
    (row,) = ledger.rows
    # 20 working days from Monday 1 December 2025, not from the written date of 2023.
    assert row.deadline.due == date(2025, 12, 29)
    assert row.timeliness.status == LedgerStatus.PENDING
    assert row.remarks == "2025-12-01经复核转为主动公开，自该日起算"
    assert not build_ledger(
        ledger_documents(root, unit_tree["town_a"], year=2023), today=TODAY
    ).rows


def test_a_live_withheld_document_is_not_published_by_converting_it(unit_tree):
    doc = withheld(unit_tree["town_a"], "已签发的依申请公开文件", date(2023, 5, 4))
    # A finished approval workflow leaves the register's record live.
    doc.save_revision().publish()
    document_review_attribute(actor=None, document=doc, keep=False, note="可以公开")
    doc.refresh_from_db()
    assert doc.disclosure == "proactive" and not doc.live
    assert not public_documents().exists()


def test_review_refusals(unit_tree, make_user):
    doc = withheld(unit_tree["town_a"], "内部请示", date(2023, 5, 4))
    other_editor = make_user("eb", (Role.EDITOR, unit_tree["town_b"]))
    reviewer = make_user("rv", (Role.REVIEWER, unit_tree["town_a"]))
    for actor in (other_editor, reviewer):
        with pytest.raises(PermissionDeniedError):
            document_review_attribute(actor=actor, document=doc, keep=True, note="保持")
    proactive = document_create(
        actor=None,
        unit=unit_tree["town_a"],
        title="主动",
        written_on=date(2023, 5, 4),
        disclosure="proactive",
    )
    with pytest.raises(DomainError, match="只有依申请公开、不予公开的公文需要复核"):
        document_review_attribute(actor=None, document=proactive, keep=True, note="保持")
    assert not AuditEntry.objects.filter(action="document.review_attribute").exists()
    assert OfficialDocument.objects.get(pk=doc.pk).disclosure == "on_request"


def test_documents_many_applicants_asked_for_are_flagged_first(unit_tree, monkeypatch, settings):
    town = unit_tree["town_a"]
    asked_often = withheld(town, "三人申请", date(2023, 8, 1))
    asked_twice = withheld(town, "两人申请", date(2023, 5, 1))
    refused = withheld(town, "不予公开五人申请", date(2023, 1, 1), disclosure="not_disclosed")
    withheld(town, "无人申请", date(2023, 2, 1))
    monkeypatch.setattr(
        selectors,
        "distinct_requesters_by_document",
        lambda: {asked_often.pk: 3, asked_twice.pk: 2, refused.pk: 5},
    )
    items = review_queue(town, TODAY)
    assert [(item.document.title, item.requesters, item.art44) for item in items] == [
        ("三人申请", 3, True),
        ("不予公开五人申请", 5, False),  # Art. 44 covers information that may be disclosed
        ("无人申请", 0, False),
        ("两人申请", 2, False),
    ]
    settings.GONGKAI_ART44_APPLICANTS = 2
    assert [item.document.title for item in review_queue(town, TODAY) if item.art44] == [
        "两人申请",
        "三人申请",
    ]


@time_machine.travel(NOW)
def test_review_screen_and_both_actions(unit_tree, make_user, client, monkeypatch):
    town = unit_tree["town_a"]
    keep = withheld(town, "保持不公开", date(2023, 5, 4))
    convert = withheld(town, "转为主动公开", date(2023, 6, 4))
    withheld(unit_tree["town_b"], "乙乡的文件", date(2023, 6, 4))
    monkeypatch.setattr(selectors, "distinct_requesters_by_document", lambda: {convert.pk: 4})
    client.force_login(make_user("ed", (Role.EDITOR, town)))
    url = reverse("documents_yearly_review")

    page = client.get(url).content.decode()
    assert "保持不公开" in page and "转为主动公开" in page and "乙乡的文件" not in page
    assert "建议转为主动公开" in page and "过程性信息" in page

    decide = reverse("documents_yearly_review_decide", args=[keep.pk])
    response = client.post(decide, {"decision": "keep", "note": ""}, follow=True)
    assert "未复核：请写明复核意见" in response.content.decode()
    response = client.post(decide, {"decision": "keep", "note": "仍属内部信息"}, follow=True)
    assert "保持原公开属性" in response.content.decode()
    decide = reverse("documents_yearly_review_decide", args=[convert.pk])
    response = client.post(decide, {"decision": "convert", "note": "多人申请"}, follow=True)
    page = response.content.decode()
    assert "请在20个工作日内审核发布" in page and "没有需要复核的文件" in page
    assert OfficialDocument.objects.get(pk=convert.pk).disclosure == "proactive"
    assert AuditEntry.objects.filter(action="document.review_attribute").count() == 2


@time_machine.travel(NOW)
def test_review_of_another_townships_document_is_not_found(unit_tree, make_user, client):
    other = withheld(unit_tree["town_b"], "乙乡的文件", date(2023, 6, 4))
    client.force_login(make_user("ed", (Role.EDITOR, unit_tree["town_a"])))
    url = reverse("documents_yearly_review_decide", args=[other.pk])
    assert client.post(url, {"decision": "convert", "note": "x"}).status_code == 404
    assert OfficialDocument.objects.get(pk=other.pk).disclosure == "on_request"
    page = client.get(reverse("documents_yearly_review"), {"unit": other.unit_id}).content.decode()
    assert "选择一个有效的选项" in page and "乙乡的文件" not in page


@time_machine.travel(NOW)
def test_staff_who_may_not_edit_see_the_queue_without_actions(unit_tree, make_user, client):
    withheld(unit_tree["town_a"], "内部请示", date(2023, 5, 4))
    client.force_login(make_user("aud", (Role.AUDITOR, unit_tree["county"])))
    page = client.get(
        reverse("documents_yearly_review"), {"unit": unit_tree["town_a"].pk}
    ).content.decode()
    assert "内部请示" in page and "由录入人员或管理员复核" in page
    assert 'name="decision"' not in page
