"""Who may download an attachment: Wagtail serves every stored file by its URL, so a file
attached to a document that is not public must be refused to the public (and to staff outside
the document's unit) here, or the URL alone would leak it."""

from __future__ import annotations

from django.http import Http404
from wagtail import hooks

from gongkai.core.permissions import scope

from .models import OfficialDocument
from .selectors import public_documents


@hooks.register("before_serve_document")
def refuse_attachments_of_non_public_documents(file, request):
    owners = OfficialDocument.objects.filter(attachments__file=file)
    if not owners.exists() or public_documents().filter(attachments__file=file).exists():
        return None
    if scope(owners, request.user, "document.view").exists():
        return None
    raise Http404
