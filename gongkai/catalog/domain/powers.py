"""权责清单: the kinds of power, the table a department publishes, and what changed between two
versions of it. Pure: no Django."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from enum import StrEnum

from .elements import normalise
from .sheets import Sheet, TableError, cell, is_blank


class PowerKind(StrEnum):
    LICENSING = "licensing"
    PENALTY = "penalty"
    COERCION = "coercion"
    LEVY = "levy"
    BENEFIT = "benefit"
    INSPECTION = "inspection"
    CONFIRMATION = "confirmation"
    REWARD = "reward"
    ADJUDICATION = "adjudication"
    OTHER = "other"
    PUBLIC_SERVICE = "public_service"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    PowerKind.LICENSING: "行政许可",
    PowerKind.PENALTY: "行政处罚",
    PowerKind.COERCION: "行政强制",
    PowerKind.LEVY: "行政征收",
    PowerKind.BENEFIT: "行政给付",
    PowerKind.INSPECTION: "行政检查",
    PowerKind.CONFIRMATION: "行政确认",
    PowerKind.REWARD: "行政奖励",
    PowerKind.ADJUDICATION: "行政裁决",
    PowerKind.OTHER: "其他行政权力",
    PowerKind.PUBLIC_SERVICE: "公共服务",
}
_KIND_WORDS = {normalise(label): kind for kind, label in KIND_LABELS.items()}
_KIND_WORDS |= {
    "其他权力": PowerKind.OTHER,
    "其他职权": PowerKind.OTHER,
    "其他行政职权": PowerKind.OTHER,
    "其他": PowerKind.OTHER,
    "公共服务事项": PowerKind.PUBLIC_SERVICE,
    "行政征用": PowerKind.LEVY,
    "行政强制措施": PowerKind.COERCION,
    "行政强制执行": PowerKind.COERCION,
}


def parse_power_kind(text: str) -> PowerKind | None:
    return _KIND_WORDS.get(normalise(text))


@dataclass(frozen=True)
class PowerData:
    """One power of a list, as imported, edited or compared."""

    kind: PowerKind
    name: str
    code: str = ""  # 权力编码 / 事项编码
    subitem: str = ""  # 子项
    basis: str = ""  # 设定依据
    body: str = ""  # 实施主体（责任主体）
    duties: str = ""  # 责任事项
    accountability: str = ""  # 追责情形
    remarks: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind.value, normalise(self.name), normalise(self.subitem))

    @property
    def title(self) -> str:
        return f"{self.name}（{self.subitem}）" if self.subitem else self.name


FIELD_LABELS = {
    "kind": "权力类型",
    "name": "权力名称",
    "code": "权力编码",
    "subitem": "子项",
    "basis": "设定依据",
    "body": "实施主体",
    "duties": "责任事项",
    "accountability": "追责情形",
    "remarks": "备注",
}
COLUMNS = ("序号", *FIELD_LABELS.values())

_HEADERS = {
    "kind": ["权力类型", "权责类型", "事项类型", "职权类型", "权力类别", "类别", "类型"],
    "name": ["权力名称", "事项名称", "权责事项", "职权名称", "权力事项名称", "名称", "项目名称"],
    "code": ["权力编码", "事项编码", "编码", "权力编号", "编号"],
    "subitem": ["子项", "子项名称"],
    "basis": ["设定依据", "实施依据", "法定依据", "依据", "法律依据"],
    "body": ["实施主体", "责任主体", "行使主体", "承办机构", "实施机构"],
    "duties": ["责任事项", "责任事项内容", "职责"],
    "accountability": ["追责情形", "追责依据", "问责依据", "追责情形及依据"],
    "remarks": ["备注"],
}
_HEADER_WORDS = {normalise(word): name for name, words in _HEADERS.items() for word in words}
REQUIRED = ("kind", "name", "basis")


@dataclass(frozen=True)
class PowerRow:
    where: str
    data: PowerData


def parse_powers(sheets: list[Sheet]) -> list[PowerRow]:
    """Every power of every sheet that has the table's header, or ``TableError``."""
    rows: list[PowerRow] = []
    problems: list[str] = []
    for sheet in sheets:
        if not any(not is_blank(r) for r in sheet.rows):
            continue
        columns: dict[str, int] = {}
        start = None
        for index, row in enumerate(sheet.rows[:12]):
            found = {}
            for column, value in enumerate(row):
                name = _HEADER_WORDS.get(normalise(value).split("（")[0])
                if name and name not in found:
                    found[name] = column
            if "kind" in found and "name" in found:
                columns, start = found, index + 1
                break
        if start is None:
            problems.append(
                f"{'工作表“' + sheet.name + '”' if sheet.name else '文件'}没有找到表头："
                "应有“权力类型”“权力名称”“设定依据”等列。"
            )
            continue
        absent = [FIELD_LABELS[name] for name in REQUIRED if name not in columns]
        if absent:
            problems.append(f"{sheet.where(start)}（表头）缺少列：{'、'.join(absent)}。")
            continue
        kind_text = ""
        for index in range(start, len(sheet.rows)):
            row = sheet.rows[index]
            if is_blank(row):
                continue
            where = sheet.where(index + 1)
            values = {name: cell(row, column) for name, column in columns.items()}
            if normalise(values.get("name", "")) in {"权力名称", "事项名称"}:
                continue
            kind_text = values.get("kind") or kind_text  # merged down
            missing = [FIELD_LABELS[n] for n in ("name", "basis") if not values.get(n)]
            if not kind_text:
                missing.insert(0, FIELD_LABELS["kind"])
            if missing:
                problems.append(f"{where}：缺少{'、'.join(missing)}。")
                continue
            kind = parse_power_kind(kind_text)
            if kind is None:
                problems.append(
                    f"{where}：权力类型“{kind_text}”无法识别，应为"
                    f"{'、'.join(KIND_LABELS.values())}之一。"
                )
                continue
            data = PowerData(
                kind=kind, **{n: values.get(n, "") for n in FIELD_LABELS if n != "kind"}
            )
            rows.append(PowerRow(where, data))
    seen: dict[tuple[str, str, str], str] = {}
    for row in rows:
        if row.data.key in seen:
            problems.append(f"{row.where}：“{row.data.title}”与{seen[row.data.key]}重复。")
        seen.setdefault(row.data.key, row.where)
    if not rows and not problems:
        problems.append("文件中没有权责事项。")
    if problems:
        raise TableError(problems)
    return rows


@dataclass(frozen=True)
class VersionChanges:
    added: list[PowerData]
    removed: list[PowerData]
    changed: list[tuple[PowerData, PowerData, list[str]]]  # old, new, labels of changed fields

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def compare_versions(old: Sequence[PowerData], new: Sequence[PowerData]) -> VersionChanges:
    """What a new version adds, removes and changes, matching powers by kind, name and 子项."""
    before = {p.key: p for p in old}
    after = {p.key: p for p in new}
    changed = []
    for key, power in after.items():
        if key in before and before[key] != power:
            labels = [
                FIELD_LABELS[f.name]
                for f in fields(PowerData)
                if getattr(before[key], f.name) != getattr(power, f.name)
            ]
            changed.append((before[key], power, labels))
    return VersionChanges(
        added=[p for k, p in after.items() if k not in before],
        removed=[p for k, p in before.items() if k not in after],
        changed=changed,
    )
