"""Writes to the document register. Each service checks permission, changes state and records
one audit entry in one transaction; the admin screens, the workflow tasks and the importer call
these and nothing else."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core.audit import audit_record, diff
from gongkai.core.domain.errors import DomainError
from gongkai.core.models import Unit
from gongkai.core.permissions import require

from . import exports
from .domain.attributes import Disclosure, attribute_problems
from .domain.checks import Blocker, TextToCheck, publication_blockers
from .domain.doc_number import is_valid_doc_number, normalize_doc_number
from .domain.index_number import DEFAULT_TEMPLATE, format_index_number
from .ledger import LedgerRow
from .models import CheckOverride, DocumentKind, IndexSerial, OfficialDocument, Validity
from .text import attachment_texts, body_text

EDITABLE_FIELDS = (
    "doc_number",
    "title",
    "recipients",
    "cc",
    "written_on",
    "printed_on",
    "signer",
    "urgency",
    "secrecy",
    "kind",
    "subject_class",
    "summary",
    "body",
    "disclosure",
    "withholding_ground",
    "withholding_reason",
    "is_policy_document",
    "validity",
    "valid_from",
    "valid_until",
)


def _index_template() -> str:
    return getattr(settings, "GONGKAI_INDEX_NUMBER_TEMPLATE", DEFAULT_TEMPLATE)


def allocate_index_number(unit: Unit, year: int) -> str:
    """The next serial of the unit's year; the row lock makes two writers get two numbers."""
    serial, _ = IndexSerial.objects.select_for_update().get_or_create(unit=unit, year=year)
    serial.last += 1
    serial.save(update_fields=["last"])
    return format_index_number(
        _index_template(), unit_code=unit.code, year=year, serial=serial.last
    )


def _snapshot(document: OfficialDocument) -> dict[str, Any]:
    return {name: getattr(document, name) for name in EDITABLE_FIELDS}


def _clean(document: OfficialDocument) -> None:
    if document.doc_number:
        document.doc_number = normalize_doc_number(document.doc_number)
        if not is_valid_doc_number(document.doc_number):
            raise DomainError(
                f"发文字号“{document.doc_number}”格式不正确：应为机关代字 + 〔年份〕 + 不编虚位的序号 + 号，"
                "如“甘政办发〔2020〕83号”。"
            )
    if document.needs_validity and not document.validity:
        document.validity = Validity.IN_FORCE
    if not document.needs_validity:
        document.validity = ""
    if document.valid_from and document.valid_until and document.valid_until < document.valid_from:
        raise DomainError("有效期至不能早于施行日期。")
    if document.disclosure == Disclosure.PROACTIVE:
        document.withholding_ground = ""
    try:
        document.full_clean(exclude=["index_number", "co_issuers"])
    except ValidationError as error:
        raise DomainError(
            "；".join(
                f"{OfficialDocument._meta.get_field(f).verbose_name}：{'；'.join(m)}"
                if f != "__all__"
                else "；".join(m)
                for f, m in error.message_dict.items()
            )
        ) from error


@transaction.atomic
def document_create(
    *, actor, unit: Unit, co_issuers: list[Unit] | None = None, **fields: Any
) -> OfficialDocument:
    """Register a document (as a draft) with a fresh index number."""
    if actor is not None:
        require(actor, "document.edit", unit)
    document = OfficialDocument(unit=unit, created_by=actor, live=False, **fields)
    _clean(document)
    document.index_number = allocate_index_number(unit, document.written_on.year)
    document.save()
    if co_issuers:
        document.co_issuers.set(co_issuers)
    document.save_revision(user=actor, log_action=False)
    audit_record(
        actor=actor, action="document.create", obj=document, changes=_snapshot(document), unit=unit
    )
    return document


@transaction.atomic
def document_update(*, actor, document: OfficialDocument, **fields: Any) -> OfficialDocument:
    document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    if actor is not None:
        require(actor, "document.edit", document.unit)
    before = _snapshot(document)
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise TypeError(f"document_update got an unknown field {name!r}")
        setattr(document, name, value)
    _clean(document)
    document.save()
    changes = diff(before, _snapshot(document))
    if changes:
        document.save_revision(user=actor, log_action=False)
        audit_record(
            actor=actor, action="document.update", obj=document, changes=changes, unit=document.unit
        )
    return document


def submission_problems(document: OfficialDocument) -> list[str]:
    """Why the document cannot go to sign-off yet (先确定公开属性、再运转呈签; 同步审签)."""
    problems = attribute_problems(
        document.disclosure,
        document.withholding_ground,
        document.withholding_reason,
        document.secrecy,
    )
    if document.is_policy_document and not document.interpretations.exists():
        problems.append("政策性文件须附政策解读稿后才能呈签（同步组织、同步审签）。")
    return problems


def blockers_for(document: OfficialDocument) -> list[Blocker]:
    overridden = frozenset(document.check_overrides.values_list("kind", flat=True))
    texts = [TextToCheck("正文", body_text(document))] + [
        TextToCheck(f"附件“{name}”", text) for name, text in attachment_texts(document)
    ]
    return publication_blockers(
        disclosure=document.disclosure,
        is_policy_document=document.is_policy_document,
        has_interpretation=document.interpretations.exists(),
        texts=texts,
        overridden=overridden,
    )


@transaction.atomic
def document_override_check(
    *, actor, document: OfficialDocument, kind: str, reason: str
) -> CheckOverride:
    """A reviewer publishes despite an overridable blocker, and says why."""
    if actor is not None:
        require(actor, "document.override_check", document.unit)
    blocker = next((b for b in blockers_for(document) if b.kind == kind), None)
    if blocker is None:
        raise DomainError("该检查项目前没有问题，无需例外处理。")
    if not blocker.overridable:
        raise DomainError(f"该检查项不能例外处理：{blocker.message}")
    if not reason.strip():
        raise DomainError("例外发布须写明理由。")
    override = CheckOverride.objects.create(document=document, kind=kind, reason=reason, by=actor)
    audit_record(
        actor=actor,
        action="document.override_check",
        obj=document,
        changes={"kind": kind, "reason": reason},
        unit=document.unit,
    )
    return override


@transaction.atomic
def document_publish(
    *, actor, document: OfficialDocument, published_on: date | None = None
) -> OfficialDocument:
    """Publish on the portal after the checks; ``published_on`` backdates historical imports."""
    document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    if actor is not None:
        require(actor, "document.publish", document.unit)
    blockers = blockers_for(document)
    if blockers:
        raise DomainError("不能发布：" + "；".join(b.message for b in blockers))
    revision = document.latest_revision or document.save_revision(user=actor, log_action=False)
    revision.publish(user=actor, log_action=False)
    document.refresh_from_db()
    document.published_on = published_on or timezone.localdate()
    document.save(update_fields=["published_on"])
    for interpretation in document.interpretations.filter(live=False):
        _publish_interpretation(interpretation, actor, document.published_on)
    audit_record(
        actor=actor,
        action="document.publish",
        obj=document,
        changes={"published_on": document.published_on},
        unit=document.unit,
    )
    return document


def _publish_interpretation(interpretation, actor, published_on: date) -> None:
    # Published together with the document (同步部署).
    revision = interpretation.latest_revision or interpretation.save_revision(
        user=actor, log_action=False
    )
    revision.publish(user=actor, log_action=False)
    interpretation.refresh_from_db()
    interpretation.published_on = published_on
    interpretation.save(update_fields=["published_on"])


@transaction.atomic
def document_unpublish(*, actor, document: OfficialDocument, reason: str) -> OfficialDocument:
    document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    if actor is not None:
        require(actor, "document.publish", document.unit)
    if not reason.strip():
        raise DomainError("撤下已公开的公文须写明理由。")
    document.unpublish(user=actor, log_action=False)
    audit_record(
        actor=actor,
        action="document.unpublish",
        obj=document,
        changes={"reason": reason},
        unit=document.unit,
    )
    return document


@transaction.atomic
def document_set_validity(
    *,
    actor,
    document: OfficialDocument,
    validity: str,
    changed_on: date,
    replaced_by: OfficialDocument | None = None,
) -> OfficialDocument:
    """Record that a rule or normative document was amended, repealed or expired (有效性)."""
    document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    if actor is not None:
        require(actor, "document.edit", document.unit)
    if document.kind == DocumentKind.OTHER:
        raise DomainError("只有规章和行政规范性文件有有效性状态。")
    if validity not in Validity.values:
        raise DomainError(f"有效性“{validity}”无效。")
    if validity in (Validity.AMENDED, Validity.REPEALED) and replaced_by is None:
        raise DomainError("已修改或已废止的文件须关联修改或废止它的文件。")
    if replaced_by is not None and replaced_by.pk == document.pk:
        raise DomainError("文件不能修改或废止它自己。")
    before = {"validity": document.validity, "replaced_by": document.replaced_by_id}
    document.validity = validity
    document.validity_changed_on = changed_on
    document.replaced_by = replaced_by
    document.save(update_fields=["validity", "validity_changed_on", "replaced_by"])
    audit_record(
        actor=actor,
        action="document.set_validity",
        obj=document,
        changes=diff(before, {"validity": validity, "replaced_by": document.replaced_by_id})
        | {"changed_on": changed_on},
        unit=document.unit,
    )
    return document


@transaction.atomic
def document_review_attribute(
    *,
    actor,
    document: OfficialDocument,
    keep: bool,
    note: str,
    reviewed_on: date | None = None,
) -> OfficialDocument:
    """每年复核: keep a 依申请公开 or 不予公开 attribute for another year, or convert the document
    to 主动公开. A converted document is not published here: it goes through `document_publish`
    and its checks like any other, and the ledger counts its 20 working days from the review."""
    document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    if actor is not None:
        require(actor, "document.edit", document.unit)
    if document.disclosure not in (Disclosure.ON_REQUEST, Disclosure.NOT_DISCLOSED):
        raise DomainError("只有依申请公开、不予公开的公文需要复核公开属性。")
    if not note.strip():
        raise DomainError("请写明复核意见。")
    before = document.disclosure
    if not keep:
        if problems := attribute_problems(Disclosure.PROACTIVE, "", "", document.secrecy):
            raise DomainError("不能转为主动公开：" + "；".join(problems))
        if document.live:
            # A signed-off withheld document can be live in the register; once 主动公开 it would
            # be on the portal at once, skipping the checks before publication.
            document.unpublish(user=actor, log_action=False)
        document = document_update(
            actor=actor, document=document, disclosure=Disclosure.PROACTIVE, withholding_reason=""
        )
    document.last_reviewed_on = reviewed_on or timezone.localdate()
    document.save(update_fields=["last_reviewed_on"])
    audit_record(
        actor=actor,
        action="document.review_attribute",
        obj=document,
        changes={
            "decision": "keep" if keep else "convert",
            "disclosure": [before, document.disclosure],
            "note": note.strip(),
            "reviewed_on": document.last_reviewed_on,
        },
        unit=document.unit,
    )
    return document


@transaction.atomic
def ledger_export(
    *, actor, unit: Unit, rows: Sequence[LedgerRow], fmt: str, filters: dict[str, Any]
) -> bytes:
    """The publication ledger of ``unit`` as a file (``fmt``: a key of `exports.FORMATS`).
    Every export is audited: the file carries unpublished documents' titles out of the platform."""
    if actor is not None:
        require(actor, "ledger.view", unit)
    try:
        export_format = exports.FORMATS[fmt]
    except KeyError:
        raise DomainError(
            f"不支持的导出格式：{fmt}（可用：{'、'.join(exports.FORMATS)}）"
        ) from None
    content = export_format.render(rows)
    audit_record(
        actor=actor,
        action="ledger.export",
        obj=unit,
        changes={"format": fmt, "filters": filters, "rows": len(rows)},
        unit=unit,
    )
    return content
