"""Demo pages: the home page and the 政府信息公开 platform, set as the default site."""

from __future__ import annotations

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from gongkai.core.demo import DemoContext

from .models import DisclosurePlatformPage, HomePage, SiteIdentity

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
    site = Site.objects.get(is_default_site=True)
    identity = SiteIdentity.for_site(site)
    if not identity.organizer:
        identity.site_name = "示范县人民政府门户网站"
        identity.organizer = "示范县人民政府办公室"
        identity.site_id_code = "6229000001"
        identity.contact_phone = "0930-7712345"
        identity.save()
