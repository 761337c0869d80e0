"""The forms of the public side: the application (条例第二十九条), the lookup, the online
correction and the withdrawal.

Each field says in Chinese what is wrong with it; the templates show the message next to the
field and in a summary linked to it. The services check the application again, so a form can
never let through what a staff entry would refuse.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from gongkai.core.domain.file_kinds import SCANS
from gongkai.core.public_tracking import plain_text
from gongkai.core.uploads import validate_upload

from ..domain.intake import (
    ApplicantIdType,
    DeliveryMethod,
    FormWanted,
    IntakeError,
    check_id_number,
)
from ..domain.outcomes import ApplicantType
from ..models import AttachmentKind
from ..services import Application

MAX_ATTACHMENTS = 3
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
MAX_DESCRIPTION_CHARS = 2000

_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-－转]{5,30}$")
_POSTCODE = re.compile(r"^[0-9]{6}$")


# --- The one-time form token (core/form_tokens.py) -----------------------------------------

FORM_TOKEN_SALT = "gongkai.requests.public.form"


# --- Attachments ----------------------------------------------------------------------------


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Up to `MAX_ATTACHMENTS` PDF, JPEG or PNG files of at most `MAX_ATTACHMENT_BYTES` each."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("最多上传%(count)d个文件，请删减后重新选择。") % {"count": MAX_ATTACHMENTS}
            )
        return [validate_upload(f, kinds=SCANS, max_bytes=MAX_ATTACHMENT_BYTES) for f in files]


# --- The application ------------------------------------------------------------------------


def _required(message: str) -> dict[str, str]:
    return {"required": message, "invalid_choice": message}


def _too_long(limit: int) -> dict[str, str]:
    return {"max_length": _("不能超过%(limit)d个字，请精简。") % {"limit": limit}}


class ApplicationForm(forms.Form):
    """政府信息公开申请表 (条例第二十九条)."""

    applicant_type = forms.ChoiceField(
        label=_("申请人类型"),
        choices=ApplicantType.choices(),
        widget=forms.RadioSelect,
        error_messages=_required(_("请选择申请人类型。")),
    )
    applicant_name = forms.CharField(
        label=_("申请人姓名或名称"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("自然人填写姓名；法人或其他组织填写单位全称。"),
        error_messages={"required": _("请填写申请人姓名或名称。"), **_too_long(200)},
    )
    contact_person = forms.CharField(
        label=_("联系人"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("法人或其他组织申请时必填。"),
        error_messages=_too_long(100),
    )
    id_type = forms.ChoiceField(
        label=_("身份证明类型"),
        choices=[("", _("请选择")), *ApplicantIdType.choices()],
        help_text=_("法人或其他组织请选择“统一社会信用代码”。"),
        error_messages=_required(_("请选择身份证明类型。")),
    )
    id_number = forms.CharField(
        label=_("证件号码"),
        max_length=40,
        error_messages={"required": _("请填写证件号码。"), **_too_long(40)},
    )
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("手机号码或带区号的固定电话。"),
        error_messages=_too_long(40),
    )
    email = forms.EmailField(
        label=_("电子邮箱"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("电子邮箱格式不正确，请核对。"), **_too_long(254)},
    )
    address = forms.CharField(
        label=_("通信地址"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        help_text=_("选择邮寄方式获取信息时必填。"),
        error_messages=_too_long(300),
    )
    postcode = forms.CharField(
        label=_("邮政编码"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
        error_messages=_too_long(10),
    )
    description = forms.CharField(
        label=_("所需政府信息的名称或特征描述"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_DESCRIPTION_CHARS,
        required=False,
        help_text=_(
            "与“文号”至少填写一项。写明信息的名称，或者便于查询的其他特征，"
            "如制作机关、形成时间、涉及的事项。一份申请宜只申请一项或相关的几项信息。"
        ),
        error_messages=_too_long(MAX_DESCRIPTION_CHARS),
    )
    doc_number = forms.CharField(
        label=_("文号"),
        max_length=100,
        required=False,
        help_text=_(
            "与“所需政府信息的名称或特征描述”至少填写一项。知道文号的请填写，"
            "例如：某政办发〔2024〕12号。"
        ),
        error_messages=_too_long(100),
    )
    form_wanted = forms.ChoiceField(
        label=_("所需信息的形式"),
        choices=FormWanted.choices(),
        widget=forms.RadioSelect,
        error_messages=_required(_("请选择所需信息的形式。")),
    )
    delivery_method = forms.ChoiceField(
        label=_("获取信息的方式"),
        choices=DeliveryMethod.choices(),
        widget=forms.RadioSelect,
        error_messages=_required(_("请选择获取信息的方式。")),
    )
    attachments = MultipleFileField(
        label=_("身份证明材料"),
        required=False,
        help_text=_(
            "可选。身份证件的扫描件或照片，最多3个文件，每个不超过5MB，PDF、JPG或PNG格式。"
        ),
    )
    # Honeypot: hidden from people (and from screen readers) by the template; bots fill it.
    leave_blank = forms.CharField(label=_("请勿填写此项"), required=False)
    form_token = forms.CharField(widget=forms.HiddenInput)

    def clean_phone(self) -> str:
        phone = plain_text(self.cleaned_data["phone"])
        if phone and (not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 7):
            raise forms.ValidationError(_("联系电话格式不正确，请填写手机号码或带区号的固定电话。"))
        return phone

    def clean_postcode(self) -> str:
        postcode = plain_text(self.cleaned_data["postcode"])
        if postcode and not _POSTCODE.match(postcode):
            raise forms.ValidationError(_("邮政编码应为6位数字。"))
        return postcode

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("applicant_name", "contact_person", "address", "description", "doc_number"):
            if name in data:
                data[name] = data[name].strip()
        self._check_identity(data)
        self._check_contact(data)
        if (
            "description" in data
            and "doc_number" in data
            and not (data["description"] or data["doc_number"])
        ):
            self.add_error(
                "description",
                _("请填写所需政府信息的名称、文号或便于查询的其他特征性描述。"),
            )
        return data

    def _check_identity(self, data: dict[str, Any]) -> None:
        if data.get("id_type") and data.get("id_number"):
            try:
                data["id_number"] = check_id_number(data["id_type"], data["id_number"])
            except IntakeError as error:
                self.add_error("id_number", str(error))
        organisation = data.get("applicant_type") not in (None, ApplicantType.NATURAL_PERSON)
        if organisation and "contact_person" in data and not data["contact_person"]:
            self.add_error("contact_person", _("法人或其他组织申请时，请填写联系人姓名。"))

    def _check_contact(self, data: dict[str, Any]) -> None:
        contacts = ("phone", "email", "address")
        if all(name in data and not data[name] for name in contacts):
            self.add_error("phone", _("请至少填写一种联系方式（联系电话、电子邮箱或通信地址）。"))
        wants_email = (
            data.get("delivery_method") == DeliveryMethod.EMAIL
            or data.get("form_wanted") == FormWanted.EMAIL
        )
        if wants_email and "email" in data and not data["email"]:
            self.add_error("email", _("选择以电子邮件方式提供信息时，请填写电子邮箱。"))
        posted = data.get("delivery_method") == DeliveryMethod.POST
        if posted and "address" in data and not data["address"]:
            self.add_error("address", _("选择邮寄方式时，请填写通信地址。"))

    def application(self) -> Application:
        data = self.cleaned_data
        return Application(
            applicant_type=data["applicant_type"],
            applicant_name=data["applicant_name"],
            description=data["description"],
            id_type=data["id_type"],
            id_number=data["id_number"],
            contact_person=data["contact_person"],
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            postcode=data["postcode"],
            doc_number=data["doc_number"],
            form_wanted=data["form_wanted"],
            delivery_method=data["delivery_method"],
            attachments=[(AttachmentKind.IDENTITY, f) for f in data["attachments"]],
        )


# --- The applicant's own request --------------------------------------------------------------


class LookupForm(forms.Form):
    tracking_no = forms.CharField(
        label=_("申请编号"),
        max_length=40,
        help_text=_("提交申请后页面上显示的编号，例如 013901000-2025-0012。"),
        error_messages={"required": _("请填写申请编号。"), **_too_long(40)},
    )
    code = forms.CharField(
        label=_("查询码"),
        max_length=20,
        help_text=_("提交申请后页面上显示的10位查询码，不区分大小写。"),
        error_messages={"required": _("请填写查询码。"), **_too_long(20)},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_tracking_no(self) -> str:
        return plain_text(self.cleaned_data["tracking_no"])

    def clean_code(self) -> str:
        return plain_text(self.cleaned_data["code"])


class CorrectionForm(forms.Form):
    """补正 on the tracking page: the corrected description and any supporting files."""

    description = forms.CharField(
        label=_("补正后的申请内容"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_DESCRIPTION_CHARS,
        help_text=_("请按上面告知的补正事项，完整写明所需政府信息的名称或特征描述。"),
        error_messages={
            "required": _("请填写补正后的申请内容。"),
            **_too_long(MAX_DESCRIPTION_CHARS),
        },
    )
    attachments = MultipleFileField(
        label=_("补正材料"),
        required=False,
        help_text=_("可选。最多3个文件，每个不超过5MB，PDF、JPG或PNG格式。"),
    )

    def clean_description(self) -> str:
        return self.cleaned_data["description"].strip()


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        required=False,
        help_text=_("可选。"),
        error_messages=_too_long(500),
    )
