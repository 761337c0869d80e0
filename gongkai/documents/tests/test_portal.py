"""The register on the public portal: document and interpretation pages, lists with filters and
paging, the document as it stood on a date, RSS, sitemap, print, the admin preview, query counts,
and the tests that look for what must never be found."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document as WagtailDocument
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from gongkai.core.demo import DemoContext
from gongkai.documents.models import DocumentAttachment, Interpretation, OfficialDocument
from gongkai.documents.portal import AsOfError, ValidityOn, parse_as_of, validity_on
from gongkai.documents.services import (
    document_create,
    document_link_implementation,
    document_publish,
    document_set_validity,
    document_unpublish,
    document_update,
    interpretation_create,
)
from gongkai.portal import demo as portal_demo

SHANGHAI = ZoneInfo("Asia/Shanghai")
BASE = {"title": "关于做好2025年政务公开工作的通知", "written_on": date(2025, 3, 3)}


@pytest.fixture(autouse=True)
def empty_cache():
    """The year filter's choices are cached per unit id; ids come round again between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def units(unit_tree):
    """The unit tree with the portal's home page and 政府信息公开 platform at /xxgk/."""
    portal_demo.load(DemoContext())
    return unit_tree


def draft(unit, **fields) -> OfficialDocument:
    return document_create(actor=None, unit=unit, **{**BASE, "disclosure": "proactive", **fields})


def publish(unit, *, published_on=None, **fields) -> OfficialDocument:
    return document_publish(actor=None, document=draft(unit, **fields), published_on=published_on)


def publish_policy(unit, *, published_on=None, **fields) -> OfficialDocument:
    """A policy document, published with its interpretation (三同步)."""
    document = draft(unit, is_policy_document=True, **fields)
    Interpretation.objects.create(document=document, unit=unit, title=f"{document.title}的解读")
    return document_publish(actor=None, document=document, published_on=published_on)


def attach(document, title: str, name: str, content: str) -> WagtailDocument:
    """A file attached to the document (part of its next revision); the file is returned."""
    file = WagtailDocument.objects.create(
        title=title, file=ContentFile(content.encode(), name=name)
    )
    DocumentAttachment.objects.create(document=document, file=file, title=title)
    return file


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta name="{name}" content="([^"]*)"', html)
    return found.group(1) if found else None


def meta_row(html: str, label: str) -> str:
    found = re.search(rf"<dt>{label}</dt><dd>(.*?)</dd>", html, re.S)
    assert found, label
    return found.group(1).strip()


def url_of(document) -> str:
    return f"/xxgk/{document.unit.code}/documents/{document.pk}/"


def url_of_interpretation(interpretation) -> str:
    return f"/xxgk/{interpretation.unit.code}/interpretations/{interpretation.pk}/"


# --- Document pages ---------------------------------------------------------------------------


def test_document_page_shows_the_metadata_the_body_and_the_attachments(units, client):
    county, finance = units["county"], units["finance"]
    document = draft(
        county,
        co_issuers=[finance],
        doc_number="测政发〔2025〕8号",
        title="测试县人民政府关于印发财政资金管理办法的通知",
        subject_class="0401",
        summary="规范财政资金的分配和使用。",
        body="<p>第一条 为规范财政资金管理，制定本办法。</p>",
        kind="normative",
        valid_from=date(2025, 4, 1),
    )
    attachment = attach(document, "附件1 资金分配表", "table.csv", "项目,金额\n道路,100\n")
    document.save_revision()  # attachments are part of the version that is published
    document_publish(actor=None, document=document, published_on=date(2025, 3, 10))

    html = page(client, url_of(document))
    assert "<h1" in html and "测试县人民政府关于印发财政资金管理办法的通知</h1>" in html
    assert meta_row(html, "索引号") == "C/2025-00001"
    assert meta_row(html, "主题分类") == "财政、金融、审计 › 财政"
    assert meta_row(html, "发文机关") == "测试县人民政府、测试县财政局"
    assert meta_row(html, "成文日期") == "2025年3月3日"
    assert meta_row(html, "发文字号") == "测政发〔2025〕8号"
    assert meta_row(html, "发布日期") == "2025年3月10日"
    assert meta_row(html, "有效性") == "现行有效"
    assert meta_row(html, "施行日期") == "2025年4月1日"
    assert "第一条 为规范财政资金管理，制定本办法。" in html
    assert f'href="{attachment.url}"' in html and "附件1 资金分配表" in html
    assert meta(html, "ArticleTitle") == "测试县人民政府关于印发财政资金管理办法的通知"
    assert meta(html, "PubDate") == "2025-03-10"
    assert meta(html, "ContentSource") == "测试县人民政府"
    assert meta(html, "Description") == "规范财政资金的分配和使用。"
    assert meta(html, "ColumnName") == "法定主动公开内容"
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/xxgk/C/rss/"' in html


def test_a_document_is_found_only_under_its_own_unit(units, client):
    document = publish(units["county"])
    page(client, f"/xxgk/C-FIN/documents/{document.pk}/", 404)
    page(client, "/xxgk/C/documents/999999/", 404)


@pytest.mark.parametrize(
    ("validity", "verb"), [("repealed", "废止"), ("amended", "修改"), ("expired", "失效")]
)
def test_an_ended_document_stays_readable_with_a_banner(units, client, validity, verb):
    county = units["county"]
    old = publish(county, title="测试县旧办法", kind="normative")
    new = publish(county, title="测试县新办法", kind="normative")
    document_set_validity(
        actor=None,
        document=old,
        validity=validity,
        changed_on=date(2025, 6, 1),
        replaced_by=new if validity != "expired" else None,
    )
    html = page(client, url_of(old))
    assert f"本文件已于2025年6月1日{verb}。" in html
    assert meta_row(html, "有效性") == {"repealed": "已废止", "amended": "已修改"}.get(
        validity, "已失效"
    )
    if validity != "expired":
        assert f"{verb}本文件的文件" in html and f'href="{url_of(new)}"' in html


def test_a_replacement_that_is_not_public_is_neither_linked_nor_named(units, client):
    county = units["county"]
    old = publish(county, title="测试县旧办法", kind="normative")
    secret = draft(county, title="尚未公开的新办法", kind="normative")
    document_set_validity(
        actor=None,
        document=old,
        validity="repealed",
        changed_on=date(2025, 6, 1),
        replaced_by=secret,
    )
    html = page(client, url_of(old))
    assert "本文件已于2025年6月1日废止。" in html
    assert "尚未公开的新办法" not in html and url_of(secret) not in html


def test_document_and_interpretations_link_to_each_other(units, client):
    county = units["county"]
    document = draft(county, title="测试县惠民政策", is_policy_document=True)
    text = Interpretation.objects.create(
        document=document,
        unit=county,
        title="一问一答读懂惠民政策",
        form="qa",
        live=False,
        body="<p>问：谁能享受？答：全县居民。</p>",
    )
    image = Image.objects.create(title="图解", file=get_test_image_file())
    graphic = Interpretation.objects.create(
        document=document,
        unit=county,
        title="一图读懂惠民政策",
        form="graphic",
        live=False,
        image=image,
        image_alt="第一部分：适用对象为全县居民。第二部分：补贴标准每人每月100元。",
    )
    video = Interpretation.objects.create(
        document=document,
        unit=county,
        title="视频解读惠民政策",
        form="video",
        live=False,
        video_url="https://video.example.cn/v/123",
    )
    document_publish(actor=None, document=document)

    html = page(client, url_of(document))
    for interpretation in (text, graphic, video):
        assert f'href="{url_of_interpretation(interpretation)}"' in html

    qa = page(client, url_of_interpretation(text))
    assert "问：谁能享受？答：全县居民。" in qa and meta_row(qa, "解读形式") == "问答解读"
    assert f'href="{url_of(document)}"' in qa
    graphic_html = page(client, url_of_interpretation(graphic))
    assert re.search(r'<img src="[^"]+" [^>]*alt="图解：一图读懂惠民政策', graphic_html)
    assert 'aria-describedby="graphic-text"' in graphic_html
    assert "补贴标准每人每月100元" in graphic_html  # the text alternative, on the page
    assert 'href="https://video.example.cn/v/123"' in page(client, url_of_interpretation(video))


def test_print_view_is_the_page_without_the_sites_chrome(units, client):
    document = publish(units["county"], body="<p>正文第一段。</p>")
    html = page(client, url_of(document))
    assert 'href="?print=1"' in html
    printed = page(client, url_of(document) + "?print=1")
    assert "正文第一段。" in printed and meta_row(printed, "索引号") == document.index_number
    assert 'class="site-header"' not in printed and "column-nav" not in printed
    assert '<meta name="robots" content="noindex">' in printed
    assert f'<link rel="canonical" href="http://testserver{url_of(document)}">' in printed
    assert meta(printed, "ArticleTitle") == document.title
    assert "返回网页版" in printed


def test_the_admin_preview_renders_a_draft_with_the_portal_template(units):
    document = draft(units["county"], title="预览中的公文", body="<p>草稿正文。</p>")
    response = document.make_preview_request()
    response.render()
    html = response.content.decode()
    assert response.status_code == 200
    assert "预览中的公文</h1>" in html and "草稿正文。" in html
    assert meta_row(html, "索引号") == document.index_number


# --- As it stood on a date --------------------------------------------------------------------


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def test_as_of_shows_the_version_published_by_then_and_the_validity_of_that_day(units, client):
    county = units["county"]
    with time_machine.travel(at(date(2025, 3, 10)), tick=False):
        document = publish(county, title="第一版标题", kind="normative")
        replacement = publish(county, title="替代文件", kind="normative")
    with time_machine.travel(at(date(2025, 4, 1)), tick=False):
        document = document_unpublish(actor=None, document=document, reason="标题更正")
        document = document_update(actor=None, document=document, title="第二版标题")
        document_publish(actor=None, document=document, published_on=date(2025, 3, 10))
    with time_machine.travel(at(date(2025, 4, 20)), tick=False):
        # A draft saved in Wagtail and never published: the public never saw it.
        document.refresh_from_db()
        document.title = "从未发布的草稿标题"
        document.save_revision()
    with time_machine.travel(at(date(2025, 5, 1)), tick=False):
        document_set_validity(
            actor=None,
            document=document,
            validity="repealed",
            changed_on=date(2025, 5, 1),
            replaced_by=replacement,
        )
    url = url_of(document)
    with time_machine.travel(at(date(2025, 6, 1)), tick=False):
        march = page(client, url + "?as_of=2025-03-15")
        assert "第一版标题</h1>" in march and "以下是本文件在2025年3月15日的状态" in march
        assert "2025年3月10日发布" in march
        assert meta_row(march, "有效性") == "现行有效" and "本文件已于" not in march

        april = page(client, url + "?as_of=2025-04-30")
        assert "第二版标题</h1>" in april and "2025年4月1日发布" in april
        assert meta_row(april, "有效性") == "现行有效"

        may = page(client, url + "?as_of=2025-05-01")
        assert meta_row(may, "有效性") == "已废止" and "本文件已于2025年5月1日废止。" in may
        assert f'href="{url_of(replacement)}"' in may

        for html in (march, april, may, page(client, url)):
            assert "从未发布的草稿标题" not in html

        before = page(client, url + "?as_of=2025-03-01")
        assert "本文件于2025年3月10日发布，2025年3月1日尚未公开。" in before


def test_as_of_for_documents_older_than_the_platforms_records(units, client):
    with time_machine.travel(at(date(2025, 3, 10)), tick=False):
        imported = publish(units["county"], title="导入的旧文件", published_on=date(2020, 1, 10))
        untracked = OfficialDocument.objects.create(
            unit=units["county"],
            title="没有版本记录的文件",
            written_on=date(2019, 5, 1),
            disclosure="proactive",
            index_number="C/2019-90001",
            published_on=date(2019, 5, 6),
            live=True,
        )
    html = page(client, url_of(imported) + "?as_of=2021-05-01")
    assert "本平台于2025年3月10日收录本文件，正文为收录时的版本。" in html
    assert "导入的旧文件</h1>" in html
    html = page(client, url_of(untracked) + "?as_of=2021-05-01")
    assert "平台中没有本文件的版本记录，正文为当前版本。" in html


@pytest.mark.parametrize(
    "text",
    ["2025-03-01", "2025-3-1", "2025/3/1", "2025.03.01", "2025年3月1日", " 2025 年 3 月 1 日 "],
)
def test_the_as_of_day_is_read_as_people_write_it(text):
    assert parse_as_of(text, date(2026, 1, 1)) == date(2025, 3, 1)


@pytest.mark.parametrize("text", ["03/01/2025", "2025-3/1", "2025年13月1日", "2025", "mm/dd/yyyy"])
def test_an_as_of_day_in_another_form_is_refused(text):
    with pytest.raises(AsOfError, match="无法识别"):
        parse_as_of(text, date(2026, 1, 1))


def test_the_as_of_box_is_a_chinese_text_box_not_a_date_picker(units, client):
    document = publish(units["county"], title="某文件")
    html = page(client, url_of(document))
    box = re.search(r'<input [^>]*id="as-of"[^>]*>', html)[0]
    assert 'type="text"' in box and 'lang="zh-Hans"' in box and 'placeholder="年-月-日"' in box


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("yesterday", "日期“yesterday”无法识别"),
        ("2025-02-30", "日期“2025-02-30”无法识别"),
        ("<script>", "日期“&lt;script&gt;”无法识别"),
        ("2999-01-01", "只能查看今天或以前某一天的文件状态。"),
    ],
)
def test_a_bad_as_of_date_gets_a_chinese_message_not_an_error(units, client, as_of, message):
    document = publish(units["county"], title="某文件")
    html = page(client, f"{url_of(document)}?as_of={as_of}", 400)
    assert message in html and "某文件</h1>" in html and 'role="alert"' in html


def test_validity_on_a_day():
    document = OfficialDocument(
        kind="normative",
        written_on=date(2025, 1, 1),
        validity="repealed",
        validity_changed_on=date(2025, 6, 1),
        valid_until=date(2027, 12, 31),
    )
    assert validity_on(document, date(2025, 5, 31)) == ValidityOn("in_force", None)
    assert validity_on(document, date(2025, 6, 1)) == ValidityOn("repealed", date(2025, 6, 1))
    document.validity, document.validity_changed_on = "in_force", None
    assert validity_on(document, date(2028, 1, 1)) == ValidityOn("expired", date(2028, 1, 1))
    document.kind = "other"
    assert validity_on(document, date(2025, 5, 31)) == ValidityOn("", None)


# --- Lists --------------------------------------------------------------------------------------


def titles(html: str) -> list[str]:
    return re.findall(r'<td><a href="/xxgk/[^"]+/documents/\d+/">([^<]+)</a>', html)


@pytest.fixture
def varied(units):
    """Four documents of the county that differ in year, subject class, kind and validity."""
    county = units["county"]
    made = {
        "rule": publish(
            county, title="规章甲", kind="rule", subject_class="0201", published_on=date(2024, 5, 1)
        ),
        "normative": publish(
            county,
            title="规范性文件乙",
            kind="normative",
            subject_class="0401",
            published_on=date(2025, 3, 10),
        ),
        "policy": publish_policy(
            county, title="政策性文件丙", subject_class="02", published_on=date(2025, 4, 1)
        ),
        "other": publish(county, title="其他文件丁", subject_class="1703"),
    }
    document_set_validity(
        actor=None,
        document=made["rule"],
        validity="repealed",
        changed_on=date(2025, 1, 1),
        replaced_by=made["normative"],
    )
    return made


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"规章甲", "规范性文件乙", "政策性文件丙", "其他文件丁"}),
        ("?year=2024", {"规章甲"}),
        ("?subject=02", {"规章甲", "政策性文件丙"}),  # a class takes its sub-classes
        ("?kind=normative", {"规范性文件乙"}),
        ("?validity=repealed", {"规章甲"}),
        ("?validity=in_force&year=2025", {"规范性文件乙"}),
    ],
)
def test_the_document_list_filters(varied, client, query, expected):
    assert set(titles(page(client, "/xxgk/C/documents/" + query))) == expected


def test_policy_and_in_force_lists(varied, client):
    assert set(titles(page(client, "/xxgk/C/policies/"))) == {
        "规章甲",
        "规范性文件乙",
        "政策性文件丙",
    }
    in_force = page(client, "/xxgk/C/in-force/")
    assert titles(in_force) == ["规范性文件乙"]
    assert 'name="validity"' not in in_force  # everything there is in force


def test_a_bad_filter_value_is_reported_and_ignored(varied, client):
    html = page(client, "/xxgk/C/documents/?year=abc&kind=rule&subject=99")
    assert '<p class="field-error" id="id_year-error">' in html and "整数" in html
    assert '<p class="field-error" id="id_subject-error">' in html
    assert 'aria-invalid="true" aria-describedby="id_year-error"' in html
    assert titles(html) == ["规章甲"]
    assert '<option value="rule" selected>规章</option>' in html


def test_filter_form_is_a_labelled_get_form_and_lists_are_tables(varied, client):
    html = page(client, "/xxgk/C/documents/")
    assert '<form method="get" action="/xxgk/C/documents/"' in html
    for name in ("year", "subject", "kind", "validity"):
        assert f'<label for="id_{name}">' in html and f'id="id_{name}"' in html
    assert '<th scope="col">标题</th>' in html and "<caption" in html
    assert '<a href="/xxgk/C/documents/" aria-current="page">全部文件</a>' in html
    assert "共4件" in html


def test_lists_page_by_twenty_with_accessible_page_links(units, client):
    county = units["county"]
    for number in range(45):
        publish(county, title=f"分页文件{number:02d}")
    first = page(client, "/xxgk/C/documents/")
    assert len(titles(first)) == 20 and "共45件" in first
    assert 'aria-label="分页"' in first and 'rel="next"' in first
    second = page(client, "/xxgk/C/documents/?kind=other&page=2")
    assert len(titles(second)) == 20
    assert '<a href="?kind=other&amp;page=2" aria-label="第2页" aria-current="page">2</a>' in second
    assert 'href="?kind=other&amp;page=1"' in second and 'rel="prev"' in second
    assert len(titles(page(client, "/xxgk/C/documents/?page=3"))) == 5
    assert len(titles(page(client, "/xxgk/C/documents/?page=99"))) == 5  # past the end: last
    assert len(titles(page(client, "/xxgk/C/documents/?page=x"))) == 20


def test_statutory_column_shows_the_latest_and_the_ways_to_the_lists(units, client):
    publish(units["county"], title="最新的文件")
    html = page(client, "/xxgk/C/statutory/")
    assert "最新的文件" in html and "本栏目暂无公开信息。" not in html
    for path in ("documents", "policies", "in-force", "interpretations", "rss"):
        assert f'href="/xxgk/C/{path}/"' in html
    assert "本栏目暂无公开信息。" in page(client, "/xxgk/T-B/statutory/")


def test_interpretation_list(units, client):
    document = draft(units["county"], title="有解读的文件", is_policy_document=True)
    Interpretation.objects.create(document=document, unit=units["county"], title="文字解读甲")
    document_publish(actor=None, document=document)
    html = page(client, "/xxgk/C/interpretations/")
    assert "文字解读甲" in html and "有解读的文件" in html and "文字解读" in html
    assert "本单位暂无公开的政策解读。" in page(client, "/xxgk/T-B/interpretations/")


# --- RSS and sitemap ---------------------------------------------------------------------------


def test_rss_feed_of_a_unit(units, client):
    publish(units["county"], title="订阅的文件", summary="概述文字", published_on=date(2025, 3, 10))
    publish(units["finance"], title="财政局的文件")
    response = client.get("/xxgk/C/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    xml = response.content.decode()
    assert "<title>测试县人民政府政府信息公开</title>" in xml
    assert "<title>订阅的文件</title>" in xml and "<description>概述文字</description>" in xml
    assert "<pubDate>Mon, 10 Mar 2025 00:00:00 +0800</pubDate>" in xml
    assert re.search(r"<link>http://testserver/xxgk/C/documents/\d+/</link>", xml)
    assert "财政局的文件" not in xml
    page(client, "/xxgk/nope/rss/", 404)


def test_sitemap_lists_public_documents_and_interpretations_with_lastmod(units, client):
    document = draft(units["county"], title="进入站点地图的文件", is_policy_document=True)
    interpretation = Interpretation.objects.create(
        document=document, unit=units["county"], title="解读"
    )
    document_publish(actor=None, document=document)
    xml = page(client, "/sitemap.xml")
    assert re.search(rf"<loc>http://[^<]+{url_of(document)}</loc><lastmod>\d{{4}}-", xml)
    assert re.search(rf"<loc>http://[^<]+{url_of_interpretation(interpretation)}</loc>", xml)


# --- What must never be found ------------------------------------------------------------------


@pytest.fixture
def hidden(units):
    """Documents the public must never see, each a normative document with an interpretation,
    so that every list, the feed and the sitemap would show them if the rule slipped."""
    county = units["county"]
    grounds = {"withholding_ground": "process_info", "withholding_reason": "内部请示"}

    def make(title, **fields):
        document = draft(county, title=title, kind="normative", is_policy_document=True, **fields)
        Interpretation.objects.create(
            document=document, unit=county, title=f"{title}的解读", live=False
        )
        return document

    found = {"draft": make("不应出现：草稿")}
    for disclosure in ("on_request", "not_disclosed"):
        # Signed off and live in the register, yet not 主动公开.
        document = make(f"不应出现：{disclosure}", disclosure=disclosure, **grounds)
        document.latest_revision.publish(log_action=False)
        Interpretation.objects.filter(document=document).update(live=True)
        found[disclosure] = document
    unpublished = make("不应出现：已撤下")
    document_publish(actor=None, document=unpublished)
    found["unpublished"] = document_unpublish(actor=None, document=unpublished, reason="有误")
    changed = make("不应出现：改为依申请公开")
    document_publish(actor=None, document=changed)
    changed = document_unpublish(actor=None, document=changed, reason="公开属性有误")
    found["changed"] = document_update(
        actor=None, document=changed, disclosure="on_request", **grounds
    )
    visible = publish(county, title="可以公开的文件", kind="normative")
    for document in found.values():
        assert document.pk  # every one of them was really made
    return found, visible


def test_hidden_documents_have_no_page(hidden, client):
    documents, _visible = hidden
    for document in documents.values():
        for suffix in ("", "?print=1", "?as_of=2025-03-05"):
            page(client, url_of(document) + suffix, 404)
        for interpretation in Interpretation.objects.filter(document=document):
            page(client, url_of_interpretation(interpretation), 404)


def test_hidden_documents_are_in_no_list_feed_or_sitemap(hidden, client):
    documents, visible = hidden
    sources = {
        url: page(client, url)
        for url in (
            "/xxgk/C/statutory/",
            "/xxgk/C/documents/",
            "/xxgk/C/policies/",
            "/xxgk/C/in-force/",
            "/xxgk/C/interpretations/",
            "/xxgk/C/rss/",
            "/sitemap.xml",
        )
    }
    for url, text in sources.items():
        assert "不应出现" not in text, url
        for document in documents.values():
            assert f"/documents/{document.pk}/" not in text, url
    assert visible.title in sources["/xxgk/C/documents/"]  # the lists did list something


def test_a_document_taken_off_the_portal_disappears_at_once(units, client):
    document = publish(units["county"], title="将要撤下的文件")
    assert "将要撤下的文件" in page(client, "/xxgk/C/documents/")
    document_unpublish(actor=None, document=document, reason="内容有误")
    page(client, url_of(document), 404)
    assert "将要撤下的文件" not in page(client, "/xxgk/C/documents/")
    assert "将要撤下的文件" not in page(client, "/xxgk/C/rss/")


def test_documents_of_an_inactive_unit_are_not_in_the_sitemap(units, client):
    from gongkai.core.services import unit_update

    document = publish(units["town_b"], title="乙乡的文件")
    unit_update(actor=None, unit=units["town_b"], is_active=False)
    assert url_of(document) not in page(client, "/sitemap.xml")
    page(client, url_of(document), 404)


# --- Query counts -----------------------------------------------------------------------------


def queries(client, url: str) -> int:
    client.get(url)  # caches a running server has warm (Wagtail's site root paths)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_pages_need_a_bounded_number_of_queries(units, client):
    county, finance, office = units["county"], units["finance"], units["office"]
    documents = []
    for number in range(25):
        document = draft(office, title=f"文件{number}", co_issuers=[county, finance])
        Interpretation.objects.create(document=document, unit=office, title=f"解读{number}")
        documents.append(document_publish(actor=None, document=document))
    # A department: its breadcrumbs name the county above it. The sections other modules add
    # to the page (相关问答, the gazette's 刊登于) cost one query each.
    assert queries(client, url_of(documents[0])) <= 16
    for url in (
        "/xxgk/C-OFF/documents/",
        "/xxgk/C-OFF/documents/?page=2&year=2025&subject=02&kind=other",
        "/xxgk/C-OFF/interpretations/",
        "/xxgk/C-OFF/statutory/",
    ):
        assert queries(client, url) <= 15, url
    assert queries(client, "/xxgk/C-OFF/rss/") <= 10


def test_a_document_page_reads_only_the_parts_the_document_has(units, client):
    """Whether a document has co-issuers, attachments, interpretations and cross-links is read
    with the document; each part it has costs one query more (two for cross-links: the links,
    then the linked documents), and a bare document page reads none of them."""
    county, finance = units["county"], units["finance"]
    bare = publish(county, title="测试县关于做好防汛工作的通知")
    full = draft(
        county, title="测试县惠民政策实施办法", co_issuers=[finance], is_policy_document=True
    )
    attach(full, "附件 补贴标准", "a.csv", "档次,金额\n一档,100\n")
    full.save_revision()
    interpretation_create(
        actor=None,
        document=full,
        title="一问一答读懂惠民政策",
        form="qa",
        body="<p>问：谁能享受？答：全县居民。</p>",
    )
    document_publish(actor=None, document=full)
    implementing = publish(county, title="测试县惠民政策实施细则")
    document_link_implementation(actor=None, document=implementing, target=full)

    def queries(document) -> int:
        page(client, url_of(document))  # what the process reads once
        with CaptureQueriesContext(connection) as captured:
            page(client, url_of(document))
        return len(captured)

    assert queries(full) == queries(bare) + 1 + 1 + 1 + 2
    html = page(client, url_of(full))
    assert meta_row(html, "发文机关") == "测试县人民政府、测试县财政局"
    assert "附件 补贴标准" in html and "一问一答读懂惠民政策" in html
    assert "本级及下级配套文件" in html and "测试县惠民政策实施细则" in html
    bare_html = page(client, url_of(bare))
    assert "附件" not in bare_html and "政策解读" not in bare_html
    assert "上级文件" not in bare_html and "配套文件" not in bare_html
