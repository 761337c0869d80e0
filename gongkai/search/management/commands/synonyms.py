"""``gongkai synonyms import FILE`` and ``gongkai synonyms export``: the search synonyms as a
text file, one group a line (the format of ``gongkai/search/synonyms.txt``)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.search.domain.synonyms import SynonymError
from gongkai.search.models import TERM_SEPARATOR, SynonymGroup
from gongkai.search.services import synonym_groups_import


class Command(BaseCommand):
    help = (
        "检索同义词：import 文件 导入同义词组（一行一组，词语用空格或顿号分开；"
        "与已有的组有相同的词则并入该组，不删除已有的词）；export 按同样格式输出全部同义词组"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="导入同义词文件（UTF-8，一行一组，# 之后为注释）")
        imp.add_argument("file", help="文件路径")
        sub.add_parser("export", help="按导入文件的格式输出全部同义词组")

    def handle(self, *args, **options):
        if options["action"] == "export":
            for terms in SynonymGroup.objects.values_list("terms", flat=True):
                self.stdout.write(" ".join(terms.split(TERM_SEPARATOR)))
            return
        path = Path(options["file"])
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise CommandError(f"无法读取文件 {path}：{error.strerror}", returncode=2) from error
        except UnicodeDecodeError as error:
            raise CommandError(f"文件 {path} 不是 UTF-8 编码的文本", returncode=2) from error
        try:
            result = synonym_groups_import(actor=None, text=text, source=f"命令行导入：{path.name}")
        except SynonymError as error:
            raise CommandError(f"同义词文件 {path} 有误，未导入：{error}", returncode=2) from error
        self.stdout.write(
            f"已导入：新增 {result.created} 组，扩充 {result.extended} 组，"
            f"{result.unchanged} 组已有、未改动。下一次检索即生效，不必重建索引。"
        )
