"""Demo pages: the home page with its 专题专栏, 要闻动态 and 通知公告 with their items, the
政府信息公开 platform (set as the default site) and the footer's settings."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from gongkai.core.demo import DemoContext

from .models import (
    DisclosurePlatformPage,
    HomePage,
    HomeTopic,
    NewsIndexPage,
    NewsPage,
    SiteIdentity,
)

# slug, title, intro
NEWS_INDEXES = (
    ("ywdt", "要闻动态", "示范县政府重要会议、重点工作和政务活动。"),
    ("tzgg", "通知公告", "示范县政府及各部门发布的通知、公告和公示。"),
)
# index slug, days before today, title, source, summary, body paragraphs. Dated from the day
# the demo is loaded and never after it: a list whose top item lies in the future looks broken.
NEWS_ITEMS = (
    (
        "ywdt",
        1,
        "县政府召开常务会议研究部署政务公开重点工作",
        "示范县人民政府办公室",
        "会议听取了全县政务公开工作情况汇报，研究部署政策解读、依申请公开办理和基层政务公开标准化建设等重点工作。",
        (
            "县政府常务会议听取了县政府办公室关于全县政务公开工作情况的汇报。",
            "会议要求，各单位要坚持以公开为常态、不公开为例外，做到政策文件与解读材料同步组织、同步审签、同步部署；"
            "依申请公开要严格按照法定期限答复，做到件件有回音。",
            "会议强调，要持续推进基层政务公开标准化规范化，年内完成各乡镇标准目录的梳理和更新。",
        ),
    ),
    (
        "ywdt",
        4,
        "城关镇政务公开专区正式启用",
        "示范县城关镇人民政府",
        "城关镇便民服务中心政务公开专区投入使用，群众可现场查阅政府信息、提交政府信息公开申请。",
        (
            "城关镇便民服务中心政务公开专区日前正式启用。",
            "专区设有政府信息查阅点、政策咨询窗口和政府信息公开申请受理点，配备自助查询终端，"
            "并为老年人和残疾人提供帮办代办服务。",
        ),
    ),
    (
        "ywdt",
        9,
        "县民政局开展城乡居民最低生活保障政策宣讲",
        "示范县民政局",
        "县民政局深入各乡镇开展最低生活保障政策宣讲，现场解答群众关于申请条件和办理流程的问题。",
        (
            "县民政局组织工作人员深入各乡镇、村（社区），开展城乡居民最低生活保障政策宣讲活动。",
            "宣讲采取集中讲解与入户走访相结合的方式，重点介绍申请条件、办理流程和救助标准。",
        ),
    ),
    (
        "ywdt",
        15,
        "县财政局公开2026年县级部门预算",
        "示范县财政局",
        "按照预算公开的有关要求，县级各部门2026年部门预算已在政府信息公开平台集中公开。",
        (
            "按照预算法和预算公开的有关要求，县级各部门2026年部门预算已集中公开。",
            "公众可通过政府信息公开平台查阅各部门的收支总表、收入总表、支出总表和三公经费预算情况。",
        ),
    ),
    (
        "ywdt",
        22,
        "河西乡召开村务公开工作推进会",
        "示范县河西乡人民政府",
        "河西乡召开村务公开工作推进会，要求各村按季度更新村务公开栏目。",
        (
            "河西乡召开村务公开工作推进会，通报各村村务公开情况。",
            "会议要求各村按季度更新村务公开栏目。",
        ),
    ),
    (
        "tzgg",
        2,
        "关于征集政务公开工作意见建议的公告",
        "示范县人民政府办公室",
        "为进一步提升政务公开工作质量，现面向社会公开征集意见建议，征集期为30日。",
        (
            "为进一步提升政务公开工作质量，更好回应社会关切，现面向社会公开征集意见建议。",
            "意见建议可通过本网站“互动交流—我要留言”栏目提交，也可邮寄至示范县人民路1号县政府办公室政务公开股。",
        ),
    ),
    (
        "tzgg",
        6,
        "示范县政务服务中心节假日办公安排",
        "示范县人民政府办公室",
        "节假日期间政务服务中心实行轮班制，急办事项可拨打值班电话咨询。",
        (
            "节假日期间，县政务服务中心实行轮班制，综合受理窗口正常办公。",
            "急办事项请拨打县政府值班电话0930-7712345咨询。",
        ),
    ),
    (
        "tzgg",
        12,
        "关于开展政府开放日活动的通知",
        "示范县人民政府办公室",
        "县政府将组织政府开放日活动，邀请群众代表走进政府机关，了解政府工作。",
        (
            "为增进公众对政府工作的了解和支持，县政府将组织政府开放日活动。",
            "报名方式和活动安排详见本网站“决策公开”栏目。",
        ),
    ),
    (
        "tzgg",
        20,
        "示范县2025年政府信息公开工作年度报告已发布",
        "示范县人民政府办公室",
        "依照《政府信息公开条例》第四十九条，县政府及各部门的年度报告已在各单位政府信息公开栏目发布。",
        (
            "依照《中华人民共和国政府信息公开条例》第四十九条的规定，"
            "县政府及各部门2025年政府信息公开工作年度报告已发布。",
            "公众可在政府信息公开平台各单位的“政府信息公开年报”栏目查阅。",
        ),
    ),
)
# title, description, link
TOPICS = (
    ("政务公开", "政府信息公开指南、制度、年报和依申请公开", "/xxgk/"),
    ("最低生活保障", "申请条件、办理流程和政策问答", "/search/?q=最低生活保障"),
    ("优化营商环境", "惠企政策和政务服务", "/search/?q=营商环境"),
    ("政府信息公开年报", "县政府历年政府信息公开工作年度报告", "/xxgk/013901000/annual-reports/"),
)

ORDER = 20


def load(context: DemoContext) -> None:
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's stock welcome page has no place on a government site, and holds the slug.
        for page in Page.objects.filter(depth=2):
            if page.specific_class is Page:
                page.delete()
        root = Page.get_first_root_node()
        if root is None:  # a flushed database (browser tests) lacks Wagtail's migrated root
            Locale.objects.get_or_create(
                language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
            )
            root = Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(
            instance=HomePage(
                title="示范县人民政府",
                slug="home",
                intro="<p>欢迎访问示范县人民政府政务公开平台。本平台依照《中华人民共和国政府信息公开条例》"
                "集中发布本县各单位的政府信息。</p>",
            )
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "示范县人民政府",
            },
        )
        context.created_anything = True
    if not DisclosurePlatformPage.objects.exists():
        home.add_child(
            instance=DisclosurePlatformPage(
                title="政府信息公开",
                slug="xxgk",
                intro="<p>按单位浏览政府信息公开指南、制度、法定主动公开内容、年报和依申请公开。</p>",
            )
        )
        context.created_anything = True
    if not home.topics.exists():
        for order, (title, description, link) in enumerate(TOPICS):
            HomeTopic.objects.create(
                page=home, sort_order=order, title=title, description=description, link=link
            )
        context.created_anything = True
    _load_news(home, context)
    site = Site.objects.get(is_default_site=True)
    identity = SiteIdentity.for_site(site)
    if not identity.organizer:
        identity.site_name = "示范县人民政府门户网站"
        identity.organizer = "示范县人民政府办公室"
        identity.site_id_code = "6229000001"
        identity.contact_phone = "0930-7712345"
        identity.icp_record = "示ICP备00000001号"
        identity.public_security_record = "示公网安备00000000000001号"
        identity.contact_email = "zwgk@sfx.gov.cn"
        identity.contact_address = "示范县人民路1号示范县人民政府办公室"
        identity.contact_postcode = "731700"
        identity.contact_note = (
            "网站内容和技术问题：工作日 8:30—12:00，14:30—18:00。\n"
            "政府信息公开申请请通过“依申请公开”栏目提交；咨询、建议和投诉请通过“互动交流”留言。"
        )
        identity.save()
        context.created_anything = True


def _load_news(home: HomePage, context: DemoContext) -> None:
    today = timezone.localdate()
    indexes = {index.slug: index for index in NewsIndexPage.objects.child_of(home)}
    for slug, title, intro in NEWS_INDEXES:
        if slug not in indexes:
            indexes[slug] = home.add_child(
                instance=NewsIndexPage(title=title, slug=slug, intro=intro)
            )
            context.created_anything = True
    for slug, days, title, source, summary, paragraphs in NEWS_ITEMS:
        index = indexes[slug]
        if NewsPage.objects.child_of(index).filter(title=title).exists():
            continue
        item = index.add_child(
            instance=NewsPage(
                title=title,
                date=today - timedelta(days=days),
                source=source,
                summary=summary,
                body="".join(f"<p>{p}</p>" for p in paragraphs),
                live=False,
            )
        )
        # Published as an editor would, so search indexes it through Wagtail's signal.
        item.save_revision().publish()
        context.created_anything = True
