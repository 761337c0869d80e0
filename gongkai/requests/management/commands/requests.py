from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.requests.case_import import requests_import
from gongkai.requests.domain.case_import import CaseImportError


class Command(BaseCommand):
    help = "导入依申请公开历史台账（CSV：tracking_no,unit,applicant_type,received_on,outcome,closed_on）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="从 CSV 导入；全部行无误才写入，可重复运行")
        imp.add_argument(
            "file",
            help="CSV 文件路径（UTF-8 或 GB18030），表头：tracking_no,unit,applicant_type,received_on,outcome,closed_on",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取文件 {path}：{error.strerror}", returncode=2) from error
        try:
            summary = requests_import(actor=None, data=data)
        except CaseImportError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(str(summary))
