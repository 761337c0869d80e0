"""The rows of ``gongkai newmedia import FILE.csv``, checked without the database: columns
``unit,platform,name,account_id,last_post_on,status``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .accounts import PLATFORM_LABELS, STATUS_LABELS, AccountStatus, Platform

COLUMNS = ("unit", "platform", "name", "account_id", "last_post_on", "status")
# People type the Chinese names as often as the codes.
_PLATFORMS = {p.value: p for p in Platform} | {label: p for p, label in PLATFORM_LABELS.items()}
_STATUSES = {s.value: s for s in AccountStatus} | {label: s for s, label in STATUS_LABELS.items()}


@dataclass(frozen=True)
class AccountRow:
    line: int
    unit: str
    platform: Platform
    name: str
    account_id: str
    last_post_on: date | None
    status: AccountStatus


def _date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    for separator in ("-", "/", "."):
        parts = text.split(separator)
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
    raise ValueError(text)


def parse_row(line: int, row: dict[str, str], today: date) -> tuple[AccountRow | None, list[str]]:
    """The row, or the Chinese messages that say what is wrong with it (with its line)."""
    errors = []
    values = {c: (row.get(c) or "").strip() for c in COLUMNS}
    for column, label in (("unit", "单位"), ("name", "账号名称"), ("account_id", "账号ID")):
        if not values[column]:
            errors.append(f"第{line}行：{label}不能为空。")
    platform = _PLATFORMS.get(values["platform"].lower()) or _PLATFORMS.get(values["platform"])
    if platform is None:
        errors.append(
            f"第{line}行：平台“{values['platform']}”不认识，应为 "
            + "、".join(p.value for p in Platform)
            + "。"
        )
    status = (
        AccountStatus.ACTIVE
        if not values["status"]
        else _STATUSES.get(values["status"].lower()) or _STATUSES.get(values["status"])
    )
    if status is None:
        errors.append(
            f"第{line}行：状态“{values['status']}”不认识，应为 "
            + "、".join(s.value for s in AccountStatus)
            + "。"
        )
    try:
        last_post_on = _date(values["last_post_on"])
    except ValueError:
        errors.append(f"第{line}行：最后更新日期“{values['last_post_on']}”应写作 2026-05-01。")
        last_post_on = None
    else:
        if last_post_on and last_post_on > today:
            errors.append(f"第{line}行：最后更新日期不能晚于今天。")
    if len(values["name"]) > 100 or len(values["account_id"]) > 100:
        errors.append(f"第{line}行：账号名称和账号ID不能超过100个字。")
    if errors:
        return None, errors
    return (
        AccountRow(
            line,
            values["unit"],
            platform,
            values["name"],
            values["account_id"],
            last_post_on,
            status,
        ),
        [],
    )
