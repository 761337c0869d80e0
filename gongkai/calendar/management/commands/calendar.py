from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.calendar.domain.errors import CalendarDataError
from gongkai.calendar.domain.workdays import CalendarSource, DayInfo, WorkdayCalendar
from gongkai.calendar.domain.year_calendar import (
    LOADABLE_YEARS,
    PACKAGE_YEARS,
    WEEKDAY_NAMES_ZH,
    parse_calendar_file,
)
from gongkai.calendar.models import CalendarYear
from gongkai.calendar.selectors import current_calendar, stored_calendar_available, year_overview
from gongkai.calendar.services import calendar_year_load

HOW_TO_LOAD = (
    "国务院办公厅公布该年节假日安排后，请载入该年日历：gongkai calendar import FILE，"
    "或在管理后台“设置 → 工作日日历”中添加。"
)


class Command(BaseCommand):
    help = "工作日日历：import 载入某年的节假日和调休安排；show 查看某年的安排及其来源"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import",
            help="载入日历文件（JSON：year、holidays、makeup_workdays）；已载入的年份按文件更新",
        )
        imp.add_argument("file", help="日历文件路径（UTF-8）")
        show = sub.add_parser("show", help="列出某年的节假日（含名称）和调休上班日，以及数据来源")
        show.add_argument("year", help="年份，如 2027")

    def handle(self, *args, **options):
        if options["action"] == "import":
            self._import(Path(options["file"]))
        else:
            self._show(options["year"])

    def _import(self, path: Path) -> None:
        try:
            text = path.read_bytes().decode("utf-8")
        except OSError as error:
            raise CommandError(f"无法读取文件 {path}：{error.strerror}", returncode=2) from error
        except UnicodeDecodeError as error:
            raise CommandError(f"文件 {path} 不是 UTF-8 编码的文本", returncode=2) from error
        try:
            data = parse_calendar_file(text)
        except CalendarDataError as error:
            raise CommandError(f"日历文件 {path} 有误：{error}", returncode=2) from error
        if not stored_calendar_available():
            raise CommandError("数据库尚未初始化，请先运行 gongkai migrate。")
        change = calendar_year_load(actor=None, data=data, source=f"命令行导入：{path.name}")
        if not change.changed:
            self.stdout.write(f"{data.year} 年日历与已载入的相同，未作改动。")
            return
        self.stdout.write(
            f"已载入 {data.year} 年日历：节假日 {len(data.holidays)} 天，"
            f"调休上班日 {len(data.makeup_workdays)} 天。"
        )
        moved = {name: count for name, count in change.recomputed.items() if count}
        if moved:
            counts = "，".join(f"{name} {count} 个" for name, count in moved.items())
            self.stdout.write(f"已按新日历重新计算未办结的期限：{counts}。")
        else:
            self.stdout.write("没有未办结的期限因此改变。")

    def _show(self, text: str) -> None:
        if not text.isdigit() or int(text) not in LOADABLE_YEARS:
            raise CommandError(
                f"年份应为 {LOADABLE_YEARS[0]}–{LOADABLE_YEARS[-1]} 之间的整数，实际为“{text}”",
                returncode=2,
            )
        year = int(text)
        if stored_calendar_available():
            calendar, row = current_calendar(), CalendarYear.objects.filter(year=year).first()
        else:
            self.stderr.write("提示：数据库尚未初始化（gongkai migrate），只显示内置的节假日数据。")
            calendar, row = WorkdayCalendar(), None
        overview = year_overview(year, calendar)
        if overview.source is CalendarSource.LOADED:
            replaces = "，替代 chinese-calendar 程序包中的数据" if year in PACKAGE_YEARS else ""
            updated = timezone.localtime(row.updated_at).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(f"{year}年：已载入的日历（{row.source}，{updated} 更新{replaces}）")
        elif overview.source is CalendarSource.PACKAGE:
            self.stdout.write(f"{year}年：chinese-calendar 程序包内置的数据")
        else:
            self.stdout.write(
                f"{year}年：临时推算——尚无该年的节假日安排，只把周六、周日和1月1日作为休息日；"
                "涉及该年的期限都标为“临时推算”。"
            )
            self.stdout.write(HOW_TO_LOAD)
        self.stdout.write(f"节假日（共 {len(overview.holidays)} 天）：")
        self._days(overview.holidays)
        self.stdout.write(f"调休上班日（共 {len(overview.makeup_workdays)} 天）：")
        self._days(overview.makeup_workdays)

    def _days(self, days: list[DayInfo]) -> None:
        for info in days:
            line = f"  {info.day.isoformat()} {WEEKDAY_NAMES_ZH[info.day.weekday()]}"
            self.stdout.write(f"{line} {info.name}" if info.name else line)
