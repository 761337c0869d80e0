"""The standard catalog as a table (statutes.md §5.1), read and checked as a whole.

Columns, by their usual headers: 序号 | 公开事项 (一级事项 / 二级事项) | 公开内容（要素） | 公开依据 |
公开时限 | 公开主体 | 公开渠道和载体 | 公开对象 | 公开方式 | 公开层级, plus 试点领域 when one file holds
several areas, an optional 时限规则 and 备注. Both layouts in use are read:

- flat: one header row; 公开对象 / 公开方式 / 公开层级 written as words, 公开渠道和载体 as a
  ■/□ checklist or a list (the CSV layout this platform exports);
- two header rows: 公开事项 over 一级事项 | 二级事项, and tick columns (√) under 全社会 | 特定群体,
  主动 | 依申请, 县级 | 乡级 | 村级, or under each channel (the .xlsx layout).

Merged cells (an 一级事项 spanning its 二级事项) are filled down. A row that names an 一级事项 and
nothing else is a group heading. The area of a row is its 试点领域 cell, else the sheet's title
rows or name (甘肃省财政预决算领域政务公开标准目录). Every problem is reported with its row;
the caller writes nothing unless there are none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .elements import (
    Audience,
    Channel,
    ElementError,
    Level,
    Method,
    channel_for_label,
    is_checked,
    normalise,
    parse_audience,
    parse_channels,
    parse_levels,
    parse_method,
)
from .rules import RuleError, TimeRule, parse_time_rule
from .sheets import Sheet, TableError, cell, is_blank

COLUMNS = (
    "序号",
    "试点领域",
    "一级事项",
    "二级事项",
    "公开内容（要素）",
    "公开依据",
    "公开时限",
    "时限规则",
    "公开主体",
    "公开渠道和载体",
    "公开对象",
    "公开方式",
    "公开层级",
    "备注",
)

_FIELDS: dict[str, str] = {
    "序号": "seq",
    "试点领域": "area",
    "领域": "area",
    "公开领域": "area",
    "所属领域": "area",
    "村务类别": "area",
    "公开类别": "area",
    "一级事项": "level1",
    "一级目录": "level1",
    "二级事项": "level2",
    "二级目录": "level2",
    "公开事项": "item",
    "事项名称": "item",
    "公开事项名称": "item",
    "公开依据": "basis",
    "公开时限": "time_limit",
    "时限规则": "rule",
    "公开主体": "body",
    "公开对象": "audience",
    "公开方式": "method",
    "公开层级": "levels",
    "备注": "remarks",
}
_PREFIXES = (("公开内容", "content"), ("公开渠道", "channels"), ("公开载体", "channels"))
REQUIRED = ("content", "basis", "time_limit", "body", "channels", "audience", "method")
FIELD_LABELS = {
    "content": "公开内容（要素）",
    "basis": "公开依据",
    "time_limit": "公开时限",
    "body": "公开主体",
    "channels": "公开渠道和载体",
    "audience": "公开对象",
    "method": "公开方式",
}
_AUDIENCE_SUB = {
    "全社会": Audience.PUBLIC,
    "特定群体": Audience.SPECIFIC,
    "特定群众": Audience.SPECIFIC,
}
_METHOD_SUB = {"主动": Method.PROACTIVE, "依申请": Method.ON_REQUEST}
_LEVEL_SUB = {"县级": Level.COUNTY, "乡级": Level.TOWNSHIP, "村级": Level.VILLAGE}
_LEVEL_SUB |= {"乡镇级": Level.TOWNSHIP, "村（居）级": Level.VILLAGE}
_ITEM_SUB = {"一级事项": "level1", "二级事项": "level2", "一级目录": "level1", "二级目录": "level2"}


def header_field(text: str) -> str | None:
    word = normalise(text)
    if not word:
        return None
    if word in _FIELDS:
        return _FIELDS[word]
    base = word.split("（")[0]
    if base in _FIELDS:
        return _FIELDS[base]
    for prefix, name in _PREFIXES:
        if word.startswith(prefix):
            return name
    return None


@dataclass
class Layout:
    """Which column holds what."""

    columns: dict[str, int] = field(default_factory=dict)
    audience: dict[Audience, int] = field(default_factory=dict)
    method: dict[Method, int] = field(default_factory=dict)
    levels: dict[Level, int] = field(default_factory=dict)
    channels: dict[Channel, int] = field(default_factory=dict)
    first_data_row: int = 0  # index into the sheet's rows
    title: str = ""  # the text above the header (often names the area)

    def has(self, name: str) -> bool:
        return (
            name in self.columns
            or (name == "audience" and bool(self.audience))
            or (name == "method" and bool(self.method))
            or (name == "levels" and bool(self.levels))
            or (name == "channels" and bool(self.channels))
        )


def _is_sub_header(row: list[str], content_column: int) -> bool:
    """The second header row: sub-headings such as 一级事项 | 二级事项 or 全社会 | 特定群体, and
    nothing under 公开内容 (merged down from the first row), which every data row fills."""
    if cell(row, content_column):
        return False
    words = {normalise(value) for value in row if value.strip()}
    subs = set(_AUDIENCE_SUB) | set(_METHOD_SUB) | set(_LEVEL_SUB) | set(_ITEM_SUB)
    return bool(words & subs) or any(channel_for_label(w) for w in words if len(w) > 2)


def _sub_column(layout: Layout, target: str | None, word: str, column: int) -> bool:
    """Record a column under a two-row heading; False if the word is no known sub-heading."""
    if target in {"item", "level1", "level2"} and word in _ITEM_SUB:
        layout.columns.setdefault(_ITEM_SUB[word], column)
    elif target == "audience" and word in _AUDIENCE_SUB:
        layout.audience[_AUDIENCE_SUB[word]] = column
    elif target == "method" and word in _METHOD_SUB:
        layout.method[_METHOD_SUB[word]] = column
    elif target == "levels" and word in _LEVEL_SUB:
        layout.levels[_LEVEL_SUB[word]] = column
    elif target == "channels" and (channel := channel_for_label(word)):
        layout.channels[channel] = column
    else:
        return False
    return True


def find_layout(sheet: Sheet) -> Layout | None:
    """The layout of a catalog sheet, or None if no header row is found in its first rows."""
    for index, row in enumerate(sheet.rows[:12]):
        fields = [header_field(value) for value in row]
        if "content" not in fields or not ({"item", "level1"} & set(fields)):
            continue
        layout = Layout(title=" ".join(" ".join(r) for r in sheet.rows[:index]).strip())
        sub = sheet.rows[index + 1] if index + 1 < len(sheet.rows) else []
        two_rows = _is_sub_header(sub, fields.index("content"))
        top = None
        for column in range(max(len(row), len(sub) if two_rows else 0)):
            name = fields[column] if column < len(fields) else None
            if name is not None:
                top = name
            word = normalise(cell(sub, column)) if two_rows else ""
            if word and _sub_column(layout, name or top, word, column):
                continue
            if name is not None:
                layout.columns.setdefault("level1" if name == "item" else name, column)
        layout.first_data_row = index + (2 if two_rows else 1)
        return layout
    return None


@dataclass(frozen=True)
class CatalogRow:
    """One row of a catalog table, checked; ``rule`` and the elements are empty for a group."""

    where: str  # 第N行 / 工作表“X”第N行, for messages
    area_text: str
    level1: str
    level2: str
    content: str = ""
    basis: str = ""
    time_limit: str = ""
    rule: TimeRule | None = None
    body: str = ""
    channels: tuple[Channel, ...] = ()
    audience: Audience | None = None
    method: Method | None = None
    levels: tuple[Level, ...] = ()
    remarks: str = ""

    @property
    def is_group(self) -> bool:
        return self.rule is None

    @property
    def key(self) -> tuple[str, str, str]:
        return (normalise(self.area_text), normalise(self.level1), normalise(self.level2))


def _ticked(row: list[str], columns: Mapping) -> list:
    return [value for value, column in columns.items() if is_checked(cell(row, column))]


def _rule(row: list[str], layout: Layout, time_limit: str) -> TimeRule | None:
    """The 时限规则 cell (a code such as ``quarterly``/``workdays:20`` or words), else the rule
    the time limit's words state."""
    given = cell(row, layout.columns.get("rule"))
    if given:
        try:
            return TimeRule.from_code(given)
        except RuleError:
            rule = parse_time_rule(given)
            if rule is None:
                raise ElementError(
                    f"时限规则“{given}”无法识别，可填写如 workdays:20、monthly、quarterly、"
                    "halfyearly、yearly、ongoing，或“20个工作日”“每季度”。"
                ) from None
            return rule
    rule = parse_time_rule(time_limit)
    if rule is None:
        raise ElementError(
            f"无法从公开时限“{time_limit}”识别时限规则，请写明如“信息形成或者变更之日起20个工作日内”"
            "“每月”“每季度”“每年”“长期公开”，或在“时限规则”列填写。"
        )
    return rule


def _parse_row(sheet: Sheet, number: int, row: list[str], layout: Layout, area: str, level1: str):
    """(CatalogRow or None, problems)."""
    where = sheet.where(number)
    level2 = cell(row, layout.columns.get("level2"))
    texts = {
        name: cell(row, layout.columns.get(name))
        for name in ("content", "basis", "time_limit", "body")
    }
    channels_text = cell(row, layout.columns.get("channels"))
    audience_text = cell(row, layout.columns.get("audience"))
    method_text = cell(row, layout.columns.get("method"))
    ticks = (
        _ticked(row, layout.audience) + _ticked(row, layout.method) + _ticked(row, layout.channels)
    )
    has_elements = any(texts.values()) or channels_text or audience_text or method_text or ticks
    remarks = cell(row, layout.columns.get("remarks"))
    if not level2 and not has_elements:
        return CatalogRow(where, area, level1, "", remarks=remarks), []
    problems: list[str] = []
    missing = [FIELD_LABELS[name] for name, value in texts.items() if not value]
    values: dict[str, object] = {}
    try:
        if layout.channels:
            values["channels"] = tuple(c for c in Channel if c in _ticked(row, layout.channels))
        else:
            values["channels"] = parse_channels(channels_text)
        if not values["channels"]:
            missing.append(FIELD_LABELS["channels"])
    except ElementError as error:
        problems.append(f"{where}：{error}")
    for name, ticks_map, parse in (
        ("audience", layout.audience, parse_audience),
        ("method", layout.method, parse_method),
    ):
        if ticks_map:
            chosen = _ticked(row, ticks_map)
            if len(chosen) > 1:
                problems.append(f"{where}：{FIELD_LABELS[name]}只能选一项。")
            elif chosen:
                values[name] = chosen[0]
            else:
                missing.append(FIELD_LABELS[name])
        else:
            text = cell(row, layout.columns.get(name))
            if not text:
                missing.append(FIELD_LABELS[name])
            else:
                try:
                    values[name] = parse(text)
                except ElementError as error:
                    problems.append(f"{where}：{error}")
    levels: tuple[Level, ...] = ()
    if layout.levels:
        levels = tuple(level for level in Level if level in _ticked(row, layout.levels))
    elif text := cell(row, layout.columns.get("levels")):
        try:
            levels = parse_levels(text)
        except ElementError as error:
            problems.append(f"{where}：{error}")
    rule = None
    if texts["time_limit"]:
        try:
            rule = _rule(row, layout, texts["time_limit"])
        except ElementError as error:
            problems.append(f"{where}：{error}")
    if missing:
        problems.insert(0, f"{where}：缺少{'、'.join(dict.fromkeys(missing))}。")
    if problems:
        return None, problems
    return (
        CatalogRow(
            where,
            area,
            level1,
            level2,
            content=texts["content"],
            basis=texts["basis"],
            time_limit=texts["time_limit"],
            rule=rule,
            body=texts["body"],
            channels=values["channels"],
            audience=values["audience"],
            method=values["method"],
            levels=levels,
            remarks=remarks,
        ),
        [],
    )


def parse_catalog(sheets: list[Sheet]) -> list[CatalogRow]:
    """Every row of every catalog sheet, or ``TableError`` listing every problem."""
    rows: list[CatalogRow] = []
    problems: list[str] = []
    found_any = False
    for sheet in sheets:
        if not any(not is_blank(r) for r in sheet.rows):
            continue
        layout = find_layout(sheet)
        if layout is None:
            problems.append(
                f"{'工作表“' + sheet.name + '”' if sheet.name else '文件'}没有找到表头："
                "应有“公开事项”（或“一级事项”）和“公开内容”等列。"
            )
            continue
        found_any = True
        absent = [FIELD_LABELS[name] for name in REQUIRED if not layout.has(name)]
        if absent:
            problems.append(
                f"{sheet.where(layout.first_data_row)}之前的表头缺少列：{'、'.join(absent)}。"
            )
            continue
        hint = " ".join(filter(None, [layout.title, sheet.name]))
        level1 = area = ""
        for index in range(layout.first_data_row, len(sheet.rows)):
            row = sheet.rows[index]
            if is_blank(row):
                continue
            number = index + 1
            own_level1 = cell(row, layout.columns.get("level1"))
            if normalise(own_level1) in {"一级事项", "公开事项"}:
                continue  # the header repeated on a printed page
            if own_level1:
                level1 = own_level1
            own_area = cell(row, layout.columns.get("area"))
            if own_area:
                area = own_area
            if not level1:
                problems.append(f"{sheet.where(number)}：缺少公开事项（一级事项）名称。")
                continue
            parsed, row_problems = _parse_row(sheet, number, row, layout, area or hint, level1)
            problems += row_problems
            if parsed is not None:
                rows.append(parsed)
    if not found_any and not problems:
        problems.append("文件中没有数据。")
    seen: dict[tuple[str, str, str], str] = {}
    for row in rows:
        if row.key in seen and not (row.is_group and not row.level2):
            problems.append(
                f"{row.where}：事项“{row.level1}{'/' + row.level2 if row.level2 else ''}”与{seen[row.key]}重复。"
            )
        seen.setdefault(row.key, row.where)
    if problems:
        raise TableError(problems)
    return rows


def match_area(text: str, names: Mapping[object, list[str]]) -> object | None:
    """The area (key of ``names``) a text names: exactly, or the one whose name occurs in it
    (the longest such name wins; two areas tied is no answer)."""
    word = normalise(text).removesuffix("领域")
    if not word:
        return None
    for key, candidates in names.items():
        if any(word == normalise(n) for n in candidates if n):
            return key
    best: list[tuple[int, object]] = []
    for key, candidates in names.items():
        lengths = [len(normalise(n)) for n in candidates if n and normalise(n) in word]
        if lengths:
            best.append((max(lengths), key))
    if not best:
        return None
    best.sort(key=lambda pair: -pair[0])
    if len(best) > 1 and best[0][0] == best[1][0] and best[0][1] != best[1][1]:
        return None
    return best[0][1]
