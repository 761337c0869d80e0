"""Periodic jobs of the register (idempotent: a document already marked is not touched again)."""

from datetime import timedelta

from django.utils import timezone

from gongkai.core.periodic import periodic_job

from .selectors import documents_lapsed
from .services import document_set_validity


@periodic_job(minutes=60, name="documents.mark_lapsed")
def mark_lapsed_documents() -> int:
    """A normative document whose 有效期 has ended is 已失效 from the next day on."""
    today = timezone.localdate()
    count = 0
    for document in documents_lapsed(today):
        document_set_validity(
            actor=None,
            document=document,
            validity="expired",
            changed_on=document.valid_until + timedelta(days=1),
        )
        count += 1
    return count
