"""The forms of the public side: leaving a message, the lookup, the rating, the list filters.

Each field says in Chinese what is wrong with it; the templates (``core/public/_field.html``)
show the message next to the field and in a summary linked to it. The services check the
message again, so the form can never let through what they would refuse.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit
from gongkai.core.public_tracking import plain_text

from ..domain.kinds import CITIZEN_KINDS, MessageKind, Satisfaction
from ..services import TEXT_MAX, TITLE_MAX, MessageInput

FORM_TOKEN_SALT = "gongkai.messages.public.form"
UNSURE = "unsure"  # 不确定: the office routes it
_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")


def _too_long(limit: int) -> dict[str, str]:
    return {"max_length": _("不能超过%(limit)d个字，请精简。") % {"limit": limit}}


def unit_choices(units) -> list[tuple[str, str]]:
    return [
        ("", _("请选择")),
        (UNSURE, _("不确定（由政府办公室分办）")),
        *((unit.code, unit.name) for unit in units),
    ]


class MessageForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("留言类别"),
        choices=[(k.value, k.label) for k in CITIZEN_KINDS],
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择留言类别。"), "invalid_choice": _("请选择留言类别。")},
    )
    unit = forms.ChoiceField(
        label=_("办理单位"),
        help_text=_("不清楚由哪个单位办理的，请选“不确定”，由政府办公室转交有关单位。"),
        error_messages={"required": _("请选择办理单位。"), "invalid_choice": _("请选择办理单位。")},
    )
    title = forms.CharField(
        label=_("标题"),
        max_length=TITLE_MAX,
        help_text=_("用一句话概括您的问题，如：新生儿医保如何办理？"),
        error_messages={"required": _("请填写留言标题。"), **_too_long(TITLE_MAX)},
    )
    text = forms.CharField(
        label=_("留言内容"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("请写明事情经过、所在地点和您的诉求。请勿填写身份证号码等个人信息。"),
        error_messages={"required": _("请填写留言内容。"), **_too_long(TEXT_MAX)},
    )
    page_url = forms.URLField(
        label=_("出错页面的网址"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("“我为政府网站找错”时填写，如 https://www.example.gov.cn/xxgk/…"),
        error_messages={"invalid": _("网址格式不正确，请从浏览器地址栏复制。"), **_too_long(500)},
    )
    contact_name = forms.CharField(
        label=_("姓名"),
        max_length=50,
        help_text=_("仅供办理单位与您联系，不会公开。"),
        error_messages={"required": _("请填写姓名。"), **_too_long(50)},
    )
    contact_mobile = forms.CharField(
        label=_("手机号码"),
        max_length=20,
        help_text=_("仅供办理单位与您联系，不会公开。"),
        error_messages={"required": _("请填写手机号码。"), **_too_long(20)},
    )
    may_publish = forms.TypedChoiceField(
        label=_("是否同意公开"),
        choices=[("yes", _("同意公开（不公开姓名和联系方式）")), ("no", _("不同意公开"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_("同意的，答复后留言内容和答复可能经审核后在网站“留言选登”中公开。"),
        error_messages={"required": _("请选择是否同意公开。")},
    )
    # Honeypot: hidden from people (and from screen readers) by the template; bots fill it.
    leave_blank = forms.CharField(label=_("请勿填写此项"), required=False)
    form_token = forms.CharField(widget=forms.HiddenInput)
    # Set by the page's script once it has shown similar questions while the citizen typed.
    suggestions_seen = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, units, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {unit.code: unit for unit in units}
        self.fields["unit"].choices = unit_choices(units)

    def clean_contact_mobile(self) -> str:
        mobile = plain_text(self.cleaned_data["contact_mobile"]).replace(" ", "").replace("-", "")
        mobile = mobile.removeprefix("+86")
        if not _MOBILE.match(mobile):
            raise forms.ValidationError(_("手机号码应为11位数字，以1开头。"))
        return mobile

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("title", "text", "contact_name"):
            if name in data:
                data[name] = data[name].strip()
        if data.get("kind") != MessageKind.CORRECTION:
            data["page_url"] = ""
        return data

    def chosen_unit(self) -> Unit | None:
        """None for 不确定."""
        code = self.cleaned_data["unit"]
        return None if code == UNSURE else self.units[code]

    def message_input(self) -> MessageInput:
        data = self.cleaned_data
        return MessageInput(
            kind=data["kind"],
            title=data["title"],
            text=data["text"],
            contact_name=data["contact_name"],
            contact_mobile=data["contact_mobile"],
            page_url=data["page_url"],
            may_publish=data["may_publish"],
        )


class LookupForm(forms.Form):
    number = forms.CharField(
        label=_("留言编号"),
        max_length=40,
        help_text=_("提交留言后页面上显示的编号，例如 LY2026000012。"),
        error_messages={"required": _("请填写留言编号。"), **_too_long(40)},
    )
    code = forms.CharField(
        label=_("查询码"),
        max_length=20,
        help_text=_("提交留言后页面上显示的10位查询码，不区分大小写。"),
        error_messages={"required": _("请填写查询码。"), **_too_long(20)},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_number(self) -> str:
        return plain_text(self.cleaned_data["number"]).upper()

    def clean_code(self) -> str:
        return plain_text(self.cleaned_data["code"])


class RatingForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("您对本次答复是否满意"),
        choices=Satisfaction.choices(),
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择满意程度。")},
    )
    resolved = forms.TypedChoiceField(
        label=_("您的问题是否已解决"),
        choices=[("yes", _("已解决")), ("no", _("未解决（留言将重新办理）"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择问题是否已解决。")},
    )
    comment = forms.CharField(
        label=_("意见"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("可选。问题未解决的，请说明还有什么需要办理。"),
        error_messages=_too_long(1000),
    )


class ListFilterForm(forms.Form):
    """留言选登 filters, by GET: a unit, a kind, a year."""

    unit = forms.ChoiceField(label=_("办理单位"), required=False)
    kind = forms.ChoiceField(
        label=_("类别"), required=False, choices=[("", _("全部")), *MessageKind.choices()]
    )
    year = forms.TypedChoiceField(label=_("年份"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, units, years, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {unit.code: unit for unit in units}
        self.fields["unit"].choices = [("", _("全部")), *((u.code, u.name) for u in units)]
        self.fields["year"].choices = [("", _("全部")), *((y, f"{y}年") for y in years)]
