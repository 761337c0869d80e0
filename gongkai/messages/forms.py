"""The staff forms of messages and policy questions (Wagtail admin). Each validates what a
person can get wrong; the services check everything again and their `DomainError` is shown on
the form that caused it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.domain.file_kinds import SCANS_AND_OFFICE
from gongkai.core.uploads import validate_upload

from .domain.kinds import REGISTERED_CHANNELS, Channel, InvalidReason, MessageKind
from .domain.states import Action, State
from .imports import FORMATS
from .services import REPLY_ATTACHMENT_BYTES, TEXT_MAX, TITLE_MAX, MessageInput


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class FilterForm(forms.Form):
    """The list's filters, by GET."""

    unit = UnitChoiceField(label=_("单位（含下属单位）"), queryset=None, required=False)
    kind = forms.ChoiceField(
        label=_("类别"), required=False, choices=[("", _("全部")), *MessageKind.choices()]
    )
    channel = forms.ChoiceField(
        label=_("来源"), required=False, choices=[("", _("全部")), *Channel.choices()]
    )
    state = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部")), *State.choices()]
    )
    q = forms.CharField(label=_("编号或标题"), required=False, max_length=100)

    def __init__(self, *args: Any, units, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class RegisterForm(forms.Form):
    """登记留言: a message taken down from a call or a letter."""

    unit = UnitChoiceField(label=_("办理单位"), queryset=None)
    channel = forms.ChoiceField(
        label=_("来源"), choices=[(c.value, c.label) for c in REGISTERED_CHANNELS]
    )
    received_at = forms.DateTimeField(
        label=_("收到时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("答复期限从收到之日起计算。"),
    )
    kind = forms.ChoiceField(label=_("类别"), choices=MessageKind.choices())
    title = forms.CharField(label=_("标题"), max_length=TITLE_MAX)
    text = forms.CharField(label=_("内容"), max_length=TEXT_MAX, widget=forms.Textarea)
    contact_name = forms.CharField(label=_("联系人姓名"), max_length=50, required=False)
    contact_mobile = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    may_publish = forms.BooleanField(label=_("留言人同意公开"), required=False)

    def __init__(self, *args: Any, units, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_received_at(self):
        value = self.cleaned_data["received_at"]
        if value > timezone.now():
            raise ValidationError(_("收到时间不能晚于现在。"))
        return value

    def message_input(self) -> MessageInput:
        data = self.cleaned_data
        return MessageInput(
            kind=data["kind"],
            title=data["title"],
            text=data["text"],
            contact_name=data["contact_name"],
            contact_mobile=data["contact_mobile"],
            may_publish=data["may_publish"],
        )


# --- The steps of one message --------------------------------------------------------------------


class StepForm(forms.Form):
    pass


class AcceptForm(StepForm):
    pass


class TransferForm(StepForm):
    to_unit = UnitChoiceField(label=_("转至单位"), queryset=None)
    reason = forms.CharField(
        label=_("转办理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("分办“不确定”的留言可不写理由；转办须写明理由。计时不因转办而中断。"),
    )

    def __init__(self, *args: Any, units=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = units


class ReturnForm(StepForm):
    reason = forms.CharField(
        label=_("退回理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("说明为何不属于本单位办理，留言将退回转来的单位。"),
    )


class ClassifyForm(StepForm):
    kind = forms.ChoiceField(
        label=_("类别"),
        choices=MessageKind.choices(),
        help_text=_("更改后按新类别的时限、自收到留言之日起重新计算答复期限。"),
    )


class ReplyForm(StepForm):
    text = forms.CharField(
        label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 8}), max_length=TEXT_MAX
    )
    attachment = forms.FileField(
        label=_("附件"),
        required=False,
        help_text=_("可选。PDF、图片、Word、Excel，不超过10MB；留言人在查询页面下载。"),
    )
    answered_at = forms.DateTimeField(
        label=_("答复时间"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("留空为现在；已通过电话等方式答复的，填写实际答复时间。"),
    )

    def clean_attachment(self):
        upload = self.cleaned_data["attachment"]
        if upload:
            return validate_upload(upload, kinds=SCANS_AND_OFFICE, max_bytes=REPLY_ATTACHMENT_BYTES)
        return None


class ReopenForm(StepForm):
    reason = forms.CharField(
        label=_("重新办理原因"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("如：留言人来电反映问题未解决。"),
    )


class CloseInvalidForm(StepForm):
    reason = forms.ChoiceField(label=_("无效原因"), choices=InvalidReason.choices())
    note = forms.CharField(
        label=_("说明"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("重复留言请写明与哪条留言重复。无效留言保留备查，不计入统计。"),
    )


class RestoreForm(StepForm):
    note = forms.CharField(label=_("恢复原因"), widget=forms.Textarea(attrs={"rows": 2}))


STEP_FORMS: dict[Action, type[StepForm]] = {
    Action.ACCEPT: AcceptForm,
    Action.TRANSFER: TransferForm,
    Action.RETURN: ReturnForm,
    Action.CLASSIFY: ClassifyForm,
    Action.REPLY: ReplyForm,
    Action.REOPEN: ReopenForm,
    Action.CLOSE_INVALID: CloseInvalidForm,
    Action.RESTORE: RestoreForm,
}


class PublishForm(forms.Form):
    """The public copy of a message: what 留言选登 shows, checked by the publication gate."""

    title = forms.CharField(label=_("公开标题"), max_length=TITLE_MAX)
    excerpt = forms.CharField(
        label=_("公开的留言内容"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("可摘录、删改留言人的原话；不得含有姓名、电话、身份证号码等个人信息。"),
    )
    answer = forms.CharField(label=_("公开的答复内容"), widget=forms.Textarea(attrs={"rows": 6}))


class UnpublishForm(forms.Form):
    reason = forms.CharField(label=_("撤回公开的原因"), widget=forms.Textarea(attrs={"rows": 2}))


class ToQuestionForm(forms.Form):
    document = forms.ModelChoiceField(
        label=_("相关政策文件"),
        queryset=None,
        help_text=_("生成一条政策问答草稿，编辑后发布。"),
    )

    def __init__(self, *args: Any, documents, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents


# --- Hotline, policy questions -------------------------------------------------------------------


class HotlineImportForm(forms.Form):
    file = forms.FileField(
        label=_("热线工单文件"),
        help_text=_(
            "CSV 或 .xlsx。表头：工单编号、受理时间、承办单位（代码、全称或简称）、诉求类型、"
            "诉求内容，可选：诉求标题、办理时限、诉求人、联系电话。全部行无误才导入。"
        ),
    )


class HotlineExportForm(forms.Form):
    unit = UnitChoiceField(label=_("单位（含下属单位）"), queryset=None)
    start = forms.DateField(label=_("受理日期自"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("至"), widget=forms.DateInput(attrs={"type": "date"}))
    fmt = forms.ChoiceField(label=_("格式"), choices=list(FORMATS.items()))

    def __init__(self, *args: Any, units, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("结束日期不能早于开始日期。"))
        return data


class QuestionForm(forms.Form):
    unit = UnitChoiceField(label=_("答复单位"), queryset=None)
    question = forms.CharField(label=_("问题"), max_length=200)
    answer = forms.CharField(label=_("解答"), widget=forms.Textarea(attrs={"rows": 8}))
    document = forms.ModelChoiceField(label=_("相关政策文件"), queryset=None)
    interpretation = forms.ModelChoiceField(
        label=_("相关政策解读"),
        queryset=None,
        required=False,
        help_text=_("可选；须是所选文件的解读。"),
    )
    sort_order = forms.IntegerField(label=_("排序"), initial=0, help_text=_("数字小的排在前面。"))

    def __init__(self, *args: Any, units, documents, interpretations, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["document"].queryset = documents
        self.fields["interpretation"].queryset = interpretations
