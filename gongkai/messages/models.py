"""Messages from the public (政民互动留言) and the policy Q&A (政策问答).

Every write goes through `services`; the state machine is `domain.states`. A message's contact
(name, mobile) is personal data: read only through `selectors.visible_messages` (the unit it is
with and the supervising office above it), never indexed, never public. What the public reads of
a message is its public copy (title, excerpt, answer), published through the publication gate.
"""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.permissions import register_permission_policy

from gongkai.core.models import Unit
from gongkai.core.permissions import UnitScopedPermissionPolicy
from gongkai.documents.models import Interpretation, OfficialDocument

from .domain.kinds import Channel, InvalidReason, MessageKind, Satisfaction
from .domain.states import OPEN, State


def private_upload_to(instance: models.Model, filename: str) -> str:
    """A random path: a file name can hold a citizen's name, and an unguessable path stays
    private even where MEDIA_ROOT is served (DEBUG). Replies are downloaded through views that
    check who asks, never by a media URL."""
    extension = PurePath(filename).suffix.lower()[:10]
    return f"interaction/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{extension}"


class Message(models.Model):
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("办理单位"),
        on_delete=models.PROTECT,
        related_name="messages",
        help_text=_("当前负责办理的单位；转办后为接收单位。"),
    )
    number = models.CharField(_("留言编号"), max_length=40, unique=True)
    # HMAC of the citizen's private lookup code (core.public_tracking), never the code.
    lookup_digest = models.CharField(max_length=64, blank=True)
    # The form's one-time key: a second POST of the same form finds the first message.
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    channel = models.CharField(_("来源"), max_length=12, choices=Channel.choices())
    kind = models.CharField(_("留言类别"), max_length=16, choices=MessageKind.choices())
    title = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("留言内容"), blank=True)
    page_url = models.URLField(_("出错页面网址"), max_length=500, blank=True)
    # Shown to staff only.
    contact_name = models.CharField(_("联系人姓名"), max_length=50, blank=True)
    contact_mobile = models.CharField(_("手机号码"), max_length=20, blank=True)
    may_publish = models.BooleanField(_("同意公开"), default=False)
    unit_chosen = models.BooleanField(
        _("留言人选择了办理单位"),
        default=True,
        help_text=_("否：留言人选择“不确定”，由办公室分办。"),
    )

    received_at = models.DateTimeField(_("收到时间"))
    received_on = models.DateField(_("收到日期"))
    due_on = models.DateField(_("答复期限"))
    due_provisional = models.BooleanField(default=False)
    three_months_on = models.DateField(_("满3个月之日"))

    hotline_number = models.CharField(_("热线工单编号"), max_length=40, blank=True)
    hotline_due_on = models.DateField(_("热线办理时限"), null=True, blank=True)
    fed_back_at = models.DateTimeField(_("已反馈热线平台"), null=True, blank=True)
    imported = models.BooleanField(_("由历史台账导入"), default=False)

    state = models.CharField(_("状态"), max_length=12, choices=State.choices(), default=State.NEW)
    # The first answer is what the clock measured: kept through reopening.
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    answer_workdays = models.PositiveSmallIntegerField(
        _("答复用时（工作日）"), null=True, blank=True
    )
    reopened_at = models.DateTimeField(_("重新办理时间"), null=True, blank=True)
    reopen_due_on = models.DateField(_("重新办理答复期限"), null=True, blank=True)

    invalid_reason = models.CharField(
        _("无效原因"), max_length=12, choices=InvalidReason.choices(), blank=True
    )
    invalid_note = models.TextField(_("无效说明"), blank=True)
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)

    satisfaction = models.CharField(
        _("满意度"), max_length=12, choices=Satisfaction.choices(), blank=True
    )
    resolved = models.BooleanField(_("问题已解决"), null=True, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    feedback_text = models.TextField(_("留言人的评价意见"), blank=True)

    # What the public reads, once published (the publication gate ran on it).
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    public_title = models.CharField(_("公开标题"), max_length=100, blank=True)
    public_excerpt = models.TextField(_("公开的留言内容"), blank=True)
    public_answer = models.TextField(_("公开的答复内容"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("留言")
        verbose_name_plural = _("留言")
        ordering = ["-received_at", "-id"]
        indexes = [
            # Statistics read a unit's messages of a period; the columns after the first two
            # let SQLite answer them from the index alone.
            models.Index(
                fields=[
                    "unit",
                    "received_on",
                    "kind",
                    "state",
                    "answered_on",
                    "due_on",
                    "three_months_on",
                ],
                name="interaction_message_stats",
            ),
            models.Index(fields=["state", "due_on"], name="interaction_message_queue"),
            models.Index(fields=["published_at"], name="interaction_message_public"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["hotline_number"],
                condition=~Q(hotline_number=""),
                name="interaction_message_hotline_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | Q(answered_on__isnull=False),
                name="interaction_message_answered_on_with_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def shows_on_portal(self) -> bool:
        return self.published_at is not None

    @property
    def is_open(self) -> bool:
        return self.state in OPEN

    @property
    def state_label(self) -> str:
        return State(self.state).label

    @property
    def kind_label(self) -> str:
        return MessageKind(self.kind).label

    @property
    def is_public(self) -> bool:
        return self.published_at is not None and self.state == State.ANSWERED

    @property
    def on_time(self) -> bool | None:
        """Whether the first answer came by the due day; None while there is none."""
        if self.answered_on is None:
            return None
        return self.answered_on <= self.due_on


class TransferKind(models.TextChoices):
    ROUTE = "route", _("分办")
    TRANSFER = "transfer", _("转办")
    RETURN = "return", _("退回")


class MessageTransfer(models.Model):
    """A move of a message between units (分办, 转办, 退回); the clock keeps running."""

    shows_on_portal = False

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="transfers")
    kind = models.CharField(max_length=12, choices=TransferKind.choices)
    from_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="messages_transferred_out"
    )
    to_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="messages_transferred_in"
    )
    reason = models.TextField(blank=True)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.from_unit} → {self.to_unit}"


class MessageReply(models.Model):
    """One answer to the citizen (a reopened message gets another)."""

    shows_on_portal = False

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="replies")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("答复内容"))
    attachment = models.FileField(_("附件"), upload_to=private_upload_to, blank=True)
    attachment_name = models.CharField(max_length=200, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.message.number} 答复 {timezone.localtime(self.at):%Y-%m-%d}"


class MessageEvent(models.Model):
    """The history of a message; ``public_note`` is what the citizen reads on the tracking page."""

    shows_on_portal = False

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=24)
    state_before = models.CharField(max_length=12, blank=True)
    state_after = models.CharField(max_length=12)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    public_note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.message.number} {self.action}"


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("明日到期")
    OVERDUE = "overdue", _("已超期")
    THREE_MONTHS = "three_months", _("满3个月未答复")


class MessageReminder(models.Model):
    """Written by the daily job, one per message, kind and due day."""

    shows_on_portal = False

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    due_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["message", "kind", "due_on"], name="interaction_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.message.number} {self.get_kind_display()}"


class MessageSerial(models.Model):
    """The platform-wide serial of message numbers per year (LY + year + six digits): a message
    moves between units, so its number does not name one."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class PolicyQuestion(models.Model):
    """政策问答: a question many people ask about a policy document, with the unit's answer."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("答复单位"), on_delete=models.PROTECT, related_name="policy_questions"
    )
    question = models.CharField(_("问题"), max_length=200)
    answer = models.TextField(_("解答"))
    document = models.ForeignKey(
        OfficialDocument,
        verbose_name=_("相关政策文件"),
        on_delete=models.PROTECT,
        related_name="policy_questions",
    )
    interpretation = models.ForeignKey(
        Interpretation,
        verbose_name=_("相关政策解读"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="policy_questions",
    )
    source_message = models.ForeignKey(
        Message,
        verbose_name=_("来源留言"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="policy_questions",
    )
    sort_order = models.IntegerField(_("排序"), default=0)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("政策问答")
        verbose_name_plural = _("政策问答")
        ordering = ["sort_order", "-published_at", "-id"]

    def __str__(self) -> str:
        return self.question

    @property
    def shows_on_portal(self) -> bool:
        return self.published_at is not None


# Registered with the models (as the documents register does): the admin's isolation rule asks
# a model's policy which records a user may see.
register_permission_policy(
    Message,
    UnitScopedPermissionPolicy(
        Message, action_map={"view": "message.view", "change": "message.handle"}
    ),
)
register_permission_policy(
    PolicyQuestion,
    UnitScopedPermissionPolicy(PolicyQuestion, action_map={"view": "qa.edit", "change": "qa.edit"}),
)
