"""The back office's forms of the portal: a site's host name and 网站标识."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class SiteForm(forms.Form):
    """Host name and identifiers; the unit only when a site is added. Cleaning is the
    service's (`portal.domain.sites`), so the screen and `gongkai sites add` refuse alike."""

    unit = UnitField(label=_("单位"), queryset=Unit.objects.none())
    hostname = forms.CharField(
        label=_("主机名"), max_length=253, help_text=_("只写域名，例如 www.example.gov.cn。")
    )
    site_id_code = forms.CharField(
        label=_("网站标识码"), max_length=32, required=False, help_text=_("10位数字或字母。")
    )
    site_name = forms.CharField(label=_("网站名称"), max_length=100, required=False)
    organizer = forms.CharField(label=_("主办单位"), max_length=100, required=False)
    icp_record = forms.CharField(label=_("ICP备案号"), max_length=64, required=False)
    public_security_record = forms.CharField(
        label=_("公安机关备案号"), max_length=64, required=False
    )
    contact_phone = forms.CharField(label=_("网站联系电话"), max_length=50, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
            self.fields["site_name"].required = True
        else:
            self.fields["unit"].queryset = units
            # Named after the unit and filled in later (后台 → 设置 → 网站标识), as the command does.
            for name in ("site_name", "organizer", "icp_record", "public_security_record"):
                del self.fields[name]
            del self.fields["contact_phone"]


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("年报年度"), coerce=int, required=False)

    def __init__(self, *args, years: range, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, f"{y}年") for y in years]
