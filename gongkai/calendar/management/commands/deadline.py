import json

from django.core.management.base import BaseCommand, CommandError

from gongkai.calendar.domain.deadlines import Pause
from gongkai.calendar.domain.errors import CalendarError, DeadlineError
from gongkai.calendar.domain.rules import RULES, PauseReason, RuleKind, get_rule
from gongkai.calendar.domain.workdays import WorkdayCalendar
from gongkai.calendar.domain.year_calendar import parse_iso_date
from gongkai.calendar.selectors import current_calendar, deadline_for, stored_calendar_available


def _pause(text: str) -> Pause:
    parts = text.split(":")
    if len(parts) not in (2, 3):
        raise DeadlineError(
            f"暂停计时应写作 开始日:结束日 或 开始日:结束日:原因（如 2027-03-01:2027-03-10:fee），"
            f"实际为“{text}”"
        )
    reason = parts[2] if len(parts) == 3 else PauseReason.THIRD_PARTY
    return Pause(
        parse_iso_date(parts[0], "暂停计时的开始日"),
        parse_iso_date(parts[1], "暂停计时的结束日"),
        reason,
    )


class Command(BaseCommand):
    help = "计算某条规则的期限，并说明如何算出（按工作日、节假日和调休）"

    def add_arguments(self, parser):
        parser.add_argument("rule", help=f"期限规则：{'、'.join(RULES)}")
        parser.add_argument(
            "--start", required=True, help="起算日 YYYY-MM-DD；年度报告规则也可写报告年度，如 2026"
        )
        parser.add_argument(
            "--corrected", help="收到补正后申请的日期 YYYY-MM-DD，期限自该日重新计算"
        )
        parser.add_argument(
            "--pause",
            action="append",
            default=[],
            metavar="A:B[:原因]",
            help=(
                "暂停计时：A 之后至 B（含）的工作日不计入；可写多次。"
                f"原因：{'、'.join(PauseReason)}，默认 {PauseReason.THIRD_PARTY}"
            ),
        )
        parser.add_argument("--extended", action="store_true", help="期限已依法延长")
        parser.add_argument(
            "--json", action="store_true", help='输出 JSON：{"due", "provisional", "explain"}'
        )

    def handle(self, *args, **options):
        try:
            rule = get_rule(options["rule"])
            start_text, corrected = options["start"], options["corrected"]
            if rule.kind is RuleKind.YEAR_END and start_text.isdigit():
                start = int(start_text)
            else:
                start = parse_iso_date(start_text, "起算日")
            deadline = deadline_for(
                rule.key,
                start,
                corrected=parse_iso_date(corrected, "补正日期") if corrected else None,
                pauses=[_pause(spec) for spec in options["pause"]],
                extended=options["extended"],
                calendar=self._calendar(),
            )
        except CalendarError as error:
            raise CommandError(str(error), returncode=2) from error
        if options["json"]:
            self.stdout.write(json.dumps(deadline.to_json(), ensure_ascii=False, indent=2))
            return
        for entry in deadline.explain():
            self.stdout.write(entry["text"])
        due = f"截止日：{deadline.due.isoformat()}"
        if deadline.provisional:
            years = "、".join(str(year) for year in deadline.provisional_years)
            due += f"（临时推算：{years}年的节假日安排尚未载入）"
        self.stdout.write(due)

    def _calendar(self) -> WorkdayCalendar:
        if stored_calendar_available():
            return current_calendar()
        # Before `migrate` no year can have been loaded, so the package data is the whole truth.
        self.stderr.write("提示：数据库尚未初始化（gongkai migrate），只使用内置的节假日数据。")
        return WorkdayCalendar()
