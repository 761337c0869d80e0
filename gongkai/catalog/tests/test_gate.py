"""The publication gate on catalog content: everything the catalog publishes is public as soon
as it is saved, so personal data refuses the save, names the field and changes nothing; a
reviewer's exception for the number lets it through."""

from __future__ import annotations

import re
from datetime import date

import pytest

from gongkai.catalog import services
from gongkai.catalog.domain.powers import PowerData, PowerKind
from gongkai.catalog.domain.rules import RuleKind, TimeRule
from gongkai.catalog.domain.sheets import TableError
from gongkai.catalog.models import CatalogEntry, CatalogItem, PowersListVersion, UnitProfile
from gongkai.core.domain.errors import DomainError
from gongkai.core.domain.roles import Role
from gongkai.core.models import AuditEntry
from gongkai.documents.gate import publication_exception_create
from gongkai.search.models import SearchEntry

from .conftest import ELEMENTS
from .test_services import GOOD, csv_file

MOBILE = "13800138000"
ID = "11010519491231002X"


def refused(label: str):
    return pytest.raises(DomainError, match=re.escape(f"{label}中有疑似个人信息："))


def test_a_text_entry_with_personal_data_is_not_published(unit_tree, adopted):
    item = adopted["部门预算"]
    audit_before = AuditEntry.objects.count()
    for title, text, label in (
        (f"张三（{MOBILE}）的补助", "补助名单", "标题"),
        ("补助名单", f"张三，身份证{ID}", "内容"),
        ("补助名单", "李四，手机 138\u00a00013\u00a08000", "内容"),
    ):
        with refused(label):
            services.catalog_entry_create(
                actor=None,
                item=item,
                kind="text",
                title=title,
                text=text,
                published_on=date(2025, 4, 1),
            )
    assert (
        not CatalogEntry.objects.exists()
        and not SearchEntry.objects.filter(kind="catalogentry").exists()
    )
    assert AuditEntry.objects.count() == audit_before


def test_an_exception_lets_a_published_contact_line_through(unit_tree, adopted, make_user):
    item = adopted["部门预算"]
    reviewer = make_user("reviewer", (Role.REVIEWER, unit_tree["county"]))
    publication_exception_create(
        actor=reviewer, unit=unit_tree["county"], number=MOBILE, reason="财政局公开的咨询电话"
    )
    # Another number in the same text still blocks.
    with refused("内容"):
        services.catalog_entry_create(
            actor=None,
            item=item,
            kind="text",
            title="预算公开咨询",
            text="咨询电话：138-0013-8000；联系人手机13900139000",
            published_on=date(2025, 4, 1),
        )
    entry = services.catalog_entry_create(
        actor=None,
        item=item,
        kind="text",
        title="预算公开咨询",
        text="咨询电话：138-0013-8000",
        published_on=date(2025, 4, 1),
    )
    assert entry.pk and SearchEntry.objects.filter(kind="catalogentry", object_id=entry.pk).exists()


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("name", "事项名称"),
        ("content", "公开内容（要素）"),
        ("basis", "公开依据"),
        ("body_text", "公开主体"),
        ("remarks", "备注"),
    ],
)
def test_item_elements_are_checked_on_create_and_update(unit_tree, area, adopted, field, label):
    values = {**ELEMENTS, "name": "政府债务", field: f"联系人{MOBILE}"}
    with refused(label):
        services.catalog_item_create(
            actor=None,
            unit=unit_tree["county"],
            area=area,
            time_limit="每年",
            rule=TimeRule(RuleKind.YEARLY),
            **values,
        )
    assert not CatalogItem.objects.filter(unit=unit_tree["county"], name=values["name"]).exists()
    item = adopted["部门预算"]
    before = {f: getattr(item, f) for f in ("name", "content", "basis", "body_text", "remarks")}
    with refused(label):
        services.catalog_item_update(actor=None, item=item, **{field: f"联系人{MOBILE}"})
    item.refresh_from_db()
    assert {f: getattr(item, f) for f in before} == before


def test_restoring_an_item_publishes_it_again_and_is_checked(unit_tree, adopted):
    item = adopted["部门预算"]
    services.catalog_item_drop(actor=None, item=item, reason="暂停")
    # Text saved before the gate existed (or by means other than the services).
    CatalogItem.objects.filter(pk=item.pk).update(remarks=f"联系人{MOBILE}")
    with refused("备注"):
        services.catalog_item_restore(actor=None, item=item)
    item.refresh_from_db()
    assert item.is_dropped


def test_a_reference_with_personal_data_is_not_copied_on_adoption(unit_tree, area, reference):
    CatalogItem.objects.filter(pk=reference["budget"].pk).update(remarks=f"联系人{MOBILE}")
    with refused("备注"):
        services.catalog_adopt(
            actor=None, unit=unit_tree["town_a"], area=area, source=unit_tree["office"]
        )
    assert not CatalogItem.objects.filter(unit=unit_tree["town_a"]).exists()


def test_an_imported_row_with_personal_data_refuses_the_whole_file(unit_tree, area):
    county = unit_tree["county"]
    leak = GOOD[1].replace("低保对象名单", f"低保对象名单（张三 {ID}）")
    with pytest.raises(TableError) as error:
        services.catalog_import(
            actor=None, unit=county, data=csv_file(GOOD[0], leak), filename="a.csv"
        )
    assert error.value.problems == [
        "第3行：事项“审核确认结果”的公开内容（要素）中有疑似个人信息：1101**********002X"
    ]
    assert not CatalogItem.objects.filter(unit=county).exists()


def test_the_powers_list_and_the_functions_directory_are_checked(unit_tree):
    finance = unit_tree["finance"]
    power = PowerData(
        kind=PowerKind.LICENSING,
        name="行政许可事项",
        basis="《行政许可法》",
        duties=f"受理咨询：{MOBILE}",
    )
    with refused("第1项“行政许可事项”的责任事项"):
        services.powers_version_create(actor=None, unit=finance, powers=[power], note="首版")
    assert not PowersListVersion.objects.exists()
    with refused("领导信息"):
        services.unit_profile_save(
            actor=None, unit=finance, functions="负责财政工作", leadership=f"张三 局长 {MOBILE}"
        )
    with refused("内设机构“办公室”的主要职责"):
        services.unit_profile_save(
            actor=None,
            unit=finance,
            functions="负责财政工作",
            divisions=[("办公室", f"值班电话{MOBILE}")],
        )
    assert not UnitProfile.objects.exists()
