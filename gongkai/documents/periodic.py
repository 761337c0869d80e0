"""Periodic jobs of the register (idempotent: a document already marked is not touched again)."""

from datetime import timedelta

from django.utils import timezone

from gongkai.core.periodic import before_scheduled_publishing, periodic_job

from . import gate
from .selectors import documents_lapsed, documents_scheduled_before
from .services import (
    document_set_validity,
    document_withhold_schedule,
    scheduled_publication,
)
from .text import public_texts

# Scheduled publishing runs every minute; what goes live before the next run is checked now.
GO_LIVE_LOOKAHEAD = timedelta(minutes=2)


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


@before_scheduled_publishing
def withhold_scheduled_documents_failing_the_gate() -> int:
    """The publication gate at go-live: a scheduled document (with its interpretations, as in
    the approved revisions) that no longer passes is not published; the reason is kept on it
    for its editor and leader (`services.document_withhold_schedule`)."""
    withheld = 0
    for document in documents_scheduled_before(timezone.now() + GO_LIVE_LOOKAHEAD):
        scheduled, interpretations = scheduled_publication(document)
        result = gate.check(unit=document.unit, texts=public_texts(scheduled, interpretations))
        if not result.clean:
            document_withhold_schedule(
                document=document, reason=gate.refusal(result, action="定时发布")
            )
            withheld += 1
    return withheld
