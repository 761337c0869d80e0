"""Synonyms and abbreviations (同义词、简称), applied to a query, never to the index.

A *group* is a set of terms that mean the same thing (低保 / 最低生活保障 / 城乡低保). A query
word, or a run of consecutive query words, that spells a term of a group is replaced by "this
or any other term of the group", and the other words of the query stay required: 低保 申请
finds a text with 最低生活保障 … 申请. Since only the query changes, editing the dictionary
needs no re-indexing.

Terms are compared in the form the query parser gives them (normalised, lower-case, cut into
words), so a term matches however the segmenter cuts it: 个税 is cut 个 + 税 and still matches
as a run of two words. Runs are matched on word boundaries, longest first (医保局 before 医保),
so a term is never found inside a longer word (特困 does not match inside 贫困特困户 cut as one
word).

The relation is an equivalence: groups that share a term are one group, which makes expansion
symmetric (a ↔ b) and a fixed point (expanding an expanded query changes nothing).

Pure Python: no Django imports.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.core.domain.errors import DomainError

from .normalize import normalize_query
from .query import AllOf, AnyOf, Node, ParsedQuery, Word, chunk_words

# The shipped default groups (loaded by migration 0005).
DEFAULT_FILE = Path(__file__).resolve().parent.parent / "synonyms.txt"
# A term is one run of letters and digits: what the query parser keeps together.
_TERM = re.compile(r"[^\W_]+")
# Separators accepted between the terms of a group, in the file and in the admin form.
_SEPARATORS = re.compile(r"[\s,，、;；/|=]+|<->|↔")
MAX_TERM_LENGTH = 32
MAX_GROUP_SIZE = 20


class SynonymError(DomainError):
    """A group that cannot be used, with a Chinese sentence saying why."""


@functools.lru_cache(maxsize=8192)
def term_key(term: str) -> str:
    """The form a term is looked up in: what the query parser makes of it, its words joined.
    Cached: rebuilding the groups after an edit then segments only the new terms."""
    return "".join(word.text for word in chunk_words(normalize_query(term).lower()))


def split_terms(text: str) -> tuple[str, ...]:
    """The terms of one group as typed (separated by spaces, 、 ， ; / or ↔), checked and
    without repeats; raises ``SynonymError`` with a Chinese message."""
    terms: list[str] = []
    seen: set[str] = set()
    for term in _SEPARATORS.split(normalize_query(text)):
        if not term:
            continue
        if not _TERM.fullmatch(term):
            raise SynonymError(f"“{term}”不是一个词：词语只能由汉字、字母和数字组成，不能含标点。")
        if len(term) > MAX_TERM_LENGTH:
            raise SynonymError(f"“{term}”太长了：一个词最多 {MAX_TERM_LENGTH} 个字。")
        key = term_key(term)
        if key not in seen:
            seen.add(key)
            terms.append(term)
    if len(terms) < 2:
        raise SynonymError("一组同义词至少要有两个不同的词语。")
    if len(terms) > MAX_GROUP_SIZE:
        raise SynonymError(f"一组同义词最多 {MAX_GROUP_SIZE} 个词语。")
    return tuple(terms)


def parse_file(text: str) -> list[tuple[str, ...]]:
    """The groups of a dictionary file: one group a line, ``#`` starts a comment. Raises
    ``SynonymError`` naming the first bad line."""
    groups = []
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split("#", 1)[0].strip()
        if not content:
            continue
        try:
            groups.append(split_terms(content))
        except SynonymError as error:
            raise SynonymError(f"第 {number} 行：{error}") from None
    return groups


@dataclass(frozen=True)
class Thesaurus:
    """Every term's group (keys as ``term_key`` gives them), groups that share a term merged."""

    groups: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @functools.cached_property
    def longest(self) -> int:
        return max((len(key) for key in self.groups), default=0)

    def alternatives(self, term: str) -> frozenset[str]:
        """The other terms of ``term``'s group (empty when it has none)."""
        key = term_key(term)
        return self.groups.get(key, frozenset({key})) - {key}


def build(groups: Iterable[Iterable[str]]) -> Thesaurus:
    """A thesaurus from groups of terms; groups sharing a term are joined (union-find)."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for group in groups:
        keys = [k for k in (term_key(term) for term in group) if k]
        for key in keys:
            parent.setdefault(key, key)
        for key in keys[1:]:
            parent[root(key)] = root(keys[0])
    members: dict[str, set[str]] = {}
    for key in parent:
        members.setdefault(root(key), set()).add(key)
    result: dict[str, frozenset[str]] = {}
    for group in members.values():
        if len(group) > 1:
            frozen = frozenset(group)
            result.update(dict.fromkeys(group, frozen))
    return Thesaurus(result)


@dataclass(frozen=True)
class Expansion:
    """One run of the query that the thesaurus widened: as typed, and what else it finds."""

    text: str
    alternatives: tuple[str, ...]


def _node_of(words: Iterable[Word]) -> Node:
    parts = tuple(dict.fromkeys(word.node for word in words))
    return parts[0] if len(parts) == 1 else AllOf(parts)


def term_node(key: str) -> Node:
    """What a term finds when it is typed alone."""
    return _node_of(chunk_words(key))


def expand(parsed: ParsedQuery, thesaurus: Thesaurus) -> ParsedQuery:
    """``parsed`` with every run of words that spells a term replaced by a word that finds
    the run as typed (its own shorter terms widened too: 城乡低保 also as 城乡 + 最低生活保障)
    or any other term of its group. Words already expanded are kept as they are."""
    if not thesaurus.groups:
        return parsed
    return ParsedQuery(tuple(_expand_run(chunk, thesaurus, whole=True) for chunk in parsed.chunks))


def _expand_run(words: tuple[Word, ...], thesaurus: Thesaurus, *, whole: bool) -> tuple[Word, ...]:
    """The words with their terms widened, longest run first; ``whole`` allows a run of all of
    them (off inside a run being widened, so that each step looks at shorter runs)."""
    longest = thesaurus.longest
    result: list[Word] = []
    i = 0
    while i < len(words):
        found = None
        length = 0
        for j in range(i, len(words)):
            if words[j].alternatives or (not whole and i == 0 and j == len(words) - 1):
                break
            length += len(words[j].text)
            if length > longest:
                break
            key = "".join(word.text for word in words[i : j + 1])
            if key in thesaurus.groups:
                found = (j, key)  # keep looking: the longest run wins
        if found is None:
            result.append(words[i])
            i += 1
            continue
        j, key = found
        run = words[i : j + 1]
        as_typed = (
            _node_of(_expand_run(run, thesaurus, whole=False)) if len(run) > 1 else run[0].node
        )
        others = tuple(sorted(thesaurus.groups[key] - {key}))
        node = AnyOf(tuple(dict.fromkeys([as_typed, *map(term_node, others)])))
        result.append(Word(key, node, alternatives=others))
        i = j + 1
    return tuple(result)


def expansions(parsed: ParsedQuery) -> list[Expansion]:
    """The runs ``expand`` widened, for telling the reader what else was searched."""
    return [Expansion(w.text, w.alternatives) for w in parsed.words if w.alternatives]
