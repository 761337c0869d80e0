"""The document register (公文台账): every official document a unit issues, with its GB/T
9704-2012 elements, its disclosure attribute fixed at source, its publication and validity.

A document is a Wagtail snippet with revisions, locking and a moderation workflow, so that the
register and the review-before-publish chain (分级审核、先审后发) are one record. It is published
on the portal only while it is live *and* its attribute is 主动公开 (``selectors``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from gongkai.core.models import Unit

from .domain.attributes import DISCLOSURE_LABELS, ground_choices
from .domain.subject_classes import choices as subject_class_choices


class DocumentKind(models.TextChoices):
    RULE = "rule", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    OTHER = "other", _("其他文件")


class Validity(models.TextChoices):
    IN_FORCE = "in_force", _("现行有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
    EXPIRED = "expired", _("已失效")


class Urgency(models.TextChoices):
    NONE = "", _("无")
    URGENT = "加急", _("加急")
    EXTRA_URGENT = "特急", _("特急")


class Secrecy(models.TextChoices):
    NONE = "", _("无")
    SECRET = "秘密", _("秘密")
    CONFIDENTIAL = "机密", _("机密")
    TOP_SECRET = "绝密", _("绝密")


class InterpretationForm(models.TextChoices):
    TEXT = "text", _("文字解读")
    QA = "qa", _("问答解读")
    GRAPHIC = "graphic", _("图解")
    VIDEO = "video", _("视频解读")


class OfficialDocument(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ClusterableModel,
):
    unit = models.ForeignKey(
        Unit, verbose_name=_("发文单位"), on_delete=models.PROTECT, related_name="documents"
    )
    co_issuers = ParentalManyToManyField(
        Unit, verbose_name=_("联合发文单位"), blank=True, related_name="co_issued_documents"
    )
    doc_number = models.CharField(_("发文字号"), max_length=64, blank=True, db_index=True)
    title = models.CharField(_("标题"), max_length=300)
    recipients = models.TextField(
        _("主送机关"), blank=True, help_text=_("多个机关用顿号或换行分隔")
    )
    cc = models.TextField(_("抄送机关"), blank=True)
    written_on = models.DateField(_("成文日期"))
    printed_on = models.DateField(_("印发日期"), null=True, blank=True)
    signer = models.CharField(_("签发人"), max_length=50, blank=True)
    urgency = models.CharField(_("紧急程度"), max_length=4, choices=Urgency.choices, blank=True)
    secrecy = models.CharField(_("密级"), max_length=4, choices=Secrecy.choices, blank=True)
    kind = models.CharField(
        _("文件类型"), max_length=16, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    subject_class = models.CharField(
        _("主题分类"), max_length=4, choices=subject_class_choices(), blank=True
    )
    summary = models.TextField(_("内容概述"), blank=True)
    body = RichTextField(_("正文"), blank=True)

    disclosure = models.CharField(
        _("公开属性"),
        max_length=16,
        choices=[(k.value, v) for k, v in DISCLOSURE_LABELS.items()],
        blank=True,
        help_text=_("拟稿时确定；依申请公开、不予公开须选择理由并说明。"),
    )
    withholding_ground = models.CharField(
        _("不公开（依申请公开）理由"), max_length=32, choices=ground_choices(), blank=True
    )
    withholding_reason = models.TextField(_("具体说明"), blank=True)
    is_policy_document = models.BooleanField(_("政策性文件（须同步解读）"), default=False)

    index_number = models.CharField(_("索引号"), max_length=64, unique=True, editable=False)
    published_on = models.DateField(_("发布日期"), null=True, blank=True, editable=False)

    validity = models.CharField(
        _("有效性"),
        max_length=16,
        choices=Validity.choices,
        blank=True,
        help_text=_("规章和行政规范性文件必填"),
    )
    valid_from = models.DateField(_("施行日期"), null=True, blank=True)
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    validity_changed_on = models.DateField(_("有效性变更日期"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("修改或废止该文件的文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )

    last_reviewed_on = models.DateField(
        _("上次复核日期"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("依申请公开、不予公开文件每年复核一次公开属性"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="official_document",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="official_document",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = _("公文")
        verbose_name_plural = _("公文台账")
        ordering = ["-written_on", "-id"]
        indexes = [models.Index(fields=["unit", "live", "disclosure", "-published_on"])]

    def __str__(self) -> str:
        return f"{self.doc_number} {self.title}" if self.doc_number else self.title

    @property
    def needs_validity(self) -> bool:
        return self.kind in (DocumentKind.RULE, DocumentKind.NORMATIVE)

    def get_preview_template(self, request, mode_name):
        return "documents/portal/document_detail.html"


class DocumentAttachment(Orderable):
    document = ParentalKey(OfficialDocument, related_name="attachments", on_delete=models.CASCADE)
    file = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("附件"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("附件名称"), max_length=200, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("附件")

    def __str__(self) -> str:
        return self.title or self.file.title


class Interpretation(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel
):
    """政策解读: published in step with its policy document (三同步); 谁起草谁解读."""

    document = models.ForeignKey(
        OfficialDocument,
        verbose_name=_("解读的文件"),
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("解读单位"), on_delete=models.PROTECT, related_name="interpretations"
    )
    title = models.CharField(_("标题"), max_length=300)
    form = models.CharField(
        _("解读形式"), max_length=16, choices=InterpretationForm.choices, default="text"
    )
    body = RichTextField(_("解读内容"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("图解图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.TextField(_("图解的文字说明"), blank=True)
    video_url = models.URLField(_("视频地址"), blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="interpretation",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="interpretation",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title


class IndexSerial(models.Model):
    """The last index-number serial a unit used in a year; only ever counts up (never reused)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="unique_index_serial")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last}"


class CheckOverride(models.Model):
    """A reviewer's recorded decision to publish despite an overridable blocker."""

    document = models.ForeignKey(
        OfficialDocument, on_delete=models.CASCADE, related_name="check_overrides"
    )
    kind = models.CharField(_("检查项"), max_length=32)
    reason = models.TextField(_("理由"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("发布检查例外")
        verbose_name_plural = _("发布检查例外")

    def __str__(self) -> str:
        return f"{self.document_id} {self.kind}"
