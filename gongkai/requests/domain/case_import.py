"""Past cases from the spreadsheets offices kept before the platform: the rows of
``gongkai requests import`` and ``gongkai appeals import``, checked without a database.

Keys are those of the annual report (applicant types, outcomes; appeal kinds and results), so a
year imported here reports exactly like a year handled on the platform. Every problem is
collected with its row number; the caller writes nothing while there is one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.core.domain.errors import DomainError

from .outcomes import ApplicantType, Outcome

REQUEST_COLUMNS = ("tracking_no", "unit", "applicant_type", "received_on", "outcome", "closed_on")
APPEAL_COLUMNS = ("tracking_no", "kind", "result", "decided_on")
APPEAL_KINDS = ("review", "lawsuit_direct", "lawsuit_after_review")
APPEAL_RESULTS = ("upheld", "corrected", "other", "pending")


class CaseImportError(DomainError):
    def __init__(self, problems: list[str], what: str = "申请"):
        self.problems = problems
        super().__init__(f"{what}导入失败，未写入任何数据：\n" + "\n".join(problems))


@dataclass(frozen=True)
class RequestRow:
    row: int
    tracking_no: str
    unit: str
    applicant_type: ApplicantType
    received_on: date
    outcome: Outcome | None
    closed_on: date | None


@dataclass(frozen=True)
class AppealRow:
    row: int
    tracking_no: str
    kind: str
    result: str
    decided_on: date | None


def _date(value: str, label: str, problems: list[str], where: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(f"{where}{label}“{value}”不是有效日期，应为 YYYY-MM-DD。")
        return None


def check_request_rows(
    rows: list[tuple[int, dict[str, str]]], today: date
) -> tuple[list[RequestRow], list[str]]:
    checked: list[RequestRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    applicant_keys = ", ".join(t.value for t in ApplicantType)
    for number, values in rows:
        where = f"第 {number} 行："
        before = len(problems)
        tracking_no = values["tracking_no"]
        if not tracking_no:
            problems.append(f"{where}缺少申请编号（tracking_no）。")
        elif len(tracking_no) > 40:
            problems.append(f"{where}申请编号超过40个字符。")
        elif tracking_no in seen:
            problems.append(f"{where}申请编号 {tracking_no} 与第 {seen[tracking_no]} 行重复。")
        else:
            seen[tracking_no] = number
        if not values["unit"]:
            problems.append(f"{where}缺少单位代码（unit）。")
        if values["applicant_type"] not in {t.value for t in ApplicantType}:
            problems.append(
                f"{where}申请人类型“{values['applicant_type']}”无效，应为：{applicant_keys}。"
            )
        received = None
        if not values["received_on"]:
            problems.append(f"{where}缺少收到申请日期（received_on）。")
        else:
            received = _date(values["received_on"], "收到申请日期", problems, where)
        outcome = None
        if values["outcome"]:
            try:
                outcome = Outcome(values["outcome"])
            except ValueError:
                problems.append(
                    f"{where}办理结果“{values['outcome']}”无效，应为年度报告表三的行键"
                    "（如 granted、refused.third_party、other.no_correction）。"
                )
        closed = (
            _date(values["closed_on"], "办结日期", problems, where) if values["closed_on"] else None
        )
        if values["closed_on"] and not values["outcome"]:
            problems.append(f"{where}已填写办结日期（closed_on）但没有办理结果（outcome）。")
        if values["outcome"] and not values["closed_on"]:
            problems.append(f"{where}已填写办理结果但没有办结日期；仍在办理的申请两项都应留空。")
        for label, day in (("收到申请日期", received), ("办结日期", closed)):
            if day and day > today:
                problems.append(f"{where}{label}（{day.isoformat()}）晚于今天。")
        if received and closed and closed < received:
            problems.append(f"{where}办结日期早于收到申请日期。")
        if len(problems) == before:
            checked.append(
                RequestRow(
                    number,
                    tracking_no,
                    values["unit"],
                    ApplicantType(values["applicant_type"]),
                    received,
                    outcome,
                    closed,
                )
            )
    return checked, problems


def check_appeal_rows(
    rows: list[tuple[int, dict[str, str]]], today: date
) -> tuple[list[AppealRow], list[str]]:
    checked: list[AppealRow] = []
    problems: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for number, values in rows:
        where = f"第 {number} 行："
        before = len(problems)
        if not values["tracking_no"]:
            problems.append(f"{where}缺少申请编号（tracking_no）。")
        if values["kind"] not in APPEAL_KINDS:
            problems.append(f"{where}类型“{values['kind']}”无效，应为：{', '.join(APPEAL_KINDS)}。")
        if values["result"] not in APPEAL_RESULTS:
            problems.append(
                f"{where}结果“{values['result']}”无效，应为：{', '.join(APPEAL_RESULTS)}。"
            )
        decided = (
            _date(values["decided_on"], "审结日期", problems, where)
            if values["decided_on"]
            else None
        )
        if values["result"] == "pending" and values["decided_on"]:
            problems.append(f"{where}尚未审结（pending）的案件不应填写审结日期。")
        if (
            values["result"] in APPEAL_RESULTS
            and values["result"] != "pending"
            and not values["decided_on"]
        ):
            problems.append(f"{where}已审结的案件须填写审结日期（decided_on）。")
        if decided and decided > today:
            problems.append(f"{where}审结日期（{decided.isoformat()}）晚于今天。")
        key = (values["tracking_no"], values["kind"])
        if key in seen:
            problems.append(f"{where}与第 {seen[key]} 行是同一申请的同一类案件。")
        else:
            seen[key] = number
        if len(problems) == before:
            checked.append(
                AppealRow(number, values["tracking_no"], values["kind"], values["result"], decided)
            )
    return checked, problems
