"""Chinese word segmentation for the search index: rjieba (jieba's dictionary) plus the
project's dictionary of government terms (``government_terms.dict``).

Text is indexed in *search mode*: each word is followed by the two- and three-character words
inside it, so 甘肃省人民政府办公厅 is indexed as 甘肃 甘肃省 人民 民政 政府 人民政府 办公 办公厅
and is found by any of them. Queries are cut in *precise mode* (``query_words``) and each long
word also matches through its sub-words (``sub_words``), see ``domain.query``.

jieba's HMM guesses at unknown words differently depending on the text around them, which
would cut a name one way in a document and another way in a query; with it off an unknown word
is always single characters, on both sides.

Tokens are lower-case runs of letters and digits: what SQLite's unicode61 tokenizer and
PostgreSQL's parser both keep whole, so the two backends see the same tokens.

Pure Python: no Django imports.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import rjieba

DICTIONARY = Path(__file__).resolve().parent.parent / "government_terms.dict"

_TOKEN = re.compile(r"[^\W_]+")


@functools.cache
def _jieba() -> rjieba.Jieba:
    # A private instance: the government terms must not change how other modules that use
    # jieba's default instance cut their text.
    jieba = rjieba.Jieba()
    for word in dictionary_words():
        jieba.add_word(word, None, None)
    return jieba


@functools.cache
def dictionary_words() -> tuple[str, ...]:
    lines = DICTIONARY.read_text(encoding="utf-8").splitlines()
    return tuple(
        line.split()[0] for line in lines if line.strip() and not line.lstrip().startswith("#")
    )


def _tokens(words: list[str], *, expand: bool) -> list[str]:
    """The letter-and-digit tokens of jieba's words; with ``expand``, the dictionary words of
    four or more characters inside longer words too (jieba's search mode adds only the two- and
    three-character ones, so 最低生活保障 would be lost inside 城乡居民最低生活保障).

    One loop, because this is most of the cost of indexing."""
    has_word = _jieba().has_word
    tokens: list[str] = []
    for word in words:
        if word.isalnum():
            if expand and len(word) > 4:
                for size in range(4, len(word)):
                    tokens += [
                        word[i : i + size]
                        for i in range(len(word) - size + 1)
                        if has_word(word[i : i + size])
                    ]
            tokens.append(word)
        elif len(word) > 1:  # punctuation is dropped; "3.5" and "c++" keep 3, 5 and c
            tokens += _TOKEN.findall(word)
    return tokens


def index_tokens(text: str) -> list[str]:
    """The tokens to index for ``text`` (already normalised), in search mode."""
    return _tokens(_jieba().cut_for_search(text.lower(), hmm=False), expand=True)


def query_words(text: str) -> list[str]:
    """The words of a (normalised) query, in precise mode."""
    return _tokens(_jieba().cut(text.lower(), hmm=False), expand=False)


def sub_words(word: str) -> list[str]:
    """The shorter dictionary words inside ``word`` that search mode indexes with it."""
    return [t for t in index_tokens(word) if len(t) < len(word)]
