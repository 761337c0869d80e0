"""``gongkai catalog``: import and export a unit's standard catalog, list the gaps, and import a
powers list.

    gongkai catalog import FILE --unit CODE [--reference]
    gongkai catalog export --unit CODE [--format xlsx|csv] [-o FILE] [--reference]
    gongkai catalog gaps [--unit CODE] [--json]
    gongkai catalog powers FILE --unit CODE --note TEXT

Bad input (an unknown unit, an unreadable file, any row that does not check) prints a Chinese
message, changes nothing and exits with code 2. ``export`` writes to ``-o FILE`` when given,
else to standard output (CSV by default; .xlsx only into a file or a pipe).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.core.domain.errors import DomainError
from gongkai.core.models import Unit

from ... import selectors, services


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "标准目录：导入、导出本单位目录，查缺补漏，导入权责清单"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import", help="导入标准目录（.xlsx 或 .csv，常用表格格式）；全部检查通过才写入"
        )
        imp.add_argument("file", help="文件路径")
        imp.add_argument("--unit", required=True, help="单位代码")
        imp.add_argument(
            "--reference", action="store_true", help="导入为该单位（主管部门）维护的参考目录"
        )
        exp = sub.add_parser("export", help="导出本单位目录（不含已删减的事项）")
        exp.add_argument("--unit", required=True, help="单位代码")
        exp.add_argument("--format", choices=["xlsx", "csv"], help="默认按输出文件扩展名，否则 csv")
        exp.add_argument("-o", "--output", help="输出文件（默认标准输出）")
        exp.add_argument("--reference", action="store_true", help="导出该单位维护的参考目录")
        gaps = sub.add_parser("gaps", help="查缺补漏：按时限规则检查各事项的公开情况")
        gaps.add_argument("--unit", help="只看该单位及其下级单位（单位代码）")
        gaps.add_argument(
            "--json",
            action="store_true",
            help='输出 JSON：{"gaps": [{"unit", "area", "item", "rule", "last_published", "reason"}]}',
        )
        powers = sub.add_parser("powers", help="导入权责清单（.xlsx 或 .csv），生成新版本")
        powers.add_argument("file", help="文件路径")
        powers.add_argument("--unit", required=True, help="单位代码")
        powers.add_argument("--note", required=True, help="本次调整说明")

    def handle(self, *args, **options):
        action = options["action"]
        try:
            if action == "import":
                self._import(options)
            elif action == "export":
                self._export(options)
            elif action == "gaps":
                self._gaps(options)
            else:
                self._powers(options)
        except DomainError as error:
            raise _fail(str(error)) from error

    def _unit(self, code: str | None) -> Unit | None:
        if code is None:
            return None
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            raise _fail(f"没有代码为“{code}”的单位。")
        return unit

    @staticmethod
    def _read(path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError as error:
            raise _fail(f"无法读取文件“{path}”：{error.strerror}") from error

    def _import(self, options) -> None:
        unit = self._unit(options["unit"])
        path = Path(options["file"])
        summary = services.catalog_import(
            actor=None,
            unit=unit,
            data=self._read(path),
            filename=path.name,
            reference=options["reference"],
        )
        self.stdout.write(summary.message)
        for where in summary.skipped:
            self.stdout.write(f"  已跳过：{where}")

    def _export(self, options) -> None:
        unit = self._unit(options["unit"])
        output = options.get("output")
        fmt = options.get("format") or (
            "xlsx" if output and output.lower().endswith(".xlsx") else "csv"
        )
        if fmt == "xlsx" and not output and sys.stdout.isatty():
            raise _fail("xlsx 是二进制文件，请用 -o 指定输出文件，或改用 --format csv。")
        content = services.catalog_export(
            actor=None, unit=unit, fmt=fmt, reference=options["reference"]
        )
        if output:
            try:
                Path(output).write_bytes(content)
            except OSError as error:
                raise _fail(f"无法写入文件“{output}”：{error.strerror}") from error
            self.stderr.write(f"已导出到 {output}")
        elif fmt == "csv":
            self.stdout.write(content.decode("utf-8-sig"), ending="")
        else:
            self.stdout.flush()
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()

    def _gaps(self, options) -> None:
        unit = self._unit(options.get("unit"))
        units = Unit.objects.subtree_of(unit) if unit is not None else None
        rows = selectors.gaps(units, timezone.localdate())
        if options["json"]:
            data = {"gaps": [row.to_json() for row in rows]}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write("没有发现缺漏：各事项均按时限规则公开。")
            return
        self.stdout.write(f"共发现 {len(rows)} 处缺漏：")
        for each, unit_rows in selectors.gaps_by_unit(rows):
            self.stdout.write(f"{each.name}（{each.code}）：{len(unit_rows)} 处")
            for row in unit_rows:
                self.stdout.write(f"  [{row.item.section}] {row.item.full_name}：{row.gap.message}")

    def _powers(self, options) -> None:
        unit = self._unit(options["unit"])
        path = Path(options["file"])
        version = services.powers_import(
            actor=None, unit=unit, data=self._read(path), filename=path.name, note=options["note"]
        )
        self.stdout.write(
            f"已生成{unit.name}权责清单第{version.number}版，共 {version.powers.count()} 项。"
        )
