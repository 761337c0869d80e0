"""The admin upload: files → parsed fields to confirm or correct → registered as drafts."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.domain.roles import Role
from gongkai.documents.models import OfficialDocument
from gongkai.importer import staging
from gongkai.importer.seed_documents import SEED_DIR
from gongkai.tasks_ledger.models import WorkPlan


def seed_upload(number: str) -> SimpleUploadedFile:
    (path,) = SEED_DIR.glob(f"{number}_*.txt")
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def editor(unit_tree, make_user, client):
    user = make_user("ed", (Role.EDITOR, unit_tree["office"]))
    client.force_login(user)
    return user


def upload(client, unit, *files):
    return client.post(reverse("importer:upload"), {"files": list(files), "unit": unit.pk})


def confirmation(response, **changes) -> dict:
    """The confirmation form as the browser would post it, with `changes` to the first file."""
    context = response.context
    data = {"token": context["token"]}
    formset = context["formset"]
    for key, value in formset.management_form.initial.items():
        data[f"form-{key}"] = value
    for form in formset:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if name == "include" and not value:
                continue
            if hasattr(value, "pk"):
                value = value.pk
            data[form.add_prefix(name)] = "on" if value is True else value
    data.update({f"form-0-{name}": value for name, value in changes.items()})
    return data


def test_upload_shows_the_parsed_fields_then_registers_what_was_confirmed(
    editor, unit_tree, client
):
    response = upload(
        client,
        unit_tree["office"],
        seed_upload("003"),
        SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="平政办发〔2023〕51号"' in page and 'value="2023-05-22"' in page
    assert "scan.png：这是图片，不含可读取的文字" in page
    assert "21 项（将列入工作台账）" in page
    assert not OfficialDocument.objects.exists()  # nothing before confirmation

    data = confirmation(response, title="平凉市2023年政务公开工作要点（核对后）")
    result = client.post(reverse("importer:confirm"), data)
    assert result.status_code == 200, result.content.decode()[:2000]
    document = OfficialDocument.objects.get()
    assert document.title == "平凉市2023年政务公开工作要点（核对后）"
    assert (document.doc_number, document.written_on, document.disclosure) == (
        "平政办发〔2023〕51号",
        date(2023, 5, 22),
        "proactive",
    )
    assert document.unit == unit_tree["office"] and document.created_by == editor
    assert WorkPlan.objects.get().tasks.count() == 21
    text = result.content.decode()
    assert "导入 1 份，跳过 0 份，失败 1 份" in text and "查看工作台账" in text
    # The staged files are gone once confirmed.
    assert staging.staged(client.session, data["token"]) is None


def test_an_unchecked_file_is_not_registered(editor, unit_tree, client):
    response = upload(client, unit_tree["office"], seed_upload("003"), seed_upload("004"))
    data = confirmation(response)
    del data["form-1-include"]
    client.post(reverse("importer:confirm"), data)
    assert list(OfficialDocument.objects.values_list("doc_number", flat=True)) == [
        "平政办发〔2023〕51号"
    ]


def test_a_malformed_doc_number_is_refused_on_the_form(editor, unit_tree, client):
    response = upload(client, unit_tree["office"], seed_upload("003"))
    result = client.post(
        reverse("importer:confirm"), confirmation(response, doc_number="平政办发〔23〕51号")
    )
    assert "发文字号格式不正确" in result.content.decode()
    assert not OfficialDocument.objects.exists()


def test_units_are_limited_to_those_the_user_may_edit(editor, unit_tree, client):
    response = upload(client, unit_tree["county"], seed_upload("003"))
    assert "选择一个有效的选项" in response.content.decode()
    response = upload(client, unit_tree["office"], seed_upload("003"))
    result = client.post(
        reverse("importer:confirm"), confirmation(response, unit=unit_tree["finance"].pk)
    )
    assert "选择一个有效的选项" in result.content.decode()
    assert not OfficialDocument.objects.exists()


def test_a_user_who_may_not_register_documents_is_refused(unit_tree, make_user, client):
    client.force_login(make_user("aud", (Role.AUDITOR, unit_tree["county"])))
    response = client.get(reverse("importer:upload"))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_an_upload_of_another_session_cannot_be_confirmed(editor, unit_tree, client, make_user):
    response = upload(client, unit_tree["office"], seed_upload("003"))
    data = confirmation(response)
    client.force_login(make_user("other", (Role.EDITOR, unit_tree["office"])))
    result = client.post(reverse("importer:confirm"), data, follow=True)
    assert "上传的文件已失效" in result.content.decode()
    assert not OfficialDocument.objects.exists()


def test_stale_uploads_are_removed(editor, unit_tree, client):
    import time

    upload(client, unit_tree["office"], seed_upload("003"))
    assert staging.discard_stale() == 0
    assert staging.discard_stale(now=time.time() + staging.MAX_AGE_SECONDS + 1) == 1
