from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.models import Unit
from gongkai.importer.services import (
    ImportSummary,
    Outcome,
    Register,
    import_path,
    references_indexed_in_batches,
    source_files,
)
from gongkai.tasks_ledger.selectors import unit_name_index


class Command(BaseCommand):
    help = (
        "导入公文：文件或文件夹（递归查找 .txt .docx .html .htm .pdf），作为草稿登记；"
        "--published 作为已按原日期发布的历史公文。工作要点的任务同时列入工作台账。"
        "重复运行不会重复导入。"
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="文件或文件夹")
        parser.add_argument("--unit", required=True, metavar="CODE", help="发文单位的单位代码")
        parser.add_argument("--dry-run", action="store_true", help="只解析和报告，不写入")
        parser.add_argument(
            "--published",
            action="store_true",
            help="作为已发布的历史公文导入（发布日期取成文日期；仅限主动公开的公文）",
        )

    def handle(self, *args, **options):
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"没有单位代码为“{options['unit']}”的单位。", returncode=2)
        files = source_files([Path(p) for p in options["paths"]])
        if not files:
            raise CommandError("没有找到可导入的文件（.txt .docx .html .htm .pdf）。", returncode=2)
        dry_run = options["dry_run"]
        # Built once: matching each plan's unit names must not reload the unit tree each time.
        names = None if dry_run else unit_name_index()
        register = Register.of(unit)
        summary = ImportSummary()
        with references_indexed_in_batches() as index_references:
            for number, path in enumerate(files, start=1):
                self._progress(number, len(files), path.name, options["verbosity"])
                result = import_path(
                    actor=None,
                    unit=unit,
                    path=path,
                    register=register,
                    publish=options["published"],
                    dry_run=dry_run,
                    names=names,
                )
                summary.results.append(result)
                if result.document_id is not None and not dry_run:
                    index_references(result.document_id)
                if options["verbosity"] >= 1:
                    # On a terminal the progress line is cleared first, then redrawn after.
                    clear = "\r\x1b[K" if self.stderr.isatty() else ""
                    for warning in result.warnings:
                        self.stderr.write(f"{clear}  {path.name}：注意：{warning}")
        self._progress(len(files) + 1, len(files), "", options["verbosity"])
        if options["verbosity"] >= 1:
            for line in summary.lines(dry_run=dry_run):
                self.stdout.write(line)
        if summary.failed:
            raise CommandError(
                f"有 {len(summary.of(Outcome.FAILED))} 个文件导入失败。", returncode=1
            )

    def _progress(self, number: int, total: int, name: str, verbosity: int) -> None:
        """``[ 37/2000] 1.8% 文件名``: the share of files done before this one."""
        if verbosity < 1:
            return
        width = len(str(total))
        shown = min(number, total)
        line = f"[{shown:>{width}}/{total}] {100 * (number - 1) / total:.1f}% {name}".rstrip()
        if self.stderr.isatty():
            # One line rewritten in place; "\x1b[K" clears what a longer name left behind.
            self.stderr.write(f"\r{line}\x1b[K", ending="\n" if number > total else "")
        else:
            self.stderr.write(line)
