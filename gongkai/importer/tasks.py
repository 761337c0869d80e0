"""Work a bulk import leaves for the task worker."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task
from wagtail.models import ReferenceIndex

from gongkai.documents.models import OfficialDocument


@task()
def index_references(document_ids: list[int]) -> None:
    """Wagtail's reference index (what each document refers to: its unit, attachments, related
    documents) for a batch of imported documents, as each one's save would have queued it."""
    for document in OfficialDocument.objects.filter(pk__in=document_ids):
        with transaction.atomic():
            ReferenceIndex.create_or_update_for_object(document)
