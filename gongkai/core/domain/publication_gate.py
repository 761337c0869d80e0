"""The publication gate (发布前个人信息检查): one check of every text the public may read.

Whatever reaches the portal, a feed, search, the API or a ``<meta>`` tag (titles, summaries,
bodies, attachment names and text, interpretations, catalog content, annual-report sections,
answered messages …) is given here as named texts before it is published, scheduled or
published again. The result lists, field by field, the personal data found (`personal_data`),
with spans into the field's text, so that a screen can show where it is and redaction can mask
it. Numbers a reviewer has recorded as fit to publish (an exception, with a reason, e.g. a
published complaints line) still appear, but do not block.

Each module decides which of its fields are public and names them in Chinese; the database side
(exceptions, permissions, audit) is ``gongkai.documents.gate``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .personal_data import Finding, scan

# How many values one field's sentence shows before "等 N 处".
SHOWN_PER_FIELD = 5

NumberKey = tuple[str, str]


def number_key(finding: Finding) -> NumberKey:
    """What identifies a number however it is written: its kind and its digits."""
    return finding.kind, finding.number


@dataclass(frozen=True)
class PublicText:
    """A text the public may read, with the name a person knows the field by (``标题``,
    ``附件“名单.xlsx”的文件名``)."""

    label: str
    text: str


@dataclass(frozen=True)
class FieldFindings:
    label: str
    text: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class GateResult:
    fields: tuple[FieldFindings, ...]  # every field with personal data, in the order given
    excepted_keys: frozenset[NumberKey] = frozenset()

    def _select(self, excepted: bool) -> tuple[FieldFindings, ...]:
        selected = []
        for field in self.fields:
            found = tuple(
                f for f in field.findings if (number_key(f) in self.excepted_keys) == excepted
            )
            if found:
                selected.append(FieldFindings(field.label, field.text, found))
        return tuple(selected)

    @property
    def blocking(self) -> tuple[FieldFindings, ...]:
        """What must be masked, removed or excepted before publication."""
        return self._select(excepted=False)

    @property
    def excepted(self) -> tuple[FieldFindings, ...]:
        """Numbers a reviewer has recorded as fit to publish: shown, not blocking."""
        return self._select(excepted=True)

    @property
    def clean(self) -> bool:
        return not self.blocking


def check_public_texts(
    texts: Iterable[PublicText], *, excepted: frozenset[NumberKey] = frozenset()
) -> GateResult:
    """Scan each text; ``excepted`` holds the `number_key` of numbers that may be published."""
    fields = []
    for piece in texts:
        if findings := tuple(scan(piece.text)):
            fields.append(FieldFindings(piece.label, piece.text, findings))
    return GateResult(tuple(fields), excepted)


def findings_message(fields: Iterable[FieldFindings]) -> str:
    """One Chinese clause per field, values masked: ``标题中有疑似个人信息：138****8000``;
    "" when there is nothing."""
    clauses = []
    for field in fields:
        shown = "、".join(f.masked for f in field.findings[:SHOWN_PER_FIELD])
        more = f"等 {len(field.findings)} 处" if len(field.findings) > SHOWN_PER_FIELD else ""
        clauses.append(f"{field.label}中有疑似个人信息：{shown}{more}")
    return "；".join(clauses)
