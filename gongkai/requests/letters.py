"""Letters and notices of a disclosure request (答复书和告知书): wording, templates, files.

A letter is the platform's default wording for its kind (`DEFAULT_BODIES`) or the unit's own
(`LetterTemplate`), with placeholders such as ``{{申请人}}`` filled from the request. The syntax is
deliberately not Django's template language: a template is text written by office staff, and
with Django's engine it could call methods of the objects in its context, ``{% include %}`` other
templates or ``{% debug %}`` the whole context (applicant data included). Here a template can
only name one of the placeholders of `PLACEHOLDERS`, each a plain string computed by this module;
anything else is refused when the template is saved.

Template syntax (also shown on the editor page):

- each line is a paragraph, indented two characters; a first line ending in “：” (the
  addressee) is not indented;
- ``{{名称}}`` is replaced by the value of that placeholder; a value of several lines becomes
  several paragraphs; a line holding nothing but a placeholder whose value is empty is left out
  (so a 部分公开 paragraph appears only in partial disclosures);
- a line containing “｜” is a table row, its cells split at “｜”; consecutive rows form one
  table (the 送达回证 is such a form); an empty cell leaves room for a signature.

The title, the issuing unit, the letter number, and the seal and date lines are laid out around
the body by the platform. Files are written under random names, and are served only through
`letter_response_for_staff` and `letter_response_for_applicant`, never by URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404
from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.calendar.conf import day_count_overrides, fee_period_pauses
from gongkai.calendar.domain.rules import PauseReason, resolve_day_counts
from gongkai.calendar.selectors import deadline_for
from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError
from gongkai.core.models import Unit, UnitKind
from gongkai.core.pdf import PdfUnavailable, html_to_pdf, pdf_missing
from gongkai.core.permissions import require

from .domain.fees import FEE_MEASURE_ARTICLES, FEE_METHOD_LABELS, compute_fee
from .domain.intake import DeliveryMethod, FormWanted
from .domain.outcomes import FEE_MEASURE, REGULATION, Outcome
from .domain.states import State
from .models import (
    DisclosureRequest,
    FeeNotice,
    FeeNoticeStatus,
    LetterKind,
    LetterTemplate,
    RequestLetter,
)
from .selectors import visible_requests
from .services import foi_reply_deadline

# 《中华人民共和国行政复议法》（2023年修订）第二十条第一款: 自知道或者应当知道该行政行为之日起六十日内.
REVIEW_PERIOD_DAYS = 60
# 《中华人民共和国行政诉讼法》第四十六条第一款: 自知道或者应当知道作出行政行为之日起六个月内.
LAWSUIT_PERIOD_MONTHS = 6
# Which court is competent depends on the defendant (行政诉讼法第十四条、第十五条、第十八条);
# letters commonly name it this way, and a unit can write its court into its own template.
DEFAULT_COURT = "有管辖权的人民法院"
# 行政复议法第二十四条: a department's acts are reviewed by 本级人民政府, a township's by the
# government above it. A unit at the top of the tree has no such unit here.
DEFAULT_REVIEW_BODY = "上一级人民政府"

MAX_TEMPLATE_LENGTH = 20_000
TABLE_SEPARATOR = "｜"
_PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")
_BLANK_DATE = "　　年　　月　　日"

# The letter number: the request's tracking number and one character for the kind.
_NUMBER_MARKS: dict[LetterKind, str] = {
    LetterKind.REPLY: "答",
    LetterKind.CORRECTION: "补",
    LetterKind.EXTENSION: "延",
    LetterKind.THIRD_PARTY: "征",
    LetterKind.FEE: "费",
    LetterKind.DELIVERY_RECEIPT: "送",
}

# Letters the applicant reads on the tracking page. The third party's letter is not theirs,
# and the 送达回证 is the office's proof, signed on paper.
TO_APPLICANT = frozenset(
    {LetterKind.REPLY, LetterKind.CORRECTION, LetterKind.EXTENSION, LetterKind.FEE}
)
# Decisions the applicant may contest: these letters must state the appeal rights.
_APPEALABLE: dict[LetterKind, str] = {LetterKind.REPLY: "答复", LetterKind.FEE: "通知"}
_SIGNED = frozenset(LetterKind) - {LetterKind.DELIVERY_RECEIPT}

_ABANDONED = frozenset({Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_FEE_UNPAID})


class LetterError(DomainError):
    """A letter cannot be made, or a template cannot be used, as given."""


# --- Placeholders -------------------------------------------------------------------------


@dataclass(frozen=True)
class Placeholder:
    name: str
    help: str
    kinds: frozenset[LetterKind]


_ALL = frozenset(LetterKind)
# The third party must not learn who asked (personal data of the applicant).
_ABOUT_APPLICANT = _ALL - {LetterKind.THIRD_PARTY}
_REPLY = frozenset({LetterKind.REPLY})


def _only(*kinds: LetterKind) -> frozenset[LetterKind]:
    return frozenset(kinds)


PLACEHOLDERS: tuple[Placeholder, ...] = (
    Placeholder("单位名称", "本单位全称", _ALL),
    Placeholder("联系方式", "本单位政府信息公开工作机构、电话、地址（单位信息中填写的部分）", _ALL),
    Placeholder("申请编号", "申请的编号", _ALL),
    Placeholder("文书编号", "本文书的编号", _ALL),
    Placeholder("日期", "本文书的日期", _ALL),
    Placeholder("收到申请日期", "收到申请之日（条例第三十一条）", _ALL),
    Placeholder("申请内容", "所需信息的名称、文号或特征描述", _ALL),
    Placeholder("复议机关", "行政复议机关（默认为本级或上一级人民政府）", _ALL),
    Placeholder("人民法院", f"行政诉讼的法院（默认为“{DEFAULT_COURT}”）", _ALL),
    Placeholder(
        "救济途径",
        f"申请行政复议（{REVIEW_PERIOD_DAYS}日内）和提起行政诉讼（{LAWSUIT_PERIOD_MONTHS}个月内）的告知",
        _ALL,
    ),
    Placeholder("申请人", "申请人姓名或名称", _ABOUT_APPLICANT),
    Placeholder("办理结果", "办理结果，如“不予公开（属于国家秘密）”", _REPLY),
    Placeholder("答复意见", "该办理结果的标准答复语句", _REPLY),
    Placeholder("答复内容", "承办人填写的答复内容", _REPLY),
    Placeholder("法律依据", "答复所依据的条款", _REPLY),
    Placeholder("答复依据", "“根据……的规定，作出上述答复。”（无条款时为空）", _REPLY),
    Placeholder(
        "不予公开说明", "部分公开时不予公开的内容及理由（条例第三十七条），否则为空", _REPLY
    ),
    Placeholder(
        "负责机关告知", "不属于本机关负责公开时，负责机关的名称和联系方式，否则为空", _REPLY
    ),
    Placeholder("获取方式", "予以公开、部分公开时获取信息的形式和方式，否则为空", _REPLY),
    Placeholder("补正事项", "需要补正的事项", _only(LetterKind.CORRECTION)),
    Placeholder("补正期限", "补正期限", _only(LetterKind.CORRECTION)),
    Placeholder("延期理由", "延期答复的理由", _only(LetterKind.EXTENSION)),
    Placeholder("延长工作日数", "延长的工作日数", _only(LetterKind.EXTENSION)),
    Placeholder("延期后答复期限", "延期后何时答复的说明", _only(LetterKind.EXTENSION)),
    Placeholder("第三方", "被征求意见的第三方", _only(LetterKind.THIRD_PARTY)),
    Placeholder(
        "征求意见期限", "第三方提出意见的工作日数（条例第三十二条）", _only(LetterKind.THIRD_PARTY)
    ),
    Placeholder("计收方式", "按件计收或按量计收", _only(LetterKind.FEE)),
    Placeholder("收费明细", "分档计算明细，每档一行", _only(LetterKind.FEE)),
    Placeholder("收费金额", "应缴金额（元）", _only(LetterKind.FEE)),
    Placeholder("缴费期限", "缴费期限", _only(LetterKind.FEE)),
    Placeholder("收费依据", "收费所依据的条款", _only(LetterKind.FEE)),
    Placeholder("缴费期间说明", "缴费期间是否计入答复期限的说明", _only(LetterKind.FEE)),
    Placeholder("送达文书", "送达的文书名称和编号", _only(LetterKind.DELIVERY_RECEIPT)),
    Placeholder("送达地址", "申请人的通信地址或电子邮箱", _only(LetterKind.DELIVERY_RECEIPT)),
    Placeholder("送达方式", "申请人选择的获取方式", _only(LetterKind.DELIVERY_RECEIPT)),
)
_BY_NAME = {p.name: p for p in PLACEHOLDERS}


def placeholders_for(kind: LetterKind | str) -> list[Placeholder]:
    kind = LetterKind(kind)
    return [p for p in PLACEHOLDERS if kind in p.kinds]


# What the law requires each letter to say: a template may reword everything else.
REQUIRED: dict[LetterKind, dict[str, str]] = {
    LetterKind.REPLY: {
        "答复意见": "答复须说明办理结果",
        "答复内容": "答复须包含承办人填写的答复内容",
        "不予公开说明": "部分公开时须说明不予公开的内容和理由（条例第三十七条）",
        "负责机关告知": "须告知负责公开的机关（条例第三十六条第（五）项）",
        "获取方式": "须告知获取信息的方式、途径（条例第三十六条第（一）（二）项）",
    },
    LetterKind.CORRECTION: {
        "补正事项": "须说明需要补正的事项（条例第三十条）",
        "补正期限": "须告知合理的补正期限（条例第三十条）",
    },
    LetterKind.EXTENSION: {
        "延长工作日数": "须告知延长的期限（条例第三十三条第二款）",
        "延期后答复期限": "须告知延长后的答复期限（条例第三十三条第二款）",
    },
    LetterKind.THIRD_PARTY: {
        "申请内容": "须说明申请公开的信息",
        "征求意见期限": "须告知提出意见的期限（条例第三十二条）",
    },
    LetterKind.FEE: {
        "收费明细": "须列明计算明细（国办函〔2020〕109号）",
        "收费金额": "须写明应缴金额",
        "缴费期限": "须写明缴费期限",
    },
    LetterKind.DELIVERY_RECEIPT: {"送达文书": "须写明送达的文书"},
}


# --- The platform's default wording -------------------------------------------------------

_RECEIVED = (
    "本机关于{{收到申请日期}}收到您提出的政府信息公开申请（申请编号：{{申请编号}}），"
    "申请获取：{{申请内容}}。"
)

DEFAULT_BODIES: dict[LetterKind, str] = {
    LetterKind.REPLY: "\n".join(
        [
            "{{申请人}}：",
            _RECEIVED + "经审查，现答复如下：",
            "{{答复意见}}",
            "{{答复内容}}",
            "{{不予公开说明}}",
            "{{负责机关告知}}",
            "{{获取方式}}",
            "{{答复依据}}",
            "{{救济途径}}",
            "{{联系方式}}",
            "特此告知。",
        ]
    ),
    LetterKind.CORRECTION: "\n".join(
        [
            "{{申请人}}：",
            _RECEIVED,
            f"经审查，您的申请内容不明确。根据{REGULATION}第三十条的规定，请您对以下事项作出补正：",
            "{{补正事项}}",
            "请您于{{补正期限}}前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起"
            "计算；您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
            "{{联系方式}}",
            "特此告知。",
        ]
    ),
    LetterKind.EXTENSION: "\n".join(
        [
            "{{申请人}}：",
            _RECEIVED,
            "因下列理由，本机关不能在法定期限内作出答复：{{延期理由}}",
            f"根据{REGULATION}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，"
            "答复期限延长{{延长工作日数}}个工作日。{{延期后答复期限}}",
            "{{联系方式}}",
            "特此告知。",
        ]
    ),
    LetterKind.THIRD_PARTY: "\n".join(
        [
            "{{第三方}}：",
            "本机关于{{收到申请日期}}收到一份政府信息公开申请，申请公开的政府信息为：{{申请内容}}。",
            "经审查，该政府信息公开可能损害您的合法权益。根据"
            f"{REGULATION}第三十二条的规定，现书面征求您的意见。",
            "请您自收到本征求意见书之日起{{征求意见期限}}个工作日内，以书面形式向本机关提出是否同意"
            "公开的意见；不同意公开的，请说明理由。逾期未提出意见的，由本机关依照"
            f"{REGULATION}的规定决定是否公开。",
            "{{联系方式}}",
            "特此函告。",
        ]
    ),
    LetterKind.FEE: "\n".join(
        [
            "{{申请人}}：",
            _RECEIVED,
            f"经审查，您申请公开政府信息的数量、频次明显超过合理范围。根据{REGULATION}第四十二条"
            "和{{收费依据}}的规定，本机关决定收取信息处理费，计收方式为{{计收方式}}，计算明细如下：",
            "{{收费明细}}",
            "合计应缴纳信息处理费{{收费金额}}元。请您于{{缴费期限}}前按本机关告知的方式缴纳；"
            "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
            "{{缴费期间说明}}",
            "{{救济途径}}",
            "{{联系方式}}",
            "特此通知。",
        ]
    ),
    LetterKind.DELIVERY_RECEIPT: "\n".join(
        [
            "送达机关｜{{单位名称}}",
            "送达文书｜{{送达文书}}",
            "受送达人｜{{申请人}}",
            "送达地址｜{{送达地址}}",
            "送达方式｜{{送达方式}}",
            "送达人｜",
            "受送达人签名或盖章｜",
            f"签收日期｜{_BLANK_DATE}",
            "备注｜",
        ]
    ),
}


# --- Checking and rendering templates (no database) ---------------------------------------


def normalise_body(body: str) -> str:
    """Line endings as \\n and no trailing spaces, so that equal texts compare equal."""
    return "\n".join(line.rstrip() for line in body.replace("\r\n", "\n").split("\n")).strip("\n")


def _names(body: str) -> list[str]:
    return list(dict.fromkeys(_PLACEHOLDER.findall(body)))


def _braces(names: list[str]) -> str:
    return "、".join(f"{{{{{name}}}}}" for name in names)


def check_template(kind: LetterKind | str, body: str) -> None:
    """Refuse a template that names an unknown placeholder or leaves out required content."""
    kind = LetterKind(kind)
    if not body.strip():
        raise LetterError("模板未保存：正文不能为空。")
    if len(body) > MAX_TEMPLATE_LENGTH:
        raise LetterError(f"模板未保存：正文过长（{len(body)}字），最多{MAX_TEMPLATE_LENGTH}字。")
    problems = []
    names = _names(body)
    if unknown := [n for n in names if n not in _BY_NAME]:
        problems.append(f"无法识别的占位符{_braces(unknown)}")
    allowed = {p.name for p in placeholders_for(kind)}
    if elsewhere := [n for n in names if n in _BY_NAME and n not in allowed]:
        why = "（不得向第三方提供申请人的信息）" if kind is LetterKind.THIRD_PARTY else ""
        problems.append(f"占位符{_braces(elsewhere)}不能用于{kind.label}{why}")
    if "{{" in _PLACEHOLDER.sub("", body) or "}}" in _PLACEHOLDER.sub("", body):
        problems.append("有不完整的占位符（“{{”与“}}”须成对出现，中间为占位符名称）")
    for name, why in REQUIRED[kind].items():
        if name not in names:
            problems.append(f"缺少占位符{_braces([name])}：{why}")
    if (
        kind in _APPEALABLE
        and "救济途径" not in names
        and not ("行政复议" in body and "行政诉讼" in body)
    ):
        problems.append(
            "须告知申请行政复议、提起行政诉讼的权利：请保留{{救济途径}}，"
            f"或写明复议机关、人民法院和期限（{REVIEW_PERIOD_DAYS}日、{LAWSUIT_PERIOD_MONTHS}个月）"
        )
    if problems:
        raise LetterError(f"模板未保存：{'；'.join(problems)}。")


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: bool = True


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]

    @property
    def columns(self) -> int:
        return max(len(row) for row in self.rows)


Block = Paragraph | Table


def render_body(body: str, values: dict[str, str]) -> list[Block]:
    """The template's paragraphs and tables with the placeholders filled (see the module doc).

    Values are inserted in one pass, so text typed by an applicant that looks like a
    placeholder stays text.
    """

    def fill(text: str) -> str:
        return _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)

    blocks: list[Block] = []
    rows: list[tuple[str, ...]] = []
    for raw in body.split("\n"):
        line = raw.strip(" \t")
        if TABLE_SEPARATOR in line:
            # Only ASCII blanks are trimmed: full-width spaces leave room to write by hand.
            cells = (fill(cell.strip(" \t")).strip(" \t") for cell in line.split(TABLE_SEPARATOR))
            rows.append(tuple(cells))
            continue
        if rows:
            blocks.append(Table(tuple(rows)))
            rows = []
        line = line.strip()
        only = _PLACEHOLDER.fullmatch(line)
        if not line or (only and not values[only.group(1)].strip()):
            continue
        for part in fill(line).split("\n"):
            if text := part.strip():
                addressee = not blocks and text.endswith("：")
                blocks.append(Paragraph(text, indent=not addressee))
    if rows:
        blocks.append(Table(tuple(rows)))
    return blocks


@dataclass(frozen=True)
class Letter:
    """A letter laid out: what the .docx, the PDF and the stored text are made from."""

    kind: LetterKind
    issuer: str
    number: str
    on: date
    blocks: tuple[Block, ...]

    @property
    def title(self) -> str:
        return str(self.kind.label)

    @property
    def signed(self) -> bool:
        return self.kind in _SIGNED

    @property
    def date_text(self) -> str:
        return format_date(self.on)

    @property
    def text(self) -> str:
        lines = [self.issuer, self.title, f"编号：{self.number}", ""]
        for block in self.blocks:
            if isinstance(block, Table):
                lines.extend(TABLE_SEPARATOR.join(row) for row in block.rows)
            else:
                lines.append(block.text)
        if self.signed:
            lines += ["", f"{self.issuer}（盖章）", self.date_text]
        return "\n".join(lines)


def format_date(day: date | None) -> str:
    """Dates in letters as GB/T 9704 writes them: 2025年3月5日."""
    return f"{day.year}年{day.month}月{day.day}日" if day else _BLANK_DATE


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in "。！？；：.!?" else f"{text}。"


def _one_line(text: str) -> str:
    return "；".join(line.strip().rstrip("；。") for line in text.splitlines() if line.strip())


# --- The facts of one letter ---------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """Everything a letter says, gathered from a request (or made up for a preview)."""

    request: DisclosureRequest
    kind: LetterKind
    on: date
    sequence: int = 1
    """The how-many-th letter of this kind for the request (1 for the first)."""
    party: str = ""
    fee: FeeNotice | None = None
    delivered: str = ""
    review_body: str = DEFAULT_REVIEW_BODY

    @property
    def number(self) -> str:
        return letter_number(self.request.tracking_no, self.kind, self.sequence)


def letter_number(tracking_no: str, kind: LetterKind, sequence: int) -> str:
    suffix = str(sequence) if sequence > 1 else ""
    return f"{tracking_no}-{_NUMBER_MARKS[kind]}{suffix}"


def review_body_for(unit: Unit) -> str:
    """The 行政复议机关 of a unit's acts under 行政复议法第二十四条: the nearest people's
    government above it (本级人民政府 of a department, the county of a township).

    Vertically led bodies (税务, 海关 …) are reviewed by 上一级主管部门 instead (第二十七条):
    such units write their review body into their own templates.
    """
    for ancestor in reversed(unit.ancestors()):
        if ancestor.kind in (UnitKind.GOVERNMENT, UnitKind.TOWNSHIP):
            return ancestor.name
    return DEFAULT_REVIEW_BODY


def _contact(unit: Unit) -> str:
    parts = []
    if unit.disclosure_office:
        parts.append(f"联系机构：{unit.disclosure_office}")
    if unit.phone:
        parts.append(f"联系电话：{unit.phone}")
    if unit.address:
        postcode = f"（邮政编码：{unit.postcode}）" if unit.postcode else ""
        parts.append(f"通信地址：{unit.address}{postcode}")
    return "；".join(parts) + "。" if parts else ""


def _appeal(subject: Subject) -> str:
    noun = _APPEALABLE.get(subject.kind, "告知书")
    return (
        f"如对本{noun}不服，可以自收到本{noun}之日起{REVIEW_PERIOD_DAYS}日内向"
        f"{subject.review_body}申请行政复议，或者自收到本{noun}之日起{LAWSUIT_PERIOD_MONTHS}"
        f"个月内向{DEFAULT_COURT}提起行政诉讼。"
    )


def _description(request: DisclosureRequest) -> str:
    text = _one_line(request.description)
    if request.doc_number:
        text = (
            f"{text}（文号：{request.doc_number}）" if text else f"文号为{request.doc_number}的文件"
        )
    return text


def _outcome_label(outcome: Outcome) -> str:
    category = outcome.category
    if len(category.outcomes) == 1:
        return category.label
    return f"{category.label}（{outcome.label}）"


def _how_to_get(request: DisclosureRequest, outcome: Outcome) -> str:
    if outcome not in (Outcome.GRANTED, Outcome.PARTLY_GRANTED):
        return ""
    lines = []
    if request.document_id:
        document = request.document
        number = f"（{document.doc_number}）" if document.doc_number else ""
        lines.append(f"本机关向您提供的政府信息为《{document.title}》{number}。")
    unit = request.unit
    if request.form_wanted == FormWanted.VIEWING:
        hours = f"于工作时间（{unit.office_hours}）" if unit.office_hours else "于工作时间"
        place = f"到本机关（{unit.address}）" if unit.address else "到本机关"
        lines.append(f"请您持本答复书和身份证明，{hours}{place}查阅、抄录。")
    elif request.form_wanted and request.delivery_method:
        form = FormWanted(request.form_wanted).label
        method = DeliveryMethod(request.delivery_method).label
        lines.append(f"本机关按照您要求的{form}形式，通过{method}方式向您提供。")
    else:
        lines.append("本机关随本答复书向您提供上述政府信息。")
    return "\n".join(lines)


def _withheld(request: DisclosureRequest) -> str:
    if not request.withheld_content.strip():
        return ""
    return (
        f"根据{REGULATION}第三十七条的规定，您申请获取的信息中以下内容不予公开："
        f"{_sentence(request.withheld_content)}\n不予公开的理由：{_sentence(request.withheld_reason)}"
    )


def _referred(request: DisclosureRequest) -> str:
    if not request.referred_to.strip():
        return ""
    return (
        "该政府信息不属于本机关负责公开。负责公开该政府信息的行政机关为"
        f"{request.referred_to.strip().rstrip('。')}，您可以向该机关提出申请。"
    )


def _extended_due_date(request: DisclosureRequest) -> date | None:
    """The extended 第三十三条 due date, also once the request is closed (when `reply_deadline`
    no longer gives one): None while a pause that stops the clock is open."""
    deadline = foi_reply_deadline(request, extended=True)
    return deadline.due if deadline else None


def _extended_due(request: DisclosureRequest) -> str:
    due = request.due_on if request.pk is None else _extended_due_date(request)
    if due:
        return f"本机关将于{format_date(due)}前作出答复。"
    # Extended while paused: the due date is known only once the consultation or fee ends.
    return (
        "征求意见或者缴纳信息处理费所需时间不计算在答复期限内，本机关将在延长后的期限内作出答复。"
    )


def _delivery_address(request: DisclosureRequest) -> str:
    if request.delivery_method == DeliveryMethod.EMAIL and request.email:
        return request.email
    if request.address:
        return f"{request.address}（{request.postcode}）" if request.postcode else request.address
    return request.email


def _fee_basis(method: str) -> str:
    # "《办法》第四条" with the measure's full name and document number in front.
    return FEE_MEASURE + FEE_MEASURE_ARTICLES[method].rpartition("》")[2]


def _day_counts() -> dict[str, int]:
    return resolve_day_counts(day_count_overrides())


def values_for(subject: Subject) -> dict[str, str]:
    """The value of every placeholder the subject's kind may use."""
    request, unit, kind = subject.request, subject.request.unit, subject.kind
    values = {
        "单位名称": unit.name,
        "联系方式": _contact(unit),
        "申请编号": request.tracking_no,
        "文书编号": subject.number,
        "日期": format_date(subject.on),
        "收到申请日期": format_date(request.received_on),
        "申请内容": _description(request),
        "复议机关": subject.review_body,
        "人民法院": DEFAULT_COURT,
        "救济途径": _appeal(subject),
    }
    if kind in _ABOUT_APPLICANT:
        values["申请人"] = request.applicant_name
    if kind is LetterKind.REPLY:
        outcome = Outcome(request.outcome)
        facts = outcome.facts
        values |= {
            "办理结果": _outcome_label(outcome),
            "答复意见": facts.reason,
            "答复内容": request.reply_text,
            "法律依据": facts.legal_basis,
            "答复依据": f"根据{facts.legal_basis}的规定，作出上述答复。"
            if facts.legal_basis
            else "",
            "不予公开说明": _withheld(request),
            "负责机关告知": _referred(request),
            "获取方式": _how_to_get(request, outcome),
        }
    elif kind is LetterKind.CORRECTION:
        values |= {
            "补正事项": request.correction_items,
            "补正期限": format_date(request.correction_until),
        }
    elif kind is LetterKind.EXTENSION:
        values |= {
            "延期理由": _sentence(request.extension_reason),
            "延长工作日数": str(_day_counts()["foi-reply-extension"]),
            "延期后答复期限": _extended_due(request),
        }
    elif kind is LetterKind.THIRD_PARTY:
        values |= {
            "第三方": subject.party,
            "征求意见期限": str(_day_counts()["third-party-reply"]),
        }
    elif kind is LetterKind.FEE:
        fee = subject.fee
        values |= {
            "计收方式": FEE_METHOD_LABELS[fee.method],
            "收费明细": "\n".join(_sentence(str(line)) for line in fee.breakdown),
            "收费金额": f"{fee.amount:.2f}",
            "缴费期限": format_date(fee.pay_by),
            "收费依据": _fee_basis(fee.method),
            "缴费期间说明": (
                "自本通知发出之日至您缴纳信息处理费之日，不计算在答复期限内。"
                if fee_period_pauses()
                else ""
            ),
        }
    elif kind is LetterKind.DELIVERY_RECEIPT:
        method = request.delivery_method
        values |= {
            "送达文书": subject.delivered,
            "送达地址": _delivery_address(request),
            "送达方式": DeliveryMethod(method).label if method else "",
        }
    return values


def compose(subject: Subject, body: str) -> Letter:
    return Letter(
        kind=subject.kind,
        issuer=subject.request.unit.name,
        number=subject.number,
        on=subject.on,
        blocks=tuple(render_body(body, values_for(subject))),
    )


# --- Which letters a request can have -------------------------------------------------------


def _has_reply(request: DisclosureRequest) -> bool:
    return bool(request.outcome) and (
        request.replied_on is not None or Outcome(request.outcome) in _ABANDONED
    )


def _reply_date(request: DisclosureRequest) -> date:
    return request.replied_on or request.closed_on or timezone.localdate()


def _third_party_pause(request: DisclosureRequest):
    return request.pauses.filter(reason=PauseReason.THIRD_PARTY).order_by("started_on", "id").last()


def _fee_notice(request: DisclosureRequest) -> FeeNotice | None:
    notices = request.fee_notices.exclude(status=FeeNoticeStatus.CANCELLED)
    return notices.order_by("notified_on", "id").last()


def _not_replied(request: DisclosureRequest, what: str) -> str:
    if request.state == State.WITHDRAWN or (request.closing_note and not request.replied_on):
        return f"申请人已撤回申请，不出具{what}。"
    return f"该申请尚未答复，不能生成{what}；请先作出答复或登记视为放弃申请。"


def letter_refusal(request: DisclosureRequest, kind: LetterKind | str) -> str | None:
    """Why the request cannot have a ``kind`` letter yet (in Chinese), or None when it can:
    each letter belongs to a step of the handling that must have happened."""
    kind = LetterKind(kind)
    if kind in (LetterKind.REPLY, LetterKind.DELIVERY_RECEIPT):
        return None if _has_reply(request) else _not_replied(request, kind.label)
    if kind is LetterKind.CORRECTION and request.correction_requested_on is None:
        return "该申请未告知补正，不能生成补正申请告知书。"
    if kind is LetterKind.EXTENSION and not request.extended:
        return "该申请未经批准延期，不能生成延期答复告知书。"
    if kind is LetterKind.THIRD_PARTY and _third_party_pause(request) is None:
        return "该申请未征求第三方意见，不能生成征求第三方意见书；请先登记“征求第三方意见”。"
    if kind is LetterKind.FEE and _fee_notice(request) is None:
        return "该申请没有收费通知，不能生成收费通知书；请先发出收费通知。"
    return None


def available_kinds(request: DisclosureRequest) -> list[LetterKind]:
    """The kinds of letter the request's history allows now, in `LetterKind` order."""
    return [kind for kind in LetterKind if letter_refusal(request, kind) is None]


def subject_for(request: DisclosureRequest, kind: LetterKind | str, *, party: str = "") -> Subject:
    """The facts of a ``kind`` letter for ``request``; `letter_refusal` as a `LetterError`."""
    kind = LetterKind(kind)
    if refusal := letter_refusal(request, kind):
        raise LetterError(refusal)
    subject = Subject(
        request=request,
        kind=kind,
        on=timezone.localdate(),
        sequence=request.letters.filter(kind=kind).count() + 1,
        review_body=review_body_for(request.unit),
    )
    # A letter is dated the day of the step it records; the 送达回证 the day it is printed.
    if kind is LetterKind.REPLY:
        return replace(subject, on=_reply_date(request))
    if kind is LetterKind.CORRECTION:
        return replace(subject, on=request.correction_requested_on)
    if kind is LetterKind.EXTENSION:
        return replace(subject, on=request.extension_approved_on or subject.on)
    if kind is LetterKind.THIRD_PARTY:
        pause = _third_party_pause(request)
        return replace(subject, on=pause.started_on, party=party.strip() or pause.party)
    if kind is LetterKind.FEE:
        notice = _fee_notice(request)
        return replace(subject, on=notice.notified_on, fee=notice)
    replies = request.letters.filter(kind=LetterKind.REPLY).count()
    number = letter_number(request.tracking_no, LetterKind.REPLY, max(replies, 1))
    return replace(subject, delivered=f"{LetterKind.REPLY.label}（{number}）")


def template_body(unit: Unit, kind: LetterKind | str) -> str:
    """The unit's wording of ``kind``, else the platform's."""
    kind = LetterKind(kind)
    own = LetterTemplate.objects.filter(unit=unit, kind=kind).values_list("body", flat=True)
    return own.first() or DEFAULT_BODIES[kind]


def _usable_body(unit: Unit, kind: LetterKind) -> str:
    body = template_body(unit, kind)
    try:
        check_template(kind, body)
    except LetterError as error:
        # Saved templates were checked, but the placeholders may have changed since.
        raise LetterError(
            f"本单位的“{kind.label}”模板已不符合当前要求，请在“依申请公开文书模板”中修改或恢复默认。"
            f"{str(error).removeprefix('模板未保存：')}"
        ) from None
    return body


# --- Files ------------------------------------------------------------------------------

BODY_FONT = "仿宋"  # GB/T 9704: 正文 3号仿宋体字
TITLE_FONT = "宋体"  # 标题 2号小标宋体字; 宋体 bold is what every office computer has
LATIN_FONT = "Times New Roman"
BODY_SIZE_PT = 16  # 3号
TITLE_SIZE_PT = 22  # 2号
LINE_PT = 28  # 每页22行 at 3号
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _fonts(element, east_asian: str, size_pt: int, *, bold: bool = False) -> None:
    """Set the fonts of a run or style: Word uses w:eastAsia for Chinese characters."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    element.font.name = LATIN_FONT
    element.font.size = Pt(size_pt)
    element.font.bold = bold
    r_fonts = element.element.get_or_add_rPr().get_or_add_rFonts()
    r_fonts.set(qn("w:eastAsia"), east_asian)


def build_docx(letter: Letter) -> bytes:
    """A4, GB/T 9704 margins, 仿宋 body with a 宋体 title, the signature at the right."""
    import docx
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    normal = document.styles["Normal"]
    _fonts(normal, BODY_FONT, BODY_SIZE_PT)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "zh-CN")
    language.set(qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(language)
    normal_format = normal.paragraph_format
    normal_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal_format.line_spacing = Pt(LINE_PT)
    normal_format.space_before = normal_format.space_after = Pt(0)

    def paragraph(text: str, *, align=None, indent: bool = False, font=None, size=None, bold=False):
        p = document.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(BODY_SIZE_PT * 2)
        run = p.add_run(text)
        if font or bold:
            _fonts(run, font or BODY_FONT, size or BODY_SIZE_PT, bold=bold)
        return p

    centre, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    paragraph(letter.issuer, align=centre, font=TITLE_FONT, size=TITLE_SIZE_PT, bold=True)
    title = paragraph(letter.title, align=centre, font=TITLE_FONT, size=TITLE_SIZE_PT, bold=True)
    title.paragraph_format.line_spacing = Pt(TITLE_SIZE_PT + 14)
    paragraph(f"编号：{letter.number}", align=centre).paragraph_format.space_after = Pt(LINE_PT)
    for block in letter.blocks:
        if isinstance(block, Paragraph):
            paragraph(block.text, indent=block.indent, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
            continue
        table = document.add_table(rows=len(block.rows), cols=block.columns)
        table.style = document.styles["Table Grid"]
        for row, cells in zip(table.rows, block.rows, strict=True):
            row.height, row.height_rule = Mm(16), WD_ROW_HEIGHT_RULE.AT_LEAST
            for index, cell in enumerate(row.cells):
                cell.text = cells[index] if index < len(cells) else ""
        if block.columns == 2:
            for row in table.rows:
                row.cells[0].width, row.cells[1].width = Mm(45), Mm(111)
    if letter.signed:
        signature = paragraph(f"{letter.issuer}（盖章）", align=right)
        signature.paragraph_format.space_before = Pt(LINE_PT * 2)
        signature.paragraph_format.right_indent = Pt(BODY_SIZE_PT * 2)
        paragraph(letter.date_text, align=right).paragraph_format.right_indent = Pt(
            BODY_SIZE_PT * 2
        )
    properties = document.core_properties
    properties.title, properties.author = letter.title, letter.issuer
    properties.last_modified_by, properties.comments = letter.issuer, ""
    output = BytesIO()
    document.save(output)
    return output.getvalue()


def letter_html(letter: Letter) -> str:
    return render_to_string("requests/letters/letter.html", {"letter": letter})


def build_pdf(letter: Letter) -> bytes | None:
    """The PDF, or None where this server cannot make one (`pdf_missing` says why)."""
    if pdf_missing() is not None:
        return None
    try:
        return html_to_pdf(letter_html(letter))
    except PdfUnavailable:
        return None


def pdf_unavailable_reason(letter: RequestLetter) -> str | None:
    """Why a stored letter has no PDF, for the PDF action to show; None when it has one."""
    if letter.pdf:
        return None
    return pdf_missing() or "该文书生成时服务器无法生成PDF，请重新生成该文书。"


@dataclass(frozen=True)
class _Files:
    docx: bytes
    pdf: bytes | None


def _render_files(letter: Letter) -> _Files:
    return _Files(docx=build_docx(letter), pdf=build_pdf(letter))


# --- Services -----------------------------------------------------------------------------


def letter_create(
    *, actor, request: DisclosureRequest, kind: LetterKind | str, party: str = ""
) -> RequestLetter:
    """Generate a letter of ``kind`` for ``request``: its text, a .docx and, where the server
    can, a PDF. Without PDF support the letter is still made; `pdf_unavailable_reason` tells
    the caller what to show. ``party`` addresses a 征求第三方意见书 to one of several parties.

    ``actor=None`` is the system (demo data); people need "request.handle" on the unit.
    """
    if actor is not None:
        require(actor, "request.handle", request.unit)
    kind = _kind(kind)
    body = _usable_body(request.unit, kind)
    # The files are made before the transaction: a PDF takes a fraction of a second, too long
    # to hold SQLite's single write lock. Under the lock the text is composed again and the
    # files remade only if a concurrent step changed what the letter says.
    draft = compose(subject_for(request, kind, party=party), body)
    files = _render_files(draft)
    written: list[str] = []
    try:
        with transaction.atomic():
            locked = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
            fresh = compose(subject_for(locked, kind, party=party), body)
            if fresh != draft:
                draft, files = fresh, _render_files(fresh)
            letter = RequestLetter(
                request=locked,
                kind=kind,
                title=draft.title,
                text=draft.text,
                to_applicant=kind in TO_APPLICANT,
                created_by=actor if getattr(actor, "pk", None) else None,
            )
            letter.docx.save("letter.docx", ContentFile(files.docx), save=False)
            written.append(letter.docx.name)
            if files.pdf is not None:
                letter.pdf.save("letter.pdf", ContentFile(files.pdf), save=False)
                written.append(letter.pdf.name)
            letter.save()
            audit_record(
                actor=actor,
                action="request.letter_create",
                obj=letter,
                unit=locked.unit,
                changes={
                    "request": locked.tracking_no,
                    "kind": kind.value,
                    "number": draft.number,
                    "pdf": files.pdf is not None,
                },
            )
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return letter


def _kind(kind: LetterKind | str) -> LetterKind:
    try:
        return LetterKind(kind)
    except ValueError:
        raise LetterError("未知的文书类型。") from None


def letter_template_save(*, actor, unit: Unit, kind: LetterKind | str, body: str) -> LetterTemplate:
    """Save a unit's wording of one kind of letter, after `check_template`."""
    require(actor, "request.templates", unit)
    kind = _kind(kind)
    body = normalise_body(body)
    check_template(kind, body)
    with transaction.atomic():
        template = LetterTemplate.objects.select_for_update().filter(
            unit=unit, kind=kind
        ).first() or LetterTemplate(unit=unit, kind=kind)
        before = template.body if template.pk else DEFAULT_BODIES[kind]
        template.body = body
        template.save()
        audit_record(
            actor=actor,
            action="request.letter_template_save",
            obj=template,
            unit=unit,
            changes={"kind": kind.value, "body": [before, body]},
        )
    return template


def letter_template_reset(*, actor, unit: Unit, kind: LetterKind | str) -> None:
    """Drop a unit's wording: its letters of this kind use the platform's again."""
    require(actor, "request.templates", unit)
    kind = _kind(kind)
    with transaction.atomic():
        template = LetterTemplate.objects.select_for_update().filter(unit=unit, kind=kind).first()
        if template is None:
            raise LetterError(f"“{kind.label}”已在使用平台默认模板。")
        audit_record(
            actor=actor,
            action="request.letter_template_reset",
            obj=template,
            unit=unit,
            changes={"kind": kind.value, "body": [template.body, DEFAULT_BODIES[kind]]},
        )
        template.delete()


# --- Preview on a sample request ------------------------------------------------------------

SAMPLE_PARTY = "某某建设工程有限公司"


def sample_subject(unit: Unit, kind: LetterKind | str, *, outcome: Outcome | str) -> Subject:
    """A made-up request of ``unit`` in the state the letter needs; nothing is stored."""
    kind, outcome = LetterKind(kind), Outcome(outcome)
    today = timezone.localdate()
    received = today.replace(day=1)
    extended_due = deadline_for("foi-reply", received, extended=True).due
    request = DisclosureRequest(
        unit=unit,
        tracking_no=f"{unit.code}-{today.year}-0001",
        applicant_type="natural_person",
        applicant_name="张三（示例）",
        address="某某县某某路1号",
        postcode="100000",
        email="zhangsan@example.invalid",
        description="2025年城乡居民最低生活保障标准调整文件",
        form_wanted=FormWanted.ELECTRONIC,
        delivery_method=DeliveryMethod.EMAIL,
        received_on=received,
        correction_items="请写明所需文件的发文机关或大致发文时间。",
        correction_requested_on=today,
        correction_until=deadline_for("correction-notice", today).due,
        extended=True,
        extension_reason="所申请信息涉及多个年度的档案，需要调取、核对",
        extension_approved_on=today,
        due_on=extended_due,
        outcome=outcome.value,
        reply_text="" if outcome.facts.reason else "（此处为承办人填写的答复内容。）",
        withheld_content=(
            "文件附件中低保对象的姓名、身份证号码" if outcome == Outcome.PARTLY_GRANTED else ""
        ),
        withheld_reason=(
            "属于个人隐私，公开会对第三方合法权益造成损害"
            if outcome == Outcome.PARTLY_GRANTED
            else ""
        ),
        referred_to=(
            "某某县民政局（联系电话：0000-0000000）" if outcome == Outcome.UNABLE_NOT_HELD else ""
        ),
        replied_on=today,
    )
    fee = compute_fee("count", requests_this_month_before=12, requests_in_this_application=1)
    notice = FeeNotice(
        request=request,
        method=fee.method,
        amount=fee.total,
        breakdown=[str(line) for line in fee.lines],
        notified_on=today,
        pay_by=deadline_for("fee-payment", today).due,
    )
    return Subject(
        request=request,
        kind=kind,
        on=today,
        party=SAMPLE_PARTY,
        fee=notice,
        delivered=f"{LetterKind.REPLY.label}（{letter_number(request.tracking_no, LetterKind.REPLY, 1)}）",
        review_body=review_body_for(unit),
    )


def letter_preview(
    *,
    unit: Unit,
    kind: LetterKind | str,
    body: str,
    outcome: Outcome | str = Outcome.PARTLY_GRANTED,
) -> Letter:
    """``body`` (checked) applied to a sample request: what the editor shows before saving."""
    kind = _kind(kind)
    body = normalise_body(body)
    check_template(kind, body)
    return compose(sample_subject(unit, kind, outcome=outcome), body)


# --- Private downloads ----------------------------------------------------------------------


def _file_response(letter: RequestLetter, fmt: str) -> FileResponse:
    stored = {"docx": letter.docx, "pdf": letter.pdf}.get(fmt)
    if not stored:
        raise Http404("没有该格式的文书。")
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404("文书文件不存在。") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{letter.request.tracking_no}-{letter.title}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )
    # Personal data: no shared cache may keep it.
    response["Cache-Control"] = "private, no-store"
    return response


def letter_response_for_staff(*, user, letter_id: int, fmt: str) -> FileResponse:
    """A letter's file for staff who may see its request (`visible_requests`); else 404."""
    letter = (
        RequestLetter.objects.select_related("request")
        .filter(pk=letter_id, request__in=visible_requests(user))
        .first()
    )
    if letter is None:
        raise Http404("没有找到该文书。")
    return _file_response(letter, fmt)


def letter_response_for_applicant(
    *, request: DisclosureRequest, letter_id: int, fmt: str
) -> FileResponse:
    """A letter's file for the applicant of ``request`` (found by tracking number and lookup
    code): only letters addressed to them."""
    letter = request.letters.filter(pk=letter_id, to_applicant=True).first()
    if letter is None:
        raise Http404("没有找到该文书。")
    letter.request = request
    return _file_response(letter, fmt)
