"""``gongkai policies import`` and ``gongkai enterprises import``: all or nothing. Every row is
checked first; one problem anywhere and nothing is written, and every problem is listed by row
(Chinese). Re-running a file changes nothing: a row equal to what is stored is left alone."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from gongkai.core.domain.csv_rows import decode_spreadsheet_csv, read_csv_rows
from gongkai.core.domain.errors import DomainError
from gongkai.core.models import Unit
from gongkai.core.permissions import can

from . import services
from .domain.checks import (
    check_criteria,
    check_enterprise,
    check_validity,
    parse_day,
    split_list,
)
from .models import Enterprise, EnterpriseSource, PolicyItem, PolicyState
from .selectors import region_units

POLICY_COLUMNS = (
    "code",
    "title",
    "industries",
    "sizes",
    "regions",
    "subject_types",
    "valid_from",
    "valid_to",
)
ENTERPRISE_COLUMNS = ("uscc", "name", "industry", "size", "region", "subject_type")


class ImportRefused(DomainError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("导入未执行，文件中的问题：\n" + "\n".join(problems))


@dataclass
class ImportSummary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"导入完成：新增 {len(self.created)} 条，更新 {len(self.updated)} 条，"
            f"未变 {len(self.unchanged)} 条。"
        )


def _rows(data: bytes, columns) -> list[tuple[int, dict[str, str]]]:
    text = decode_spreadsheet_csv(data)
    if text is None:
        raise ImportRefused(["文件编码无法识别，请另存为 UTF-8 编码的 CSV 文件。"])
    rows, problems = read_csv_rows(text, columns)
    if problems:
        raise ImportRefused(problems)
    if not rows:
        raise ImportRefused(["文件中没有数据行。"])
    return rows


def _units(codes) -> dict[str, Unit]:
    return {u.code: u for u in region_units().filter(code__in=set(codes))}


def _duplicate(seen: dict[str, int], key: str, number: int, label: str) -> str | None:
    if key in seen:
        return f"第 {number} 行：{label} {key} 与第 {seen[key]} 行重复。"
    seen[key] = number
    return None


def policies_import(*, actor, data: bytes, unit: Unit) -> ImportSummary:
    """Rows → published policy items of ``unit`` (the issuing unit), created or updated by code."""
    rows = _rows(data, POLICY_COLUMNS)
    problems: list[str] = []
    if actor is not None and not can(actor, "policy.publish", unit):
        raise ImportRefused([f"您没有发布“{unit.name}”惠企政策的权限。"])
    units = _units(code for _, row in rows for code in row["regions"].split(";") if code.strip())
    existing = PolicyItem.objects.in_bulk([row["code"] for _, row in rows], field_name="code")
    seen: dict[str, int] = {}
    planned: list[tuple[str, services.PolicyInput]] = []
    for number, row in rows:
        where = f"第 {number} 行："
        row_problems: list[str] = []
        code = row["code"]
        if not code:
            row_problems.append("请填写政策编号（code）。")
        elif len(code) > 32:
            row_problems.append(f"政策编号 {code} 超过32个字符。")
        elif found := _duplicate(seen, code, number, "政策编号"):
            problems.append(found)
            continue
        if not row["title"]:
            row_problems.append("请填写政策名称（title）。")
        elif len(row["title"]) > 200:
            row_problems.append("政策名称不能超过200个字。")
        criteria, found = check_criteria(
            industries_text=row["industries"],
            sizes_text=row["sizes"],
            regions_text=row["regions"],
            subject_types_text=row["subject_types"],
        )
        row_problems += found
        valid_from, found = parse_day(row["valid_from"], "有效期起始日（valid_from）")
        row_problems += found
        valid_to, found = parse_day(row["valid_to"], "有效期截止日（valid_to）")
        row_problems += found
        if not found and not row_problems:
            row_problems += check_validity(valid_from, valid_to)
        missing = [c for c in dict.fromkeys(split_list(row["regions"])) if c not in units]
        if missing:
            row_problems.append(
                f"适用区域的单位代码不存在或不是县（区）、乡镇（街道）、村（社区）：{'、'.join(missing)}。"
            )
        current = existing.get(code)
        if current is not None and current.unit_id != unit.pk:
            row_problems.append(f"政策编号 {code} 已由“{current.unit.name}”发布，不能覆盖。")
        if row_problems:
            problems += [where + p for p in row_problems]
            continue
        data_in = services.PolicyInput(
            title=row["title"],
            valid_from=valid_from,
            valid_to=valid_to,
            industries=criteria.industries,
            sizes=criteria.sizes,
            subject_types=criteria.subject_types,
            regions=[units[c] for c in criteria.regions],
        )
        if current is not None:
            # Texts typed in the admin (benefits, how to apply, sources) are kept.
            for name in ("benefits", "apply_mode", "how_to_apply", "apply_deadline", "contact"):
                setattr(data_in, name, getattr(current, name))
            data_in.documents = list(current.documents.all())
            data_in.interpretations = list(current.interpretations.all())
        planned.append((code, data_in))
    if problems:
        raise ImportRefused(problems)
    summary = ImportSummary()
    try:
        with transaction.atomic():
            for code, data_in in planned:
                current = existing.get(code)
                if current is None:
                    policy = services.policy_create(actor=actor, unit=unit, code=code, data=data_in)
                    services.policy_publish(actor=actor, policy=policy)
                    summary.created.append(code)
                elif _same_policy(current, data_in):
                    summary.unchanged.append(code)
                else:
                    policy = services.policy_update(actor=actor, policy=current, data=data_in)
                    if policy.state != PolicyState.PUBLISHED:
                        services.policy_publish(actor=actor, policy=policy)
                    summary.updated.append(code)
    except DomainError as error:
        # The gate or a rule refused a row: nothing of the file is kept.
        raise ImportRefused([f"政策 {code}：{error}"]) from error
    return summary


def _same_policy(current: PolicyItem, data_in: services.PolicyInput) -> bool:
    return (
        current.state == PolicyState.PUBLISHED
        and current.title == data_in.title
        and current.valid_from == data_in.valid_from
        and current.valid_to == data_in.valid_to
        and current.industries == data_in.industries
        and current.sizes == data_in.sizes
        and current.subject_types == data_in.subject_types
        and set(current.regions.values_list("pk", flat=True)) == {u.pk for u in data_in.regions}
    )


def enterprises_import(*, actor, data: bytes) -> ImportSummary:
    rows = _rows(data, ENTERPRISE_COLUMNS)
    problems: list[str] = []
    units = _units(row["region"] for _, row in rows)
    seen: dict[str, int] = {}
    checked = []
    for number, row in rows:
        where = f"第 {number} 行："
        fields, found = check_enterprise(
            uscc_text=row["uscc"],
            name=row["name"],
            industry=row["industry"],
            size=row["size"],
            region=row["region"],
            subject_type=row["subject_type"],
        )
        if fields is None:
            problems += [where + p for p in found]
            continue
        if duplicate := _duplicate(seen, fields.uscc, number, "统一社会信用代码"):
            problems.append(duplicate)
            continue
        unit = units.get(fields.region)
        if unit is None:
            problems.append(
                f"{where}所在区域（单位代码）{fields.region} 不存在，"
                "或不是县（区）、乡镇（街道）、村（社区）。"
            )
        elif actor is not None and not can(actor, "enterprise.edit", unit):
            problems.append(f"{where}您没有登记“{unit.name}”企业的权限。")
        else:
            checked.append(fields)
    if problems:
        raise ImportRefused(problems)
    existing = Enterprise.objects.select_related("region").in_bulk(
        [f.uscc for f in checked], field_name="uscc"
    )
    summary = ImportSummary()
    try:
        with transaction.atomic():
            for fields in checked:
                current = existing.get(fields.uscc)
                if current is None:
                    services.enterprise_create(
                        actor=actor, fields=fields, source=EnterpriseSource.IMPORTED
                    )
                    summary.created.append(fields.uscc)
                elif _same_enterprise(current, fields):
                    summary.unchanged.append(fields.uscc)
                else:
                    services.enterprise_update(
                        actor=actor,
                        enterprise=current,
                        fields=fields,
                        email=current.email,
                        subscribed=current.subscribed,
                    )
                    summary.updated.append(fields.uscc)
    except DomainError as error:
        raise ImportRefused([str(error)]) from error
    return summary


def _same_enterprise(current: Enterprise, fields) -> bool:
    return (
        current.name == fields.name
        and current.industry == fields.industry
        and current.size == fields.size
        and current.region.code == fields.region
        and current.subject_type == fields.subject_type
    )
