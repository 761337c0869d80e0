"""Policy items (惠企政策), enterprise profiles and the notices sent about one to the other."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .domain.rules import (
    APPLY_MODE_LABELS,
    SIZE_LABELS,
    SUBJECT_TYPE_LABELS,
    ApplyMode,
)

SIZE_CHOICES = [(size.value, label) for size, label in SIZE_LABELS.items()]
SUBJECT_TYPE_CHOICES = [(kind.value, label) for kind, label in SUBJECT_TYPE_LABELS.items()]
APPLY_MODE_CHOICES = [(mode.value, label) for mode, label in APPLY_MODE_LABELS.items()]


class PolicyState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class PolicyItem(models.Model):
    """A 惠企政策 item: what an enterprise gets, who is eligible, when and how.

    Each list criterion empty means any; ``regions`` cover their subtrees. Only published items
    are public and matched."""

    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("发布单位"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("政策编号"), max_length=32, unique=True)
    title = models.CharField(_("政策名称"), max_length=200)
    benefits = models.TextField(_("政策内容（享受的优惠）"), blank=True)
    industries = models.JSONField(_("适用行业"), default=list, blank=True)
    sizes = models.JSONField(_("适用企业规模"), default=list, blank=True)
    regions = models.ManyToManyField(
        "core.Unit", verbose_name=_("适用区域"), blank=True, related_name="+"
    )
    subject_types = models.JSONField(_("适用主体类型"), default=list, blank=True)
    apply_mode = models.CharField(
        _("兑现方式"), max_length=16, choices=APPLY_MODE_CHOICES, default=ApplyMode.APPLY
    )
    how_to_apply = models.TextField(_("申报方式"), blank=True)
    apply_deadline = models.DateField(_("申报截止日"), null=True, blank=True)
    valid_from = models.DateField(_("有效期自"))
    valid_to = models.DateField(_("有效期至"), null=True, blank=True)
    contact = models.CharField(_("咨询方式"), max_length=200, blank=True)
    documents = models.ManyToManyField(
        "documents.OfficialDocument", verbose_name=_("政策文件"), blank=True, related_name="+"
    )
    interpretations = models.ManyToManyField(
        "documents.Interpretation", verbose_name=_("政策解读"), blank=True, related_name="+"
    )
    state = models.CharField(
        _("状态"), max_length=16, choices=PolicyState.choices, default=PolicyState.DRAFT
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("惠企政策")
        verbose_name_plural = _("惠企政策")
        ordering = ["-valid_from", "code"]
        indexes = [models.Index(fields=["state", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class EnterpriseSource(models.TextChoices):
    STAFF = "staff", _("工作人员登记")
    IMPORTED = "imported", _("批量导入")
    SELF = "self", _("企业自助注册")


class Enterprise(models.Model):
    """An enterprise profile (企业画像). The contact e-mail is personal data: it is seen by the
    staff of the region's units and never on a public page.

    A self-registration counts only once confirmed from its e-mail (``confirmed_at``);
    ``link_version`` is part of every private link, so counting it up revokes the old ones."""

    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("名称"), max_length=200)
    industry = models.CharField(_("行业代码"), max_length=5)
    size = models.CharField(_("规模"), max_length=8, choices=SIZE_CHOICES)
    region = models.ForeignKey(
        "core.Unit", verbose_name=_("所在区域"), on_delete=models.PROTECT, related_name="+"
    )
    subject_type = models.CharField(_("主体类型"), max_length=16, choices=SUBJECT_TYPE_CHOICES)
    email = models.EmailField(_("联系邮箱"), blank=True)
    source = models.CharField(_("来源"), max_length=16, choices=EnterpriseSource.choices)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    subscribed = models.BooleanField(_("接收政策推送邮件"), default=True)
    link_version = models.PositiveIntegerField(default=0, editable=False)
    registered_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")
        ordering = ["uscc"]

    def __str__(self) -> str:
        return f"{self.name}（{self.uscc}）"


class NoticeKind(models.TextChoices):
    MATCHED = "matched", _("新政策推送")
    REMINDER = "reminder", _("申报截止提醒")
    LAST_DAY = "last_day", _("申报截止当日提醒")


class PolicyNotice(models.Model):
    """That an enterprise was told about a policy (or knew of it when it confirmed): each
    notice is sent once, whatever the periodic job's reruns."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="notices")
    policy = models.ForeignKey(PolicyItem, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=NoticeKind.choices)
    at = models.DateTimeField(auto_now_add=True)
    mailed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "policy", "kind"], name="policies_notice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.policy_id} → {self.enterprise_id}"
