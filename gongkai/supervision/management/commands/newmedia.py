"""``gongkai newmedia``: the new-media account registry from a file, and the checks.

- ``import FILE.csv``: columns ``unit,platform,name,account_id,last_post_on,status`` (unit by
  code or name; platform wechat | weibo | douyin | kuaishou | toutiao | bilibili | xiaohongshu
  | other or its Chinese name; status active | merging | closing | closed, empty for active).
  All rows or none: row errors are listed and the exit code is 2.
- ``check [--on D] [--json]``: ``{"findings": [{"kind", "unit", "platform", "account_id",
  "detail"}]}``; exit 0 when nothing is found, 1 when something is, 2 on bad input.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.core.domain.csv_rows import decode_spreadsheet_csv, read_csv_rows
from gongkai.core.domain.errors import DomainError
from gongkai.supervision.domain.account_rows import COLUMNS, parse_row
from gongkai.supervision.domain.accounts import PLATFORM_LABELS
from gongkai.supervision.domain.labels import kind_label
from gongkai.supervision.services import accounts_check, accounts_import


class Command(BaseCommand):
    help = "政务新媒体：导入账号清单，检查重复开设、内容不更新和互动功能"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="导入账号清单（CSV）；全部行无误才写入")
        imp.add_argument("file", help="CSV 文件（UTF-8 或 GB18030），表头：" + ",".join(COLUMNS))
        check = sub.add_parser("check", help="检查全部账号")
        check.add_argument("--on", help="检查日 YYYY-MM-DD（默认今天；只有今天的检查会被记录）")
        check.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, **options):
        if options["action"] == "import":
            self._import(options["file"])
        else:
            self._check(options)

    def _import(self, name: str) -> None:
        try:
            data = Path(name).read_bytes()
        except OSError as error:
            raise CommandError(f"无法读取文件 {name}：{error.strerror}", returncode=2) from error
        text = decode_spreadsheet_csv(data)
        if text is None:
            raise CommandError("文件不是 UTF-8 或 GB18030 编码的 CSV。", returncode=2)
        rows, problems = read_csv_rows(text, COLUMNS)
        today = timezone.localdate()
        parsed = []
        for line, values in rows:
            row, errors = parse_row(line, values, today)
            problems += errors
            if row is not None:
                parsed.append(row)
        if not problems and not parsed:
            problems.append("文件中没有账号。")
        if not problems:
            try:
                result = accounts_import(actor=None, rows=parsed)
            except DomainError as error:
                problems = str(error).splitlines()
        if problems:
            raise CommandError("未导入任何账号：\n" + "\n".join(problems), returncode=2)
        self.stdout.write(f"已导入：新增 {result.created} 个账号，更新 {result.updated} 个。")

    def _check(self, options) -> None:
        on = timezone.localdate()
        if options["on"]:
            try:
                on = date.fromisoformat(options["on"])
            except ValueError:
                raise CommandError(
                    f"--on “{options['on']}”不是有效日期，应为 YYYY-MM-DD。", returncode=2
                ) from None
        found = accounts_check(on=on)
        if options["json"]:
            self.stdout.write(
                json.dumps({"findings": [f.as_json() for f in found]}, ensure_ascii=False)
            )
        elif not found:
            self.stdout.write(f"{on:%Y年%m月%d日}：未发现问题。")
        else:
            for f in found:
                self.stdout.write(
                    f"{f.unit_name}\t{PLATFORM_LABELS[f.platform]}\t{f.account_id}\t"
                    f"{kind_label(f.kind)}\t{f.detail}"
                )
        if found:
            sys.stdout.flush()
            raise SystemExit(1)
