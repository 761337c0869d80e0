"""Disclosure requests (政府信息公开申请) and what happens to them: pauses, fee notices,
letters, deliveries and appeals.

Every write goes through `services`; the state machine is `domain.states`. Applicant data is
personal data: it is read only through `selectors.visible_requests` (the handling unit and the
supervising office), never indexed for search, never put in a URL.
"""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.calendar.domain.rules import PauseReason
from gongkai.core.domain.personal_data import mask
from gongkai.core.models import Unit
from gongkai.documents.models import OfficialDocument

from .domain.intake import ApplicantIdType, Channel, DeliveryMethod, FormWanted
from .domain.outcomes import ApplicantType, Outcome
from .domain.states import CLOSED, OPEN, PAUSED, State


def private_upload_to(instance: models.Model, filename: str) -> str:
    """A random path for every request file: names often hold the applicant's name, and a
    path that cannot be guessed stays private even where MEDIA_ROOT is served (DEBUG)."""
    extension = PurePath(filename).suffix.lower()[:10]
    return f"requests/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{extension}"


class DisclosureRequest(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=_("受理单位"), on_delete=models.PROTECT, related_name="requests"
    )
    tracking_no = models.CharField(_("申请编号"), max_length=40, unique=True)
    # HMAC of the applicant's private lookup code (`services.lookup_code_digest`), never the code.
    lookup_digest = models.CharField(max_length=64, blank=True, db_index=True)
    # The form's one-time key: a second POST of the same form finds the first request.
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # Blank only for cases imported from an office's old spreadsheet, which rarely recorded it.
    channel = models.CharField(_("提交方式"), max_length=16, choices=Channel.choices(), blank=True)
    imported = models.BooleanField(_("由历史台账导入"), default=False)

    # 第二十九条第（一）项: who asks, and how to reach them.
    applicant_type = models.CharField(
        _("申请人类型"), max_length=20, choices=ApplicantType.choices()
    )
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=200, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=100, blank=True)
    id_type = models.CharField(
        _("证件类型"), max_length=24, choices=ApplicantIdType.choices(), blank=True
    )
    id_number = models.CharField(_("证件号码"), max_length=40, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=300, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)

    # 第二十九条第（二）、（三）项: what is asked for, in what form, delivered how.
    description = models.TextField(_("所需信息的名称、文号或特征描述"), blank=True)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    form_wanted = models.CharField(
        _("信息的形式要求"), max_length=16, choices=FormWanted.choices(), blank=True
    )
    delivery_method = models.CharField(
        _("获取信息的方式"), max_length=16, choices=DeliveryMethod.choices(), blank=True
    )
    document = models.ForeignKey(
        OfficialDocument,
        verbose_name=_("所申请的公文"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
        help_text=_("办理中认定的公文；用于多人申请同一信息时提示纳入主动公开（条例第四十四条）。"),
    )

    # Dates: the receipt rule of 第三十一条 by channel (`domain.intake.receipt_date`).
    submitted_at = models.DateTimeField(_("提交时间"))
    signed_on = models.DateField(_("签收日期"), null=True, blank=True)
    confirmed_on = models.DateField(_("确认日期"), null=True, blank=True)
    received_on = models.DateField(_("收到申请之日"), null=True, blank=True, db_index=True)

    state = models.CharField(
        _("状态"), max_length=24, choices=State.choices(), default=State.SUBMITTED
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # 补正 (第三十条)
    correction_items = models.TextField(_("需要补正的事项"), blank=True)
    correction_requested_on = models.DateField(_("告知补正日期"), null=True, blank=True)
    correction_until = models.DateField(_("补正期限"), null=True, blank=True)
    corrected_on = models.DateField(_("收到补正之日"), null=True, blank=True)

    # 延期 (第三十三条第二款)
    extended = models.BooleanField(_("已延期"), default=False)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批准延期的负责人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    extension_approved_on = models.DateField(_("批准延期日期"), null=True, blank=True)

    # The reply clock, stored for queues and reminders, recomputed by the calendar's holder.
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)

    # 答复 (第三十六条、第三十七条)
    outcome = models.CharField(
        _("办理结果"), max_length=40, choices=Outcome.choices(), blank=True, db_index=True
    )
    reply_text = models.TextField(_("答复内容"), blank=True)
    withheld_content = models.TextField(_("不予公开的内容"), blank=True)
    withheld_reason = models.TextField(_("不予公开的理由"), blank=True)
    referred_to = models.CharField(
        _("负责公开的机关及联系方式"),
        max_length=300,
        blank=True,
        help_text=_("不属于本机关负责公开、能够确定负责机关时填写（第三十六条第（五）项）。"),
    )
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True, db_index=True)
    closing_note = models.TextField(_("办结说明"), blank=True)
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "received_on"], name="request_unit_received"),
            # Covers the annual report's counts (closed in a period, by type and outcome).
            models.Index(
                fields=["unit", "closed_on", "received_on", "applicant_type", "outcome"],
                name="request_report",
            ),
            models.Index(fields=["state", "due_on"], name="request_state_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | ~models.Q(outcome=""),
                name="closed_request_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_no

    @property
    def state_label(self) -> str:
        return State(self.state).label

    @property
    def is_open(self) -> bool:
        return self.state in OPEN

    @property
    def is_paused(self) -> bool:
        return self.state in PAUSED

    @property
    def is_closed(self) -> bool:
        return self.state in CLOSED

    @property
    def masked_id_number(self) -> str:
        """For lists: the ID number as the register's redaction shows it."""
        if not self.id_number:
            return ""
        if self.id_type == ApplicantIdType.RESIDENT_ID:
            return mask("id_card", self.id_number)
        return self.id_number[:2] + "*" * max(len(self.id_number) - 4, 0) + self.id_number[-2:]


class RequestSerial(models.Model):
    """The last tracking-number serial a unit used in a year; only counts up."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="unique_request_serial")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last}"


class RequestPause(models.Model):
    """A period in which the reply clock stops (consultation, or fee notice to payment)."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField(
        _("暂停原因"), max_length=16, choices=[(r.value, r.value) for r in PauseReason]
    )
    party = models.CharField(_("被征求意见方"), max_length=200, blank=True)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.reason} {self.started_on}–{self.ended_on or ''}"


class FeeNoticeStatus(models.TextChoices):
    PENDING = "pending", _("待缴纳")
    PAID = "paid", _("已缴纳")
    LAPSED = "lapsed", _("逾期未缴纳")
    CANCELLED = "cancelled", _("已撤销")


class FeeNotice(models.Model):
    """收费通知 (条例第四十二条, 国办函〔2020〕109号): one standard only, computed by the domain."""

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="fee_notices"
    )
    method = models.CharField(
        _("计收方式"), max_length=8, choices=[("count", "按件计收"), ("volume", "按量计收")]
    )
    requests_before = models.PositiveIntegerField(_("本月此前累计申请件数"), null=True, blank=True)
    requests_in_application = models.PositiveIntegerField(_("本次申请件数"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("页数"), null=True, blank=True)
    amount = models.DecimalField(_("金额（元）"), max_digits=10, decimal_places=2)
    breakdown = models.JSONField(_("计算明细"), default=list)
    notified_on = models.DateField(_("通知日期"))
    pay_by = models.DateField(_("缴费期限"))
    status = models.CharField(
        _("状态"), max_length=12, choices=FeeNoticeStatus.choices, default=FeeNoticeStatus.PENDING
    )
    paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    receipt_no = models.CharField(_("票据号"), max_length=64, blank=True)

    class Meta:
        ordering = ["notified_on", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.amount}元"


class LetterKind(models.TextChoices):
    REPLY = "reply", _("政府信息公开申请答复书")
    CORRECTION = "correction", _("补正申请告知书")
    EXTENSION = "extension", _("延期答复告知书")
    THIRD_PARTY = "third_party", _("征求第三方意见书")
    FEE = "fee", _("收费通知书")
    DELIVERY_RECEIPT = "delivery_receipt", _("送达回证")


class LetterTemplate(models.Model):
    """A unit's wording of one kind of letter; the platform's default when none is set."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="letter_templates")
    kind = models.CharField(_("文书类型"), max_length=20, choices=LetterKind.choices)
    body = models.TextField(_("正文模板"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("文书模板")
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind"], name="unique_letter_template")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.get_kind_display()}"


class RequestLetter(models.Model):
    """A generated letter or notice: .docx always, PDF when the fonts allow."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("文书类型"), max_length=20, choices=LetterKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("正文"))
    docx = models.FileField(upload_to=private_upload_to, blank=True)
    pdf = models.FileField(upload_to=private_upload_to, blank=True)
    # Letters to the applicant show on their tracking page; letters to a third party do not.
    to_applicant = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class RequestEvent(models.Model):
    """One step in the request's history; ``public_note`` is what the applicant reads."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=32)
    state_before = models.CharField(max_length=24, blank=True)
    state_after = models.CharField(max_length=24)
    at = models.DateTimeField()
    on = models.DateField(_("日期"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("内部备注"), blank=True)
    public_note = models.TextField(_("告知申请人"), blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.action}"


class AttachmentKind(models.TextChoices):
    IDENTITY = "identity", _("身份证明")
    CORRECTION = "correction", _("补正材料")
    OTHER = "other", _("其他材料")


class RequestAttachment(models.Model):
    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(max_length=12, choices=AttachmentKind.choices)
    file = models.FileField(upload_to=private_upload_to)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name


class Delivery(models.Model):
    """送达: how and when the reply reached the applicant, with proof."""

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="deliveries"
    )
    method = models.CharField(_("送达方式"), max_length=16, choices=DeliveryMethod.choices())
    delivered_on = models.DateField(_("送达日期"))
    recipient = models.CharField(_("签收人"), max_length=100, blank=True)
    tracking_ref = models.CharField(_("邮件单号"), max_length=64, blank=True)
    proof = models.FileField(_("送达凭证"), upload_to=private_upload_to, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["delivered_on", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.delivered_on}"


class AppealKind(models.TextChoices):
    REVIEW = "review", _("行政复议")
    LAWSUIT_DIRECT = "lawsuit_direct", _("行政诉讼（未经复议直接起诉）")
    LAWSUIT_AFTER_REVIEW = "lawsuit_after_review", _("行政诉讼（复议后起诉）")


class AppealResult(models.TextChoices):
    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")
    PENDING = "pending", _("尚未审结")


class Appeal(models.Model):
    """行政复议 or 行政诉讼 against a reply (annual report table 四)."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.PROTECT, related_name="appeals")
    kind = models.CharField(_("类型"), max_length=24, choices=AppealKind.choices)
    authority = models.CharField(_("复议机关或人民法院"), max_length=200, blank=True)
    case_number = models.CharField(_("案号"), max_length=100, blank=True)
    filed_on = models.DateField(_("提起日期"), null=True, blank=True)
    result = models.CharField(
        _("结果"), max_length=12, choices=AppealResult.choices, default=AppealResult.PENDING
    )
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("行政复议、行政诉讼")
        ordering = ["filed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(result="pending", decided_on__isnull=True)
                | (~models.Q(result="pending") & models.Q(decided_on__isnull=False)),
                name="appeal_decided_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} {self.get_kind_display()}"


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("答复期限将至")
    OVERDUE = "overdue", _("已超过答复期限")
    CORRECTION_LAPSED = "correction_lapsed", _("补正期限已过")
    FEE_LAPSED = "fee_lapsed", _("缴费期限已过")


class RequestReminder(models.Model):
    """A reminder shown to the handlers of a request; one per request, kind and date, so the
    daily job never repeats it (a moved due date gets a new one)."""

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("提醒类型"), max_length=20, choices=ReminderKind.choices)
    due_on = models.DateField(_("期限"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("依申请办理提醒")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kind", "due_on"], name="unique_request_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind} {self.due_on}"
