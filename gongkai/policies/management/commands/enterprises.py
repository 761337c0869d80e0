"""``gongkai enterprises import FILE.csv``: ``uscc,name,industry,size,region,subject_type``
(size large|medium|small|micro or 大型…; subject_type enterprise|individual|cooperative or
企业…; region a unit code). All or nothing: an invalid 统一社会信用代码 or any other problem is
listed by row and nothing is written (exit code 2). Re-running the file changes nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gongkai.policies.imports import ImportRefused, enterprises_import

from ._common import read


class Command(BaseCommand):
    help = "企业信息：导入企业"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="导入企业（CSV）；全部行无误才写入，可重复运行")
        imp.add_argument(
            "file",
            help="CSV 文件（UTF-8 或 GB18030），表头：uscc,name,industry,size,region,subject_type",
        )

    def handle(self, *args, **options):
        try:
            summary = enterprises_import(actor=None, data=read(options["file"]))
        except ImportRefused as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(str(summary))
