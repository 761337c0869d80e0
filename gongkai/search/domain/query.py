"""From a typed query to a match expression that no input can break.

A query is cut into words (precise mode) and every word must occur. The tokens come from the
segmenter and are only letters and digits, and every token is quoted when compiled, so
nothing a user types (``"``, ``*``, ``NEAR``, ``AND``, ``(``, ``:``) is ever read as syntax:
it is either a word to find or dropped.

A document is indexed in search mode, where a long word is accompanied by the shorter words in
it, but not every long word of a query is a token of every document (最低生活保障 in a query,
but 最低 生活 保障 in a text cut without the user dictionary), so a long word also matches when
all its sub-words occur. Consecutive single characters (an unknown name, a typo) must occur
next to each other, as a phrase.

Pure Python: no Django imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .segment import query_words, sub_words

_CHUNK = re.compile(r"[^\W_]+")
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003ffff]")


@dataclass(frozen=True)
class Term:
    text: str


@dataclass(frozen=True)
class Phrase:
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Node, ...]


Node = Term | Phrase | AnyOf | AllOf


@dataclass(frozen=True)
class Word:
    """One word of the query as typed (a phrase of single characters counts as one)."""

    text: str
    node: Node
    # The other terms of its synonym group, when the thesaurus widened it (``synonyms``).
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedQuery:
    chunks: tuple[tuple[Word, ...], ...]  # the runs of letters and digits between spaces

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(word for chunk in self.chunks for word in chunk)

    @property
    def node(self) -> Node:
        parts = tuple(dict.fromkeys(word.node for word in self.words))
        return parts[0] if len(parts) == 1 else AllOf(parts)

    def text(self) -> str:
        return " ".join("".join(word.text for word in chunk) for chunk in self.chunks)


def parse_query(normalized: str) -> ParsedQuery | None:
    """The words of a normalised query, or None when it has nothing searchable."""
    chunks = tuple(words for chunk in _CHUNK.findall(normalized) if (words := chunk_words(chunk)))
    return ParsedQuery(chunks) if chunks else None


def chunk_words(chunk: str) -> tuple[Word, ...]:
    """The words of one run of letters and digits (a run of single characters is one word)."""
    words: list[Word] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            node = Term(run[0]) if len(run) == 1 else Phrase(tuple(run))
            words.append(Word("".join(run), node))
            run.clear()

    for token in query_words(chunk):
        if len(token) == 1 and _HAN.match(token):
            run.append(token)
            continue
        end_run()
        words.append(Word(token, word_node(token)))
    end_run()
    return tuple(words)


def word_node(word: str) -> Node:
    """A word, or all of its sub-words when they cover every character of it (最低生活保障
    also matches 最低 生活 保障, but 办公厅 does not match 办公 alone)."""
    subs = tuple(dict.fromkeys(sub_words(word)))
    if len(subs) < 2 or not _covers(word, subs):
        return Term(word)
    return AnyOf((Term(word), AllOf(tuple(Term(s) for s in subs))))


def _covers(word: str, subs: tuple[str, ...]) -> bool:
    covered = [False] * len(word)
    for sub in subs:
        start = word.find(sub)
        while start != -1:
            covered[start : start + len(sub)] = [True] * len(sub)
            start = word.find(sub, start + 1)
    return all(covered)


def highlight_terms(node: Node) -> list[str]:
    """The strings to mark in a result: every word and sub-word the query can match."""
    if isinstance(node, Term):
        return [node.text]
    if isinstance(node, Phrase):
        return ["".join(node.tokens)]
    return [text for part in node.parts for text in highlight_terms(part)]


# --- Compiling ----------------------------------------------------------------------------
# Words are matched in the title and the body ("any"), or in the title alone ("title"); the
# filters always in their own column (FTS5) or vector (PostgreSQL).

ANY, TITLE = "any", "title"


def terms_of(node: Node) -> list[str]:
    """Every token the node looks up in the index."""
    if isinstance(node, Term):
        return [node.text]
    if isinstance(node, Phrase):
        return list(node.tokens)
    return [text for part in node.parts for text in terms_of(part)]


def _fts5_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def to_fts5(node: Node | None, filters: tuple[str, ...] = (), where: str = ANY) -> str:
    """An FTS5 MATCH expression: the words in ``{title body}`` (or ``{title}``), the filters in
    ``facets``."""
    columns = "{title body}" if where == ANY else "{title}"
    parts = [f"facets : {_fts5_string(f)}" for f in filters]
    if node is not None:
        parts.insert(0, _fts5_node(node, columns))
    return " AND ".join(parts)


def fts5_any_filter(filters: tuple[str, ...]) -> str:
    """An FTS5 expression true for an entry carrying any of the filter tokens."""
    return "(" + " OR ".join(f"facets : {_fts5_string(f)}" for f in filters) + ")"


def _fts5_node(node: Node, columns: str) -> str:
    if isinstance(node, Term):
        return f"{columns} : {_fts5_string(node.text)}"
    if isinstance(node, Phrase):
        return f"{columns} : {_fts5_string(' '.join(node.tokens))}"
    joiner = " OR " if isinstance(node, AnyOf) else " AND "
    return "(" + joiner.join(_fts5_node(part, columns) for part in node.parts) + ")"


def _tsquery_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def to_tsquery(node: Node) -> str:
    """Input for ``to_tsquery('simple', …)``: the words, every operand quoted and without
    weight (a weight-restricted operand makes PostgreSQL re-read each candidate row's vector;
    the backend keeps the title in a vector of its own instead)."""
    return _tsquery_node(node)


def _tsquery_node(node: Node) -> str:
    if isinstance(node, Term):
        return _tsquery_string(node.text)
    if isinstance(node, Phrase):
        return "(" + " <-> ".join(_tsquery_string(t) for t in node.tokens) + ")"
    joiner = " | " if isinstance(node, AnyOf) else " & "
    return "(" + joiner.join(_tsquery_node(part) for part in node.parts) + ")"
