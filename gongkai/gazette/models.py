"""The gazette: issues (期) of a publishing unit's 政府公报, their articles in order, the stored
PDF edition of each published issue, and the places where printed copies are given away (赠阅点).

Rows are written by ``services`` only; a published issue and its articles are never changed
there (``services`` refuses), so the web pages and the PDF always show what was published."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit
from gongkai.documents.models import OfficialDocument

from .domain.issues import SECTION_LABELS, Section, citation, gazette_name, issue_label


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已出版")


SECTION_CHOICES = [(section.value, label) for section, label in SECTION_LABELS.items()]


def pdf_upload_to(instance: GazetteIssue, filename: str) -> str:
    return f"gazette/{instance.unit.code}/{instance.year}-{instance.number:02d}.pdf"


class GazetteIssue(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=_("出版单位"), on_delete=models.PROTECT, related_name="gazette_issues"
    )
    year = models.PositiveSmallIntegerField(_("年份"))
    number = models.PositiveSmallIntegerField(_("期号"))
    total_number = models.PositiveIntegerField(_("总期号"))
    issue_date = models.DateField(_("出版日期"))
    status = models.CharField(
        _("状态"), max_length=16, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    published_at = models.DateTimeField(_("出版时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pdf = models.FileField(_("PDF版"), upload_to=pdf_upload_to, blank=True)
    pdf_sha256 = models.CharField(_("PDF版SHA-256"), max_length=64, blank=True)
    pdf_pages = models.PositiveIntegerField(_("PDF版页数"), default=0)
    pdf_bytes = models.PositiveIntegerField(_("PDF版字节数"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("公报期次")
        verbose_name_plural = _("公报期次")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "number"], name="gazette_issue_number"),
            models.UniqueConstraint(fields=["unit", "total_number"], name="gazette_issue_total"),
        ]

    def __str__(self) -> str:
        return f"{self.gazette_name}{self.label}"

    @property
    def label(self) -> str:
        return issue_label(self.year, self.number)

    @property
    def gazette_name(self) -> str:
        return gazette_name(self.unit.name)

    @property
    def citation(self) -> str:
        return citation(self.unit.name, self.year, self.number)

    @property
    def is_published(self) -> bool:
        return self.status == IssueStatus.PUBLISHED

    @property
    def shows_on_portal(self) -> bool:
        return self.is_published


class GazetteArticle(models.Model):
    issue = models.ForeignKey(
        GazetteIssue, verbose_name=_("期次"), on_delete=models.CASCADE, related_name="articles"
    )
    section = models.CharField(_("栏目"), max_length=16, choices=SECTION_CHOICES)
    position = models.PositiveIntegerField(_("栏目内顺序"), default=0)
    # A document of the register; its title, number, issuer and text are copied when it is
    # added and again when the issue is published, so the issue keeps what it printed even if
    # the register's document is later amended or withdrawn.
    document = models.ForeignKey(
        OfficialDocument,
        verbose_name=_("台账公文"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="gazette_articles",
    )
    title = models.CharField(_("标题"), max_length=300)
    doc_number = models.CharField(_("发文字号"), max_length=64, blank=True)
    issuer = models.CharField(_("发文机关"), max_length=200, blank=True)
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    body = models.TextField(_("正文"), blank=True)  # rich text (Wagtail's stored HTML)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("所更正的文章"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )

    class Meta:
        ordering = ["issue", "position", "id"]
        verbose_name = _("公报文章")
        verbose_name_plural = _("公报文章")

    def __str__(self) -> str:
        return self.title

    @property
    def section_label(self) -> str:
        return SECTION_LABELS[Section(self.section)]

    @property
    def shows_on_portal(self) -> bool:
        return self.issue.is_published


class DistributionPoint(models.Model):
    """A place where the printed gazette is given away (赠阅点): libraries, service halls,
    the 政府信息公开查阅点."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("所属单位"),
        on_delete=models.PROTECT,
        related_name="gazette_distribution_points",
    )
    name = models.CharField(_("名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200)
    hours = models.CharField(_("开放时间"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    is_active = models.BooleanField(_("提供赠阅"), default=True)
    position = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("赠阅点")
        verbose_name_plural = _("赠阅点")

    def __str__(self) -> str:
        return self.name
