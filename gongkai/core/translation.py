"""Interface strings looked up in one catalogue instead of a chain of twelve.

Wagtail ships its Chinese twice, as ``zh_Hans`` and as the older ``zh``; gettext makes every
``zh`` catalogue it finds a fallback of the ``zh-hans`` translation, one behind the other. Each
message the ``zh_Hans`` catalogues lack — every interface string already written in Chinese,
most of what a public page translates — then walked eleven catalogues before it came back as
it was: about a sixth of the time a public page took to render. The fallbacks are folded into
one catalogue that answers as the chain did (the first catalogue holding a message wins).
"""

from __future__ import annotations

import copy
import gettext

from django.conf import settings
from django.utils.translation import trans_real


def _folded(first: gettext.NullTranslations | None) -> gettext.NullTranslations | None:
    """A catalogue answering as the chain of fallbacks starting at ``first`` does.

    Only a run of plain catalogues with the same plural rule is folded (their plural forms mean
    the same); whatever follows it stays the folded catalogue's fallback.
    """
    run: list[gettext.GNUTranslations] = []
    node = first
    while type(node) is gettext.GNUTranslations and (
        not run or node.plural.__code__ == run[0].plural.__code__
    ):
        run.append(node)
        node = node._fallback
    if len(run) < 2:
        return first
    merged: dict = {}
    for catalogue in reversed(run):  # earlier catalogues overwrite later ones
        merged.update(catalogue._catalog)
    folded = copy.copy(run[0])
    folded._catalog = merged
    folded._fallback = None
    if node is not None:
        folded.add_fallback(node)
    return folded


def fold_translation_fallbacks() -> None:
    """Fold the fallbacks of each interface language's translation (at start-up)."""
    for code, _name in settings.LANGUAGES:
        translation = trans_real.translation(code)
        translation._fallback = _folded(translation._fallback)
