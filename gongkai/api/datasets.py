"""The datasets of the modules that predate the API: documents, interpretations, catalog items,
annual reports, consultations with their feedback, answered messages and units.

Each reads through its module's public selector (the portal's), and builds a page's records with
a fixed number of queries. Later modules register theirs from their own ``AppConfig.ready``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from html import unescape
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from ninja import Schema

from gongkai.catalog.selectors import public_items
from gongkai.core.models import Unit, UnitKind
from gongkai.documents.domain.subject_classes import SUBJECT_CLASSES
from gongkai.documents.selectors import (
    document_kind_choices,
    public_cross_link_ids,
    public_documents_with_files,
    public_interpretations,
    validity_choices,
)
from gongkai.messages.domain.kinds import MessageKind
from gongkai.messages.selectors import public_messages
from gongkai.participation.selectors import public_consultations, public_feedback
from gongkai.reports.render import report_json
from gongkai.reports.selectors import data_from_snapshot, public_reports

from .registry import Choice, Dataset, FeedLink, register_dataset

Absolute = Callable[[str], str]


def _platform():
    from gongkai.portal.selectors import live_platform  # the portal imports the modules

    return live_platform()


def _subpage(platform, name: str, *args: Any) -> str:
    return platform.url + platform.reverse_subpage(name, args=list(args)) if platform else ""


def _text(html: str) -> str:
    return unescape(strip_tags(html or "")).strip()


def _choices(choices: Sequence[tuple[str, Any]]) -> Callable[[], list[Choice]]:
    return lambda: [Choice(value, str(label)) for value, label in choices]


class UnitRef(Schema):
    code: str
    name: str


def _unit(unit: Unit) -> dict[str, str]:
    return {"code": unit.code, "name": unit.name}


# --- Documents ------------------------------------------------------------------------------


class AttachmentOut(Schema):
    title: str
    url: str
    format: str


class DocumentOut(Schema):
    id: int
    title: str
    doc_number: str
    index_number: str
    kind: str
    kind_label: str
    subject_class: str
    subject_class_label: str
    summary: str
    written_on: date
    published_on: date | None
    validity: str
    validity_label: str
    valid_from: date | None
    valid_until: date | None
    replaced_by: int | None
    unit: UnitRef
    co_issuers: list[UnitRef]
    attachments: list[AttachmentOut]
    # 互设跳转链接: the public documents it implements (上级文件) and those of its unit and the
    # units below that implement it (本级及下级配套文件), by id.
    implements: list[int]
    implemented_by: list[int]
    url: str
    updated_at: datetime


def _document_rows(documents: Sequence[Any], absolute: Absolute) -> list[dict[str, Any]]:
    if not documents:
        return []
    platform = _platform()
    links = public_cross_link_ids(d.pk for d in documents)
    # get_FOO_display() hashes the field's whole choice list on every call; read each once.
    meta = documents[0]._meta
    kinds, classes, validities = (
        {value: str(label) for value, label in meta.get_field(name).flatchoices}
        for name in ("kind", "subject_class", "validity")
    )
    return [
        {
            "id": d.pk,
            "title": d.title,
            "doc_number": d.doc_number,
            "index_number": d.index_number,
            "kind": d.kind,
            "kind_label": kinds.get(d.kind, d.kind),
            "subject_class": d.subject_class,
            "subject_class_label": classes.get(d.subject_class, d.subject_class),
            "summary": d.summary,
            "written_on": d.written_on,
            "published_on": d.published_on,
            "validity": d.validity,
            "validity_label": validities.get(d.validity, d.validity),
            "valid_from": d.valid_from,
            "valid_until": d.valid_until,
            "replaced_by": d.replaced_by_id,
            "unit": _unit(d.unit),
            "co_issuers": [_unit(u) for u in d.co_issuers.all()],
            "attachments": [
                {
                    "title": str(a),
                    "url": absolute(a.file.url),
                    "format": a.file.file_extension.lower(),
                }
                for a in d.attachments.all()
            ],
            "implements": links[d.pk][0],
            "implemented_by": links[d.pk][1],
            "url": absolute(_subpage(platform, "document", d.unit.code, d.pk)),
            "updated_at": d.updated_at,
        }
        for d in documents
    ]


def _document_feeds() -> list[FeedLink]:
    """Each active unit's Atom feed (its subtree), and each column (top-level 主题分类) of the
    units at the top of the tree, whose subtree is everything below them."""
    platform = _platform()
    if platform is None:
        return []
    units = list(Unit.objects.filter(is_active=True).only("code", "name", "parent_id"))
    feeds = [FeedLink(f"{u.name}政府信息公开（Atom）", platform.atom_url(u)) for u in units]
    for unit in (u for u in units if u.parent_id is None):
        feeds.extend(
            FeedLink(f"{unit.name}：{c.name}（Atom）", platform.atom_url(unit, c.code))
            for c in SUBJECT_CLASSES
        )
    return feeds


DOCUMENTS = Dataset(
    name="documents",
    title=_("政府信息（公文）"),
    description=_(
        "主动公开的公文：发文字号、索引号、文种属性、主题分类、有效性、成文和发布日期、发文单位及附件地址。"
    ),
    schema=DocumentOut,
    public=public_documents_with_files,
    rows=_document_rows,
    date_field="published_on",
    kind_field="kind",
    kinds=_choices(document_kind_choices()),
    validity_field="validity",
    validities=_choices(validity_choices()),
    text_fields=("title", "doc_number", "index_number", "summary"),
    modified_field="updated_at",
    feeds=_document_feeds,
)


# --- Interpretations ------------------------------------------------------------------------


class InterpretationOut(Schema):
    id: int
    title: str
    form: str
    form_label: str
    text: str
    video_url: str
    document: int
    document_title: str
    unit: UnitRef
    published_on: date | None
    url: str


def _interpretation_rows(items: Sequence[Any], absolute: Absolute) -> list[dict[str, Any]]:
    platform = _platform()
    return [
        {
            "id": i.pk,
            "title": i.title,
            "form": i.form,
            "form_label": i.get_form_display(),
            "text": "\n".join(t for t in (_text(i.body), i.image_alt) if t),
            "video_url": i.video_url,
            "document": i.document_id,
            "document_title": i.document.title,
            "unit": _unit(i.unit),
            "published_on": i.published_on,
            "url": absolute(_subpage(platform, "interpretation", i.unit.code, i.pk)),
        }
        for i in items
    ]


INTERPRETATIONS = Dataset(
    name="interpretations",
    title=_("政策解读"),
    description=_("已发布的政策解读，含所解读文件的编号和标题。"),
    schema=InterpretationOut,
    public=public_interpretations,
    rows=_interpretation_rows,
    date_field="published_on",
    text_fields=("title",),
)


# --- Catalog items --------------------------------------------------------------------------


class CatalogItemOut(Schema):
    id: int
    name: str
    parent: int | None
    unit: UnitRef
    area: str
    content: str
    basis: str
    time_limit: str
    body: str
    channels: list[str]
    audience: str
    method: str
    levels: str
    remarks: str
    adopted_on: date
    url: str


def _catalog_rows(items: Sequence[Any], absolute: Absolute) -> list[dict[str, Any]]:
    platform = _platform()
    return [
        {
            "id": item.pk,
            "name": item.name,
            "parent": item.parent_id,
            "unit": _unit(item.unit),
            "area": str(item.area) if item.area_id else "",
            "content": item.content,
            "basis": item.basis,
            "time_limit": item.time_limit,
            "body": item.body_text or (item.body_unit.name if item.body_unit_id else ""),
            "channels": item.channel_labels,
            "audience": item.get_audience_display() if item.audience else "",
            "method": item.get_method_display() if item.method else "",
            "levels": item.levels_text,
            "remarks": item.remarks,
            "adopted_on": item.adopted_on,
            "url": absolute(_subpage(platform, "catalog_item", item.unit.code, item.pk)),
        }
        for item in items
    ]


CATALOG_ITEMS = Dataset(
    name="catalog-items",
    title=_("标准目录事项"),
    description=_(
        "各单位主动公开标准目录中的事项：公开内容、依据、时限、主体、渠道和载体、公开方式与层级。"
    ),
    schema=CatalogItemOut,
    public=public_items,
    rows=_catalog_rows,
    date_field="adopted_on",
    text_fields=("name", "content"),
    modified_field="updated_at",
)


# --- Annual reports -------------------------------------------------------------------------


class AnnualReportOut(Schema):
    id: int
    unit: UnitRef
    year: int
    period: str
    period_label: str
    covers_subtree: bool
    published_at: datetime | None
    tables: dict[str, Any]
    url: str


def _report_rows(reports: Sequence[Any], absolute: Absolute) -> list[dict[str, Any]]:
    platform = _platform()
    return [
        {
            "id": r.pk,
            "unit": _unit(r.unit),
            "year": r.year,
            "period": r.period,
            "period_label": r.get_period_display(),
            "covers_subtree": r.covers_subtree,
            "published_at": r.published_at,
            # The tables exactly as ``gongkai report annual --json`` prints them.
            "tables": report_json(r.unit.code, r.year, data_from_snapshot(r.snapshot)),
            "url": absolute(_subpage(platform, "annual_report", r.unit.code, r.portal_key)),
        }
        for r in reports
    ]


ANNUAL_REPORTS = Dataset(
    name="annual-reports",
    title=_("政府信息公开工作年度报告"),
    description=_("已公布的年度报告，表格数据与 gongkai report annual --json 的输出相同。"),
    schema=AnnualReportOut,
    public=public_reports,
    rows=_report_rows,
    date_field="published_at",
    date_is_datetime=True,
    modified_field="updated_at",
)


# --- Consultations and their feedback -------------------------------------------------------


class FeedbackOut(Schema):
    summary: str
    published_at: datetime
    url: str


class ConsultationOut(Schema):
    id: int
    title: str
    unit: UnitRef
    document: int | None
    is_major_decision: bool
    background: str
    questions: str
    starts_on: date
    ends_on: date
    phase: str
    phase_label: str
    url: str
    feedback: FeedbackOut | None


def _consultation_rows(items: Sequence[Any], absolute: Absolute) -> list[dict[str, Any]]:
    feedback = {
        f.consultation_id: f
        for f in public_feedback().filter(consultation__in=[c.pk for c in items])
    }
    rows = []
    for c in items:
        published = feedback.get(c.pk)
        rows.append(
            {
                "id": c.pk,
                "title": c.title,
                "unit": _unit(c.unit),
                "document": c.document_id,
                "is_major_decision": c.is_major_decision,
                "background": c.background,
                "questions": c.questions,
                "starts_on": c.starts_on,
                "ends_on": c.ends_on,
                "phase": c.phase,
                "phase_label": c.phase_label,
                "url": absolute(reverse("participation:consultation", args=[c.pk])),
                "feedback": {
                    "summary": published.summary,
                    "published_at": published.published_at,
                    "url": absolute(reverse("participation:feedback", args=[c.pk])),
                }
                if published
                else None,
            }
        )
    return rows


CONSULTATIONS = Dataset(
    name="consultations",
    title=_("意见征集及反馈"),
    description=_("公开征求意见的草案及其意见采纳情况反馈（已发布的）。"),
    schema=ConsultationOut,
    public=public_consultations,
    rows=_consultation_rows,
    date_field="starts_on",
    text_fields=("title", "background"),
    modified_field="updated_at",
)


# --- Answered messages ----------------------------------------------------------------------


class MessageOut(Schema):
    number: str
    kind: str
    kind_label: str
    title: str
    text: str
    answer: str
    unit: UnitRef
    received_on: date
    answered_on: date | None
    url: str


def _message_rows(messages: Sequence[Any], absolute: Absolute) -> list[dict[str, Any]]:
    # Only the copies published through the gate: never the letter as written or the contact.
    return [
        {
            "number": m.number,
            "kind": m.kind,
            "kind_label": m.kind_label,
            "title": m.public_title,
            "text": m.public_excerpt,
            "answer": m.public_answer,
            "unit": _unit(m.unit),
            "received_on": m.received_on,
            "answered_on": m.answered_on,
            "url": absolute(reverse("interaction_public:message", args=[m.number])),
        }
        for m in messages
    ]


MESSAGES = Dataset(
    name="messages",
    title=_("留言选登"),
    description=_("已答复并公开的留言（公开标题、内容摘录和答复）。"),
    schema=MessageOut,
    public=public_messages,
    rows=_message_rows,
    date_field="answered_at",
    date_is_datetime=True,
    kind_field="kind",
    kinds=lambda: [Choice(value, str(label)) for value, label in MessageKind.choices()],
    text_fields=("public_title", "public_excerpt", "public_answer"),
    lookup="number",
    modified_field="updated_at",
)


# --- Units ----------------------------------------------------------------------------------


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent: str | None
    depth: int
    disclosure_office: str
    address: str
    postcode: str
    office_hours: str
    phone: str
    fax: str
    web_contact: str
    url: str


def public_units() -> QuerySet:
    # Units are the platform's own directory: every active unit has a public section.
    return Unit.objects.filter(is_active=True).select_related("parent")


def _unit_rows(units: Sequence[Any], absolute: Absolute) -> list[dict[str, Any]]:
    platform = _platform()
    return [
        {
            "code": u.code,
            "name": u.name,
            "short_name": u.short_name,
            "kind": u.kind,
            "kind_label": u.get_kind_display(),
            "parent": u.parent.code if u.parent_id else None,
            "depth": u.depth,
            "disclosure_office": u.disclosure_office,
            "address": u.address,
            "postcode": u.postcode,
            "office_hours": u.office_hours,
            "phone": u.phone,
            "fax": u.fax,
            "web_contact": u.web_contact,
            "url": absolute(_subpage(platform, "unit", u.code)),
        }
        for u in units
    ]


UNITS = Dataset(
    name="units",
    title=_("单位"),
    description=_("平台上的单位（启用的），含上级单位编码、政府信息公开工作机构和联系方式。"),
    schema=UnitOut,
    public=public_units,
    rows=_unit_rows,
    unit_path="path",
    kind_field="kind",
    kinds=_choices(UnitKind.choices),
    text_fields=("name", "short_name"),
    lookup="code",
)


def register() -> None:
    for dataset in (
        DOCUMENTS,
        INTERPRETATIONS,
        CATALOG_ITEMS,
        ANNUAL_REPORTS,
        CONSULTATIONS,
        MESSAGES,
        UNITS,
    ):
        register_dataset(dataset)
