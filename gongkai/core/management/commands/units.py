import csv
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.domain.unit_tree import COLUMNS, UnitTreeError, decode_csv, parse_unit_csv
from gongkai.core.services import units_export, units_import


class Command(BaseCommand):
    help = "导入或导出单位树（CSV：code,name,short_name,kind,parent_code）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="从 CSV 导入单位；按代码更新已有单位，全部成功才写入")
        imp.add_argument("file", help="CSV 文件路径（UTF-8 或 GB18030）")
        exp = sub.add_parser("export", help="把单位树导出为 CSV")
        exp.add_argument("-o", "--output", help="输出文件（默认标准输出）")

    def handle(self, *args, **options):
        if options["action"] == "import":
            self._import(Path(options["file"]))
        else:
            self._export(options.get("output"))

    def _import(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取文件 {path}：{error.strerror}", returncode=2) from error
        try:
            rows = parse_unit_csv(decode_csv(data))
            summary = units_import(actor=None, rows=rows)
        except UnitTreeError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(
            f"导入完成：新增 {len(summary.created)} 个，更新 {len(summary.updated)} 个，"
            f"未变 {len(summary.unchanged)} 个。"
        )

    def _export(self, output: str | None) -> None:
        stream = open(output, "w", newline="", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
        try:
            writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(units_export())
        finally:
            if output:
                stream.close()
