"""Model validation for services: Django's field errors as one Chinese DomainError sentence."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models

from .domain.errors import DomainError


def full_clean_or_refuse(instance: models.Model, *, exclude: Iterable[str] = ()) -> None:
    """``full_clean``, with each failing field named by its label (单位代码：…)."""
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        parts = [
            f"{instance._meta.get_field(name).verbose_name}：{'；'.join(messages)}"
            for name, messages in error.message_dict.items()
            if name != "__all__"
        ]
        parts += error.message_dict.get("__all__", [])
        raise DomainError("；".join(parts)) from error
