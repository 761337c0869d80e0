"""Who may download the files the register uses (``core.file_access``): a document's
attachments, an interpretation's graphic, and any file or image a document's or an
interpretation's text links to. The public gets them while the document (or interpretation)
is public; staff, while the document (or interpretation) is within their units."""

from __future__ import annotations

from django.db.models import Model, Q
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from gongkai.core.file_access import FILE_ACCESS_HOOK, referring_ids
from gongkai.core.permissions import scope

from .models import Interpretation, OfficialDocument
from .selectors import public_documents, public_interpretations


def _users_of(stored: Model):
    documents = Q(pk__in=referring_ids(stored, OfficialDocument))
    interpretations = Q(pk__in=referring_ids(stored, Interpretation))
    if isinstance(stored, get_document_model()):
        documents |= Q(attachments__file=stored)
    elif isinstance(stored, get_image_model()):
        interpretations |= Q(image=stored)
    else:
        return None
    return (
        OfficialDocument.objects.filter(documents).distinct(),
        Interpretation.objects.filter(interpretations).distinct(),
    )


@hooks.register(FILE_ACCESS_HOOK)
def register_files(user, stored: Model) -> bool | None:
    users = _users_of(stored)
    if users is None:
        return None
    documents, interpretations = users
    if not (documents.exists() or interpretations.exists()):
        return None
    return (
        public_documents().filter(pk__in=documents.values("pk")).exists()
        or public_interpretations().filter(pk__in=interpretations.values("pk")).exists()
        or scope(documents, user, "document.view").exists()
        or scope(interpretations, user, "document.view").exists()
    )
