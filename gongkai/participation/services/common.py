"""Small pieces every participation service uses."""

from __future__ import annotations

from collections.abc import Iterable

from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.publication_gate import PublicText
from gongkai.core.models import Unit
from gongkai.core.permissions import require
from gongkai.documents import gate


def require_role(actor, action: str, unit: Unit) -> None:
    """``actor=None`` is the system (a periodic job, the demo) or a citizen on a public form,
    whose own checks are the form's."""
    if actor is not None:
        require(actor, action, unit)


def refuse(problems: Iterable[str]) -> None:
    if problems := list(problems):
        raise DomainError("".join(problems))


def clean_text(value: str, label: str, *, max_chars: int, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(f"请填写{label}。")
    if len(value) > max_chars:
        raise DomainError(f"{label}不能超过{max_chars}字（现有{len(value)}字）。")
    return value


def publish_gate(unit: Unit, texts: Iterable[PublicText], action: str = "发布") -> None:
    """The publication gate over what is about to be published: a `DomainError` naming every
    field with personal data (masked), unless a reviewer recorded the number as fit to publish."""
    gate.refuse_unless_clean(unit=unit, texts=[t for t in texts if t.text], action=action)
