"""Uploads that are kept are checked by their content (``domain.file_kinds``): at the edge, by
the form, so that the message stands beside the field, and again by the service that stores
them, so that no other way in skips the check."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from .domain.file_kinds import FACTS, FileKind, UploadRefused, check_file


def check_upload(
    upload: UploadedFile, *, kinds: frozenset[FileKind], max_bytes: int
) -> UploadedFile:
    """The upload, its content type set from what it is; `UploadRefused` (a `DomainError`)
    otherwise."""
    kind = check_file(upload.name or "", upload.size or 0, upload, kinds=kinds, max_bytes=max_bytes)
    upload.content_type = FACTS[kind].content_type
    return upload


def validate_upload(
    upload: UploadedFile, *, kinds: frozenset[FileKind], max_bytes: int
) -> UploadedFile:
    """`check_upload` for a form: the refusal as the field's error."""
    try:
        return check_upload(upload, kinds=kinds, max_bytes=max_bytes)
    except UploadRefused as error:
        raise forms.ValidationError(str(error)) from error
