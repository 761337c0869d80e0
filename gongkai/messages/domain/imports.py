"""Rows of the two imports, checked without a database: an office's past ledger
(``gongkai messages import``) and the 12345 hotline's work orders. Every problem is collected
with its row number; the caller writes nothing while there is one. Pure Python.

Times are ISO 8601 in Asia/Shanghai (``2026-02-13 16:30``, ``2026-02-13T16:30:00+08:00``); a
time written with another offset is converted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from gongkai.core.domain.errors import DomainError

from .kinds import KIND_LABELS, MessageKind

SHANGHAI = ZoneInfo("Asia/Shanghai")
LEDGER_COLUMNS = ("number", "unit", "kind", "received_at", "answered_at")
NUMBER_MAX = 40
HOTLINE_TEXT_MAX = 5000
TITLE_MAX = 100

# The hotline's columns: our key, then the headers a hotline's export may use for it.
HOTLINE_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "number": ("number", "工单编号", "工单号"),
    "received_at": ("received_at", "受理时间", "来电时间"),
    "unit": ("unit", "承办单位"),
    "kind": ("kind", "诉求类型", "工单类型"),
    "title": ("title", "诉求标题", "标题"),
    "text": ("text", "诉求内容"),
    "due_on": ("due_on", "办理时限", "办结时限"),
    "contact_name": ("contact_name", "诉求人", "来电人"),
    "contact_mobile": ("contact_mobile", "联系电话", "来电号码"),
}
HOTLINE_REQUIRED = ("number", "received_at", "unit", "kind", "text")
# The header of our export (双反馈): the import's layout, then the answer.
HOTLINE_EXPORT_HEADER = (
    "工单编号",
    "受理时间",
    "承办单位",
    "诉求类型",
    "诉求标题",
    "诉求内容",
    "办理时限",
    "答复时间",
    "答复单位",
    "答复内容",
)

# Kinds as hotlines and offices write them; 求助 is answered like a consultation, 举报 like a
# complaint.
KIND_ALIASES: Mapping[str, MessageKind] = {
    **{kind.value: kind for kind in MessageKind},
    **{label: kind for kind, label in KIND_LABELS.items()},
    "找错": MessageKind.CORRECTION,
    "纠错": MessageKind.CORRECTION,
    "求助": MessageKind.CONSULTATION,
    "举报": MessageKind.COMPLAINT,
}


class MessageImportError(DomainError):
    def __init__(self, problems: list[str], what: str = "留言"):
        self.problems = problems
        super().__init__(f"{what}导入失败，未写入任何数据：\n" + "\n".join(problems))


def parse_local_datetime(text: str) -> datetime:
    """An aware datetime in Asia/Shanghai; ValueError when ``text`` is not ISO 8601."""
    value = datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        return value.replace(tzinfo=SHANGHAI)
    return value.astimezone(SHANGHAI)


def _time(text: str, label: str, where: str, problems: list[str]) -> datetime | None:
    try:
        return parse_local_datetime(text)
    except ValueError:
        problems.append(
            f"{where}{label}“{text}”不是有效的时间，应为 YYYY-MM-DD HH:MM（北京时间）。"
        )
        return None


@dataclass(frozen=True)
class LedgerRow:
    row: int
    number: str
    unit: str
    kind: MessageKind
    received_at: datetime
    answered_at: datetime | None


def check_ledger_rows(
    rows: Sequence[tuple[int, Mapping[str, str]]], now: datetime
) -> tuple[list[LedgerRow], list[str]]:
    """The rows of ``number,unit,kind,received_at,answered_at`` (``kind`` one of the keys)."""
    checked: list[LedgerRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    keys = " | ".join(kind.value for kind in MessageKind)
    for number, values in rows:
        where = f"第 {number} 行："
        before = len(problems)
        key = values["number"]
        if not key:
            problems.append(f"{where}缺少留言编号（number）。")
        elif len(key) > NUMBER_MAX:
            problems.append(f"{where}留言编号超过 {NUMBER_MAX} 个字符。")
        elif key in seen:
            problems.append(f"{where}留言编号 {key} 与第 {seen[key]} 行重复。")
        else:
            seen[key] = number
        if not values["unit"]:
            problems.append(f"{where}缺少单位代码（unit）。")
        kind = next((k for k in MessageKind if k.value == values["kind"]), None)
        if kind is None:
            problems.append(f"{where}类别“{values['kind']}”无效，应为 {keys} 之一。")
        received = _time(values["received_at"], "收到时间 received_at", where, problems)
        answered = None
        if values["answered_at"]:
            answered = _time(values["answered_at"], "答复时间 answered_at", where, problems)
        if received is not None and received > now:
            problems.append(f"{where}收到时间晚于现在。")
        if answered is not None:
            if answered > now:
                problems.append(f"{where}答复时间晚于现在。")
            if received is not None and answered < received:
                problems.append(f"{where}答复时间早于收到时间。")
        if len(problems) == before and kind is not None and received is not None:
            checked.append(LedgerRow(number, key, values["unit"], kind, received, answered))
    return checked, problems


@dataclass(frozen=True)
class HotlineRow:
    row: int
    number: str
    received_at: datetime
    unit: str
    kind: MessageKind
    title: str
    text: str
    due_on: date | None
    contact_name: str
    contact_mobile: str


def hotline_rows(
    table: Sequence[Sequence[str]],
) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """``(row number, {key: cell})`` of a work-order table whose first row names the columns
    (our keys or the hotline's Chinese headers, in any order); blank rows skipped."""
    if not table:
        return [], ["文件为空。"]
    header = [cell.strip().lstrip("\ufeff") for cell in table[0]]
    index: dict[str, int] = {}
    for key, names in HOTLINE_COLUMNS.items():
        found = next((i for i, name in enumerate(header) if name in names), None)
        if found is not None:
            index[key] = found
    missing = [HOTLINE_COLUMNS[key][1] for key in HOTLINE_REQUIRED if key not in index]
    if missing:
        return [], [f"第 1 行（表头）缺少列：{'、'.join(missing)}。"]
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        rows.append(
            (
                number,
                {key: (cells[i].strip() if i < len(cells) else "") for key, i in index.items()},
            )
        )
    return rows, []


def check_hotline_rows(
    rows: Sequence[tuple[int, Mapping[str, str]]], now: datetime
) -> tuple[list[HotlineRow], list[str]]:
    checked: list[HotlineRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    kinds = "、".join(sorted(KIND_ALIASES, key=len)[:12])
    for number, values in rows:
        where = f"第 {number} 行："
        before = len(problems)
        key = values.get("number", "")
        if not key:
            problems.append(f"{where}缺少工单编号。")
        elif len(key) > NUMBER_MAX:
            problems.append(f"{where}工单编号超过 {NUMBER_MAX} 个字符。")
        elif key in seen:
            problems.append(f"{where}工单编号 {key} 与第 {seen[key]} 行重复。")
        else:
            seen[key] = number
        received = None
        if values.get("received_at"):
            received = _time(values["received_at"], "受理时间", where, problems)
            if received is not None and received > now:
                problems.append(f"{where}受理时间晚于现在。")
        else:
            problems.append(f"{where}缺少受理时间。")
        if not values.get("unit"):
            problems.append(f"{where}缺少承办单位。")
        kind = KIND_ALIASES.get(values.get("kind", ""))
        if kind is None:
            problems.append(f"{where}诉求类型“{values.get('kind', '')}”无法识别（可用：{kinds}）。")
        text = values.get("text", "")
        if not text:
            problems.append(f"{where}缺少诉求内容。")
        elif len(text) > HOTLINE_TEXT_MAX:
            problems.append(f"{where}诉求内容超过 {HOTLINE_TEXT_MAX} 字。")
        due_on = None
        if values.get("due_on"):
            due = _time(values["due_on"], "办理时限", where, problems)
            due_on = due.date() if due is not None else None
            if due_on is not None and received is not None and due_on < received.date():
                problems.append(f"{where}办理时限早于受理时间。")
        title = values.get("title", "")[:TITLE_MAX] or _title_from(text)
        if len(problems) == before and received is not None and kind is not None:
            checked.append(
                HotlineRow(
                    number,
                    key,
                    received,
                    values["unit"],
                    kind,
                    title,
                    text,
                    due_on,
                    values.get("contact_name", "")[:50],
                    values.get("contact_mobile", "")[:20],
                )
            )
    return checked, problems


def _title_from(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= 30 else first[:30] + "…"
