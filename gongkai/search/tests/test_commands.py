"""``gongkai search "…" --json`` and ``gongkai search rebuild``."""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.db import connection

from gongkai.search import index
from gongkai.search.backends import IndexRow, backend
from gongkai.search.index import remove_object
from gongkai.search.models import RebuildState, SearchEntry


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("search", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_command_name_is_ours_alone():
    # Wagtail's search app has update_index and friends; `search` is free and is this app's.
    assert get_commands()["search"] == "gongkai.search"


def test_json_output(publish, unit_tree):
    document = publish(unit_tree["town_a"], title="甲镇低保公示", body="<p>低保对象名单。</p>")
    publish(unit_tree["town_b"], title="乙乡低保公示")
    data = json.loads(run("低保", "--unit", "T-A", "--json"))
    assert data["total"] == 1
    assert data["results"] == [
        {
            "kind": "document",
            "id": document.pk,
            "title": "甲镇低保公示",
            "url": data["results"][0]["url"],
            "snippet": "<mark>低保</mark>对象名单。",
            "exact": False,
        }
    ]


def test_json_flags_the_exact_match_first(publish):
    document = publish(title="实施方案", doc_number="甘政办发〔2020〕83号")
    data = json.loads(run("甘政办发[2020]83号", "--json"))
    assert data["results"][0]["id"] == document.pk and data["results"][0]["exact"]


def test_bad_input_is_a_message_not_an_error(db):
    data = json.loads(run("，。", "--json"))
    assert data["total"] == 0 and "没有可以查找的文字" in data["message"]
    assert "请输入汉字、字母或数字" in run("***")


def test_unknown_unit_is_refused(db):
    with pytest.raises(CommandError, match="没有代码为“NOPE”的单位"):
        run("低保", "--unit", "NOPE")


def test_plain_output(publish):
    publish(title="关于低保的通知", body="<p>低保对象。</p>")
    out = run("低保")
    assert "找到 1 条结果" in out and "［公文］关于低保的通知" in out and "<mark>" not in out


def test_rebuild_restores_a_lost_index_and_drops_stale_entries(publish):
    kept = [publish(title=f"低保公示{i}", published_on=date(2025, 3, i)) for i in (1, 2, 3)]
    for document in kept:
        remove_object(document)
    # An entry whose record went while nothing was listening (a restored backup, raw SQL).
    with connection.cursor() as cursor:
        row = IndexRow("document", 10**9, None, ["低保"], [], ["kinddocument"])
        backend().insert(cursor, [row])
    assert SearchEntry.objects.count() == 1
    assert "检索索引已重建" in run("rebuild")
    assert sorted(SearchEntry.objects.values_list("object_id", flat=True)) == [d.pk for d in kept]
    assert json.loads(run("低保", "--json"))["total"] == 3


def test_rebuild_resumes_where_it_stopped(publish, monkeypatch):
    documents = [publish(title=f"低保公示{i}") for i in range(5)]
    for document in documents:
        remove_object(document)
    monkeypatch.setattr(index, "REBUILD_BATCH", 2)
    seen = []

    def interrupt(progress):
        seen.append(progress.done)
        if progress.done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        index.rebuild(progress=interrupt)
    state = RebuildState.objects.get()
    assert (state.kind, state.last_id, state.finished) == ("document", documents[1].pk, False)
    assert SearchEntry.objects.count() == 2

    index.rebuild(progress=lambda progress: seen.append(progress.done))
    assert seen == [2, 4, 5]  # the first two were not done again
    assert SearchEntry.objects.count() == 5 and RebuildState.objects.get().finished

    seen.clear()
    index.rebuild(restart=True, progress=lambda progress: seen.append(progress.done))
    assert seen == [2, 4, 5]


def test_rebuild_drops_entries_of_kinds_no_longer_registered(publish):
    publish(title="低保公示")
    with connection.cursor() as cursor:
        backend().insert(cursor, [IndexRow("gazette", 7, None, ["低保"], [], ["kindgazette"])])
    run("rebuild")
    assert list(SearchEntry.objects.values_list("kind", flat=True)) == ["document"]
