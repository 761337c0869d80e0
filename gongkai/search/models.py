"""The search index's own tables. Everything here is derived from the published records and can
be thrown away and rebuilt (``gongkai search rebuild``).

The full-text part is not a Django model: on SQLite FTS5 tables ``search_fts`` and
``search_title`` (rowid = ``SearchEntry.sort_key``), on PostgreSQL ``tsvector`` columns of
``search_entry`` (``tsv``, ``title_tsv``, ``facets_tsv``) with GIN indexes, all created by the
migrations and written by ``backends``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One indexed record.

    ``sort_key`` is the record's date (as a day number) in the high bits and this entry's id in
    the low ones: unique, and in date order, so that the index itself can list the newest
    matches first and stop after a page instead of sorting every match.
    """

    kind = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    sort_key = models.BigIntegerField(unique=True, null=True)
    # SQLite only: the indexed tokens, compressed. Its FTS5 table keeps no copy of the text
    # (half the size), and taking a row out of such a table needs the tokens that went in.
    tokens = models.BinaryField(null=True)
    # The series of a periodic entry (``index.series_of``): the search lists a series once.
    series = models.CharField(max_length=16, blank=True, default="", db_index=True)

    class Meta:
        db_table = "search_entry"
        verbose_name = _("检索条目")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class SearchTerm(models.Model):
    """The index's vocabulary with document frequencies, for “您是不是要找”. Refreshed from
    the index (``index.refresh_vocabulary``), so it only holds words of public records."""

    term = models.CharField(max_length=64, primary_key=True)
    first = models.CharField(max_length=1)
    last = models.CharField(max_length=1)
    length = models.PositiveSmallIntegerField()
    documents = models.PositiveIntegerField()

    class Meta:
        db_table = "search_term"
        verbose_name = _("检索词表")
        indexes = [
            models.Index(fields=["first", "length"], name="search_term_first"),
            models.Index(fields=["last", "length"], name="search_term_last"),
        ]

    def __str__(self) -> str:
        return self.term


class RebuildState(models.Model):
    """Where a rebuild of the index got to, so that an interrupted one resumes: the kinds are
    rebuilt one after another, each in id order."""

    kind = models.CharField(max_length=32, blank=True)
    last_id = models.BigIntegerField(default=0)
    finished = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "search_rebuild_state"
        verbose_name = _("索引重建进度")

    def __str__(self) -> str:
        return f"{self.kind}>{self.last_id}" if not self.finished else "finished"


# Between the terms of a stored group: never part of a term (terms are letters and digits).
TERM_SEPARATOR = "、"


class SynonymGroup(models.Model):
    """Terms that mean the same in a search (低保、最低生活保障): a query for one also finds
    the others. Applied to queries only, so a change takes effect without re-indexing. Written
    by ``services`` only; the shipped default list (``synonyms.txt``) is loaded by migration
    0005."""

    terms = models.CharField(_("同义词"), max_length=800)
    source = models.CharField(_("来源"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("更新人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        db_table = "search_synonym_group"
        verbose_name = _("检索同义词")
        verbose_name_plural = _("检索同义词")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.terms

    @property
    def term_list(self) -> tuple[str, ...]:
        return tuple(self.terms.split(TERM_SEPARATOR))
