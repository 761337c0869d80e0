"""Only what is published and public is ever indexed or found."""

from datetime import date

import pytest

from gongkai.core.domain.errors import DomainError
from gongkai.documents.models import Interpretation
from gongkai.documents.services import (
    document_create,
    document_publish,
    document_unpublish,
    document_update,
)
from gongkai.search.index import remove_object, sync_object
from gongkai.search.models import SearchEntry
from gongkai.search.selectors import SearchRequest, search


def found(q: str) -> list:
    return [hit.obj for hit in search(SearchRequest(q=q)).hits]


def test_a_draft_is_never_found_even_when_asked_to_be_indexed(unit_tree):
    draft = document_create(
        actor=None,
        unit=unit_tree["county"],
        title="关于沙尘暴应急演练的通知",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
    )
    sync_object(draft)
    assert found("沙尘暴") == []
    assert not SearchEntry.objects.exists()


@pytest.mark.parametrize("disclosure", ["on_request", "not_disclosed"])
def test_a_document_changed_away_from_proactive_disappears(publish, disclosure):
    document = publish(title="关于沙尘暴应急演练的通知")
    assert found("沙尘暴") == [document]
    withheld = {
        "disclosure": disclosure,
        "withholding_ground": "process_info",
        "withholding_reason": "内部工作流程信息",
    }
    with pytest.raises(DomainError, match="不能直接修改"):
        document_update(actor=None, document=document, **withheld)
    assert found("沙尘暴") == [document]  # what the public reads changes only by withdrawal
    document = document_unpublish(actor=None, document=document, reason="公开属性有误")
    document = document_update(actor=None, document=document, **withheld)
    with pytest.raises(DomainError, match="主动公开"):
        document_publish(actor=None, document=document)
    assert found("沙尘暴") == []
    assert not SearchEntry.objects.exists()


def test_an_unpublished_document_disappears_by_wagtails_signal_alone(publish):
    document = publish(title="关于沙尘暴应急演练的通知")
    document_unpublish(actor=None, document=document, reason="内容有误")
    assert found("沙尘暴") == []


def test_publishing_indexes_through_wagtails_signal_alone(unit_tree):
    # Scheduled publishing bypasses the services; Wagtail's signal still reaches the index.
    document = document_create(
        actor=None,
        unit=unit_tree["county"],
        title="关于沙尘暴应急演练的通知",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
    )
    document_publish(actor=None, document=document)
    assert found("沙尘暴") == [document]


def test_a_deleted_document_disappears(publish):
    document = publish(title="关于沙尘暴应急演练的通知")
    document.delete()
    assert found("沙尘暴") == []
    assert not SearchEntry.objects.exists()


def test_interpretations_follow_their_document(unit_tree):
    document = document_create(
        actor=None,
        unit=unit_tree["county"],
        title="城乡居民最低生活保障实施办法",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
        is_policy_document=True,
    )
    interpretation = Interpretation.objects.create(
        document=document, unit=document.unit, title="图解低保新政", live=False
    )
    assert found("图解") == []
    document_publish(actor=None, document=document)  # publishes the interpretation with it
    assert found("图解") == [interpretation]
    document_unpublish(actor=None, document=document, reason="重新审核")
    assert found("图解") == []
    assert found("最低生活保障") == []


def test_remove_object_takes_an_entry_out(publish):
    document = publish(title="关于沙尘暴应急演练的通知")
    remove_object(document)
    assert found("沙尘暴") == []


def test_a_stale_entry_is_never_shown(publish):
    # Even if the index missed a change, results are read back through the public selector.
    document = publish(title="关于沙尘暴应急演练的通知")
    type(document).objects.filter(pk=document.pk).update(disclosure="not_disclosed")
    assert SearchEntry.objects.exists()
    assert found("沙尘暴") == []


def test_only_registered_kinds_can_be_synced(unit_tree):
    with pytest.raises(TypeError, match="not a registered search kind"):
        sync_object(unit_tree["county"])


def test_text_attachments_are_indexed_but_snippets_come_from_the_body(unit_tree):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from gongkai.documents.services import document_set_related

    document = document_create(
        actor=None,
        unit=unit_tree["county"],
        title="关于印发应急预案的通知",
        body="<p>现将预案印发给你们。</p>",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
    )
    file = Document.objects.create(
        title="预案", file=ContentFile("沙尘暴天气应急处置预案全文。".encode(), name="yuan.txt")
    )
    document_set_related(actor=None, document=document, co_issuers=[], attachments=[(file, "预案")])
    document_publish(actor=None, document=document)
    hit = search(SearchRequest(q="沙尘暴")).hits[0]
    assert hit.obj == document and hit.snippet_html == "现将预案印发给你们。"


def test_scheduled_publishing_reaches_the_index_at_go_live(unit_tree):
    from datetime import timedelta

    import time_machine
    from django.core.management import call_command
    from django.utils import timezone

    from gongkai.documents.services import document_schedule

    document = document_create(
        actor=None,
        unit=unit_tree["county"],
        title="关于沙尘暴应急演练的通知",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
    )
    go_live = timezone.now() + timedelta(days=2)
    document_schedule(actor=None, document=document, go_live_at=go_live)
    assert found("沙尘暴") == []
    with time_machine.travel(go_live + timedelta(minutes=1)):
        call_command("publish_scheduled", verbosity=0)
    assert found("沙尘暴") == [document]
