"""The catalog's services: adoption and differences, items, import and export, filing content,
the gap check (with time-machine), the powers list and the functions directory."""

from datetime import date

import pytest
import time_machine

from gongkai.catalog import selectors, services
from gongkai.catalog.domain.powers import PowerData, PowerKind
from gongkai.catalog.domain.rules import RuleKind, TimeRule
from gongkai.catalog.domain.sheets import TableError
from gongkai.catalog.models import CatalogEntry, CatalogItem, Power, PowersListVersion
from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry, Unit
from gongkai.core.services import unit_create
from gongkai.documents.services import document_create, document_unpublish
from gongkai.search.models import SearchEntry

from .conftest import ELEMENTS

# --- Adoption and differences ------------------------------------------------------------------


def test_adopting_copies_the_items_of_the_units_level_with_a_link(unit_tree, area, reference):
    summary = services.catalog_adopt(
        actor=None, unit=unit_tree["town_a"], area=area, source=unit_tree["office"]
    )
    names = sorted(i.full_name for i in summary.created)
    assert names == ["政策文件", "部门预决算", "部门预决算/部门预算"]  # 预算执行 is county only
    budget = CatalogItem.objects.get(unit=unit_tree["town_a"], name="部门预算")
    assert budget.reference == reference["budget"] and budget.rule == TimeRule(RuleKind.YEARLY)
    assert AuditEntry.objects.filter(action="catalog.adopt").count() == 1
    # Adopting again adds nothing.
    again = services.catalog_adopt(
        actor=None, unit=unit_tree["town_a"], area=area, source=unit_tree["office"]
    )
    assert again.created == [] and again.linked == []


def test_differences_show_changes_additions_drops_and_what_is_missing(
    unit_tree, area, adopted, reference
):
    county = unit_tree["county"]
    services.catalog_item_update(
        actor=None,
        item=adopted["部门预算"],
        body_unit=unit_tree["finance"],
        body_text="测试县财政局",
    )
    services.catalog_item_drop(
        actor=None, item=adopted["预算执行"], reason="本县按月公开预算执行情况，并入月报。"
    )
    extra = services.catalog_item_create(
        actor=None,
        unit=county,
        area=area,
        name="政府债务",
        time_limit="每年",
        rule=TimeRule(RuleKind.YEARLY),
        **ELEMENTS,
    )
    newer = services.catalog_item_create(
        actor=None,
        unit=unit_tree["office"],
        reference=True,
        parent=reference["group"],
        name="部门决算",
        time_limit="每年",
        rule=TimeRule(RuleKind.YEARLY),
        **ELEMENTS,
    )
    found = selectors.differences(county, area)
    assert [(i.name, [d[0] for d in diffs]) for i, diffs in found.changed] == [
        ("部门预算", ["公开主体"])
    ]
    assert found.changed[0][1][0][1:] == ("县级财政部门", "测试县财政局")
    assert found.added == [extra]
    assert [i.name for i in found.dropped] == ["预算执行"]
    assert found.not_adopted == [newer]


def test_drop_needs_a_reason_and_takes_the_children_along(adopted):
    with pytest.raises(DomainError, match="须说明理由"):
        services.catalog_item_drop(actor=None, item=adopted["部门预决算"], reason=" ")
    services.catalog_item_drop(actor=None, item=adopted["部门预决算"], reason="合并到政策文件")
    assert CatalogItem.objects.get(pk=adopted["部门预算"].pk).dropped_on is not None
    with pytest.raises(DomainError, match="请先恢复一级事项"):
        services.catalog_item_restore(actor=None, item=adopted["部门预算"])
    services.catalog_item_restore(actor=None, item=adopted["部门预决算"])
    assert CatalogItem.objects.get(pk=adopted["部门预算"].pk).dropped_on is None


def test_item_rules_are_checked(unit_tree, area, adopted):
    with pytest.raises(DomainError, match="请填写公开内容（要素）、公开依据"):
        services.catalog_item_create(
            actor=None,
            unit=unit_tree["county"],
            area=area,
            name="新事项",
            time_limit="每年",
            rule=TimeRule(RuleKind.YEARLY),
        )
    with pytest.raises(DomainError, match="已有名为“政策文件”的事项"):
        services.catalog_item_create(
            actor=None,
            unit=unit_tree["county"],
            area=area,
            name="政策文件",
            time_limit="每年",
            rule=TimeRule(RuleKind.YEARLY),
            **ELEMENTS,
        )
    with pytest.raises(DomainError, match="公开主体单位应为"):
        other = unit_create(actor=None, code="X", name="另一县人民政府", kind="government")
        services.catalog_item_update(actor=None, item=adopted["部门预算"], body_unit=other)
    with pytest.raises(DomainError, match="目录只有两级"):
        services.catalog_item_create(
            actor=None,
            unit=unit_tree["county"],
            parent=adopted["部门预算"],
            name="三级",
            time_limit="每年",
            rule=TimeRule(RuleKind.YEARLY),
            **ELEMENTS,
        )


def test_village_items_link_to_their_townships_items(unit_tree, area, reference):
    services.catalog_adopt(
        actor=None, unit=unit_tree["town_a"], area=area, source=unit_tree["office"]
    )
    township_item = CatalogItem.objects.get(unit=unit_tree["town_a"], name="部门预算")
    village_item = services.catalog_item_create(
        actor=None,
        unit=unit_tree["village_a"],
        village_topic="finance",
        name="村级财务收支",
        time_limit="每月公开",
        rule=TimeRule(RuleKind.MONTHLY),
        township_item=township_item,
        **ELEMENTS,
    )
    assert village_item.levels == ["village"]
    with pytest.raises(DomainError, match="只能对应其所在乡镇"):
        services.catalog_item_create(
            actor=None,
            unit=unit_tree["village_b"],
            village_topic="finance",
            name="村级财务收支",
            time_limit="每月公开",
            rule=TimeRule(RuleKind.MONTHLY),
            township_item=township_item,
            **ELEMENTS,
        )
    with pytest.raises(DomainError, match="只有村（居）可以"):
        services.catalog_item_create(
            actor=None,
            unit=unit_tree["town_b"],
            village_topic="finance",
            name="x",
            time_limit="每月",
            rule=TimeRule(RuleKind.MONTHLY),
            **ELEMENTS,
        )


# --- Permissions -------------------------------------------------------------------------------


def test_permission_refusals(unit_tree, area, reference, adopted, make_user):
    town_editor = make_user("town", (Role.EDITOR, unit_tree["town_a"]))
    county_editor = make_user("ed", (Role.EDITOR, unit_tree["county"]))
    with pytest.raises(PermissionDeniedError, match="测试县人民政府"):
        services.catalog_adopt(
            actor=town_editor, unit=unit_tree["county"], area=area, source=unit_tree["office"]
        )
    with pytest.raises(PermissionDeniedError):
        services.catalog_item_update(actor=town_editor, item=adopted["部门预算"], name="改名")
    with pytest.raises(PermissionDeniedError, match="政务公开主管部门"):
        services.catalog_item_update(actor=county_editor, item=reference["budget"], name="改名")
    with pytest.raises(PermissionDeniedError):
        services.catalog_entry_create(
            actor=town_editor,
            item=adopted["部门预算"],
            kind="text",
            title="t",
            text="x",
            published_on=date(2025, 4, 1),
        )
    with pytest.raises(PermissionDeniedError):
        services.powers_version_create(
            actor=town_editor,
            unit=unit_tree["finance"],
            powers=[PowerData(PowerKind.LEVY, "征收", basis="法")],
            note="n",
        )
    with pytest.raises(PermissionDeniedError):
        services.area_save(actor=county_editor, number=27, name="新领域")
    assert not AuditEntry.objects.filter(actor_id__in=[town_editor.pk, county_editor.pk]).exists()


def test_the_unit_that_must_publish_may_file_under_the_county_item(unit_tree, adopted, make_user):
    services.catalog_item_update(
        actor=None, item=adopted["部门预算"], body_unit=unit_tree["finance"]
    )
    finance_editor = make_user("fin", (Role.EDITOR, unit_tree["finance"]))
    entry = services.catalog_entry_create(
        actor=finance_editor,
        item=adopted["部门预算"],
        kind="text",
        title="2025年部门预算",
        text="部门预算表",
        published_on=date(2025, 3, 20),
    )
    assert entry.created_by == finance_editor


# --- Import and export ------------------------------------------------------------------------

CSV_HEADER = "序号,试点领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\n"


def csv_file(*rows: str) -> bytes:
    return ("\ufeff" + CSV_HEADER + "\n".join(rows) + "\n").encode("utf-8")


GOOD = [
    "1,财政预决算,部门预决算,部门预算,部门收支总表,预算法,每年公开,测试县财政局,■政府网站 □政府公报,全社会,主动,县级",
    "2,社会救助,最低生活保障,审核确认结果,低保对象名单,社会救助暂行办法,每季度公开,县民政部门,政府网站、公开查阅点,全社会,主动,县级、乡级",
]


def test_import_creates_updates_and_links_to_the_reference(unit_tree, reference):
    county = unit_tree["county"]
    summary = services.catalog_import(
        actor=None, unit=county, data=csv_file(*GOOD), filename="目录.csv"
    )
    assert len(summary.created) == 4 and summary.updated == []
    budget = CatalogItem.objects.get(unit=county, name="部门预算")
    assert budget.reference == reference["budget"]  # matched by area and names
    assert budget.body_unit == unit_tree["finance"]  # the body's name is a unit of the county
    assert CatalogItem.objects.get(unit=county, name="审核确认结果").body_unit is None
    changed = GOOD[0].replace("部门收支总表", "部门收支总表、预算说明")
    again = services.catalog_import(
        actor=None, unit=county, data=csv_file(changed, GOOD[1]), filename="目录.csv"
    )
    assert [i.name for i in again.updated] == ["部门预算"] and len(again.unchanged) == 1
    assert AuditEntry.objects.filter(action="catalog.import").count() == 2


def test_a_bad_row_refuses_the_whole_file(unit_tree, area):
    county = unit_tree["county"]
    bad = "3,不存在的领域,政策文件,,文件,条例,每年,县政府,政府网站,全社会,主动,县级"
    worse = "4,财政预决算,政策文件,,,条例,批准后20日内,县政府,政府网站,全社会,主动,县级"
    audit_before = AuditEntry.objects.count()
    with pytest.raises(TableError) as error:
        services.catalog_import(
            actor=None, unit=county, data=csv_file(*GOOD, worse), filename="a.csv"
        )
    assert any(p.startswith("第4行：缺少公开内容（要素）") for p in error.value.problems)
    with pytest.raises(TableError) as error:
        services.catalog_import(
            actor=None, unit=county, data=csv_file(*GOOD, bad), filename="a.csv"
        )
    assert error.value.problems == [
        "第4行：无法确定所属试点领域“不存在的领域”，请填写“试点领域”列（如“财政预决算”），或在工作表标题中写明领域。"
    ]
    assert not CatalogItem.objects.filter(unit=county).exists()
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_reads_back_as_the_same_catalog(unit_tree, adopted, fmt):
    services.catalog_item_drop(actor=None, item=adopted["预算执行"], reason="并入月报")
    content = services.catalog_export(actor=None, unit=unit_tree["county"], fmt=fmt)
    copy = services.catalog_import(
        actor=None, unit=unit_tree["town_b"], data=content, filename=f"x.{fmt}"
    )
    assert sorted(i.full_name for i in copy.created) == [
        "政策文件",
        "部门预决算",
        "部门预决算/部门预算",
    ]
    theirs = CatalogItem.objects.get(unit=unit_tree["town_b"], name="部门预算")
    ours = adopted["部门预算"]
    for field in (
        "content",
        "basis",
        "time_limit",
        "rule_kind",
        "channels",
        "audience",
        "method",
        "body_text",
    ):
        assert getattr(theirs, field) == getattr(ours, field), field
    assert AuditEntry.objects.filter(action="catalog.export").count() == 1


def test_rows_of_another_level_are_skipped_on_import(unit_tree):
    summary = services.catalog_import(
        actor=None, unit=unit_tree["town_a"], data=csv_file(*GOOD), filename="a.csv"
    )
    assert [i.full_name for i in summary.created] == ["最低生活保障", "最低生活保障/审核确认结果"]
    assert summary.skipped == ["第2行"]


# --- Filing published information -----------------------------------------------------------


def test_only_public_documents_are_filed_and_shown(unit_tree, adopted, publish):
    item = adopted["部门预算"]
    draft = document_create(
        actor=None,
        unit=unit_tree["county"],
        title="草稿",
        written_on=date(2025, 3, 3),
        disclosure="proactive",
    )
    with pytest.raises(DomainError, match="只能归集已在门户网站公开"):
        services.catalog_entry_file_document(actor=None, item=item, document=draft)
    document = publish(title="测试县2025年部门预算公开")
    entry = services.catalog_entry_file_document(actor=None, item=item, document=document)
    assert list(selectors.public_entries(item)) == [entry]
    with pytest.raises(DomainError, match="已归集"):
        services.catalog_entry_file_document(actor=None, item=item, document=document)
    document_unpublish(actor=None, document=document, reason="内容有误")
    assert list(selectors.public_entries(item)) == []


def test_entries_are_dated_searchable_and_withdrawn_with_a_reason(unit_tree, adopted):
    item = adopted["部门预算"]
    with pytest.raises(DomainError, match="发布日期不能晚于今天"):
        services.catalog_entry_create(
            actor=None, item=item, kind="text", title="t", text="x", published_on=date(2999, 1, 1)
        )
    with pytest.raises(DomainError, match="请把内容发布到具体的二级事项下"):
        services.catalog_entry_create(
            actor=None,
            item=adopted["部门预决算"],
            kind="text",
            title="t",
            text="x",
            published_on=date(2025, 4, 1),
        )
    entry = services.catalog_entry_create(
        actor=None,
        item=item,
        kind="link",
        title="测试县2025年部门预算汇总",
        url="https://czj.example.gov.cn/ys2025",
        published_on=date(2025, 4, 1),
    )
    assert SearchEntry.objects.filter(kind="catalogentry", object_id=entry.pk).exists()
    assert SearchEntry.objects.filter(kind="catalog", object_id=item.pk).exists()
    services.catalog_entry_withdraw(actor=None, entry=entry, reason="链接失效")
    assert not SearchEntry.objects.filter(kind="catalogentry", object_id=entry.pk).exists()
    assert CatalogEntry.objects.get(pk=entry.pk).withdraw_reason == "链接失效"
    services.catalog_item_drop(actor=None, item=item, reason="不再单列")
    assert not SearchEntry.objects.filter(kind="catalog", object_id=item.pk).exists()


# --- The gap check ------------------------------------------------------------------------------


def gap_names(unit_tree):
    return sorted(
        (row.unit.code, row.item.full_name, row.gap.reason.value)
        for row in selectors.gaps(Unit.objects.subtree_of(unit_tree["county"]), date.today())
    )


def test_gaps_follow_the_time_rules_as_time_passes(unit_tree, adopted, publish):
    budget, execution, policy = adopted["部门预算"], adopted["预算执行"], adopted["政策文件"]
    with time_machine.travel("2025-03-20 10:00 +08:00"):
        assert gap_names(unit_tree) == []  # just adopted (2025-03-03): nothing is due yet
    with time_machine.travel("2025-04-10 10:00 +08:00"):
        # 20 working days after 3 March is 31 March: 政策文件 is now missing.
        assert gap_names(unit_tree) == [("C", "政策文件", "never")]
        services.catalog_entry_create(
            actor=None,
            item=policy,
            kind="text",
            title="预算管理办法",
            text="…",
            published_on=date(2025, 4, 10),
            formed_on=date(2025, 3, 3),
        )
        services.catalog_entry_create(
            actor=None,
            item=execution,
            kind="text",
            title="2025年第一季度预算执行情况",
            text="…",
            published_on=date(2025, 4, 10),
        )
        assert gap_names(unit_tree) == [("C", "政策文件", "late")]  # formed 3 March, due 31 March
    with time_machine.travel("2025-10-15 10:00 +08:00"):
        # Q3 has nothing: the quarterly item is missing its last quarter.
        rows = selectors.gaps(None, date(2025, 10, 15))
        assert [(r.item.name, r.gap.reason.value) for r in rows] == [
            ("政策文件", "late"),
            ("预算执行", "period"),
        ]
        assert "2025年第三季度没有公开内容" in rows[1].gap.message
    with time_machine.travel("2026-02-01 10:00 +08:00"):
        # 2025 is not asked of a yearly item that entered the catalog in March 2025.
        assert ("C", "部门预决算/部门预算", "never") not in gap_names(unit_tree)
    with time_machine.travel("2027-02-01 10:00 +08:00"):
        # 2026 passed without a 部门预算.
        assert ("C", "部门预决算/部门预算", "never") in gap_names(unit_tree)
        document = publish(
            title="测试县2026年部门预算",
            written_on=date(2026, 3, 5),
            published_on=date(2026, 3, 10),
        )
        services.catalog_entry_file_document(actor=None, item=budget, document=document)
        assert ("C", "部门预决算/部门预算", "never") not in gap_names(unit_tree)


def test_gaps_are_listed_under_the_unit_that_must_publish(unit_tree, adopted):
    services.catalog_item_update(
        actor=None, item=adopted["政策文件"], body_unit=unit_tree["finance"]
    )
    with time_machine.travel("2025-05-01 10:00 +08:00"):
        rows = selectors.gaps(Unit.objects.filter(pk=unit_tree["finance"].pk), date(2025, 5, 1))
        assert [(r.unit.code, r.item.name) for r in rows] == [("C-FIN", "政策文件")]
        assert rows[0].to_json() == {
            "unit": "C-FIN",
            "area": "财政预决算",
            "item": "政策文件",
            "rule": "workdays:20",
            "last_published": None,
            "reason": rows[0].gap.message,
        }


def test_on_request_items_and_dropped_items_are_not_checked(unit_tree, adopted):
    services.catalog_item_update(actor=None, item=adopted["政策文件"], method="on_request")
    services.catalog_item_drop(actor=None, item=adopted["预算执行"], reason="并入月报")
    with time_machine.travel("2027-02-01 10:00 +08:00"):
        assert [r.item.name for r in selectors.gaps(None, date(2027, 2, 1))] == ["部门预算"]


def test_monthly_trend_per_unit(unit_tree, adopted):
    with time_machine.travel("2025-10-15 10:00 +08:00"):
        trend = selectors.trend(
            Unit.objects.subtree_of(unit_tree["county"]), date(2025, 10, 15), months=8
        )
    assert [end.month for end in trend.months] == [3, 4, 5, 6, 7, 8, 9, 10]
    ((unit, counts),) = trend.rows
    # March: nothing due; April on: 政策文件; July on: also 预算执行 (Q2 empty).
    assert unit == unit_tree["county"] and counts == [0, 1, 1, 1, 2, 2, 2, 2]
    assert trend.totals == counts


# --- Powers list and functions directory -------------------------------------------------------


def test_each_change_of_a_powers_list_is_a_new_version(unit_tree):
    finance = unit_tree["finance"]
    first = services.powers_version_create(
        actor=None,
        unit=finance,
        powers=[
            PowerData(PowerKind.PENALTY, "对违反会计法行为的处罚", basis="《会计法》第四十二条"),
            PowerData(PowerKind.INSPECTION, "会计信息质量检查", basis="《会计法》第三十二条"),
        ],
        note="首次公布",
    )
    second = services.power_save(
        actor=None,
        unit=finance,
        position=2,
        data=PowerData(
            PowerKind.INSPECTION, "会计信息质量检查", basis="《会计法》第三十二条、第三十三条"
        ),
        note="修改依据",
    )
    third = services.power_remove(actor=None, unit=finance, position=1, note="划转综合执法")
    assert [v.number for v in selectors.powers_versions(finance)] == [3, 2, 1]
    assert [p.name for p in selectors.version_powers(first)] == [
        "对违反会计法行为的处罚",
        "会计信息质量检查",
    ]
    assert Power.objects.get(version=second, position=2).basis.endswith("第三十三条")
    assert [p.name for p in selectors.version_powers(third)] == ["会计信息质量检查"]
    with pytest.raises(DomainError, match="没有任何变化"):
        services.power_save(
            actor=None,
            unit=finance,
            position=1,
            data=selectors.version_powers(third)[0].to_data(),
            note="无变化",
        )
    assert PowersListVersion.objects.filter(unit=finance).count() == 3


def test_powers_import_checks_the_whole_file(unit_tree):
    good = "权力类型,权力名称,设定依据\n行政许可,社会团体登记,《社会团体登记管理条例》\n".encode()
    version = services.powers_import(
        actor=None, unit=unit_tree["finance"], data=good, filename="p.csv", note="首次"
    )
    assert version.powers.get().body == "测试县财政局"  # the unit by default
    bad = "权力类型,权力名称,设定依据\n行政许可,甲,乙\n行政指导,丙,丁\n".encode()
    with pytest.raises(TableError, match="第3行"):
        services.powers_import(
            actor=None, unit=unit_tree["finance"], data=bad, filename="p.csv", note="二次"
        )
    assert PowersListVersion.objects.filter(unit=unit_tree["finance"]).count() == 1


def test_functions_directory_is_generated_from_the_tree_and_profiles(unit_tree):
    services.unit_profile_save(
        actor=None,
        unit=unit_tree["finance"],
        functions="编制预算\n管理国库",
        legal_basis="三定规定",
        divisions=[("预算股", "编制预算"), ("国库股", "")],
    )
    directory = selectors.functions_directory(selectors.government_level(unit_tree["finance"]))
    assert directory.level == unit_tree["county"]
    names = [e.unit.code for e in directory.entries]
    assert names == ["C", "C-FIN", "C-OFF"]
    finance = directory.entries[1]
    assert finance.functions == ["编制预算", "管理国库"] and [
        d.name for d in finance.divisions
    ] == ["预算股", "国库股"]
    assert [u.code for u in directory.lower_levels] == ["T-A", "T-B"]
    with pytest.raises(DomainError, match="名称有重复"):
        services.unit_profile_save(
            actor=None, unit=unit_tree["finance"], functions="", divisions=[("a", ""), ("a", "")]
        )
