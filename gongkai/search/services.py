"""Writes to the search synonyms. Each checks permission, changes the groups and records one
audit entry, in one transaction; the admin screens and ``gongkai synonyms import`` call these
only. Searches read the groups through ``selectors.thesaurus``, so a change applies to the next
query, with no re-indexing.

The stored groups never share a term: a term belongs to one group, which is where a clerk edits
it. A new group naming a term of another is refused (the admin), or merged into it (an import).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from gongkai.core.audit import audit_record
from gongkai.core.models import Unit

from .domain.synonyms import SynonymError, parse_file, split_terms, term_key
from .models import TERM_SEPARATOR, SynonymGroup
from .permissions import require_synonym_manager

ADMIN_SOURCE = "管理后台编辑"


def _audit_unit() -> Unit | None:
    # The dictionary belongs to no unit; with a single top-level unit, filing the entry under
    # it lets that unit's auditors and administrators read it (the log is scoped by unit).
    roots = list(Unit.objects.filter(parent__isnull=True)[:2])
    return roots[0] if len(roots) == 1 else None


def _owners(terms: tuple[str, ...], *, besides: int | None = None) -> dict[str, SynonymGroup]:
    """The stored groups holding one of ``terms`` (by lookup key), other than ``besides``."""
    wanted = {term_key(term) for term in terms}
    owners = {}
    for group in SynonymGroup.objects.exclude(pk=besides).select_for_update():
        for term in group.term_list:
            if term_key(term) in wanted:
                owners[term] = group
    return owners


def _refuse_shared(terms: tuple[str, ...], *, besides: int | None = None) -> None:
    owners = _owners(terms, besides=besides)
    if owners:
        term, group = next(iter(owners.items()))
        raise SynonymError(
            f"“{term}”已在同义词组“{group.terms}”中：一个词只能属于一组，请编辑那一组。"
        )


def synonym_group_create(*, actor, terms: str, source: str = ADMIN_SOURCE) -> SynonymGroup:
    """A new group from the terms as typed (separated by spaces, 、 or ，)."""
    require_synonym_manager(actor)
    parsed = split_terms(terms)
    with transaction.atomic():
        _refuse_shared(parsed)
        group = SynonymGroup.objects.create(
            terms=TERM_SEPARATOR.join(parsed), source=source[:200], updated_by=actor
        )
        audit_record(
            actor=actor,
            action="search.synonyms.create",
            obj=group,
            changes={"terms": list(parsed), "source": group.source},
            unit=_audit_unit(),
        )
    return group


def synonym_group_update(
    *, actor, group: SynonymGroup, terms: str, source: str = ADMIN_SOURCE
) -> SynonymGroup:
    require_synonym_manager(actor)
    parsed = split_terms(terms)
    with transaction.atomic():
        group = SynonymGroup.objects.select_for_update().get(pk=group.pk)
        before = group.term_list
        if before == parsed:
            return group
        _refuse_shared(parsed, besides=group.pk)
        group.terms = TERM_SEPARATOR.join(parsed)
        group.source = source[:200]
        group.updated_by = actor
        group.save()
        audit_record(
            actor=actor,
            action="search.synonyms.update",
            obj=group,
            changes={
                "added": [t for t in parsed if t not in before],
                "removed": [t for t in before if t not in parsed],
            },
            unit=_audit_unit(),
        )
    return group


def synonym_group_delete(*, actor, group: SynonymGroup) -> None:
    require_synonym_manager(actor)
    with transaction.atomic():
        terms = list(group.term_list)
        group_id = group.pk
        group.delete()
        # Django clears the primary key on delete; the entry must name the row that was.
        group.pk = group_id
        audit_record(
            actor=actor,
            action="search.synonyms.delete",
            obj=group,
            changes={"terms": terms},
            unit=_audit_unit(),
        )


@dataclass(frozen=True)
class SynonymImport:
    created: int
    extended: int  # existing groups that gained terms
    unchanged: int  # lines whose terms were all known already in one group


def synonym_groups_import(*, actor, text: str, source: str) -> SynonymImport:
    """Add the groups of a dictionary file (one group a line): a line sharing a term with
    stored groups is merged into them (joined into one when it links several), the others are
    created. Nothing is deleted. A bad line refuses the whole file, naming the line."""
    require_synonym_manager(actor)
    lines = parse_file(text)
    created = extended = unchanged = 0
    with transaction.atomic():
        owner: dict[str, SynonymGroup] = {}
        for group in SynonymGroup.objects.select_for_update():
            owner.update(dict.fromkeys(map(term_key, group.term_list), group))
        for number, terms in enumerate(lines, start=1):
            groups = list(dict.fromkeys(g for t in terms if (g := owner.get(term_key(t)))))
            if not groups:
                group = SynonymGroup.objects.create(
                    terms=TERM_SEPARATOR.join(terms), source=source[:200], updated_by=actor
                )
                owner.update(dict.fromkeys(map(term_key, terms), group))
                created += 1
                continue
            keep, *joined = groups
            merged = dict.fromkeys(
                [*keep.term_list, *(t for other in joined for t in other.term_list), *terms]
            )
            try:
                merged_terms = split_terms(TERM_SEPARATOR.join(merged))
            except SynonymError as error:
                raise SynonymError(f"第 {number} 组并入“{keep.terms}”后：{error}") from None
            if merged_terms == keep.term_list:
                unchanged += 1
                continue
            keep.terms = TERM_SEPARATOR.join(merged_terms)
            keep.source = source[:200]
            keep.updated_by = actor
            keep.save()
            for other in joined:
                other.delete()
            owner.update(dict.fromkeys(map(term_key, merged_terms), keep))
            extended += 1
        result = SynonymImport(created, extended, unchanged)
        if created or extended:
            audit_record(
                actor=actor,
                action="search.synonyms.import",
                obj=SynonymGroup.objects.order_by("-updated_at", "-pk").first(),
                changes={
                    "source": source[:200],
                    "created": created,
                    "extended": extended,
                    "unchanged": unchanged,
                },
                unit=_audit_unit(),
            )
    return result
