"""``gongkai search "QUERY" [--unit CODE] [--json]`` and ``gongkai search rebuild [--restart]``."""

from __future__ import annotations

import json
import re

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.models import Unit
from gongkai.search.index import Progress, rebuild
from gongkai.search.registry import kinds
from gongkai.search.selectors import DATE, RELEVANCE, SearchRequest, SearchResult, search

_MARK = re.compile(r"</?mark>")
_BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "全文检索：search 检索词 [--unit 单位代码] [--json] 查找公开的信息；"
        "search rebuild [--restart] 重建检索索引（中断后再次运行会接着做）"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "words",
            nargs="+",
            help="检索词；只写 rebuild 则重建索引（要查 rebuild 这个词请加引号和空格）",
        )
        parser.add_argument("--unit", help="只查该单位及其下级单位（单位代码）")
        parser.add_argument("--kind", choices=[k.name for k in kinds()], help="只查一类信息")
        parser.add_argument("--year", type=int, help="只查该年份")
        parser.add_argument(
            "--series", default="", help="只查同一系列的定期公开信息（结果中给出的系列代码）"
        )
        parser.add_argument("--sort", choices=[RELEVANCE, DATE], default=RELEVANCE)
        parser.add_argument("--page", type=int, default=1)
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.add_argument("--restart", action="store_true", help="rebuild：不接着上次，从头重建")

    def handle(self, *args, **options):
        if options["words"] == ["rebuild"]:
            self._rebuild(restart=options["restart"])
            return
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"没有代码为“{options['unit']}”的单位。", returncode=2)
        result = search(
            SearchRequest(
                q=" ".join(options["words"]),
                unit=unit,
                kind=options["kind"] or "",
                year=options["year"],
                series=options["series"],
                sort=options["sort"],
                page=options["page"],
            )
        )
        if options["json"]:
            self.stdout.write(json.dumps(_as_json(result), ensure_ascii=False, indent=2))
        else:
            self._print(result)

    def _print(self, result: SearchResult) -> None:
        if result.message:
            self.stdout.write(result.message)
            return
        about = "约 " if result.estimated else ""
        more = "以上" if result.more else ""
        self.stdout.write(
            f"找到 {about}{result.total} 条{more}结果（第 {result.page}/{result.pages} 页）"
        )
        if result.suggestion:
            self.stdout.write(f"您是不是要找：{result.suggestion}")
        for expansion in result.synonyms:
            self.stdout.write(
                f"同时查找了同义词：{expansion.text}（{'、'.join(expansion.alternatives)}）"
            )
        for number, hit in enumerate(result.hits, start=1):
            exact = "［精确匹配］" if hit.exact else ""
            self.stdout.write(f"\n{number}. {exact}［{hit.kind.label}］{hit.title}")
            self.stdout.write(f"   {hit.url}")
            self.stdout.write("   " + _MARK.sub("", hit.snippet_html))
            if hit.series_total:
                self.stdout.write(
                    f"   同一系列的定期公开信息共 {hit.series_total} 条（--series {hit.series}）"
                )

    def _rebuild(self, *, restart: bool) -> None:
        tty = self.stderr.isatty()

        def show(progress: Progress) -> None:
            filled = _BAR_WIDTH * progress.done // max(progress.total, 1)
            bar = "#" * filled + "-" * (_BAR_WIDTH - filled)
            line = f"{progress.kind.label} [{bar}] {progress.done}/{progress.total}"
            # On a terminal the bar redraws in place; in a log, one line per batch.
            self.stderr.write("\r" + line if tty else line, ending="" if tty else "\n")

        rebuild(restart=restart, progress=show)
        if tty:
            self.stderr.write("")
        self.stdout.write("检索索引已重建。")


def _as_json(result: SearchResult) -> dict:
    data = {
        "total": result.total,
        "more": result.more,
        "estimated": result.estimated,
        "page": result.page,
        "pages": result.pages,
        "results": [
            {
                "kind": hit.kind.name,
                "id": hit.obj.pk,
                "title": hit.title,
                "url": hit.url,
                "snippet": str(hit.snippet_html),
                "exact": hit.exact,
                **({"series": hit.series, "series_total": hit.series_total} if hit.series else {}),
            }
            for hit in result.hits
        ],
    }
    for key in ("message", "suggestion"):
        if value := getattr(result, key):
            data[key] = value
    if result.synonyms:
        data["synonyms"] = {e.text: list(e.alternatives) for e in result.synonyms}
    return data
