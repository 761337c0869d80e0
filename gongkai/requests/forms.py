"""Staff forms of the disclosure-request admin: registration by channel, one form per handling
step, assignment, appeals and the list's filters.

Forms only check the shape of what was typed (required fields, dates, file type and size); the
rules belong to the services and their domain modules, whose `DomainError` the views show on
the form. Dates use the browser's own date field (``type="date"``), which needs no JavaScript.
"""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.domain.file_kinds import SCANS
from gongkai.core.models import Unit
from gongkai.core.uploads import validate_upload

from .appeals import AppealFacts
from .domain.fees import FEE_METHOD_LABELS
from .domain.intake import ApplicantIdType, Channel, DeliveryMethod, FormWanted
from .domain.outcomes import ApplicantType, Outcome
from .domain.states import Action, State
from .models import AppealKind, AppealResult

# Identity proofs, correction material and delivery proofs: scans and photos.
UPLOAD_MAX_BYTES = 10 * 1024 * 1024

# Ended by their own step (视为放弃申请), never chosen as a reply.
_NOT_REPLIES = {Outcome.OTHER_NO_CORRECTION.value, Outcome.OTHER_FEE_UNPAID.value}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label: str, *, required: bool = True, today: bool = False, help_text: str = ""):
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput,
        initial=timezone.localdate if today else None,
        help_text=help_text,
    )


def text_area(label: str, *, required: bool = True, rows: int = 3, help_text: str = ""):
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=4000,
        help_text=help_text,
    )


def check_upload(upload) -> None:
    """A scan or photo of reasonable size, checked by its content as on the public form."""
    if upload is not None:
        validate_upload(upload, kinds=SCANS, max_bytes=UPLOAD_MAX_BYTES)


class UnitChoiceField(forms.ModelChoiceField):
    """Units in tree order, indented by depth, so that a township's villages read as its own."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Unit.objects.none(), **kwargs)

    def label_from_instance(self, obj: Unit) -> str:
        return "\u3000" * obj.depth + obj.name


# --- Registration ----------------------------------------------------------------------------

STAFF_CHANNELS = [c for c in Channel if c is not Channel.ONLINE]


class RegisterForm(forms.Form):
    """A request received in person, by mail, by ordinary letter or by fax (条例第二十九条)."""

    unit = UnitChoiceField(label=_("受理单位"), empty_label=None)
    channel = forms.ChoiceField(
        label=_("提交方式"),
        # The receipt rule of 第三十一条 is part of each choice, so it is read with the choice.
        choices=[(c.value, f"{c.label}：{c.receipt_rule}") for c in STAFF_CHANNELS],
        widget=forms.RadioSelect,
    )
    submitted_on = date_field(
        _("提交日期"),
        today=True,
        help_text=_("申请人当面提交、寄出信件或发送传真的日期。"),
    )
    signed_on = date_field(
        _("签收日期"), required=False, help_text=_("邮寄（需签收）的申请填写：本机关签收之日。")
    )
    confirmed_on = date_field(
        _("确认日期"),
        required=False,
        help_text=_("平常信函、传真提交的申请填写：与申请人确认之日。"),
    )
    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=ApplicantType.choices())
    applicant_name = forms.CharField(label=_("申请人姓名或名称"), max_length=200)
    contact_person = forms.CharField(
        label=_("联系人"), max_length=100, required=False, help_text=_("法人或其他组织申请时填写。")
    )
    id_type = forms.ChoiceField(
        label=_("证件类型"),
        choices=[("", _("未提供")), *ApplicantIdType.choices()],
        required=False,
    )
    id_number = forms.CharField(label=_("证件号码"), max_length=40, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    address = forms.CharField(label=_("通信地址"), max_length=300, required=False)
    postcode = forms.CharField(label=_("邮政编码"), max_length=10, required=False)
    description = text_area(_("所需信息的名称、文号或特征描述"), required=False, rows=4)
    doc_number = forms.CharField(label=_("文号"), max_length=100, required=False)
    form_wanted = forms.ChoiceField(
        label=_("信息的形式要求"),
        choices=[("", _("未注明")), *FormWanted.choices()],
        required=False,
    )
    delivery_method = forms.ChoiceField(
        label=_("获取信息的方式"),
        choices=[("", _("未注明")), *DeliveryMethod.choices()],
        required=False,
    )
    identity_proof = forms.FileField(
        label=_("身份证明（扫描件）"),
        required=False,
        help_text=_("PDF、JPG 或 PNG，不超过10MB。"),
        validators=[check_upload],
    )

    def __init__(self, *args, units: QuerySet[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


# --- Handling steps --------------------------------------------------------------------------


class StepForm(forms.Form):
    """Every step happens on a day (today unless the paper record says otherwise)."""

    on = date_field(_("日期"), today=True)


class AcceptForm(StepForm):
    on = date_field(
        _("确认受理日期"),
        today=True,
        help_text=_("以双方确认之日为收到申请之日（条例第三十一条第（三）项）。"),
    )


class CorrectionRequestForm(StepForm):
    items = text_area(_("需要补正的事项"), help_text=_("一次性告知申请人需要补正的全部事项。"))
    until = date_field(_("补正期限"))
    on = date_field(_("告知日期"), today=True)


class CorrectionRecordForm(StepForm):
    on = date_field(_("收到补正之日"), today=True)
    description = text_area(
        _("补正后的申请内容"), required=False, rows=4, help_text=_("不填写则保留原申请内容。")
    )
    attachment = forms.FileField(label=_("补正材料"), required=False, validators=[check_upload])


class AbandonForm(StepForm):
    note = text_area(_("说明"), required=False, rows=2)


class ConsultForm(StepForm):
    party = forms.CharField(label=_("被征求意见方"), max_length=200)
    note = text_area(_("说明"), required=False, rows=2)


class EndConsultationForm(StepForm):
    on = date_field(_("收到意见日期"), today=True)
    note = text_area(_("意见摘要"), required=False, rows=2)


class FeeNoticeForm(StepForm):
    """One standard only (办法第三条): the quantities of the other standard stay empty."""

    method = forms.ChoiceField(
        label=_("计收方式"), choices=list(FEE_METHOD_LABELS.items()), widget=forms.RadioSelect
    )
    requests_before = forms.IntegerField(
        label=_("本月此前累计申请件数"),
        min_value=0,
        required=False,
        help_text=_("按件计收时填写。"),
    )
    requests_in_application = forms.IntegerField(
        label=_("本次申请件数"), min_value=1, required=False, help_text=_("按件计收时填写。")
    )
    pages = forms.IntegerField(
        label=_("页数"), min_value=1, required=False, help_text=_("按量计收时填写。")
    )
    on = date_field(_("通知日期"), today=True)

    def __init__(self, *args, counted_before: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requests_before"].help_text = _(
            "按件计收时填写。平台统计该申请人本月此前向本单位提出 %(n)s 件申请。"
        ) % {"n": counted_before}


class PaymentForm(StepForm):
    on = date_field(_("缴费日期"), today=True)
    receipt_no = forms.CharField(label=_("票据号"), max_length=64, required=False)


class ExtendForm(StepForm):
    reason = text_area(
        _("延期理由"), help_text=_("延长的期限最长不得超过20个工作日（条例第三十三条第二款）。")
    )
    on = date_field(_("批准日期"), today=True)


def reply_outcome_choices() -> list:
    choices = []
    for value, label in Outcome.choices():
        if isinstance(label, list):
            kept = [(v, text) for v, text in label if v not in _NOT_REPLIES]
            choices.append((value, kept))
        elif value not in _NOT_REPLIES:
            choices.append((value, label))
    return [("", _("请选择办理结果")), *choices]


class ReplyForm(StepForm):
    outcome = forms.ChoiceField(label=_("办理结果"), choices=reply_outcome_choices)
    reply_text = text_area(
        _("答复内容"),
        required=False,
        rows=4,
        help_text=_("提供的信息或获取方式；“其他”须写明理由。"),
    )
    withheld_content = text_area(
        _("不予公开的内容"),
        required=False,
        rows=2,
        help_text=_("部分公开时填写（条例第三十七条）。"),
    )
    withheld_reason = text_area(
        _("不予公开的理由"),
        required=False,
        rows=2,
        help_text=_("部分公开时填写（条例第三十七条）。"),
    )
    referred_to = forms.CharField(
        label=_("负责公开的机关及联系方式"),
        max_length=300,
        required=False,
        help_text=_("不属于本机关负责公开、能够确定负责机关时填写（第三十六条第（五）项）。"),
    )
    document = forms.ModelChoiceField(
        label=_("所申请的公文"),
        queryset=None,
        required=False,
        empty_label=_("未关联"),
        help_text=_("本单位的公文；多人申请同一公文时提示纳入主动公开（条例第四十四条）。"),
    )
    on = date_field(_("答复日期"), today=True)

    def __init__(self, *args, documents: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents


class DeliverForm(StepForm):
    method = forms.ChoiceField(label=_("送达方式"), choices=DeliveryMethod.choices())
    on = date_field(_("送达日期"), today=True)
    recipient = forms.CharField(label=_("签收人"), max_length=100, required=False)
    tracking_ref = forms.CharField(label=_("邮件单号"), max_length=64, required=False)
    proof = forms.FileField(
        label=_("送达凭证"),
        required=False,
        help_text=_("送达回证、邮寄凭证或电子送达记录的扫描件，PDF、JPG 或 PNG。"),
        validators=[check_upload],
    )
    note = text_area(_("说明"), required=False, rows=2)


class WithdrawForm(StepForm):
    reason = text_area(_("撤回理由"), required=False, rows=2)
    on = date_field(_("撤回日期"), today=True)


STEP_FORMS: dict[Action, type[StepForm]] = {
    Action.ACCEPT: AcceptForm,
    Action.REQUEST_CORRECTION: CorrectionRequestForm,
    Action.RECORD_CORRECTION: CorrectionRecordForm,
    Action.ABANDON: AbandonForm,
    Action.START_HANDLING: StepForm,
    Action.CONSULT_THIRD_PARTY: ConsultForm,
    Action.CONSULT_OTHER_ORGAN: ConsultForm,
    Action.ISSUE_FEE_NOTICE: FeeNoticeForm,
    Action.END_CONSULTATION: EndConsultationForm,
    Action.RECORD_PAYMENT: PaymentForm,
    Action.EXTEND: ExtendForm,
    Action.REPLY: ReplyForm,
    Action.DELIVER: DeliverForm,
    Action.ARCHIVE: StepForm,
    Action.WITHDRAW: WithdrawForm,
}


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(
        label=_("承办人"), queryset=None, required=False, empty_label=_("不指定")
    )

    def __init__(self, *args, handlers: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers
        self.fields["handler"].label_from_instance = lambda u: u.get_full_name() or u.username


# --- Appeals ---------------------------------------------------------------------------------


class AppealForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=AppealKind.choices)
    authority = forms.CharField(label=_("复议机关或人民法院"), max_length=200, required=False)
    case_number = forms.CharField(label=_("案号"), max_length=100, required=False)
    filed_on = date_field(_("提起日期"))
    result = forms.ChoiceField(
        label=_("结果"), choices=AppealResult.choices, initial=AppealResult.PENDING
    )
    decided_on = date_field(_("审结日期"), required=False, help_text=_("已审结的案件填写。"))
    note = text_area(_("说明"), required=False, rows=2)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            # The kind of a recorded case stays; another kind is another case.
            del self.fields["kind"]

    def facts(self) -> AppealFacts:
        data = self.cleaned_data
        return AppealFacts(
            authority=data["authority"],
            case_number=data["case_number"],
            filed_on=data["filed_on"],
            result=data["result"],
            decided_on=data["decided_on"],
            note=data["note"],
        )


# --- The list --------------------------------------------------------------------------------


class FilterForm(forms.Form):
    """Sent by POST and kept in the session: an applicant's name never goes into a URL."""

    q = forms.CharField(label=_("申请编号或申请人"), max_length=100, required=False)
    state = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部")), *State.choices()], required=False
    )
    outcome = forms.ChoiceField(
        label=_("办理结果"), choices=[("", _("全部")), *Outcome.choices()], required=False
    )
    year = forms.TypedChoiceField(label=_("年度"), coerce=int, empty_value=None, required=False)
    unit = UnitChoiceField(label=_("单位（含下级）"), required=False, empty_label=_("全部单位"))

    def __init__(self, *args, units: QuerySet[Unit], years: range, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["year"].choices = [("", _("全部年度")), *((y, f"{y}年") for y in years)]
