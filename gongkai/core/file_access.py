"""One access rule for every stored file the platform serves: Wagtail documents (attachments,
evidence) and images with their renditions.

The app that uses a file says who may download it. Each registers a rule, from its own
``wagtail_hooks``, under the Wagtail hook ``FILE_ACCESS_HOOK``: ``rule(user, file)`` answers
None when the app does not use ``file``, else whether ``user`` (anonymous for the public) may
download it for that use. A file used twice (an attachment of a published document, and the
evidence of an unpublished plan) may be downloaded when any use allows it. A file no app uses
(uploaded, never attached) is refused to the public: only its uploader gets it. Superusers get
every file.

Two doors lead to a stored file, and both ask ``may_download``:

- Wagtail's document view (``/documents/<id>/<name>``), through ``before_serve_document``;
- ``serve_media`` (``MEDIA_URL``): images, renditions and document files by their storage path.
  Nothing else under ``MEDIA_ROOT`` has a URL: requests' files and letters are downloaded only
  through their admin views, after the request's own visibility check.

A refusal is a 404, as for a file that does not exist.
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db.models import Model
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

FILE_ACCESS_HOOK = "gongkai_file_access"


def may_download(user, stored: Model) -> bool:
    """Whether ``user`` may download ``stored`` (a Wagtail document or image)."""
    if user and user.is_active and user.is_superuser:
        return True
    verdicts = [
        verdict
        for rule in hooks.get_hooks(FILE_ACCESS_HOOK)
        if (verdict := rule(user, stored)) is not None
    ]
    if verdicts:
        return any(verdicts)
    if not (user and user.is_authenticated and user.is_active):
        return False
    return getattr(stored, "uploaded_by_user_id", None) == user.pk


def referring_ids(stored: Model, model: type[Model]) -> list[int]:
    """The ids of ``model``'s records that refer to ``stored``, by Wagtail's reference index:
    links and images in rich text, foreign keys, child objects (a document's attachments).
    For a page model, its pages (the index keys them by their base model, ``Page``)."""
    object_ids = (
        ReferenceIndex.get_references_to(stored)
        .filter(base_content_type=ContentType.objects.get_for_model(model))
        .values_list("object_id", flat=True)
    )
    return [int(pk) for pk in object_ids if pk.isdigit()]


@hooks.register("before_serve_document")
def refuse_documents_the_user_may_not_download(document, request):
    if not may_download(request.user, document):
        raise Http404


def _stored_file_at(path: str) -> tuple[Model, bool] | None:
    """The document or image whose file (or one of whose renditions) is at ``path``, and
    whether it is an image (shown in the page) rather than a download."""
    document = get_document_model().objects.filter(file=path).first()
    if document is not None:
        return document, False
    Image = get_image_model()
    image = Image.objects.filter(file=path).first()
    if image is not None:
        return image, True
    rendition = (
        Image.get_rendition_model().objects.filter(file=path).select_related("image").first()
    )
    if rendition is not None:
        return rendition.image, True
    return None


@require_safe
def serve_media(request, path: str):
    """A file under ``MEDIA_ROOT`` by its path, if it is a stored file ``request.user`` may
    download."""
    path = PurePosixPath(path).as_posix()
    found = _stored_file_at(path)
    if found is None:
        raise Http404
    stored, inline = found
    if not may_download(request.user, stored):
        raise Http404
    try:
        handle = default_storage.open(path, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=PurePosixPath(path).name,
        content_type=mimetypes.guess_type(path)[0] or "application/octet-stream",
    )
    if request.user.is_authenticated:
        # What staff may see is not for shared caches.
        response["Cache-Control"] = "private"
    return response
