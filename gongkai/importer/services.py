"""Importing files into the document register, one transaction per document.

A file becomes a draft document (or, for a historical import, a published one with its
original date) and, when it is a work plan, the tasks of the ledger, all in one transaction:
a file is imported whole or not at all. What was imported is remembered (`ImportRecord`), so a
second run skips it and an interrupted run can simply be started again.

The audit log gets the entries of the services an import is made of (document.create,
work_plan.create, document.publish); where a document came from is its `ImportRecord`. One more
entry per file would add a fifth to the cost of a bulk import and say nothing those don't.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from wagtail.signal_handlers import disable_reference_index_auto_update

from gongkai.core.domain.errors import DomainError
from gongkai.core.models import Unit
from gongkai.core.permissions import require
from gongkai.documents.domain.attributes import Disclosure
from gongkai.documents.domain.doc_number import normalize_doc_number
from gongkai.documents.models import OfficialDocument
from gongkai.documents.services import document_create, document_publish
from gongkai.tasks_ledger.domain.unit_names import UnitNameIndex
from gongkai.tasks_ledger.models import Task, WorkPlan
from gongkai.tasks_ledger.services import work_plan_create

from .candidate import Candidate, read_candidate
from .domain.errors import NotADocumentError
from .models import ImportRecord
from .tasks import index_references

SUFFIXES = (".txt", ".docx", ".html", ".htm", ".pdf")
# Documents per reference-index task of a bulk import (`references_indexed_in_batches`).
REFERENCE_BATCH = 200
# A summary lists this many unmatched unit names; the admin screen lists them all.
_NAMES_SHOWN = 20


class Outcome(StrEnum):
    IMPORTED = "imported"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass
class ImportResult:
    source: str
    outcome: Outcome
    reason: str = ""
    document: OfficialDocument | None = None
    document_id: int | None = None
    """The document it became: in this import (`document`), or in an earlier one (skipped)."""
    plan: WorkPlan | None = None
    published: bool = False
    tasks: int = 0
    """Work-plan tasks found in the file."""
    warnings: list[str] = field(default_factory=list)


@dataclass
class Register:
    """What a unit's register already holds, read once per import instead of twice per file:
    the files imported for it (by hash) and its doc numbers. The import adds to it as it goes.

    Two imports into the same unit at the same time could each miss the other's doc numbers,
    as two people registering the same document at once could; the same file twice is still
    refused by the database (one `ImportRecord` per unit and hash).
    """

    unit: Unit
    files: dict[str, tuple[int, str]]
    """SHA-256 → the id of the document it became, and that document as a skip message names it."""
    doc_numbers: dict[str, str]
    """Doc number → the title of the document that has it."""

    @classmethod
    def of(cls, unit: Unit) -> Register:
        records = ImportRecord.objects.filter(unit=unit).values_list(
            "sha256", "imported_at", "document_id", "document__doc_number", "document__title"
        )
        documents = OfficialDocument.objects.filter(unit=unit).exclude(doc_number="")
        return cls(
            unit=unit,
            files={
                sha256: (document_id, _imported(imported_at, doc_number, title))
                for sha256, imported_at, document_id, doc_number, title in records
            },
            doc_numbers=dict(documents.values_list("doc_number", "title")),
        )

    def skip(self, candidate: Candidate) -> ImportResult | None:
        """The result for a file that is already in the unit's register, if it is."""
        if imported := self.files.get(candidate.sha256):
            document_id, reason = imported
            return ImportResult(candidate.source, Outcome.SKIPPED, reason, document_id=document_id)
        doc_number = normalize_doc_number(candidate.doc_number) if candidate.doc_number else ""
        if title := self.doc_numbers.get(doc_number):
            return ImportResult(
                candidate.source,
                Outcome.SKIPPED,
                f"本单位已有发文字号为“{doc_number}”的公文（{title}）",
            )
        return None

    def add(self, candidate: Candidate, document: OfficialDocument) -> None:
        self.files[candidate.sha256] = (
            document.pk,
            _imported(timezone.now(), document.doc_number, document.title),
        )
        if document.doc_number:
            self.doc_numbers[document.doc_number] = document.title


def _imported(at, doc_number: str, title: str) -> str:
    document = " ".join(filter(None, [doc_number, title]))
    return f"同一文件已于 {timezone.localtime(at):%Y-%m-%d} 导入（{document}）"


@transaction.atomic
def document_import(
    *,
    actor,
    unit: Unit,
    candidate: Candidate,
    register: Register,
    publish: bool = False,
    names: UnitNameIndex | None = None,
) -> ImportResult:
    """Register one file's document (and its work plan), or skip it as already registered.

    ``register`` is `Register.of(unit)`, loaded once for all the files of an import.
    ``publish`` imports a historical document as published on its written date; only a
    主动公开 document can be, any other stays a draft and a warning says so.
    """
    if actor is not None:
        require(actor, "document.edit", unit)
    if skipped := register.skip(candidate):
        return skipped
    document = document_create(
        actor=actor,
        unit=unit,
        doc_number=candidate.doc_number,
        title=candidate.title,
        recipients=candidate.recipients,
        cc=candidate.cc,
        written_on=candidate.written_on,
        printed_on=candidate.printed_on,
        disclosure=candidate.disclosure,
        body=candidate.body,
        # Saved when first needed (a change, the review, the publication): see `ensure_revision`.
        first_revision=False,
    )
    ImportRecord.objects.create(
        unit=unit, sha256=candidate.sha256, source=candidate.source[:500], document=document
    )
    result = ImportResult(
        candidate.source,
        Outcome.IMPORTED,
        document=document,
        document_id=document.pk,
        tasks=len(candidate.tasks),
        warnings=list(candidate.warnings),
    )
    if candidate.tasks:
        result.plan = work_plan_create(
            actor=actor, document=document, tasks=candidate.tasks, year=candidate.year, names=names
        )
    if publish:
        _publish_historical(actor, document, candidate, result)
    # Last, after every write that could fail: a file rolled back must stay importable.
    register.add(candidate, document)
    return result


def _publish_historical(
    actor, document: OfficialDocument, candidate: Candidate, result: ImportResult
) -> None:
    if document.disclosure != Disclosure.PROACTIVE:
        label = Disclosure(document.disclosure).label if document.disclosure else "未注明"
        result.warnings.append(f"公开属性为“{label}”，不是主动公开，已作为草稿导入，未发布")
        return
    try:
        document_publish(actor=actor, document=document, published_on=candidate.written_on)
    except DomainError as error:  # e.g. personal data found: the reviewer decides, not the importer
        result.warnings.append(f"未发布，已作为草稿导入：{error}")
        return
    result.published = True


def source_files(paths: list[Path]) -> list[Path]:
    """The files to import: named files as they are, folders searched recursively for the
    document formats, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        else:
            found.append(path)
    return found


@contextmanager
def references_indexed_in_batches(size: int = REFERENCE_BATCH) -> Iterator[Callable[[int], None]]:
    """For a bulk import: ``add(document_id)`` queues Wagtail's reference index for the document
    in batches of ``size``, one task each, instead of one task per document from its save.

    Queueing a task was a tenth of the cost of importing a document. The last batch is queued
    when the block ends, however it ends; if the process is killed first, running the import
    again queues the documents it skips as already imported, so a re-run also completes this.
    """
    pending: list[int] = []

    def flush() -> None:
        if pending:
            index_references.enqueue(list(pending))
            pending.clear()

    def add(document_id: int) -> None:
        pending.append(document_id)
        if len(pending) >= size:
            flush()

    with disable_reference_index_auto_update():
        try:
            yield add
        finally:
            flush()


def import_path(
    *,
    actor,
    unit: Unit,
    path: Path,
    register: Register,
    publish: bool = False,
    dry_run: bool = False,
    names: UnitNameIndex | None = None,
) -> ImportResult:
    """One file of a bulk import; a file that cannot be imported is a result, not an error,
    so that one bad file never stops the others."""
    source = str(path)
    try:
        data = path.read_bytes()
        modified = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.get_current_timezone())
        candidate = read_candidate(data, path.name, modified=modified.date(), source=source)
        if dry_run:
            return _dry_run(register, candidate)
        return document_import(
            actor=actor,
            unit=unit,
            candidate=candidate,
            register=register,
            publish=publish,
            names=names,
        )
    except OSError as error:
        return ImportResult(source, Outcome.FAILED, f"无法读取文件：{error.strerror}")
    except NotADocumentError as error:
        return ImportResult(source, Outcome.FAILED, error.reason)
    except DomainError as error:
        return ImportResult(source, Outcome.FAILED, str(error))


def _dry_run(register: Register, candidate: Candidate) -> ImportResult:
    if skipped := register.skip(candidate):
        return skipped
    return ImportResult(
        candidate.source,
        Outcome.IMPORTED,
        tasks=len(candidate.tasks),
        warnings=candidate.warnings,
    )


@dataclass
class ImportSummary:
    results: list[ImportResult] = field(default_factory=list)

    def of(self, outcome: Outcome) -> list[ImportResult]:
        return [r for r in self.results if r.outcome == outcome]

    @property
    def failed(self) -> bool:
        return any(r.outcome == Outcome.FAILED for r in self.results)

    def lines(self, *, dry_run: bool = False) -> list[str]:
        imported = self.of(Outcome.IMPORTED)
        skipped = self.of(Outcome.SKIPPED)
        failed = self.of(Outcome.FAILED)
        verb = "可导入" if dry_run else "导入"
        lines = [
            ("试运行，未写入任何数据。" if dry_run else "")
            + f"{verb} {len(imported)} 份，跳过 {len(skipped)} 份，失败 {len(failed)} 份"
            + f"（共 {len(self.results)} 个文件）。"
        ]
        plans = [r for r in imported if r.tasks]
        if plans:
            lines.append(
                f"其中工作要点 {len(plans)} 份，{'可建立' if dry_run else '建立'}台账任务 "
                f"{sum(r.tasks for r in plans)} 项。"
            )
            tasks = Task.objects.filter(plan__in=[r.plan for r in plans if r.plan])
            unmatched = sorted(
                {
                    name
                    for names in tasks.exclude(unmatched_names=[]).values_list(
                        "unmatched_names", flat=True
                    )
                    for name in names
                }
            )
            if unmatched:
                shown = "、".join(unmatched[:_NAMES_SHOWN])
                more = f"等 {len(unmatched)} 个" if len(unmatched) > _NAMES_SHOWN else ""
                lines.append(
                    f"以下单位名称未能对应到单位：{shown}{more}。请在管理后台“工作台账 → "
                    "单位名称对应”中对应一次，以后导入自动识别。"
                )
        if published := sum(r.published for r in imported):
            lines.append(f"按原日期发布 {published} 份。")
        for title, results in (("跳过", skipped), ("失败", failed)):
            if results:
                lines.append(f"{title}：")
                lines += [f"  {r.source}：{r.reason}" for r in results]
        return lines
