"""Forms of the supervision admin screens; the rules are checked again by the services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from gongkai.core.models import Unit

from .domain.findings import SITE_KINDS
from .domain.labels import kind_label
from .models import ACCOUNT_KIND_CHOICES, ACCOUNT_STATUS_CHOICES, PLATFORM_CHOICES


class UnitForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none())

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class SiteForm(UnitForm):
    name = forms.CharField(label=_("网站名称"), max_length=200)
    home_url = forms.CharField(label=_("首页地址"), max_length=500)
    site_code = forms.CharField(label=_("网站标识码"), max_length=20, required=False)
    hosts = forms.CharField(
        label=_("属于本网站的其他域名"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一个；首页地址的域名总是包括在内。"),
    )
    contact_name = forms.CharField(label=_("联系人"), max_length=50, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    contact_email = forms.CharField(label=_("联系邮箱"), max_length=254, required=False)
    is_platform = forms.BooleanField(label=_("本平台自身的门户网站"), required=False)
    is_active = forms.BooleanField(label=_("纳入每日监测"), required=False, initial=True)


class AccountForm(UnitForm):
    platform = forms.ChoiceField(label=_("平台"), choices=PLATFORM_CHOICES)
    name = forms.CharField(label=_("账号名称"), max_length=100)
    account_id = forms.CharField(label=_("账号ID"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=ACCOUNT_KIND_CHOICES)
    responsible = forms.CharField(label=_("责任人"), max_length=50, required=False)
    last_post_on = forms.DateField(label=_("最后更新日期"), required=False, widget=AdminDateInput)
    feed_url = forms.CharField(label=_("订阅地址（RSS/Atom）"), max_length=500, required=False)
    has_interaction = forms.BooleanField(label=_("有互动功能"), required=False, initial=True)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("新状态"), choices=ACCOUNT_STATUS_CHOICES)
    on = forms.DateField(label=_("日期"), widget=AdminDateInput, initial=timezone.localdate)
    note = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}))


class LastPostForm(forms.Form):
    last_post_on = forms.DateField(label=_("最后更新日期"), widget=AdminDateInput)


class FixedForm(forms.Form):
    fixed_on = forms.DateField(
        label=_("整改日期"), widget=AdminDateInput, initial=timezone.localdate
    )
    note = forms.CharField(label=_("整改说明"), widget=forms.Textarea(attrs={"rows": 3}))


class ScoringForm(forms.Form):
    """Each kind's points per finding and the item's own total."""

    def __init__(self, *args, current: dict[str, tuple[object, object]], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in SITE_KINDS:
            each, cap = current.get(kind, (0, 0))
            label = kind_label(kind)
            self.fields[f"{kind}__each"] = forms.DecimalField(
                label=_("%(kind)s：每处扣分") % {"kind": label},
                min_value=0,
                max_value=100,
                decimal_places=1,
                initial=each,
            )
            self.fields[f"{kind}__cap"] = forms.DecimalField(
                label=_("%(kind)s：本项分值") % {"kind": label},
                min_value=0,
                max_value=100,
                decimal_places=1,
                initial=cap,
            )

    def points(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {k: (str(data[f"{k}__each"]), str(data[f"{k}__cap"])) for k in SITE_KINDS}


class WordingForm(forms.Form):
    file = forms.FileField(
        label=_("词典文件"),
        help_text=_(
            "UTF-8 文本，每行“错误词<Tab>正确词”，严重表述错误再加“<Tab>严重”；不超过1MB。"
        ),
    )
    replace = forms.BooleanField(label=_("用文件替换整个词典"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1024 * 1024:
            raise forms.ValidationError(_("文件超过1MB。"))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("文件不是 UTF-8 编码的文本。")) from None
