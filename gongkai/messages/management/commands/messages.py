"""``gongkai messages``: an office's past ledger, the 12345 hotline's orders, and the figures.

- ``import FILE.csv``: ``number,unit,kind,received_at,answered_at`` (kind = correction |
  consultation | simple | suggestion | complaint; times ISO 8601 in Asia/Shanghai;
  ``answered_at`` empty while open). All or nothing, row errors listed, exit code 2; re-running
  the same file changes nothing.
- ``hotline-import FILE.csv|FILE.xlsx``: the hotline's work orders (see `imports.hotline_import`).
- ``stats --unit U --from D --to D [--on D] [--detail] [--json]``: messages received in
  [from, to] in U's subtree, as of ``--on`` (default today).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.core.models import Unit
from gongkai.messages.domain.imports import MessageImportError
from gongkai.messages.domain.kinds import MessageKind
from gongkai.messages.imports import hotline_import, messages_import
from gongkai.messages.selectors import statistics, statistics_detail


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"{option} “{text}”不是有效日期，应为 YYYY-MM-DD。", returncode=2
        ) from None


def _read(path_text: str) -> bytes:
    path = Path(path_text)
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(f"无法读取文件 {path}：{error.strerror}", returncode=2) from error


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


class Command(BaseCommand):
    help = "政民互动留言：导入历史台账或12345热线工单，统计留言办理情况"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="导入历史留言台账（CSV）；全部行无误才写入，可重复运行")
        imp.add_argument(
            "file",
            help="CSV 文件（UTF-8 或 GB18030），表头：number,unit,kind,received_at,answered_at",
        )
        hot = sub.add_parser("hotline-import", help="导入12345热线工单（CSV 或 .xlsx）")
        hot.add_argument("file", help="工单文件：工单编号、受理时间、承办单位、诉求类型、诉求内容…")
        stats = sub.add_parser("stats", help="统计某单位（含下属单位）某期间收到的留言")
        stats.add_argument("--unit", required=True, help="单位代码")
        stats.add_argument("--from", dest="start", required=True, help="收到日期自 YYYY-MM-DD")
        stats.add_argument("--to", dest="end", required=True, help="收到日期至 YYYY-MM-DD（含）")
        stats.add_argument("--on", help="统计截至日 YYYY-MM-DD（默认今天）：判断是否已答复、超期")
        stats.add_argument("--detail", action="store_true", help="列出每条留言")
        stats.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "import":
            self._import(messages_import, actor=None, data=_read(options["file"]))
        elif action == "hotline-import":
            name = Path(options["file"]).name
            self._import(hotline_import, actor=None, data=_read(options["file"]), filename=name)
        else:
            self._stats(options)

    def _import(self, service, **kwargs) -> None:
        try:
            summary = service(**kwargs)
        except MessageImportError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(str(summary))

    def _stats(self, options) -> None:
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"单位代码 {options['unit']} 不存在。", returncode=2)
        start, end = _date(options["start"], "--from"), _date(options["end"], "--to")
        if end < start:
            raise CommandError("--to 不能早于 --from。", returncode=2)
        on = _date(options["on"], "--on") if options["on"] else timezone.localdate()
        result = statistics(unit, start, end, on=on)
        if options["json"]:
            output = result.to_json()
            if options["detail"]:
                output["messages"] = [
                    asdict(row) for row in statistics_detail(unit, start, end, on=on)
                ]
            self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{unit.name}（含下属单位）{start.isoformat()} 至 {end.isoformat()} 收到的留言，"
            f"统计至 {on.isoformat()}："
        )
        header = (
            "类别",
            "收到",
            "已答复",
            "按时",
            "超期答复",
            "未答复",
            "其中超期",
            "满3个月",
            "按时率",
        )
        self.stdout.write("  ".join(header))
        rows = [(kind.label, result.by_kind[kind]) for kind in MessageKind]
        for label, counts in [*rows, ("合计", result.total)]:
            self.stdout.write(
                "  ".join(
                    [
                        label,
                        *(
                            str(value)
                            for value in (
                                counts.received,
                                counts.answered,
                                counts.answered_on_time,
                                counts.answered_late,
                                counts.open,
                                counts.open_overdue,
                                counts.over_three_months,
                            )
                        ),
                        _percent(counts.on_time_rate),
                    ]
                )
            )
        self.stdout.write(f"无效留言（未计入统计）：{result.total.invalid} 条")
        if options["detail"]:
            for row in statistics_detail(unit, start, end, on=on):
                state = "未答复" if row.on_time is None else ("按时" if row.on_time else "超期")
                self.stdout.write(
                    f"{row.number}  {row.kind}  收到 {row.received_at}  期限 {row.due_on}  "
                    f"答复 {row.answered_at or '—'}  {state}"
                )
