"""``gongkai assessment``: compute a year's assessment, write its 通报 and the export.

    gongkai assessment compute --year Y [--unit CODE] [--json]
    gongkai assessment bulletin --year Y --format docx|pdf --output FILE
    gongkai assessment export --year Y --output FILE.xlsx

``compute --json`` prints ``{"year", "units": [{"unit", "score", "indicators": [{"key",
"label", "value", "points", "max_points", "applicable", "evidence_count"}]}]}``. Bad input (no
scheme for the year, an unknown unit, a file that exists) prints a Chinese message, writes
nothing and exits with code 2.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.domain.errors import DomainError
from gongkai.core.files import write_file
from gongkai.core.models import Unit

from ...domain.scoring import number_text
from ...render import bulletin, bulletin_docx, bulletin_pdf, results_json, results_xlsx, value_text
from ...selectors import objections, problems, scheme_for, scheme_results


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "政务公开年度考核：计算得分、生成通报、导出绩效考核系统表格"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        compute = sub.add_parser("compute", help="按考核方案计算各单位得分")
        compute.add_argument("--year", type=int, required=True, help="考核年度")
        compute.add_argument("--unit", help="只计算该单位（单位代码）")
        compute.add_argument("--json", action="store_true", help="输出 JSON")
        bull = sub.add_parser("bulletin", help="生成考核结果通报")
        bull.add_argument("--year", type=int, required=True, help="考核年度")
        bull.add_argument("--format", choices=["docx", "pdf"], required=True)
        bull.add_argument("--output", required=True, help="输出文件")
        bull.add_argument("--force", action="store_true", help="覆盖已有文件")
        export = sub.add_parser("export", help="导出各单位各项得分（.xlsx，供绩效考核系统导入）")
        export.add_argument("--year", type=int, required=True, help="考核年度")
        export.add_argument("--output", required=True, help="输出文件（.xlsx）")
        export.add_argument("--force", action="store_true", help="覆盖已有文件")

    def handle(self, *args, **options):
        try:
            scheme = scheme_for(options["year"])
            if scheme is None:
                raise _fail(f"没有{options['year']}年度的考核方案。")
            action = options["action"]
            if action == "compute":
                self._compute(scheme, options)
            elif action == "bulletin":
                results = scheme_results(scheme)
                document = bulletin(results, list(problems(scheme)), list(objections(scheme)))
                data = (
                    bulletin_docx(document)
                    if options["format"] == "docx"
                    else bulletin_pdf(document)
                )
                self._write(options, data)
            else:
                self._write(options, results_xlsx(scheme_results(scheme)))
        except DomainError as error:
            raise _fail(str(error)) from error

    def _write(self, options, data: bytes) -> None:
        path = Path(options["output"])
        if not write_file(path, data, replace=options["force"]):
            raise _fail(f"文件“{path}”已存在；如需覆盖请加 --force。")
        self.stdout.write(f"已写入 {path}（{len(data)} 字节）")

    def _compute(self, scheme, options) -> None:
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise _fail(f"没有代码为“{options['unit']}”的单位。")
        results = scheme_results(scheme, unit=unit)
        if unit is not None and not results.units:
            raise _fail(f"“{unit.name}”不是{scheme.year}年度考核方案的考核对象。")
        if options["json"]:
            self.stdout.write(json.dumps(results_json(results), ensure_ascii=False, indent=2))
            return
        for r in results.units:
            score = number_text(r.score) if r.score is not None else "无适用指标"
            rank = f"第{r.rank}名" if r.rank else ""
            self.stdout.write(f"{r.unit.code} {r.unit.name}：{score} {rank}")
            for line in r.indicators:
                points = number_text(line.points) if line.points is not None else "不适用"
                self.stdout.write(
                    f"    {line.label}：{value_text(line)} → {points}/{number_text(line.max_points)}"
                )
