"""``gongkai import``: the five seeds into the register and the ledger, re-runs, dry runs,
historical imports, bad files, and unit names mapped once."""

import os
import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command, get_commands
from wagtail import signal_handlers
from wagtail.models import ReferenceIndex, Revision

from gongkai.core.models import AuditEntry
from gongkai.core.services import unit_create
from gongkai.documents.models import OfficialDocument
from gongkai.importer import services
from gongkai.importer.models import ImportRecord
from gongkai.importer.seed_documents import SEED_DIR, seed_paths
from gongkai.importer.tasks import index_references
from gongkai.tasks_ledger.models import Task, WorkPlan
from gongkai.tasks_ledger.services import unit_alias_create


@pytest.fixture
def pingliang(db):
    """平凉市 with its office and two departments, named as the unit register names them."""
    city = unit_create(actor=None, code="PL", name="平凉市人民政府", kind="government")
    units = {"city": city}
    for code, name, short in (
        ("PL-OFF", "平凉市人民政府办公室", "市政府办"),
        ("PL-MEDIA", "平凉市融媒体中心", "市融媒体中心"),
        ("PL-SAMR", "平凉市市场监督管理局", "市市场监管局"),
    ):
        units[code] = unit_create(
            actor=None, parent=city, code=code, name=name, short_name=short, kind="department"
        )
    return units


def run(*args, **options):
    """The command's output (stdout + stderr) and its exit code."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import", *map(str, args), stdout=out, stderr=err, **options)
    except CommandError as error:
        return out.getvalue() + err.getvalue() + str(error), error.returncode
    return out.getvalue() + err.getvalue(), 0


def seed(number: str):
    (path,) = SEED_DIR.glob(f"{number}_*.txt")
    return path


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (OfficialDocument, ImportRecord, WorkPlan, Task, AuditEntry, Revision)
    }


def test_django_finds_the_import_command():
    assert get_commands()["import"] == "gongkai.importer"


EXPECTED = {
    "000": ("甘政办发〔2020〕83号", date(2020, 8, 19), "proactive", 34),
    "001": ("积县政办发〔2021〕45号", date(2021, 4, 28), "", 14),
    "002": ("", date(2016, 5, 25), "proactive", 38),
    "003": ("平政办发〔2023〕51号", date(2023, 5, 22), "proactive", 21),
    "004": ("粤府办〔2020〕14号", date(2020, 7, 15), "", 5),
}


def test_the_seeds_become_draft_documents_and_work_plans(pingliang):
    output, code = run(SEED_DIR, unit="PL-OFF")
    assert code == 0, output
    assert "导入 5 份，跳过 0 份，失败 0 份（共 5 个文件）" in output
    for number, (doc_number, written_on, disclosure, tasks) in EXPECTED.items():
        record = ImportRecord.objects.get(source=str(seed(number)))
        document = record.document
        assert (document.doc_number, document.written_on, document.disclosure) == (
            doc_number,
            written_on,
            disclosure,
        )
        assert document.unit == pingliang["PL-OFF"] and not document.live
        assert document.work_plan.tasks.count() == tasks
    # 002 lost its title line: the attached plan's title line stands in, and a warning says so.
    assert (
        ImportRecord.objects.get(source=str(seed("002"))).document.title
        == "甘肃省2016年政务公开工作要点"
    )
    assert "已取所附文件的标题行“甘肃省2016年政务公开工作要点”" in output


def test_work_plan_units_are_matched_grouped_or_flagged(pingliang):
    run(seed("003"), unit="PL-OFF")
    plan = WorkPlan.objects.get()
    assert plan.title == "平凉市2023年政务公开工作要点" and plan.year == 2023
    opinion = plan.tasks.get(title="提升舆情回应质效")
    assert opinion.lead_names == ["市融媒体中心"]
    assert list(opinion.lead_units.all()) == [pingliang["PL-MEDIA"]]
    assert opinion.responsible_names[:2] == [
        "各县（市、区）人民政府",
        "平凉工业园区（高新区）管委会",
    ]
    # The group is kept as written and not flagged; the park's committee is not in the tree.
    assert opinion.unmatched_names == ["平凉工业园区（高新区）管委会"]
    market = plan.tasks.get(title="公开市场主体信息")
    assert list(market.lead_units.all()) == [pingliang["PL-SAMR"]]
    assert "市发展改革委" in market.unmatched_names


def test_safeguard_tasks_written_inline_reach_the_ledger(pingliang):
    run(seed("003"), unit="PL-OFF")
    plan = WorkPlan.objects.get()
    meeting = plan.tasks.get(number="十四")
    # No unit, but a time: 年内 is the end of the plan's year, and the words stay with it.
    assert (meeting.lead_names, meeting.responsible_names) == ([], [])
    assert meeting.deadline == date(2023, 12, 31)
    assert meeting.deadline_text == "年内至少召开一次政务公开领导小组会议"
    training = plan.tasks.get(number="十五")
    assert training.lead_names == ["市政务公开办"]
    assert training.responsible_names[:2] == ["市委网信办", "市融媒体中心"]
    assert list(training.responsible_units.all()) == [pingliang["PL-MEDIA"]]
    assert {"市政务公开办", "市委网信办"} <= set(training.unmatched_names)


def test_an_alias_mapped_once_applies_to_later_imports(pingliang):
    output, _ = run(seed("003"), unit="PL-OFF")
    assert "以下单位名称未能对应到单位" in output and "市政府政务公开办" in output
    unit_alias_create(actor=None, name="市政府政务公开办", unit=pingliang["PL-OFF"])
    first = Task.objects.get(title="推进法定主动公开")
    assert pingliang["PL-OFF"] in first.lead_units.all()
    assert "市政府政务公开办" not in first.unmatched_names
    # The same plan imported for another unit later: the name is known from the start.
    run(seed("003"), unit="PL-MEDIA")
    later = Task.objects.filter(title="推进法定主动公开").exclude(pk=first.pk).get()
    assert pingliang["PL-OFF"] in later.lead_units.all()
    assert "市政府政务公开办" not in later.unmatched_names


def test_the_seeds_of_000_name_their_responsible_units(db):
    province = unit_create(actor=None, code="GS", name="甘肃省人民政府", kind="government")
    office = unit_create(
        actor=None,
        parent=province,
        code="GS-OFF",
        name="甘肃省人民政府办公厅",
        short_name="省政府办公厅",
        kind="department",
    )
    health = unit_create(
        actor=None,
        parent=province,
        code="GS-HEALTH",
        name="甘肃省卫生健康委员会",
        short_name="省卫生健康委",
        kind="department",
    )
    run(seed("000"), unit="GS-OFF")
    task = Task.objects.get(title="及时准确发布疫情信息")
    assert task.lead_units.count() == 0
    assert list(task.responsible_units.all()) == [health]
    assert task.unmatched_names == ["兰州新区管委会"]
    assert list(Task.objects.get(title="推进机构职能目录公开").responsible_units.all()) == [office]


def test_running_the_same_import_again_changes_nothing(pingliang):
    run(SEED_DIR, unit="PL-OFF")
    before = counts()
    output, code = run(SEED_DIR, unit="PL-OFF")
    assert code == 0
    assert counts() == before
    assert "导入 0 份，跳过 5 份" in output
    assert "同一文件已于" in output


def references_of(document):
    return list(
        ReferenceIndex.get_references_for_object(document).values_list("model_path", "to_object_id")
    )


@pytest.fixture
def queued(monkeypatch):
    """The reference-index tasks the import queues: its own batches, and Wagtail's per save."""
    queued = {"batches": [], "per_save": 0}

    class Batches:
        def enqueue(self, document_ids):
            queued["batches"].append(sorted(document_ids))
            return index_references.enqueue(document_ids)

    class PerSave:
        def enqueue(self, *args):
            queued["per_save"] += 1

    monkeypatch.setattr(services, "index_references", Batches())
    monkeypatch.setattr(signal_handlers, "update_reference_index_task", PerSave())
    return queued


def test_the_reference_index_is_queued_in_batches_not_per_document(pingliang, queued):
    run(SEED_DIR, unit="PL-OFF")
    documents = OfficialDocument.objects.order_by("pk")
    assert queued == {"batches": [[d.pk for d in documents]], "per_save": 0}
    office = str(pingliang["PL-OFF"].pk)
    assert all(references_of(d) == [("unit", office)] for d in documents)


def test_batches_hold_the_given_number_and_the_last_is_queued_on_an_error(db, queued):
    with pytest.raises(KeyboardInterrupt), services.references_indexed_in_batches(size=2) as add:
        for document_id in (1, 2, 3, 4, 5):
            add(document_id)
        raise KeyboardInterrupt
    assert queued["batches"] == [[1, 2], [3, 4], [5]]


def test_running_an_interrupted_import_again_completes_the_reference_index(pingliang, queued):
    run(SEED_DIR, unit="PL-OFF")
    # As if the process had been killed before its last batch was queued.
    ReferenceIndex.objects.all().delete()
    output, code = run(SEED_DIR, unit="PL-OFF")
    assert code == 0 and "导入 0 份，跳过 5 份" in output
    assert all(references_of(d) for d in OfficialDocument.objects.all())


def test_a_doc_number_already_registered_is_skipped(pingliang, tmp_path):
    run(seed("003"), unit="PL-OFF")
    edited = tmp_path / "平凉要点（修订稿）.txt"
    edited.write_text(
        seed("003").read_text(encoding="utf-8") + "\n附：修订说明。", encoding="utf-8"
    )
    output, code = run(edited, unit="PL-OFF")
    assert code == 0
    assert "本单位已有发文字号为“平政办发〔2023〕51号”的公文" in output
    assert OfficialDocument.objects.count() == 1
    # Another unit may register the same doc number (a jointly issued document).
    run(edited, unit="PL-MEDIA")
    assert OfficialDocument.objects.count() == 2


def test_duplicates_within_one_run_are_skipped(pingliang, tmp_path):
    (tmp_path / "a.txt").write_bytes(seed("002").read_bytes())
    (tmp_path / "b.txt").write_bytes(seed("002").read_bytes())
    (tmp_path / "c.txt").write_bytes(seed("003").read_bytes())
    (tmp_path / "d.txt").write_bytes(seed("003").read_bytes() + "\n（修订）".encode())
    output, code = run(tmp_path, unit="PL-OFF")
    assert code == 0
    assert "导入 2 份，跳过 2 份" in output
    assert f"{tmp_path / 'b.txt'}：同一文件已于" in output
    assert f"{tmp_path / 'd.txt'}：本单位已有发文字号为“平政办发〔2023〕51号”的公文" in output


def test_a_document_without_doc_number_is_recognised_by_its_content(pingliang, tmp_path):
    run(seed("002"), unit="PL-OFF")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed("002").read_bytes())
    output, _ = run(copy, unit="PL-OFF")
    assert "跳过 1 份" in output
    assert OfficialDocument.objects.count() == 1


def test_a_dry_run_writes_nothing(pingliang):
    before = counts()
    output, code = run(SEED_DIR, unit="PL-OFF", dry_run=True)
    assert code == 0
    assert counts() == before
    assert "试运行，未写入任何数据。可导入 5 份" in output
    assert "可建立台账任务 112 项" in output


def test_historical_documents_are_published_with_their_original_dates(pingliang):
    output, code = run(SEED_DIR, unit="PL-OFF", published=True)
    assert code == 0, output
    for number in ("000", "002", "003"):
        document = ImportRecord.objects.get(source=str(seed(number))).document
        assert document.live and document.published_on == EXPECTED[number][1]
    # Without 主动公开 a document stays a draft, and the person is told.
    for number in ("001", "004"):
        document = ImportRecord.objects.get(source=str(seed(number))).document
        assert not document.live and document.published_on is None
    assert "公开属性为“未注明”，不是主动公开，已作为草稿导入，未发布" in output
    assert "按原日期发布 3 份" in output


def test_files_that_are_not_documents_fail_and_the_others_are_imported(pingliang, tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.txt").write_bytes(
        os.urandom(4096).replace(b"\x00", b"\x01") + b"\x00" * 512
    )
    (tmp_path / "c_scan.pdf").write_bytes(b"%PDF-1.4\n%broken")
    (tmp_path / "d_plan.txt").write_bytes(seed("003").read_bytes())
    (tmp_path / "notes.md").write_text("not a document format")
    output, code = run(tmp_path, unit="PL-OFF")
    assert code == 1
    assert "导入 1 份，跳过 0 份，失败 3 份（共 4 个文件）" in output
    assert f"{tmp_path / 'a_empty.txt'}：文件是空的" in output
    assert f"{tmp_path / 'b_binary.txt'}：内容是二进制数据，不是文字" in output
    assert f"{tmp_path / 'c_scan.pdf'}：PDF 文件已损坏，无法读取" in output
    assert "有 3 个文件导入失败" in output
    assert ImportRecord.objects.get().source.endswith("d_plan.txt")
    assert OfficialDocument.objects.count() == 1


def test_a_file_that_fails_half_way_leaves_nothing_behind(pingliang, tmp_path, monkeypatch):
    from gongkai.core.domain.errors import DomainError
    from gongkai.importer import services

    def refuse(**kwargs):
        raise DomainError("台账写入失败")

    monkeypatch.setattr(services, "work_plan_create", refuse)
    before = counts()
    output, code = run(seed("003"), unit="PL-OFF")
    assert code == 1 and "台账写入失败" in output
    assert counts() == before  # the document created before the plan was rolled back


def test_missing_dates_and_titles_get_defaults_with_a_warning(pingliang, tmp_path):
    web = tmp_path / "web.txt"
    web.write_text(
        "发布日期：2019-03-02\n\n关于做好春季防火工作的提示\n\n请各单位做好防火工作。",
        encoding="utf-8",
    )
    plain = tmp_path / "plain.txt"
    plain.write_text("请各单位做好防火工作。", encoding="utf-8")
    os.utime(plain, (1_600_000_000, 1_600_000_000))  # 2020-09-13 in Shanghai
    output, _ = run(web, plain, unit="PL-OFF")
    web_doc = ImportRecord.objects.get(source=str(web)).document
    plain_doc = ImportRecord.objects.get(source=str(plain)).document
    assert web_doc.written_on == date(2019, 3, 2)
    assert plain_doc.written_on == date(2020, 9, 13) and plain_doc.title == "plain"
    assert "暂以网页的发布日期 2019-03-02 作为成文日期" in output
    assert "暂以文件修改日期 2020-09-13 作为成文日期" in output


def test_the_progress_is_shown_file_by_file(pingliang):
    output, _ = run(*seed_paths()[:2], unit="PL-OFF")
    assert re.search(r"\[1/2\] 0\.0% 000_\w+\.txt", output)
    assert "[2/2] 50.0% 001_" in output and "[2/2] 100.0%" in output


def test_an_unknown_unit_is_refused(db):
    output, code = run(SEED_DIR, unit="NOPE")
    assert code == 2 and "没有单位代码为“NOPE”的单位" in output
