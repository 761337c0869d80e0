"""The public portal: a home page and the 政府信息公开 platform with one section per unit."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from gongkai.catalog import portal as catalog_portal
from gongkai.core.domain.publication_gate import PublicText
from gongkai.core.models import Unit
from gongkai.documents import portal as documents_portal
from gongkai.documents.feeds import SUBJECT_NAMES, UnitAtomFeed, UnitDocumentsFeed
from gongkai.documents.gate import check as gate_check
from gongkai.documents.gate import refusal
from gongkai.documents.selectors import (
    public_documents,
    public_interpretations,
    public_policies,
)
from gongkai.documents.text import rich_text, rich_text_attributes
from gongkai.reports import portal as reports_portal

from . import memo
from .columns import COLUMNS, COLUMNS_BY_SLUG, column_content
from .guide import guide_sections
from .home import home_entries
from .selectors import active_unit
from .sites import foreign_section_redirect, site_unit

# The home page's 政府信息公开 block groups the units at the top of the tree by what they are.
UNIT_GROUPS = (
    (_("政府及部门"), ("government", "department", "other")),
    (_("乡镇（街道）"), ("township",)),
    (_("村（居）"), ("village",)),
)
# How many of the newest items each block of the home page shows.
HOME_LATEST = 6

# A link an editor types: a path on this site or a web address (专题专栏, 党政机关 mark).
link_validator = RegexValidator(
    r"^(/|https?://)\S*$", _("请填写以“/”开头的本站路径或以 http:// 或 https:// 开头的网址。")
)


class PublicContentVersion(models.Model):
    """The version of one set of pages: a random token replaced after every write that can change
    them (``all``, ``site:<unit id>``, ``unit:<code>``; see `response_cache`).

    The whole-page cache keys pages by it. Random rather than a counter, like the calendar's
    version: a rolled-back write can never hand out a token a later one reuses.
    """

    scope = models.CharField(max_length=64, unique=True)
    token = models.CharField(max_length=32, default="")

    def __str__(self) -> str:
        return f"public content version {self.scope} {self.token}"


class PortalSite(models.Model):
    """The public site of one top-level unit (a county or the city) on its own host name: a
    Wagtail ``Site`` (host name, and through it the ``SiteIdentity``: 网站标识码, footer) whose
    pages show that unit's subtree. Every site shares the one page tree; the unit decides what
    its home page, sitemap and default search scope hold."""

    site = models.OneToOneField(
        "wagtailcore.Site", verbose_name=_("站点"), on_delete=models.CASCADE, related_name="portal"
    )
    unit = models.OneToOneField(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("门户站点")
        verbose_name_plural = _("门户站点")
        ordering = ["unit__path"]

    def __str__(self) -> str:
        return f"{self.unit.name}（{self.site.hostname}）"


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """What government sites must show about themselves (政府网站发展指引, page metadata)."""

    site_name = models.CharField(_("网站名称"), max_length=100, default="政务公开平台")
    site_id_code = models.CharField(_("网站标识码"), max_length=32, blank=True)
    organizer = models.CharField(_("主办单位"), max_length=100, blank=True)
    icp_record = models.CharField(_("ICP备案号"), max_length=64, blank=True)
    public_security_record = models.CharField(_("公安机关备案号"), max_length=64, blank=True)
    contact_phone = models.CharField(_("网站联系电话"), max_length=50, blank=True)
    contact_email = models.EmailField(_("网站联系邮箱"), blank=True)
    contact_address = models.CharField(_("通信地址"), max_length=200, blank=True)
    contact_postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    contact_note = models.TextField(
        _("联系我们补充说明"),
        blank=True,
        help_text=_("显示在“联系我们”页面，例如受理时间、各类事项的联系渠道。"),
    )
    party_mark_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("党政机关网站标识图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    party_mark_url = models.CharField(
        _("党政机关网站标识链接"),
        max_length=300,
        blank=True,
        validators=[link_validator],
        help_text=_("机构编制部门核发标识时给出的验证地址。"),
    )

    panels = [
        FieldPanel("site_name"),
        FieldPanel("site_id_code"),
        FieldPanel("organizer"),
        FieldPanel("icp_record"),
        FieldPanel("public_security_record"),
        MultiFieldPanel(
            [FieldPanel("party_mark_image"), FieldPanel("party_mark_url")],
            heading=_("党政机关网站标识"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
                FieldPanel("contact_address"),
                FieldPanel("contact_postcode"),
                FieldPanel("contact_note"),
            ],
            heading=_("联系我们"),
        ),
    ]

    class Meta:
        verbose_name = _("网站标识")

    @classmethod
    def for_site(cls, site):
        # Read by every page's header and footer; a change is a write without a unit, which
        # gives every page a new content version (`memo`).
        for_site = super().for_site
        if site is None:
            return for_site(site)
        return memo.memoised(f"site-identity:{site.pk}", lambda: for_site(site))


def _publishing_unit() -> Unit | None:
    """The unit whose publication-check exceptions cover the site's own pages: the top of the
    tree (the county government that runs the site)."""
    return Unit.objects.filter(is_active=True).order_by("depth", "pk").first()


def _refuse_personal_data(texts: list[PublicText]) -> None:
    """The publication gate on a page's public texts, as a form error: every save is checked,
    because Wagtail publishes a saved revision later (scheduled publishing) without a form."""
    unit = _publishing_unit()
    if unit is None:
        return
    result = gate_check(unit=unit, texts=[t for t in texts if t.text])
    if not result.clean:
        raise ValidationError(refusal(result, action="保存"))


class MemoisedRestrictionsMixin:
    """A page whose view restrictions (Wagtail's privacy settings, checked on every request)
    are read once per ``all`` content version: a restriction, and any move of a page, is a
    write without a unit, which gives every page a new version (`memo`)."""

    def get_view_restrictions(self):
        restrictions = super().get_view_restrictions
        if not memo.active():
            return restrictions()
        return memo.memoised(f"view-restrictions:{self.pk}", lambda: list(restrictions()))


class HomePage(MemoisedRestrictionsMixin, Page):
    intro = RichTextField(_("首页导语"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("topics", heading=_("专题专栏"), label=_("专题")),
    ]
    subpage_types = ["portal.DisclosurePlatformPage", "portal.NewsIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("首页")

    def route(self, request, path_components):
        # Every public URL passes through one of the home page's few children: keep them
        # (already specific) with the content version instead of two queries per request.
        if not path_components or not memo.active():
            return super().route(request, path_components)
        children = memo.memoised(
            f"page-children:{self.pk}", lambda: {p.slug: p for p in self.get_children().specific()}
        )
        child = children.get(path_components[0])
        if child is None:
            raise Http404
        return child.route(request, path_components[1:])

    def clean(self) -> None:
        super().clean()
        texts = [
            PublicText("首页导语", rich_text(self.intro)),
            PublicText("首页导语中的链接和图片说明", rich_text_attributes(self.intro)),
        ]
        for topic in self.topics.all():
            texts += [
                PublicText(f"专题“{topic.title}”的名称", topic.title),
                PublicText(f"专题“{topic.title}”的说明", topic.description),
            ]
        _refuse_personal_data(texts)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        platform = DisclosurePlatformPage.objects.live().first()
        # A county's or city's own site shows its subtree; the installation's default site
        # (no registered site on this host) shows every unit, as before there were sites.
        own = site_unit(request)
        top = own or _publishing_unit()
        context.update(
            platform=platform,
            news_lists=[
                (index, list(index.items()[:HOME_LATEST])) for index in self.news_indexes()
            ],
            interaction_entries=home_entries(),
            topics=self.topics.all(),
            top_unit=top,
            column_name="首页",
            column_type="首页",
        )
        if platform is not None:
            context.update(platform.home_blocks(top, subtree=own is not None))
        if top is not None:
            context["request_links"] = {
                "apply": reverse("requests_public:apply", args=[top.code]),
                "track": reverse("requests_public:track"),
                "guide": platform.unit_url(top, "on-request") if platform else "",
            }
        return context

    def news_indexes(self):
        return NewsIndexPage.objects.child_of(self).live().public().order_by("path")


class HomeTopic(Orderable):
    """One entry of the home page's 专题专栏: a title, a line about it and where it leads."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(_("专题名称"), max_length=60)
    description = models.CharField(_("说明"), max_length=120, blank=True)
    link = models.CharField(
        _("链接"),
        max_length=300,
        validators=[link_validator],
        help_text=_("本站路径（如 /xxgk/）或完整网址。"),
    )

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("link")]

    class Meta(Orderable.Meta):
        verbose_name = _("专题")
        verbose_name_plural = _("专题专栏")

    def __str__(self) -> str:
        return self.title


class NewsIndexPage(MemoisedRestrictionsMixin, Page):
    """A list of dated items, newest first, a page at a time: 要闻动态 or 通知公告 (one page each,
    told apart by their title and slug)."""

    PAGE_SIZE = 15

    intro = models.CharField(_("栏目说明"), max_length=200, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.NewsPage"]

    class Meta:
        verbose_name = _("新闻公告栏目")

    def items(self):
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-date", "-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.items(), self.PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            page_obj=page_obj,
            page_range=paginator.get_elided_page_range(page_obj.number),
            column_name=self.title,
            column_type=self.title,
            trail=[(self.title, None)],
        )
        return context


def _today():
    return timezone.localdate()


class NewsPage(MemoisedRestrictionsMixin, Page):
    """One item of 要闻动态 or 通知公告: its date, a summary for lists and search, the text."""

    date = models.DateField(_("日期"), default=_today)
    summary = models.TextField(
        _("摘要"), max_length=300, blank=True, help_text=_("列表和检索结果中显示，不超过300字。")
    )
    body = RichTextField(_("正文"))
    source = models.CharField(
        _("信息来源"), max_length=100, blank=True, help_text=_("例如发布单位的名称。")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("source"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    parent_page_types = ["portal.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("新闻公告")

    def clean(self) -> None:
        super().clean()
        if self.date and self.date > timezone.localdate():
            # A dated item shows what has happened or been announced; one dated in the future
            # would sit on top of the list as if it were news. Scheduled publishing is the way
            # to release an item later.
            raise ValidationError({"date": _("日期不能晚于今天；需要以后发布的，请使用定时发布。")})
        _refuse_personal_data(
            [
                PublicText("标题", self.title),
                PublicText("摘要", self.summary),
                PublicText("信息来源", self.source),
                PublicText("正文", rich_text(self.body)),
                PublicText("正文中的链接和图片说明", rich_text_attributes(self.body)),
            ]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parent = self.get_parent()
        context.update(
            column_name=parent.title,
            column_type=parent.title,
            article_title=self.title,
            pub_date=self.first_published_at or self.date,
            content_source=self.source or "",
            trail=[(parent.title, parent.url), (_("正文"), None)],
        )
        return context


class DisclosurePlatformPage(MemoisedRestrictionsMixin, RoutablePageMixin, Page):
    """政府信息公开平台: a section per unit with the standard columns, read from the unit tree so
    that a unit added by an administrator has its section at once."""

    intro = RichTextField(_("导语"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("政府信息公开平台")

    @property
    def url(self) -> str:
        """The page's path. Every site (`PortalSite`) shares this page tree, so it is the same on
        each host, and a relative link keeps a visitor on the county's site they came to
        (Wagtail's own ``url`` names a host once there are several sites)."""
        parts = self.get_url_parts()
        return parts[2] if parts else ""

    def serve(self, request, view=None, args=None, kwargs=None):
        # Every route below the platform names its unit by ``code``.
        code = (kwargs or {}).get("code")
        if code is not None and (moved := foreign_section_redirect(request, code)) is not None:
            return moved
        return super().serve(request, view, args, kwargs)

    def _render(self, request, template: str, *, status: int = 200, **context):
        # platform_url: this page, so the context processor need not look it up again.
        context = {
            **self.get_context(request),
            "platform_url": self.url,
            "platform_current": True,
            **context,
        }
        return TemplateResponse(request, template, context, status=status)

    @path("")
    def unit_index(self, request):
        units = Unit.objects.filter(is_active=True).select_related("parent")
        if (own := site_unit(request)) is not None:
            units = units.subtree_of(own)
        return self._render(
            request,
            "portal/unit_index.html",
            units=units,
            column_name="政府信息公开",
            column_type="政府信息公开",
        )

    def _unit(self, code: str) -> Unit:
        unit = active_unit(code)
        if unit is None:
            raise Http404
        return unit

    @path("<str:code>/", name="unit")
    def unit_section(self, request, code):
        unit = self._unit(code)
        return self._render(
            request,
            "portal/unit_section.html",
            unit=unit,
            columns=COLUMNS,
            children=unit.children.filter(is_active=True),
            column_name="政府信息公开",
            column_type="政府信息公开",
        )

    # The register's pages come before the generic column route, which would take their paths.

    def _statutory(self, unit: Unit, *crumbs: tuple[str, str | None]) -> dict:
        """What every page under 法定主动公开内容 needs: the column chrome and breadcrumbs."""
        column = COLUMNS_BY_SLUG["statutory"]
        return {
            "unit": unit,
            "columns": COLUMNS,
            "column": column,
            "column_name": column.name,
            "column_type": column.column_type,
            "crumbs": [(column.name, self.unit_url(unit, column.slug)), *crumbs],
            "feed_url": self.url + self.reverse_subpage("feed", args=[unit.code]),
        }

    @staticmethod
    def _print_options(request) -> dict:
        # ?print=1: the same page without the site's chrome, for paper.
        printing = request.GET.get("print") == "1"
        return {
            "printing": printing,
            "base_template": "portal/print_base.html" if printing else "base.html",
        }

    @re_path(r"^(?P<code>[^/]+)/(?P<slug>documents|policies|in-force)/$", name="document_list")
    def document_list(self, request, code, slug):
        unit = self._unit(code)
        context = documents_portal.document_list_context(request, unit, slug)
        # A list narrowed to one 主题分类 is that column's page: it offers the column's feed.
        if subject := context["form"].cleaned_data.get("subject"):
            context["column_feed_url"] = self.atom_url(unit, subject)
            context["column_feed_title"] = SUBJECT_NAMES[subject]
        return self._render(
            request,
            "documents/portal/document_list.html",
            **self._statutory(unit, (context["listing"].title, None)),
            **context,
        )

    @path("<str:code>/documents/<int:pk>/", name="document")
    def document_detail(self, request, code, pk):
        unit = self._unit(code)
        context, status = documents_portal.document_detail_context(request, unit, pk)
        return self._render(
            request,
            "documents/portal/document_detail.html",
            status=status,
            **self._print_options(request),
            **self._statutory(unit, (_("正文"), None)),
            **context,
        )

    @path("<str:code>/interpretations/", name="interpretations")
    def interpretation_list(self, request, code):
        unit = self._unit(code)
        context = documents_portal.interpretation_list_context(request, unit)
        return self._render(
            request,
            "documents/portal/interpretation_list.html",
            **self._statutory(unit, (context["listing"].title, None)),
            **context,
        )

    @path("<str:code>/interpretations/<int:pk>/", name="interpretation")
    def interpretation_detail(self, request, code, pk):
        unit = self._unit(code)
        listing = documents_portal.INTERPRETATIONS
        return self._render(
            request,
            "documents/portal/interpretation_detail.html",
            **self._print_options(request),
            **self._statutory(
                unit,
                (listing.title, self.url + self.reverse_subpage("interpretations", args=[code])),
                (_("正文"), None),
            ),
            **documents_portal.interpretation_detail_context(unit, pk),
        )

    @path("<str:code>/rss/", name="feed")
    def feed(self, request, code):
        unit = self._unit(code)
        feed = UnitDocumentsFeed(
            unit_url=self.unit_url(unit, "statutory"),
            document_url=lambda document: self.document_url(unit.code, document.pk),
        )
        return feed(request, unit=unit)

    @path("<str:code>/atom/", name="atom")
    @path("<str:code>/atom/<str:subject>/", name="atom_column")
    def atom(self, request, code, subject=None):
        unit = self._unit(code)
        if subject is not None and subject not in SUBJECT_NAMES:
            raise Http404
        feed = UnitAtomFeed(
            unit_url=self.unit_url(unit),
            # A subtree's document is read at its own unit's section.
            document_url=lambda document: self.document_url(document.unit.code, document.pk),
            subject=subject,
        )
        return feed(request, unit=unit)

    def atom_url(self, unit: Unit, subject: str | None = None) -> str:
        if subject:
            return self.url + self.reverse_subpage("atom_column", args=[unit.code, subject])
        return self.url + self.reverse_subpage("atom", args=[unit.code])

    # The catalog's pages (gongkai/catalog/portal.py), under 法定主动公开内容.

    def _catalog_page(self, request, unit: Unit, template: str, label, context: dict):
        crumbs = [(label, None)]
        if "item" in context:
            crumbs = [
                (_("标准目录"), self.url + self.reverse_subpage("catalog", args=[unit.code])),
                (context["item"].name, None),
            ]
        return self._render(
            request, f"catalog/portal/{template}", **self._statutory(unit, *crumbs), **context
        )

    @path("<str:code>/catalog/", name="catalog")
    def catalog(self, request, code):
        unit = self._unit(code)
        context = catalog_portal.catalog_context(unit)
        return self._catalog_page(request, unit, "catalog.html", _("标准目录"), context)

    @path("<str:code>/catalog/<int:pk>/", name="catalog_item")
    def catalog_item(self, request, code, pk):
        unit = self._unit(code)
        context = catalog_portal.item_context(unit, pk)
        return self._catalog_page(request, unit, "item.html", _("标准目录"), context)

    @path("<str:code>/village-affairs/", name="village_affairs")
    def village_affairs(self, request, code):
        unit = self._unit(code)
        context = catalog_portal.village_affairs_context(unit)
        return self._catalog_page(
            request, unit, "village_affairs.html", _("村（居）务公开"), context
        )

    @path("<str:code>/powers/", name="powers")
    def powers(self, request, code):
        unit = self._unit(code)
        context = catalog_portal.powers_context(request, unit)
        return self._catalog_page(request, unit, "powers.html", _("权责清单"), context)

    @path("<str:code>/functions/", name="functions")
    def functions(self, request, code):
        unit = self._unit(code)
        context = catalog_portal.functions_context(unit)
        return self._catalog_page(request, unit, "functions.html", _("机构职能目录"), context)

    @path("<str:code>/annual-reports/<str:key>/", name="annual_report")
    def annual_report(self, request, code, key):
        # A published annual report (gongkai/reports/portal.py), under 政府信息公开年报.
        return reports_portal.report_page(self, request, self._unit(code), key)

    @path("<str:code>/<slug:column>/", name="column")
    def unit_column(self, request, code, column):
        unit = self._unit(code)
        col = COLUMNS_BY_SLUG.get(column)
        if col is None:
            raise Http404
        context = {
            "unit": unit,
            "columns": COLUMNS,
            "column": col,
            "column_name": col.name,
            "column_type": col.column_type,
            "contents": column_content(col.slug, unit),
        }
        if col.slug == "guide":
            context["guide"] = guide_sections(unit)
        if col.slug == "rules":
            context["rules_paragraphs"] = [
                p.strip() for p in unit.disclosure_rules.splitlines() if p.strip()
            ]
        context["is_empty"] = not (
            context.get("guide") or context.get("rules_paragraphs") or context["contents"]
        )
        return self._render(request, "portal/unit_column.html", **context)

    def home_blocks(self, top: Unit | None, *, subtree: bool = False) -> dict:
        """What the home page shows of the platform: the newest policy documents and
        interpretations of every unit (of ``top``'s subtree on a county's or city's own site),
        and the sections of the units at the top of the tree."""
        # The site's own government and the units directly below it; reference units of other
        # places (a province whose documents were imported) have their sections, not a block.
        units = (
            Unit.objects.subtree_of(top)
            .filter(is_active=True, depth__lte=top.depth + 1)
            .order_by("depth", "path")
            if top
            else Unit.objects.none()
        )
        policies = public_policies(top if subtree else None, subtree=subtree)
        interpretations = public_interpretations()
        if subtree:
            interpretations = interpretations.filter(unit__path__startswith=top.path)
        policies = policies.filter(unit__is_active=True)[:HOME_LATEST]
        interpretations = interpretations.filter(unit__is_active=True)[:HOME_LATEST]
        return {
            "policies": [(d, self.document_url(d.unit.code, d.pk)) for d in policies],
            "interpretations": [
                (i, self.interpretation_url(i.unit.code, i.pk)) for i in interpretations
            ],
            "more_policies": self.url
            + self.reverse_subpage("document_list", args=[top.code, "policies"])
            if top
            else "",
            "more_interpretations": self.url
            + self.reverse_subpage("interpretations", args=[top.code])
            if top
            else "",
            "unit_groups": [
                (label, [(u, self.unit_url(u)) for u in units if u.kind in kinds])
                for label, kinds in UNIT_GROUPS
                if any(u.kind in kinds for u in units)
            ],
        }

    def interpretation_url(self, code: str, pk: int) -> str:
        return self.url + self.reverse_subpage("interpretation", args=[code, pk])

    def unit_url(self, unit: Unit, column: str | None = None) -> str:
        if column:
            return self.url + self.reverse_subpage("column", args=[unit.code, column])
        return self.url + self.reverse_subpage("unit", args=[unit.code])

    def document_url(self, code: str, pk: int) -> str:
        return self.url + self.reverse_subpage("document", args=[code, pk])

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        # A county's or city's own site lists its subtree; the default site every unit.
        own = site_unit(request) if request is not None else None
        units = Unit.objects.filter(is_active=True)
        if own is not None:
            units = units.subtree_of(own)
        for unit in units.only("code"):
            urls.append({"location": base + self.reverse_subpage("unit", args=[unit.code])})
            for col in COLUMNS:
                sub = self.reverse_subpage("column", args=[unit.code, col.slug])
                urls.append({"location": base + sub})
        # Only what the public may read, and only where its unit's section is open.
        documents = public_documents(own, subtree=True).filter(unit__is_active=True)
        for pk, code, updated in documents.values_list("pk", "unit__code", "updated_at"):
            sub = self.reverse_subpage("document", args=[code, pk])
            urls.append({"location": base + sub, "lastmod": updated})
        interpretations = public_interpretations().filter(unit__is_active=True)
        if own is not None:
            interpretations = interpretations.filter(unit__path__startswith=own.path)
        for pk, code, published in interpretations.values_list(
            "pk", "unit__code", "last_published_at"
        ):
            sub = self.reverse_subpage("interpretation", args=[code, pk])
            urls.append({"location": base + sub, "lastmod": published})
        # The modules list every unit's pages, each path starting with its unit's code: a
        # site keeps those of its subtree.
        codes = set(units.values_list("code", flat=True)) if own is not None else set()
        for sub in [*catalog_portal.sitemap_paths(self), *reports_portal.sitemap_paths(self)]:
            if own is None or sub.split("/", 1)[0] in codes:
                urls.append({"location": base + sub})
        return urls
