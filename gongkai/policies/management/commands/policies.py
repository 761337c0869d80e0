"""``gongkai policies``: the 惠企政策 items.

- ``import FILE.csv [--unit CODE]``: ``code,title,industries,sizes,regions,subject_types,
  valid_from,valid_to`` (lists separated by ``;``, empty = any; regions are unit codes; dates
  YYYY-MM-DD, valid_to empty = open). Published under ``--unit`` (default: the top of the unit
  tree). All or nothing, row errors in Chinese, exit code 2.
- ``match [--on D] [--json]``: every registered enterprise's matching policies on D (default
  today); ``--json`` prints ``{"matches": {uscc: [policy codes]}}``.
"""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.core.models import Unit
from gongkai.policies.imports import ImportRefused, policies_import
from gongkai.policies.selectors import match_all

from ._common import read


class Command(BaseCommand):
    help = "惠企政策：导入政策，或计算每家企业适用的政策"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="导入惠企政策（CSV）；全部行无误才写入，可重复运行")
        imp.add_argument(
            "file",
            help="CSV 文件（UTF-8 或 GB18030），表头："
            "code,title,industries,sizes,regions,subject_types,valid_from,valid_to",
        )
        imp.add_argument("--unit", help="发布单位代码（默认为单位树的顶层单位）")
        match = sub.add_parser("match", help="计算每家已登记企业在某日适用的政策")
        match.add_argument("--on", help="日期 YYYY-MM-DD（默认今天）")
        match.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, **options):
        if options["action"] == "import":
            self._import(options)
        else:
            self._match(options)

    def _import(self, options) -> None:
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"单位代码 {options['unit']} 不存在。", returncode=2)
        else:
            unit = Unit.objects.filter(parent__isnull=True).order_by("path").first()
            if unit is None:
                raise CommandError(
                    "还没有任何单位，请先导入单位（gongkai units import）。", returncode=2
                )
        try:
            summary = policies_import(actor=None, data=read(options["file"]), unit=unit)
        except ImportRefused as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(str(summary))

    def _match(self, options) -> None:
        if options["on"]:
            try:
                day = date.fromisoformat(options["on"])
            except ValueError:
                raise CommandError(
                    f"--on “{options['on']}”不是有效日期，应为 YYYY-MM-DD。", returncode=2
                ) from None
        else:
            day = timezone.localdate()
        matches = match_all(day)
        if options["json"]:
            self.stdout.write(json.dumps({"matches": matches}, ensure_ascii=False))
            return
        self.stdout.write(f"{day.isoformat()} 共 {len(matches)} 家企业：")
        for uscc, codes in matches.items():
            self.stdout.write(f"{uscc}  {'、'.join(codes) if codes else '（无适用政策）'}")
