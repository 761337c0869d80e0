import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.core.domain.errors import DomainError
from gongkai.core.models import Unit
from gongkai.reports.domain.figures import FIRST_YEAR, FiguresError, parse_figure_rows
from gongkai.reports.domain.periods import Period, default_covers_subtree
from gongkai.reports.imports import read_rows
from gongkai.reports.models import AnnualReport
from gongkai.reports.render import (
    document_for,
    document_for_scope,
    report_docx,
    report_html,
    report_json,
    report_pdf,
)
from gongkai.reports.selectors import Scope, Tables, data_from_snapshot, live_tables
from gongkai.reports.services import figures_import

FORMATS = ("json", "html", "docx", "pdf")


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "政府信息公开工作年度报告：生成报告（JSON、HTML、Word、PDF），导入表二录入数据"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        annual = sub.add_parser("annual", help="按记录计算并输出某单位某年度（或上半年）的年度报告")
        annual.add_argument("--unit", help="单位代码")
        annual.add_argument("--year", help="报告年度，如 2025")
        annual.add_argument("--half", action="store_true", help="半年报（1月1日至6月30日）")
        scope = annual.add_mutually_exclusive_group()
        scope.add_argument(
            "--region", action="store_true", help="汇总本单位及下级单位（本级政府年度报告）"
        )
        scope.add_argument("--unit-only", action="store_true", help="只统计本单位")
        annual.add_argument("--format", default="json", help=f"输出格式：{'、'.join(FORMATS)}")
        annual.add_argument("--output", help="输出文件（json、html 默认输出到屏幕）")
        figures = sub.add_parser(
            "figures",
            help="导入表二中平台没有记录的数据（行政许可、处罚、强制决定数和行政事业性收费）",
        )
        figures.add_argument(
            "file",
            help="CSV 或 .xlsx 文件，列：unit,year,period,licensing,penalty,coercion,fees_wan_yuan"
            "（或 单位代码、年度、报告期、行政许可、行政处罚、行政强制、行政事业性收费（万元））",
        )

    def handle(self, *args, **options):
        if options["action"] == "figures":
            self._figures(Path(options["file"]))
        else:
            self._annual(options)

    def _figures(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise _fail(f"无法读取文件 {path}：{error.strerror}") from error
        try:
            summary = figures_import(actor=None, rows=parse_figure_rows(read_rows(data, path.name)))
        except FiguresError as error:
            raise _fail("文件有误，未导入任何数据：\n" + "\n".join(error.problems)) from error
        self.stdout.write(
            f"导入完成：新建报告 {len(summary.created)} 份，更新 {len(summary.updated)} 份，"
            f"未变 {len(summary.unchanged)} 份。"
        )

    def _scope(self, options) -> tuple[Scope, AnnualReport | None]:
        code, year_text = (options["unit"] or "").strip(), (options["year"] or "").strip()
        if not code:
            raise _fail("请用 --unit 指定单位代码。")
        if not year_text:
            raise _fail("请用 --year 指定报告年度，如 --year 2025。")
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            raise _fail(f"没有代码为“{code}”的单位。")
        this_year = timezone.localdate().year
        if not (year_text.isdigit() and FIRST_YEAR <= int(year_text) <= this_year):
            raise _fail(f"报告年度应为{FIRST_YEAR}至{this_year}之间的年份，实际为“{year_text}”。")
        year = int(year_text)
        period = Period.HALF_YEAR if options["half"] else Period.ANNUAL
        report = (
            AnnualReport.objects.filter(unit=unit, year=year, period=period)
            .select_related("unit")
            .first()
        )
        if options["region"] or options["unit_only"]:
            covers = bool(options["region"])
        elif report is not None:
            covers = report.covers_subtree
        else:
            covers = default_covers_subtree(unit.kind)
        if report is not None and report.covers_subtree != covers:
            report = None  # asked for other units than the report covers: compute them
        return Scope(unit, year, period, covers), report

    def _annual(self, options) -> None:
        wanted = (options["format"] or "").strip().lower()
        if wanted not in FORMATS:
            raise _fail(f"输出格式应为 {'、'.join(FORMATS)} 之一，实际为“{options['format']}”。")
        output = options["output"]
        if wanted in ("docx", "pdf") and not output:
            raise _fail(f"{wanted} 格式请用 --output 指定输出文件，如 --output 年度报告.{wanted}。")
        scope, report = self._scope(options)
        try:
            content = self._render(wanted, scope, report)
        except DomainError as error:
            raise _fail(str(error)) from error
        if output is None:
            self.stdout.write(content)  # type: ignore[arg-type]
            return
        try:
            if isinstance(content, bytes):
                Path(output).write_bytes(content)
            else:
                Path(output).write_text(content + "\n", encoding="utf-8")
        except OSError as error:
            raise _fail(f"无法写入文件 {output}：{error.strerror}") from error
        self.stderr.write(f"已写入 {output}")

    @staticmethod
    def _render(wanted: str, scope: Scope, report: AnnualReport | None) -> str | bytes:
        if wanted == "json":
            # The text sections are not part of the JSON, so their facts are not computed.
            data: Tables
            if report is not None and report.is_published:
                data = data_from_snapshot(report.snapshot)
            else:
                data = live_tables(scope)
            result = report_json(scope.unit.code, scope.year, data)
            return json.dumps(result, ensure_ascii=False, indent=2)
        document = document_for(report) if report is not None else document_for_scope(scope)
        if wanted == "html":
            return report_html(document)
        if wanted == "docx":
            return report_docx(document)
        return report_pdf(document)
