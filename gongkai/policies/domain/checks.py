"""Checking what people type or import: an enterprise's profile and a policy's criteria, each
problem a Chinese sentence. Unit codes are checked by the caller (they need the database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import industries, uscc
from .rules import LIST_SEPARATOR, SIZE_LABELS, SUBJECT_TYPE_LABELS, Size, SubjectType

# What people write for each value, besides its code: the Chinese label.
SIZE_WORDS = {**{s.value: s.value for s in Size}, **{v: k.value for k, v in SIZE_LABELS.items()}}
SUBJECT_WORDS = {
    **{t.value: t.value for t in SubjectType},
    **{v: k.value for k, v in SUBJECT_TYPE_LABELS.items()},
}


@dataclass(frozen=True)
class EnterpriseFields:
    """A checked profile, normalized; ``region`` is still a unit code."""

    uscc: str
    name: str
    industry: str
    size: str
    region: str
    subject_type: str


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]


def size_of(text: str) -> str | None:
    return SIZE_WORDS.get(text.strip().lower() if text.isascii() else text.strip())


def subject_type_of(text: str) -> str | None:
    return SUBJECT_WORDS.get(text.strip().lower() if text.isascii() else text.strip())


def check_enterprise(
    *, uscc_text: str, name: str, industry: str, size: str, region: str, subject_type: str
) -> tuple[EnterpriseFields | None, list[str]]:
    problems: list[str] = []
    code = uscc.normalize(uscc_text)
    if not code:
        problems.append("请填写统一社会信用代码。")
    elif found := uscc.problem(code):
        problems.append(found)
    name = name.strip()
    if not name:
        problems.append("请填写名称。")
    elif len(name) > 200:
        problems.append("名称不能超过200个字。")
    industry_code = industries.normalize(industry)
    if not industry_code:
        problems.append("请填写行业代码。")
    elif found := industries.problem(industry_code):
        problems.append(found)
    size_value = size_of(size)
    if size_value is None:
        problems.append(
            f"企业规模“{size}”无效，应为：大型、中型、小型、微型（large、medium、small、micro）。"
        )
    subject = subject_type_of(subject_type)
    if subject is None:
        problems.append(
            f"主体类型“{subject_type}”无效，应为：企业、个体工商户、农民专业合作社"
            "（enterprise、individual、cooperative）。"
        )
    elif not problems and (named := uscc.subject_type_of(code)) and named != subject:
        problems.append(
            f"统一社会信用代码以“{code[:2]}”开头，表示{SUBJECT_TYPE_LABELS[SubjectType(named)]}，"
            f"与所填主体类型“{SUBJECT_TYPE_LABELS[SubjectType(subject)]}”不一致。"
        )
    region = region.strip()
    if not region:
        problems.append("请填写所在区域（单位代码）。")
    if problems:
        return None, problems
    return EnterpriseFields(code, name, industry_code, size_value, region, subject), []


@dataclass(frozen=True)
class CriteriaFields:
    """A policy's checked criteria; ``regions`` are still unit codes."""

    industries: list[str]
    sizes: list[str]
    regions: list[str]
    subject_types: list[str]


def check_criteria(
    *, industries_text: str, sizes_text: str, regions_text: str, subject_types_text: str
) -> tuple[CriteriaFields | None, list[str]]:
    problems: list[str] = []
    industry_codes = []
    for part in split_list(industries_text):
        code = industries.normalize(part)
        if found := industries.problem(code):
            problems.append(found)
        elif code not in industry_codes:
            industry_codes.append(code)
    sizes = []
    for part in split_list(sizes_text):
        value = size_of(part)
        if value is None:
            problems.append(f"企业规模“{part}”无效，应为：大型、中型、小型、微型。")
        elif value not in sizes:
            sizes.append(value)
    subjects = []
    for part in split_list(subject_types_text):
        value = subject_type_of(part)
        if value is None:
            problems.append(f"主体类型“{part}”无效，应为：企业、个体工商户、农民专业合作社。")
        elif value not in subjects:
            subjects.append(value)
    regions = list(dict.fromkeys(split_list(regions_text)))
    if problems:
        return None, problems
    return CriteriaFields(industry_codes, sizes, regions, subjects), []


def check_validity(valid_from: date | None, valid_to: date | None) -> list[str]:
    if valid_from is None:
        return ["请填写有效期起始日。"]
    if valid_to is not None and valid_to < valid_from:
        return [f"有效期截止日 {valid_to.isoformat()} 早于起始日 {valid_from.isoformat()}。"]
    return []


def parse_day(text: str, label: str) -> tuple[date | None, list[str]]:
    text = text.strip()
    if not text:
        return None, []
    try:
        return date.fromisoformat(text), []
    except ValueError:
        return None, [f"{label}“{text}”不是有效日期，应为 YYYY-MM-DD。"]
