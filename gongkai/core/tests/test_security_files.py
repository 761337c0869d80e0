"""One access rule for every stored file (issue 14, item 3): the app that uses a file says who
may download it (``core.file_access``), by either door (Wagtail's document URL or the media
URL); a file no app uses is its uploader's only; nothing else under MEDIA_ROOT has a URL; and
evidence uploads are checked by content like every other upload."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as WordDocument
from wagtail.documents.models import Document
from wagtail.images.models import Filter, Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, ReferenceIndex

from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.roles import Role
from gongkai.core.file_access import may_download
from gongkai.documents.services import document_create, document_publish, interpretation_create
from gongkai.importer.domain.model import Task as ParsedTask
from gongkai.portal.models import HomePage
from gongkai.requests.models import RequestAttachment
from gongkai.requests.services import Application, request_register
from gongkai.tasks_ledger.models import ProgressReport
from gongkai.tasks_ledger.services import (
    progress_report_create,
    work_plan_create,
    work_plan_set_public,
)

PDF = b"%PDF-1.4\nevidence\n"


def _plan(unit):
    document = document_create(
        actor=None,
        unit=unit,
        title=f"{unit.name}关于印发2025年政务公开工作要点的通知",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
    )
    task = ParsedTask(
        number="1", path=["一"], title="公开预算", text="公开预算。", lead_units=[unit.name]
    )
    return work_plan_create(actor=None, document=document, tasks=[task], year=2025)


def _evidence(plan, unit, name="evidence.pdf", data=PDF) -> ProgressReport:
    return progress_report_create(
        actor=None,
        task=plan.tasks.get(),
        unit=unit,
        reported_on=date(2025, 3, 4),
        text="已公开。",
        evidence_upload=SimpleUploadedFile(name, data),
    )


def _doors(stored) -> list[str]:
    doors = [settings.MEDIA_URL + stored.file.name]
    if isinstance(stored, Document):
        doors.append(stored.url)
    return doors


def _rendition_url(image) -> str:
    # Made in the database: Wagtail's rendition cache is keyed by the image's id and content,
    # which a test's rolled-back ids and the one test image would share with earlier tests.
    return image.create_rendition(Filter("width-100")).url


def _opens(client, stored) -> list[int]:
    return [client.get(url).status_code for url in _doors(stored)]


@pytest.fixture
def town_a(unit_tree):
    return unit_tree["town_a"]


def test_evidence_follows_its_plan_on_the_portal(town_a, client):
    plan = _plan(town_a)
    evidence = _evidence(plan, town_a).evidence_file
    assert _opens(client, evidence) == [404, 404]
    document_publish(actor=None, document=plan.document)
    assert _opens(client, evidence) == [404, 404], "a plan is public only by choice"
    work_plan_set_public(actor=None, plan=plan, is_public=True)
    assert _opens(client, evidence) == [200, 200]
    work_plan_set_public(actor=None, plan=plan, is_public=False)
    assert _opens(client, evidence) == [404, 404]


def test_evidence_is_for_the_staff_who_see_its_task(unit_tree, town_a, make_user, client):
    evidence = _evidence(_plan(town_a), town_a).evidence_file
    seen = {
        "town_a": make_user("a", (Role.EDITOR, town_a)),
        "county supervisor": make_user("c", (Role.SUPERVISING_STAFF, unit_tree["county"])),
        "town_b": make_user("b", (Role.EDITOR, unit_tree["town_b"])),
    }
    answers = {}
    for who, user in seen.items():
        client.force_login(user)
        answers[who] = _opens(client, evidence)
    assert answers == {
        "town_a": [200, 200],
        "county supervisor": [200, 200],
        "town_b": [404, 404],
    }


def test_a_file_no_app_uses_is_refused_to_the_public(unit_tree, make_user, client):
    uploader = make_user("up", (Role.EDITOR, unit_tree["town_a"]))
    colleague = make_user("co", (Role.EDITOR, unit_tree["town_a"]))
    loose = Document.objects.create(
        title="未使用", file=ContentFile(PDF, name="loose.pdf"), uploaded_by_user=uploader
    )
    assert _opens(client, loose) == [404, 404]
    client.force_login(colleague)
    assert _opens(client, loose) == [404, 404]
    client.force_login(uploader)
    assert _opens(client, loose) == [200, 200]
    client.force_login(make_user("root", superuser=True))
    assert _opens(client, loose) == [200, 200]


def test_a_file_linked_from_a_documents_text_follows_the_document(town_a, client):
    linked = Document.objects.create(title="名单", file=ContentFile(PDF, name="linked.pdf"))
    document = document_create(
        actor=None,
        unit=town_a,
        title="关于公布名单的通知",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
        body=f'<p>见<a linktype="document" id="{linked.pk}">名单</a>。</p>',
    )
    assert _opens(client, linked) == [404, 404]
    document_publish(actor=None, document=document)
    assert _opens(client, linked) == [200, 200]


def test_an_interpretations_graphic_and_its_renditions_follow_it(town_a, make_user, client):
    image = Image.objects.create(title="图解", file=get_test_image_file())
    document = document_create(
        actor=None,
        unit=town_a,
        title="关于政策的通知",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
        is_policy_document=True,
    )
    interpretation_create(
        actor=None,
        document=document,
        title="图解政策",
        form="graphic",
        image=image,
        image_alt="说明",
    )
    urls = [settings.MEDIA_URL + image.file.name, _rendition_url(image)]
    assert [client.get(url).status_code for url in urls] == [404, 404]
    client.force_login(make_user("a", (Role.EDITOR, town_a)))
    assert [client.get(url).status_code for url in urls] == [200, 200]
    client.logout()
    document_publish(actor=None, document=document)
    assert [client.get(url).status_code for url in urls] == [200, 200]


def test_nothing_else_under_media_has_a_url(town_a, make_user, client):
    root = make_user("root", superuser=True)
    request = request_register(
        actor=root,
        unit=town_a,
        application=Application(
            applicant_type="natural_person",
            applicant_name="张三",
            description="所需信息",
            phone="13912345678",
            attachments=[("identity", SimpleUploadedFile("id.pdf", PDF))],
        ),
        channel="in_person",
        submitted_on=date(2025, 3, 3),
    ).request
    private = RequestAttachment.objects.get(request=request).file.name
    client.force_login(root)
    for path in (private, "documents/../requests/x.pdf", "no/such/file.pdf"):
        assert client.get(settings.MEDIA_URL + path).status_code == 404


def test_the_rule_is_asked_for_the_anonymous_public(town_a):
    evidence = _evidence(_plan(town_a), town_a).evidence_file
    assert may_download(AnonymousUser(), evidence) is False


# --- Evidence uploads are checked by content -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [("佐证.pdf", b"MZ\x90\x00 a program"), ("佐证.exe", b"MZ\x90\x00"), ("空.pdf", b"")],
)
def test_evidence_that_is_not_what_it_says_is_refused_and_nothing_written(town_a, name, data):
    plan = _plan(town_a)
    with pytest.raises(DomainError, match=r"空文件|按文件内容检查"):
        _evidence(plan, town_a, name, data)
    assert not ProgressReport.objects.exists()
    assert not Document.objects.exists()


def _word() -> bytes:
    out = io.BytesIO()
    WordDocument().save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data"), [("总结.docx", _word()), ("照片.jpg", b"\xff\xd8\xff\xe0 photo")]
)
def test_evidence_may_be_an_office_document_or_a_photo(town_a, name, data):
    report = _evidence(_plan(town_a), town_a, name, data)
    assert report.evidence_file.file.read() == data


def test_the_task_page_shows_the_refusal_beside_the_field(town_a, make_user, client):
    plan = _plan(town_a)
    client.force_login(make_user("a", (Role.EDITOR, town_a)))
    response = client.post(
        reverse("task_ledger:task", args=[plan.tasks.get().pk]),
        {
            "form": "progress",
            "progress-unit": town_a.pk,
            "progress-reported_on": "2025-03-04",
            "progress-text": "已公开。",
            "progress-evidence_upload": SimpleUploadedFile("佐证.pdf", b"MZ\x90\x00"),
        },
    )
    assert response.status_code == 200
    assert "不是有效的PDF、JPG、PNG、Word、Excel或OpenDocument文件" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_an_image_in_a_portal_pages_text_is_public_while_the_page_is(db, client):
    image = Image.objects.create(title="首页图片", file=get_test_image_file())
    page = Page.get_first_root_node().add_child(
        instance=HomePage(
            title="首页",
            slug="isolation-home",
            intro=f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="图片"/>',
        )
    )
    # What the background worker does once the page's transaction commits.
    ReferenceIndex.create_or_update_for_object(page)
    url = _rendition_url(image)
    assert client.get(url).status_code == 200
    page.unpublish()
    assert client.get(url).status_code == 404
