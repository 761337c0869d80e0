"""The register's records in a unit whose staff alone may see them, for the isolation walk
(``gongkai/core/tests/test_security_isolation.py``): a draft in review with an attachment, a
graphic interpretation, a recorded exception to the personal-data check, and a link to a
published document of the unit that the draft implements."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from gongkai.documents.services import (
    document_create,
    document_link_implementation,
    document_override_check,
    document_publish,
    document_set_related,
    interpretation_create,
)
from gongkai.documents.workflow import document_submit, ensure_document_workflow


def make_records(*, unit, marker: str, actor) -> None:
    ensure_document_workflow()
    attachment = Document.objects.create(
        title=f"{marker}名单", file=ContentFile(b"%PDF-1.4\n", name="isolation.pdf")
    )
    document = document_create(
        actor=None,
        unit=unit,
        title=f"关于{marker}事项的通知",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
        is_policy_document=True,
        summary=f"{marker}概述",
        body=f"<p>{marker}正文，联系人身份证号11010519491231002X。</p>",
    )
    document_set_related(
        actor=None, document=document, co_issuers=[], attachments=[(attachment, f"{marker}附件")]
    )
    image = Image.objects.create(title=f"{marker}图解", file=get_test_image_file())
    interpretation_create(
        actor=None,
        document=document,
        title=f"{marker}解读",
        form="graphic",
        image=image,
        image_alt=f"{marker}图解说明",
    )
    document_override_check(
        actor=actor, document=document, kind="personal_data", reason=f"{marker}例外理由"
    )
    target = document_create(
        actor=None,
        unit=unit,
        title=f"关于{marker}工作的实施方案",
        written_on=date(2025, 2, 3),
        disclosure="proactive",
    )
    document_publish(actor=None, document=target)
    document_link_implementation(actor=None, document=document, target=target)
    document_submit(actor=None, document=document)
