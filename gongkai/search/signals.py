"""Signals that keep the index right whatever path a change takes: Wagtail publishing and
unpublishing (including scheduled publishing, which bypasses the services) and deletion."""

from __future__ import annotations

from django.db.models import Model
from django.db.models.signals import post_delete
from wagtail.signals import published, unpublished

from .index import remove_object, sync_object


def _synced(sender, instance: Model, **kwargs) -> None:
    sync_object(instance)


def _deleted(sender, instance: Model, **kwargs) -> None:
    remove_object(instance)


def connect(model: type[Model]) -> None:
    label = model._meta.label
    published.connect(_synced, sender=model, dispatch_uid=f"search-published-{label}")
    unpublished.connect(_synced, sender=model, dispatch_uid=f"search-unpublished-{label}")
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-deleted-{label}")
