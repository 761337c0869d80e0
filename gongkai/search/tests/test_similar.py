"""``similar``: public records of a kind that share words with a text, any word matching, best
first, only the rarest words looked up; nothing that is not public."""

from __future__ import annotations

import pytest

from gongkai.documents.services import document_unpublish
from gongkai.search.index import refresh_vocabulary
from gongkai.search.selectors import similar

pytestmark = pytest.mark.django_db


def test_records_sharing_the_most_words_come_first(publish):
    best = publish(title="城乡居民最低生活保障标准调整的通知", body="<p>提高低保标准。</p>")
    some = publish(title="关于最低工资标准的通知", body="<p>调整最低工资。</p>")
    publish(title="植树节活动安排", body="<p>义务植树。</p>")
    refresh_vocabulary()
    hits = similar("请问今年城乡居民最低生活保障标准什么时候调整？", kind="document")
    assert [hit.obj.pk for hit in hits] == [best.pk, some.pk]
    assert "<mark>" in hits[0].title_html
    assert similar("请问今年城乡居民最低生活保障标准", kind="interpretation") == []
    assert similar("？？ 。。", kind="document") == [] and similar("", kind="document") == []


def test_a_record_no_longer_public_is_not_suggested(publish):
    document = publish(title="城乡居民最低生活保障标准调整的通知")
    document_unpublish(actor=None, document=document, reason="撤回")
    assert similar("最低生活保障标准", kind="document") == []
