"""The interface languages' translations answer from one folded catalogue exactly as the chain
of fallback catalogues gettext built for them did (`core/translation.py`)."""

import gettext

import pytest
from django.conf import settings
from django.utils.translation import trans_real

from gongkai.core.translation import _folded


def _chain(translation: gettext.NullTranslations) -> list[gettext.NullTranslations]:
    catalogues, node = [], translation._fallback
    while node is not None:
        catalogues.append(node)
        node = node._fallback
    return catalogues


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_a_folded_translation_answers_every_message_as_the_chain_did(code):
    folded = trans_real.translation(code)  # folded at start-up
    unfolded = trans_real.DjangoTranslation(code)  # built afresh: gettext's chain
    assert len(_chain(folded)) <= 1
    messages = {key for catalogue in _chain(unfolded) for key in catalogue._catalog}
    messages |= set(unfolded._catalog.keys())
    singular = {m for m in messages if isinstance(m, str)}
    plural = {m[0] for m in messages if isinstance(m, tuple)}
    assert singular, "the chain had catalogues to compare"
    for message in singular | {"跳到正文", "a message no catalogue holds"}:
        assert folded.gettext(message) == unfolded.gettext(message), message
    for message in plural:
        for n in (0, 1, 2, 5):
            assert folded.ngettext(message, message, n) == unfolded.ngettext(message, message, n)


def _catalogue(entries: dict, plural_rule: str = "0") -> gettext.GNUTranslations:
    catalogue = gettext.GNUTranslations()
    catalogue._catalog = dict(entries)
    catalogue.plural = gettext.c2py(plural_rule)
    return catalogue


def test_the_first_catalogue_holding_a_message_wins_and_a_different_plural_rule_stays_behind():
    first, second = _catalogue({"a": "甲", "b": "乙"}), _catalogue({"b": "丙", "c": "丁"})
    other_rule = _catalogue({"d": "戊"}, "n != 1")
    first.add_fallback(second)
    first.add_fallback(other_rule)
    folded = _folded(first)
    assert [folded.gettext(m) for m in "abcdx"] == ["甲", "乙", "丁", "戊", "x"]
    assert folded._fallback is other_rule
    assert _folded(second) is second  # a single catalogue is left as it is
