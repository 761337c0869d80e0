"""Wording errors (表述错误): a dictionary of wrong → right, some of them serious.

A serious wording error (严重表述错误) fires 单项否决 1 of 国办秘函〔2019〕19号 on its own; the
others are findings to correct. The dictionary file has one rule a line::

    错误词<TAB>正确词[<TAB>严重]

Blank lines and lines starting with ``#`` are skipped. A later rule for the same wrong word
replaces the earlier one, so a file given with ``--wording`` can correct the default dictionary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

SERIOUS_MARK = "严重"


class WordingFileError(ValueError):
    """A line of a dictionary file that cannot be read; the message is for the clerk."""


@dataclass(frozen=True)
class WordingRule:
    wrong: str
    right: str
    serious: bool = False


@dataclass(frozen=True)
class WordingHit:
    rule: WordingRule
    count: int
    context: str


def parse_rules(text: str) -> list[WordingRule]:
    """The rules of a dictionary file; `WordingFileError` names the first bad line."""
    rules = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip("\r\n\ufeff")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [part.strip() for part in line.split("\t")]
        if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
            raise WordingFileError(
                f"第 {number} 行格式不对：应为“错误词<Tab>正确词”，可再加“<Tab>{SERIOUS_MARK}”"
            )
        if len(parts) == 3 and parts[2] not in ("", SERIOUS_MARK):
            raise WordingFileError(f"第 {number} 行第三列只能是“{SERIOUS_MARK}”或留空")
        if parts[0] == parts[1]:
            raise WordingFileError(f"第 {number} 行的错误词与正确词相同")
        rules.append(WordingRule(parts[0], parts[1], len(parts) == 3 and parts[2] == SERIOUS_MARK))
    return rules


def merge_rules(*groups: Iterable[WordingRule]) -> tuple[WordingRule, ...]:
    """One dictionary from several; the last rule for a wrong word wins."""
    merged: dict[str, WordingRule] = {}
    for group in groups:
        for rule in group:
            merged[rule.wrong] = rule
    return tuple(merged.values())


class WordingChecker:
    """All rules compiled into one regular expression, so a page is read once however long
    the dictionary is. Longer wrong words are tried first, so a rule for a phrase wins over a
    rule for a word inside it."""

    def __init__(self, rules: Iterable[WordingRule]) -> None:
        self._rules = {rule.wrong: rule for rule in rules}
        words = sorted(self._rules, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, words))) if words else None

    def check(self, text: str) -> list[WordingHit]:
        if self._pattern is None:
            return []
        counts: dict[str, int] = {}
        contexts: dict[str, str] = {}
        for match in self._pattern.finditer(text):
            word = match.group()
            counts[word] = counts.get(word, 0) + 1
            if word not in contexts:
                start, end = max(0, match.start() - 10), match.end() + 10
                contexts[word] = " ".join(text[start:end].split())
        return [WordingHit(self._rules[word], counts[word], contexts[word]) for word in counts]


def default_rules() -> list[WordingRule]:
    """The dictionary that ships with the platform (``supervision/data/wording.txt``)."""
    text = resources.files("gongkai.supervision").joinpath("data/wording.txt").read_text("utf-8")
    return parse_rules(text)
