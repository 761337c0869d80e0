"""The document register (公文台账): every official document a unit issues, with its GB/T
9704-2012 elements, its disclosure attribute fixed at source, its publication and validity.

A document is a Wagtail snippet with revisions, locking and a moderation workflow, so that the
register and the review-before-publish chain (分级审核、先审后发) are one record. It is published
on the portal only while it is live *and* its attribute is 主动公开 (``selectors``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast
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
    Task,
    TaskState,
    WorkflowMixin,
)
from wagtail.permissions import register_permission_policy

from gongkai.core.models import Unit
from gongkai.core.permissions import UnitScopedPermissionPolicy, can, units_for

from .domain.attributes import DISCLOSURE_LABELS, ground_choices
from .domain.subject_classes import choices as subject_class_choices
from .domain.subject_classes import display_label


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
    # Set by the check just before a scheduled publication goes live when the document fails
    # it (定时发布未执行); cleared when it is scheduled or published again.
    withheld_at = models.DateTimeField(
        _("定时发布未执行时间"), null=True, blank=True, editable=False
    )
    withheld_reason = models.TextField(_("定时发布未执行的原因"), blank=True, editable=False)
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
        indexes = [
            models.Index(fields=["unit", "live", "disclosure", "-published_on"]),
            # Every public document newest first (the API's lists, a subtree's feed): read in
            # order from this index and stopped after a page, instead of sorting them all.
            models.Index(
                fields=["disclosure", "-published_on", "-id"], name="document_public_newest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.doc_number} {self.title}" if self.doc_number else self.title

    @property
    def shows_on_portal(self) -> bool:
        """Whether visitors can see it; a new draft changes nothing on the portal."""
        return self.live

    @property
    def subject_class_text(self) -> str:
        """The subject class as pages show it (levels separated by ›), or "" if none."""
        return display_label(self.subject_class) if self.subject_class else ""

    @property
    def needs_validity(self) -> bool:
        return self.kind in (DocumentKind.RULE, DocumentKind.NORMATIVE)

    # Facts the register keeps itself (publication date, review, validity). A revision being
    # published, possibly long after it was saved, must not roll them back.
    REGISTER_MANAGED_FIELDS = (
        "index_number",
        "published_on",
        "last_reviewed_on",
        "validity",
        "validity_changed_on",
        "replaced_by_id",
        "withheld_at",
        "withheld_reason",
    )

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for name in self.REGISTER_MANAGED_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    def get_preview_template(self, request, mode_name):
        return "documents/portal/document_detail.html"

    def get_preview_context(self, request, mode_name):
        # The public page reads these only when the document has any (`documents.portal`).
        return {
            **super().get_preview_context(request, mode_name),
            "co_issuers": list(self.co_issuers.all()),
            "attachments": list(self.attachments.all()),
        }


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


class ImplementationLink(models.Model):
    """A document implements (配套、贯彻落实) a document of its own unit or a unit above it
    (互设跳转链接): its page links to the target (上级文件), and the target's page lists it
    under 本级及下级配套文件. Set through ``services.document_link_implementation``."""

    document = models.ForeignKey(
        OfficialDocument,
        verbose_name=_("配套文件"),
        on_delete=models.CASCADE,
        related_name="implementation_links",
    )
    target = models.ForeignKey(
        OfficialDocument,
        verbose_name=_("上级文件"),
        on_delete=models.CASCADE,
        related_name="implemented_by_links",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("配套关系")
        verbose_name_plural = _("配套关系")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "target"], name="unique_implementation"),
            models.CheckConstraint(
                condition=~models.Q(document=models.F("target")), name="implementation_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} → {self.target_id}"


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
    """A reviewer's recorded exception to a check before publication (发布检查例外), with the
    reason.

    - ``interpretation``: this document may be published without its interpretation (三同步).
    - ``personal_data``: one number (``fingerprint``) is fit to publish, e.g. a published
      complaints line; it then passes the publication gate in whatever the unit and the units
      below it publish (documents, catalog content, reports …), and is still listed. The number
      itself is not stored: only its keyed hash, and the masked form people are shown.
      ``document`` is where it was found, if it was found in a document.
    """

    document = models.ForeignKey(
        OfficialDocument,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="check_overrides",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="check_overrides"
    )
    kind = models.CharField(_("检查项"), max_length=32)
    number_kind = models.CharField(_("号码类型"), max_length=16, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    masked = models.CharField(_("号码（掩码）"), max_length=64, blank=True)
    reason = models.TextField(_("理由"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("发布检查例外")
        verbose_name_plural = _("发布检查例外")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.kind} {self.masked}".rstrip()


class ReviewStep(models.TextChoices):
    """The role that decides one step of the review chain; values are ``ACTION_ROLES`` actions."""

    REVIEW = "document.review", _("审核")
    CONFIDENTIALITY_REVIEW = "document.confidentiality_review", _("保密审查")
    SIGN_OFF = "document.sign_off", _("签发")


class UnitRoleApprovalTask(Task):
    """A step of 分级审核 decided by whoever holds its role on the document's unit or above.

    Wagtail's group task would let every member of a group act on every unit's drafts; here the
    approvers come from ``gongkai.core.permissions``, so a township's reviewer acts only on that
    township's documents. Decisions go through ``workflow.document_approve`` / ``document_reject``
    (audit, and publication through the register's services on the last step).
    """

    role_action = models.CharField(_("审批角色"), max_length=40, choices=ReviewStep.choices)

    admin_form_fields = [*Task.admin_form_fields, "role_action"]
    # Changing the role of an existing step would change who decides the steps already open.
    admin_form_readonly_on_edit_fields = [*Task.admin_form_readonly_on_edit_fields, "role_action"]

    class Meta:
        verbose_name = _("按单位角色审批")
        verbose_name_plural = _("按单位角色审批")

    def user_can_approve(self, obj, user) -> bool:
        return can(user, self.role_action, obj.unit)

    def get_actions(self, obj, user):
        if not self.user_can_approve(obj, user):
            return []
        verb = _("签发") if self.role_action == ReviewStep.SIGN_OFF else _("通过")
        return [
            ("reject", _("退回修改"), True),
            ("approve", verb, False),
            ("approve", _("附意见%(verb)s") % {"verb": verb}, True),
        ]

    def on_action(self, task_state, user, action_name, **kwargs):
        # workflow.py imports this module; importing it at the top would be circular.
        from . import workflow

        document = task_state.workflow_state.content_object
        comment = kwargs.get("comment", "")
        if action_name == "approve":
            workflow.document_approve(
                actor=user,
                document=document,
                comment=comment,
                go_live_at=kwargs.get("go_live_at"),
                task_state=task_state,
            )
        elif action_name == "reject":
            workflow.document_reject(
                actor=user, document=document, comment=comment, task_state=task_state
            )

    def get_form_for_action(self, action):
        from .forms import ApproveForm, RejectForm, SignOffForm  # forms.py imports this module

        if action == "reject":
            return RejectForm
        return SignOffForm if self.role_action == ReviewStep.SIGN_OFF else ApproveForm

    def locked_for_user(self, obj, user):
        # What is approved must be what was reviewed: nobody edits while a step is open; a
        # change goes back to the editor by 退回修改.
        return True

    def get_task_states_user_can_moderate(self, user, **kwargs):
        documents = (
            OfficialDocument.objects.filter(unit__in=units_for(user, self.role_action))
            .annotate(key=Cast("pk", models.CharField()))
            .values("key")
        )
        return TaskState.objects.filter(
            task=self,
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__base_content_type=ContentType.objects.get_for_model(OfficialDocument),
            workflow_state__object_id__in=documents,
        )

    @classmethod
    def get_description(cls):
        return _("由在公文的发文单位（或其上级单位）持有相应角色（审核、保密审查或签发）的人员审批")


# Registered with the models rather than in wagtail_hooks: Wagtail checks the model's policy
# whenever a revision is published, also from services and commands that never load the admin's
# hooks, and a policy cannot be registered once Wagtail has fallen back to its default one.
# Publishing is the leader's (授权发布); the admin screens offer it only through the workflow.
DOCUMENT_ACTIONS = {
    "view": "document.view",
    "add": "document.edit",
    "change": "document.edit",
    "delete": "document.edit",
    "publish": "document.publish",
}
register_permission_policy(
    OfficialDocument, UnitScopedPermissionPolicy(OfficialDocument, action_map=DOCUMENT_ACTIONS)
)
register_permission_policy(
    Interpretation, UnitScopedPermissionPolicy(Interpretation, action_map=DOCUMENT_ACTIONS)
)
