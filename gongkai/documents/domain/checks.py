"""Pre-publication checks (发布前检查): what blocks a document from the portal.

Each blocker has a kind; an authorised reviewer may override a blocker of an overridable kind
by recording a reason (the override is kept and audited). A wrong attribute can never be
overridden: only 主动公开 documents are ever published. Personal data comes from the publication
gate, field by field, already without the numbers a reviewer has recorded as fit to publish.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.core.domain.personal_data import Finding
from gongkai.core.domain.publication_gate import FieldFindings, findings_message

from .attributes import Disclosure


@dataclass(frozen=True)
class Blocker:
    kind: str  # "attribute" | "interpretation" | "personal_data"
    message: str
    overridable: bool
    findings: tuple[Finding, ...] = field(default=())


def publication_blockers(
    *,
    disclosure: str,
    is_policy_document: bool,
    has_interpretation: bool,
    personal_data: Sequence[FieldFindings],
    overridden: frozenset[str] = frozenset(),
) -> list[Blocker]:
    blockers: list[Blocker] = []
    if disclosure != Disclosure.PROACTIVE:
        blockers.append(
            Blocker("attribute", "只有公开属性为“主动公开”的公文才能发布。", overridable=False)
        )
    if is_policy_document and not has_interpretation and "interpretation" not in overridden:
        blockers.append(
            Blocker(
                "interpretation",
                "本文件属于政策性文件，须同步发布政策解读（三同步），请先关联解读稿。",
                overridable=True,
            )
        )
    for piece in personal_data:
        blockers.append(
            Blocker(
                "personal_data",
                f"{findings_message([piece])}。请脱敏后再发布。",
                overridable=True,
                findings=piece.findings,
            )
        )
    return blockers
