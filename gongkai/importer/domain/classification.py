"""The 密级 mark of a classified document (GB/T 9704-2012 7.2.2: 密级和保密期限, at the top left
of the head, e.g. 「秘密★1年」, 「机密」, 「绝密★启用前」), which the importer refuses: a platform on
the internet must not hold classified documents."""

from __future__ import annotations

import re

LEVELS = ("绝密", "机密", "秘密")
# The head's own lines: 份号 (a six-digit copy number) may come first and 紧急程度 after. A line
# that only mentions a level in a sentence is body text, not the mark.
_MARK = re.compile(
    r"^(?:\d{6}\s*)?(?P<level>绝密|机密|秘密|絕密|機密|祕密)\s*(?:★\s*[^\s，。；]{0,12})?"
    r"\s*(?:特急|加急|平急)?$"
)
_TRADITIONAL = {"絕密": "绝密", "機密": "机密", "祕密": "秘密"}
# The mark precedes the issuer's name and the doc number: within the first lines.
HEAD_LINES = 8


def classification_mark(text: str) -> str | None:
    """The level (绝密/机密/秘密) the document is marked with, or None."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:HEAD_LINES]
    for line in lines:
        if match := _MARK.match(line.replace("\u3000", " ")):
            level = match["level"]
            return _TRADITIONAL.get(level, level)
    return None
