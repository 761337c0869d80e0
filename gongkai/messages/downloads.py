"""An answer's file as a download: for the citizen on the tracking page and for staff, each view
having checked who asks first. Never a media URL (its stored name is random, its download name
the one it was uploaded with)."""

from __future__ import annotations

from django.http import FileResponse, Http404

from .models import MessageReply


def reply_file_response(reply: MessageReply) -> FileResponse:
    try:
        handle = reply.attachment.open("rb")
    except FileNotFoundError:
        raise Http404("文件不存在或已被移除。") from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=reply.attachment_name or reply.attachment.name.rsplit("/", 1)[-1],
        content_type=reply.attachment_type or "application/octet-stream",
    )
