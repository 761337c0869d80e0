"""An attachment's download URL works only while its document is public (or for staff of the
document's unit)."""

from datetime import date

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from gongkai.core.domain.roles import Role
from gongkai.documents.models import DocumentAttachment
from gongkai.documents.services import document_create, document_publish, document_unpublish


def attached(unit, disclosure):
    doc = document_create(
        actor=None, unit=unit, title="附件测试", written_on=date(2025, 3, 3), disclosure=disclosure
    )
    file = Document.objects.create(title="名单", file=ContentFile(b"name list", name="list.txt"))
    DocumentAttachment.objects.create(document=doc, file=file)
    doc.save_revision(log_action=False)  # as the admin form does: attachments live in revisions
    return doc, file.url


def test_attachment_of_a_public_document_downloads(unit_tree, client):
    doc, url = attached(unit_tree["county"], "proactive")
    document_publish(actor=None, document=doc)
    assert client.get(url).status_code == 200


def test_attachment_of_a_withheld_or_unpublished_document_is_refused(unit_tree, client, make_user):
    _, withheld_url = attached(unit_tree["town_a"], "on_request")
    assert client.get(withheld_url).status_code == 404
    pulled, pulled_url = attached(unit_tree["town_a"], "proactive")
    document_publish(actor=None, document=pulled)
    document_unpublish(actor=None, document=pulled, reason="撤回")
    assert client.get(pulled_url).status_code == 404
    client.force_login(make_user("b", (Role.EDITOR, unit_tree["town_b"])))
    assert client.get(withheld_url).status_code == 404
    client.force_login(make_user("a", (Role.EDITOR, unit_tree["town_a"])))
    assert client.get(withheld_url).status_code == 200
