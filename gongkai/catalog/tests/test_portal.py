"""The catalog on the portal: the 法定主动公开内容 column organised by the catalog, item pages
with public content only, village affairs, the powers list and the functions directory."""

from datetime import date

import pytest

from gongkai.catalog import services
from gongkai.catalog.domain.powers import PowerData, PowerKind
from gongkai.catalog.domain.rules import RuleKind, TimeRule
from gongkai.core.demo import DemoContext
from gongkai.documents.services import document_unpublish
from gongkai.portal import demo as portal_demo

from .conftest import ELEMENTS


@pytest.fixture
def platform(db):
    """The portal's home page and 政府信息公开 platform at /xxgk/."""
    portal_demo.load(DemoContext())


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_statutory_column_is_organised_by_the_catalog(platform, unit_tree, adopted, client):
    html = page(client, "/xxgk/C/statutory/")
    assert "按标准目录浏览" in html and "财政预决算" in html
    assert f'href="/xxgk/C/catalog/{adopted["部门预算"].pk}/"' in html
    assert "本栏目暂无公开信息。" in page(client, "/xxgk/T-B/statutory/")
    table = page(client, "/xxgk/C/catalog/")
    assert "部门收支总表、部门预算说明" in table and "县级财政部门" in table


def test_item_page_shows_elements_and_public_content_only(
    platform, unit_tree, adopted, publish, client
):
    item = adopted["部门预算"]
    shown = publish(title="测试县2025年县级部门预算公开")
    withdrawn = publish(title="测试县2025年部门预算（第一版）")
    services.catalog_entry_file_document(actor=None, item=item, document=shown)
    services.catalog_entry_file_document(actor=None, item=item, document=withdrawn)
    document_unpublish(actor=None, document=withdrawn, reason="数据有误")
    entry = services.catalog_entry_create(
        actor=None,
        item=item,
        kind="text",
        title="部门预算公开情况说明",
        text="共58个部门公开预算。",
        published_on=date(2025, 4, 1),
    )
    gone = services.catalog_entry_create(
        actor=None,
        item=item,
        kind="text",
        title="已撤下的说明",
        text="x",
        published_on=date(2025, 4, 2),
    )
    services.catalog_entry_withdraw(actor=None, entry=gone, reason="重复")
    html = page(client, f"/xxgk/C/catalog/{item.pk}/")
    assert "公开要素" in html and "《中华人民共和国预算法》第十四条" in html and "每年公开" in html
    assert "测试县2025年县级部门预算公开" in html
    assert f'id="entry-{entry.pk}"' in html and "共58个部门公开预算" in html
    assert "测试县2025年部门预算（第一版）" not in html
    assert "已撤下的说明" not in html


def test_dropped_items_and_other_units_items_are_not_found(platform, unit_tree, adopted, client):
    services.catalog_item_drop(actor=None, item=adopted["预算执行"], reason="并入月报")
    page(client, f"/xxgk/C/catalog/{adopted['预算执行'].pk}/", 404)
    page(client, f"/xxgk/T-A/catalog/{adopted['部门预算'].pk}/", 404)
    reference_item = adopted["部门预算"].reference
    page(client, f"/xxgk/C-OFF/catalog/{reference_item.pk}/", 404)
    assert "预算执行" not in page(client, "/xxgk/C/statutory/")


def test_village_affairs_column_under_the_township(platform, unit_tree, client):
    item = services.catalog_item_create(
        actor=None,
        unit=unit_tree["village_a"],
        village_topic="finance",
        name="村级财务收支",
        time_limit="每月公开",
        rule=TimeRule(RuleKind.MONTHLY),
        **ELEMENTS,
    )
    services.catalog_entry_create(
        actor=None,
        item=item,
        kind="text",
        title="2025年3月财务公开",
        text="收入3万元。",
        published_on=date(2025, 4, 5),
    )
    html = page(client, "/xxgk/T-A/village-affairs/")
    assert "甲镇一村村民委员会" in html and "村级财务" in html and "村级财务收支" in html
    assert "村（居）务公开" in page(client, "/xxgk/T-A/statutory/")
    assert "2025年3月财务公开" in page(client, f"/xxgk/V-A/catalog/{item.pk}/")
    page(client, "/xxgk/C/village-affairs/", 404)  # only under townships
    assert "本乡镇各村（居）暂无公开信息。" in page(client, "/xxgk/T-B/village-affairs/")


def test_powers_list_and_its_old_versions(platform, unit_tree, client):
    finance = unit_tree["finance"]
    services.powers_version_create(
        actor=None,
        unit=finance,
        powers=[PowerData(PowerKind.PENALTY, "对违反会计法行为的处罚", basis="《会计法》")],
        note="首次公布",
    )
    services.power_save(
        actor=None,
        unit=finance,
        data=PowerData(PowerKind.INSPECTION, "会计信息质量检查", basis="《会计法》第三十二条"),
        note="增加检查",
    )
    html = page(client, "/xxgk/C-FIN/powers/")
    assert "第2版" in html and "会计信息质量检查" in html and "新增" in html
    old = page(client, "/xxgk/C-FIN/powers/?version=1")
    assert "您正在查看历史版本" in old and "会计信息质量检查" not in old
    page(client, "/xxgk/C-FIN/powers/?version=9", 404)
    assert "权责清单" in page(client, "/xxgk/C-FIN/statutory/")


def test_functions_directory_per_level(platform, unit_tree, client):
    services.unit_profile_save(
        actor=None,
        unit=unit_tree["finance"],
        functions="编制年度预算草案",
        divisions=[("预算股", "编制预算")],
    )
    html = page(client, "/xxgk/C/functions/")
    assert "测试县人民政府机构职能目录" in html and "编制年度预算草案" in html and "预算股" in html
    assert "/xxgk/T-A/functions/" in html  # the township's own directory
    assert "测试县人民政府机构职能目录" in page(client, "/xxgk/C-FIN/functions/")  # its level's


def test_sitemap_lists_item_pages(platform, unit_tree, adopted, client):
    xml = page(client, "/sitemap.xml")
    assert f"/xxgk/C/catalog/{adopted['部门预算'].pk}/" in xml
