"""Writes to the document register. Each service checks permission, changes state and records
one audit entry in one transaction; the admin screens, the workflow tasks and the importer call
these and nothing else."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from html import escape, unescape
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.actions.unpublish import UnpublishAction
from wagtail.models import Revision

from gongkai.core.audit import audit_record, diff
from gongkai.core.counters import count_up
from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.personal_data import redact, scan
from gongkai.core.domain.publication_gate import GateResult, NumberKey, number_key
from gongkai.core.models import Unit
from gongkai.core.permissions import can, require
from gongkai.core.validation import full_clean_or_refuse
from gongkai.search.index import sync_object

from . import exports, gate, selectors
from .domain.attributes import Disclosure, attribute_problems
from .domain.checks import Blocker, publication_blockers
from .domain.doc_number import is_valid_doc_number, normalize_doc_number
from .domain.index_number import DEFAULT_TEMPLATE, format_index_number
from .domain.links import LinkEnd, link_problem
from .ledger import LedgerRow
from .models import (
    CheckOverride,
    DocumentAttachment,
    DocumentKind,
    ImplementationLink,
    IndexSerial,
    Interpretation,
    InterpretationForm,
    OfficialDocument,
    Validity,
)
from .preconditions import sign_off_problems
from .text import public_texts

LIVE_DOCUMENT_UNCHANGEABLE = (
    "该公文已签发或发布，不能直接修改；如需更正，请由签发人撤下后修改，再重新呈签。"
)

EDITABLE_FIELDS = (
    "doc_number",
    "title",
    "recipients",
    "cc",
    "written_on",
    "printed_on",
    "signer",
    "urgency",
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
    (serial,) = count_up(IndexSerial, "last", unit_id=unit.pk, year=year)
    return format_index_number(_index_template(), unit_code=unit.code, year=year, serial=serial)


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
    # The unit is not an editable field: the service is given it as a loaded row (and the
    # foreign key constraint holds anyway), so validation need not query it again.
    full_clean_or_refuse(document, exclude=["index_number", "co_issuers", "unit"])


@transaction.atomic
def document_create(
    *,
    actor,
    unit: Unit,
    co_issuers: list[Unit] | None = None,
    first_revision: bool = True,
    **fields: Any,
) -> OfficialDocument:
    """Register a document (as a draft) with a fresh index number.

    ``first_revision=False`` (the importer) registers the draft without a Wagtail revision:
    nothing needs one until the draft is first changed, submitted or published, and
    `ensure_revision` then saves it as it was registered. Saving it here was nearly a third of
    the CPU time of a bulk import (serialisation, two queries for child relations, the
    revision's insert, a second save of the document with its signals and a second full_clean).
    The default leaves the other callers (the admin's create screen, the demo) as they were."""
    if actor is not None:
        require(actor, "document.edit", unit)
    document = OfficialDocument(unit=unit, created_by=actor, live=False, **fields)
    _clean(document)
    document.index_number = allocate_index_number(unit, document.written_on.year)
    if co_issuers:
        # A ParentalManyToManyField is written by the model's own save, not by set().
        document.co_issuers.set(co_issuers)
    document.save()
    if first_revision:
        document.save_revision(user=actor, log_action=False)
    audit_record(
        actor=actor, action="document.create", obj=document, changes=_snapshot(document), unit=unit
    )
    return document


def ensure_revision(document: OfficialDocument) -> Revision:
    """The document's latest revision. A draft registered without one (an import) gets its
    first revision now: the document as stored, dated when and by whom it was registered.

    Call it on the stored document before changing it, and before starting its review (a
    workflow step records the revision it reviews): its revisions then start with what was
    imported, as those of a document registered in the admin start with what was registered."""
    if document.latest_revision_id is not None:
        return document.latest_revision
    # Validated when it was registered; a rule added since must not block the change that fixes it.
    revision = document.save_revision(user=document.created_by, log_action=False, clean=False)
    Revision.objects.filter(pk=revision.pk).update(created_at=document.created_at)
    revision.created_at = document.created_at
    return revision


@transaction.atomic
def document_update(*, actor, document: OfficialDocument, **fields: Any) -> OfficialDocument:
    document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    if actor is not None:
        require(actor, "document.edit", document.unit)
    if document.live:
        # 先审后发: a change to what the public reads goes through sign-off again.
        raise DomainError(LIVE_DOCUMENT_UNCHANGEABLE)
    # Before anything changes: an imported draft's first revision is the document as imported.
    ensure_revision(document)
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
    sync_object(document)
    return document


def submission_problems(document: OfficialDocument) -> list[str]:
    """Why the document cannot go to sign-off yet (先确定公开属性、再运转呈签; 同步审签), and
    what the modules registered in `preconditions` say (a consultation without feedback)."""
    problems = attribute_problems(
        document.disclosure,
        document.withholding_ground,
        document.withholding_reason,
    )
    if document.is_policy_document and not document.interpretations.exists():
        problems.append("政策性文件须附政策解读稿后才能呈签（同步组织、同步审签）。")
    return problems + sign_off_problems(document)


def document_gate(
    document: OfficialDocument, interpretations: Sequence[Interpretation] | None = None
) -> GateResult:
    """The publication gate over every public text of the document and its interpretations
    (`text.public_texts`), with the exceptions recorded for its unit."""
    return gate.check(unit=document.unit, texts=public_texts(document, interpretations))


def blockers_for(document: OfficialDocument) -> list[Blocker]:
    overridden = frozenset(
        document.check_overrides.exclude(kind=gate.PERSONAL_DATA).values_list("kind", flat=True)
    )
    return publication_blockers(
        disclosure=document.disclosure,
        is_policy_document=document.is_policy_document,
        has_interpretation=document.interpretations.exists(),
        personal_data=document_gate(document).blocking,
        overridden=overridden,
    )


@transaction.atomic
def document_override_check(
    *, actor, document: OfficialDocument, kind: str, reason: str
) -> list[CheckOverride]:
    """A reviewer publishes despite an overridable blocker, and says why. For personal data,
    each number found now is recorded as fit to publish for the document's unit (and passes
    wherever that unit publishes it); a number added later blocks again."""
    if actor is not None:
        require(actor, gate.OVERRIDE_ACTION, document.unit)
    blockers = [b for b in blockers_for(document) if b.kind == kind]
    if not blockers:
        raise DomainError("该检查项目前没有问题，无需例外处理。")
    if not blockers[0].overridable:
        raise DomainError(f"该检查项不能例外处理：{blockers[0].message}")
    if not reason.strip():
        raise DomainError("例外发布须写明理由。")
    if kind == gate.PERSONAL_DATA:
        overrides = gate.exceptions_record(
            actor=actor,
            unit=document.unit,
            fields=document_gate(document).blocking,
            reason=reason,
            document=document,
        )
        changes = {"kind": kind, "reason": reason, "numbers": [o.masked for o in overrides]}
    else:
        overrides = [
            CheckOverride.objects.create(
                document=document, unit=document.unit, kind=kind, reason=reason, by=actor
            )
        ]
        changes = {"kind": kind, "reason": reason}
    audit_record(
        actor=actor,
        action="document.override_check",
        obj=document,
        changes=changes,
        unit=document.unit,
    )
    return overrides


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
    document.withheld_at, document.withheld_reason = None, ""
    document.save(update_fields=["published_on", "withheld_at", "withheld_reason"])
    for interpretation in document.interpretations.filter(live=False):
        _publish_interpretation(interpretation, actor, document.published_on)
    audit_record(
        actor=actor,
        action="document.publish",
        obj=document,
        changes={"published_on": document.published_on},
        unit=document.unit,
    )
    sync_object(document)
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


def _unpublish(document: OfficialDocument, actor) -> None:
    # The calling service has checked the gongkai permission; Wagtail's own check asks for its
    # model permission, which staff do not hold.
    UnpublishAction(document, user=actor, log_action=False).execute(skip_permission_checks=True)


@transaction.atomic
def document_unpublish(*, actor, document: OfficialDocument, reason: str) -> OfficialDocument:
    document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    if actor is not None:
        require(actor, "document.publish", document.unit)
    if not reason.strip():
        raise DomainError("撤下已公开的公文须写明理由。")
    _unpublish(document, actor)
    audit_record(
        actor=actor,
        action="document.unpublish",
        obj=document,
        changes={"reason": reason},
        unit=document.unit,
    )
    sync_object(document)
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
    sync_object(document)
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
        if document.live:
            # A signed-off withheld document can be live in the register; once 主动公开 it would
            # be on the portal at once, skipping the checks before publication.
            _unpublish(document, actor)
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
        require(actor, "publication_ledger.view", unit)
    try:
        export_format = exports.FORMATS[fmt]
    except KeyError:
        raise DomainError(
            f"不支持的导出格式：{fmt}（可用：{'、'.join(exports.FORMATS)}）"
        ) from None
    content = export_format.render(rows)
    audit_record(
        actor=actor,
        action="publication_ledger.export",
        obj=unit,
        changes={"format": fmt, "filters": filters, "rows": len(rows)},
        unit=unit,
    )
    return content


# --- Admin screens and the review workflow (admin_documents.py, workflow.py) ------------------


@transaction.atomic
def document_set_related(
    *,
    actor,
    document: OfficialDocument,
    co_issuers: Sequence[Unit],
    attachments: Sequence[tuple[Any, str]],
) -> OfficialDocument:
    """Replace the co-issuers and the attachments (``(wagtail document, title)`` in order).

    They live in other tables; a new revision is saved so that what is reviewed and published
    (the latest revision) carries them."""
    document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    if actor is not None:
        require(actor, "document.edit", document.unit)
    if document.live:
        raise DomainError(LIVE_DOCUMENT_UNCHANGEABLE)
    if any(unit.pk == document.unit_id for unit in co_issuers):
        raise DomainError("发文单位不必再列为联合发文单位。")
    before = {
        "co_issuers": sorted(document.co_issuers.values_list("pk", flat=True)),
        "attachments": [[a.file_id, a.title] for a in document.attachments.all()],
    }
    after = {
        "co_issuers": sorted(unit.pk for unit in co_issuers),
        "attachments": [[file.pk, title] for file, title in attachments],
    }
    changes = diff(before, after)
    if not changes:
        return document
    ensure_revision(document)
    document.co_issuers.set(co_issuers)
    document.attachments.set(
        [DocumentAttachment(file=file, title=title) for file, title in attachments]
    )
    # modelcluster keeps both relations in memory until a full save commits them.
    document.save()
    document.save_revision(user=actor, log_action=False)
    audit_record(
        actor=actor, action="document.update", obj=document, changes=changes, unit=document.unit
    )
    sync_object(document)
    return document


def _link_end(document: OfficialDocument, public: bool) -> LinkEnd:
    return LinkEnd(
        id=document.pk, unit_path=document.unit.path, unit_name=document.unit.name, public=public
    )


def _link_changes(target: OfficialDocument) -> dict[str, Any]:
    return {"target": target.pk, "doc_number": target.doc_number, "title": target.title}


@transaction.atomic
def document_link_implementation(
    *, actor, document: OfficialDocument, target: OfficialDocument
) -> ImplementationLink:
    """Record that ``document`` implements (配套、贯彻落实) ``target``, a public document of its
    own unit or of a unit above it; refused for itself, a lower or unrelated unit's document,
    a non-public one, one linked already, and a link that would close a cycle."""
    # A link goes to its own unit or one above, so a cycle closes only among one unit's
    # documents: the unit's row lock orders two editors linking documents of a unit (A → B
    # and B → A at the same instant), the later one seeing the other's link. Then the
    # document's, as every change of a document takes it.
    unit_id = OfficialDocument.objects.values_list("unit_id", flat=True).get(pk=document.pk)
    Unit.objects.select_for_update().filter(pk=unit_id).first()
    document = (
        OfficialDocument.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=document.pk)
    )
    if actor is not None:
        require(actor, "document.edit", document.unit)
    target = OfficialDocument.objects.select_related("unit").get(pk=target.pk)
    units_up = [int(part) for part in document.unit.path.strip("/").split("/") if part]
    problem = link_problem(
        document=_link_end(
            document, public=document.live and document.disclosure == Disclosure.PROACTIVE
        ),
        target=_link_end(target, public=selectors.public_documents().filter(pk=target.pk).exists()),
        linked=set(document.implementation_links.values_list("target_id", flat=True)),
        implements=selectors.implements_among(units_up),
    )
    if problem:
        raise DomainError(problem)
    link = ImplementationLink.objects.create(document=document, target=target, created_by=actor)
    audit_record(
        actor=actor,
        action="document.link_implementation",
        obj=document,
        changes=_link_changes(target),
        unit=document.unit,
    )
    return link


@transaction.atomic
def document_unlink_implementation(
    *, actor, document: OfficialDocument, target: OfficialDocument
) -> None:
    """Remove the link from ``document`` to ``target`` (both pages stop showing it)."""
    document = (
        OfficialDocument.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=document.pk)
    )
    if actor is not None:
        require(actor, "document.edit", document.unit)
    link = document.implementation_links.select_related("target").filter(target=target).first()
    if link is None:
        raise DomainError("本文件未关联该文件。")
    link.delete()
    audit_record(
        actor=actor,
        action="document.unlink_implementation",
        obj=document,
        changes=_link_changes(link.target),
        unit=document.unit,
    )


@transaction.atomic
def document_delete(*, actor, document: OfficialDocument) -> None:
    """Delete a draft registered by mistake; anything ever published or signed stays on record."""
    document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    if actor is not None:
        require(actor, "document.edit", document.unit)
    if document.live or document.first_published_at or document.published_on:
        raise DomainError(
            "已签发或发布过的公文不能删除（须留存备查）；如需停止公开，请由签发人撤下。"
        )
    if document.workflow_in_progress:
        raise DomainError("审核中的公文不能删除，请先撤回审核。")
    audit_record(
        actor=actor,
        action="document.delete",
        obj=document,
        changes=_snapshot(document) | {"index_number": document.index_number},
        unit=document.unit,
    )
    # Its interpretations are drafts written for this document only.
    document.interpretations.all().delete()
    document.delete()


_TAG = re.compile(r"(<[^>]*>)")
# A public attribute's quoted value inside a tag (``alt="…"``, ``href='tel:…'``).
_PUBLIC_VALUE = re.compile(
    r"""(\b(?:alt|title|href|aria-label)\s*=\s*)("[^"]*"|'[^']*')""", re.IGNORECASE
)


def _mask_text(text: str, excepted: frozenset[NumberKey] = frozenset()) -> tuple[str, int]:
    """``text`` with its personal data masked, except the numbers recorded as fit to publish."""
    findings = [f for f in scan(text) if number_key(f) not in excepted]
    return (redact(text, findings), len(findings)) if findings else (text, 0)


def _redact_html(html: str, excepted: frozenset[NumberKey] = frozenset()) -> tuple[str, int]:
    """Mask personal data inside each text node of rich text and inside the public attribute
    values of its tags (image descriptions, link targets); the markup is left as it was.

    A number broken up by markup (``138<b>0013</b>8000``) is not masked: cutting across tags
    could break the HTML, so it stays a blocker for a person to fix."""
    pieces = _TAG.split(html)
    masked = 0

    def mask_value(match: re.Match) -> str:
        nonlocal masked
        value, count = _mask_text(match.group(2), excepted)
        masked += count
        return match.group(1) + value

    # re.split with a group alternates text and tags: the even pieces are the text nodes.
    for i, piece in enumerate(pieces):
        if i % 2:
            pieces[i] = _PUBLIC_VALUE.sub(mask_value, piece)
            continue
        text, count = _mask_text(unescape(piece), excepted)
        if count:
            pieces[i] = escape(text, quote=False)
            masked += count
    return "".join(pieces), masked


REDACTED_FIELDS = (("title", "标题"), ("recipients", "主送机关"), ("cc", "抄送机关"))
REDACTED_FIELDS += (("summary", "内容概述"),)


def _redact_interpretation(interpretation: Interpretation, actor, excepted) -> list[str]:
    changed = []
    for name, label in (("title", "标题"), ("image_alt", "图解文字说明")):
        value, count = _mask_text(getattr(interpretation, name), excepted)
        if count:
            setattr(interpretation, name, value)
            changed += [f"政策解读的{label}"] * count
    body, count = _redact_html(interpretation.body or "", excepted)
    if count:
        interpretation.body = body
        changed += ["政策解读的解读内容"] * count
    if changed:
        interpretation.save()
        interpretation.save_revision(user=actor, log_action=False)
    return changed


@transaction.atomic
def document_redact(*, actor, document: OfficialDocument) -> int:
    """一键脱敏: mask the personal data in every text field that can be masked in place (title,
    recipients, cc, summary, body and its image descriptions and links, attachment names, the
    draft interpretations) and return how many numbers were masked. Numbers recorded as fit to
    publish are left as they are. Attachment files (their names and contents) cannot be masked
    here: they are replaced by uploading a corrected file.

    Editors may do it, and so may the reviewers who find a leak during review (masking only
    removes information, so it needs no new round of review)."""
    document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    if actor is not None and not can(actor, gate.OVERRIDE_ACTION, document.unit):
        require(actor, "document.edit", document.unit)
    if document.live:
        raise DomainError("已签发或发布的公文不能在此脱敏：请先由签发人撤下，修改后重新审核发布。")
    excepted = document_gate(document).excepted_keys
    ensure_revision(document)
    changed: list[str] = []
    for name, label in REDACTED_FIELDS:
        value, count = _mask_text(getattr(document, name), excepted)
        if count:
            setattr(document, name, value)
            changed += [label] * count
    body, count = _redact_html(document.body or "", excepted)
    if count:
        document.body = body
        changed += ["正文"] * count
    for attachment in document.attachments.select_related("file"):
        # The attachment's own name: the shared file in the library is left alone.
        name, count = _mask_text(str(attachment), excepted)
        if count:
            attachment.title = name
            attachment.save(update_fields=["title"])
            changed += ["附件名称"] * count
    for interpretation in document.interpretations.filter(live=False):
        changed += _redact_interpretation(interpretation, actor, excepted)
    if not changed:
        raise DomainError(
            "没有可以自动脱敏的个人信息。附件文件中的号码（文件名或内容）须修改原文件后重新上传；"
            "被格式标记隔开的号码须在编辑页面中修改。"
        )
    document.save(update_fields=[name for name, _ in REDACTED_FIELDS] + ["body", "updated_at"])
    document.save_revision(user=actor, log_action=False)
    audit_record(
        actor=actor,
        action="document.redact",
        obj=document,
        changes={"masked": len(changed), "fields": sorted(set(changed))},
        unit=document.unit,
    )
    sync_object(document)
    return len(changed)


@transaction.atomic
def document_schedule(
    *, actor, document: OfficialDocument, go_live_at: datetime
) -> OfficialDocument:
    """定时发布: the same checks as ``document_publish``, then Wagtail's scheduled publishing
    (the periodic ``publish_scheduled`` job) makes the document and its interpretations live at
    ``go_live_at``. The publication date is that day."""
    document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    if actor is not None:
        require(actor, "document.publish", document.unit)
    if go_live_at <= timezone.now():
        raise DomainError("定时发布的时间须晚于现在；要立即发布请不填发布时间。")
    blockers = blockers_for(document)
    if blockers:
        raise DomainError("不能发布：" + "；".join(b.message for b in blockers))
    published_on = timezone.localdate(go_live_at)
    ensure_revision(document)
    for item in [document, *document.interpretations.filter(live=False)]:
        # Both go into the revision: at go-live Wagtail saves the object from it.
        item.go_live_at = go_live_at
        item.published_on = published_on
        item.save(update_fields=["go_live_at", "published_on"])
        item.save_revision(user=actor, log_action=False).publish(user=actor, log_action=False)
    OfficialDocument.objects.filter(pk=document.pk).update(withheld_at=None, withheld_reason="")
    document.refresh_from_db()
    audit_record(
        actor=actor,
        action="document.schedule",
        obj=document,
        changes={"go_live_at": go_live_at, "published_on": published_on},
        unit=document.unit,
    )
    return document


def _cancel_schedule(document: OfficialDocument, actor) -> None:
    for item in [document, *document.interpretations.filter(live=False)]:
        item.revisions.update(approved_go_live_at=None)
        item.go_live_at = None
        item.published_on = None
        item.save(update_fields=["go_live_at", "published_on"])
        # A later publication starts from the latest revision, which must not carry the time.
        item.save_revision(user=actor, log_action=False)


@transaction.atomic
def document_unschedule(*, actor, document: OfficialDocument) -> OfficialDocument:
    """Cancel a 定时发布 before it happens; the document and its interpretations stay drafts."""
    document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    if actor is not None:
        require(actor, "document.publish", document.unit)
    if not document.approved_schedule:
        raise DomainError("该公文没有待执行的定时发布。")
    _cancel_schedule(document, actor)
    document.refresh_from_db()
    audit_record(actor=actor, action="document.unschedule", obj=document, unit=document.unit)
    return document


def scheduled_publication(document: OfficialDocument) -> tuple[OfficialDocument, list]:
    """What a 定时发布 will make live: the document and its interpretations as in the revisions
    approved for the time (edits saved since then are not published)."""
    revision = document.revisions.filter(approved_go_live_at__isnull=False).first()
    scheduled = revision.as_object() if revision else document
    interpretations = []
    for interpretation in document.interpretations.all():
        approved = interpretation.revisions.filter(approved_go_live_at__isnull=False).first()
        interpretations.append(approved.as_object() if approved else interpretation)
    return scheduled, interpretations


@transaction.atomic
def document_withhold_schedule(*, document: OfficialDocument, reason: str) -> OfficialDocument:
    """The check just before go-live found what must not be published (the text of the
    scheduled revision, an attachment's file replaced since, or an exception no longer
    recorded): the 定时发布 is cancelled and the reason kept on the document, where its editor
    and leader see it (审核与发布, the home page), until it is scheduled or published again."""
    document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    if not document.approved_schedule:
        raise DomainError("该公文没有待执行的定时发布。")
    go_live_at = document.go_live_at
    _cancel_schedule(document, None)
    document.refresh_from_db()
    document.withheld_at, document.withheld_reason = timezone.now(), reason
    document.save(update_fields=["withheld_at", "withheld_reason"])
    audit_record(
        actor=None,
        action="document.withhold_schedule",
        obj=document,
        changes={"go_live_at": go_live_at, "reason": reason},
        unit=document.unit,
    )
    return document


@transaction.atomic
def document_record_signed(*, actor, document: OfficialDocument) -> OfficialDocument:
    """签发 a 依申请公开 or 不予公开 document: its signed revision becomes the register's current
    version (``live``) but it is never on the portal, which shows 主动公开 documents only."""
    document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    if actor is not None:
        require(actor, "document.sign_off", document.unit)
    if document.disclosure == Disclosure.PROACTIVE:
        raise DomainError("主动公开的公文签发后应发布，不能只登记签发。")
    if problems := submission_problems(document):
        raise DomainError("不能签发：" + "；".join(problems))
    document.latest_revision.publish(user=actor, log_action=False)
    document.refresh_from_db()
    audit_record(
        actor=actor,
        action="document.record_signed",
        obj=document,
        changes={"disclosure": document.disclosure},
        unit=document.unit,
    )
    return document


INTERPRETATION_FIELDS = ("title", "form", "body", "image", "image_alt", "video_url")


def _check_interpretation(interpretation: Interpretation) -> None:
    form = interpretation.form
    if (
        form in (InterpretationForm.TEXT, InterpretationForm.QA)
        and not strip_tags(interpretation.body or "").strip()
    ):
        raise DomainError("文字解读和问答解读须填写解读内容。")
    if form == InterpretationForm.GRAPHIC:
        if interpretation.image_id is None:
            raise DomainError("图解须上传图解图片。")
        if not interpretation.image_alt.strip():
            raise DomainError("图解须写明图片的文字说明，供看不到图片的读者使用（无障碍要求）。")
    if form == InterpretationForm.VIDEO and not interpretation.video_url:
        raise DomainError("视频解读须填写视频地址。")
    full_clean_or_refuse(interpretation, exclude=["document", "unit"])


@transaction.atomic
def interpretation_create(
    *, actor, document: OfficialDocument, unit: Unit | None = None, **fields: Any
) -> Interpretation:
    """政策解读 drafted with its document (三同步). 谁起草谁解读: the interpreting unit is the
    drafting unit; for a joint document the lead unit (``document.unit``) organises it, and a
    co-issuer may be named instead."""
    unit = unit or document.unit
    if unit.pk != document.unit_id and not document.co_issuers.filter(pk=unit.pk).exists():
        raise DomainError("解读单位须是文件的起草（牵头）单位或联合发文单位（谁起草、谁解读）。")
    if actor is not None:
        require(actor, "document.edit", unit)
    if unknown := set(fields) - set(INTERPRETATION_FIELDS):
        raise TypeError(f"interpretation_create got unknown fields {sorted(unknown)!r}")
    interpretation = Interpretation(document=document, unit=unit, live=False, **fields)
    _check_interpretation(interpretation)
    interpretation.save()
    interpretation.save_revision(user=actor, log_action=False)
    audit_record(
        actor=actor,
        action="interpretation.create",
        obj=interpretation,
        changes={"document": document.pk, "form": interpretation.form},
        unit=unit,
    )
    return interpretation


@transaction.atomic
def interpretation_update(
    *, actor, interpretation: Interpretation, **fields: Any
) -> Interpretation:
    interpretation = Interpretation.objects.select_for_update().get(pk=interpretation.pk)
    if actor is not None:
        require(actor, "document.edit", interpretation.unit)
    if interpretation.live:
        raise DomainError("已发布的政策解读不能直接修改。")
    if unknown := set(fields) - set(INTERPRETATION_FIELDS):
        raise TypeError(f"interpretation_update got unknown fields {sorted(unknown)!r}")
    before = {name: getattr(interpretation, name) for name in INTERPRETATION_FIELDS}
    for name, value in fields.items():
        setattr(interpretation, name, value)
    _check_interpretation(interpretation)
    changes = diff(before, {name: getattr(interpretation, name) for name in INTERPRETATION_FIELDS})
    if changes:
        interpretation.save()
        interpretation.save_revision(user=actor, log_action=False)
        audit_record(
            actor=actor,
            action="interpretation.update",
            obj=interpretation,
            changes=changes,
            unit=interpretation.unit,
        )
    return interpretation
