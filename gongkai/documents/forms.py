"""Forms of the register's admin screens. They only collect and check input; every save goes
through ``services`` / ``workflow``, which decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from gongkai.core.models import Unit
from gongkai.core.permissions import scope, units_for

from .models import OfficialDocument
from .services import EDITABLE_FIELDS, INTERPRETATION_FIELDS


class OfficialDocumentForm(WagtailAdminModelForm):
    """The base form of the register's edit screen; the panels choose and group its fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "unit" in self.fields:
            if self.instance.pk:
                # A document keeps its unit and index number for life.
                self.fields["unit"].disabled = True
            elif self.for_user is not None:
                self.fields["unit"].queryset = units_for(self.for_user, "document.edit")
        if "co_issuers" in self.fields:
            co_issuers = Unit.objects.filter(is_active=True)
            if self.instance.unit_id:
                co_issuers = co_issuers.exclude(pk=self.instance.unit_id)
            self.fields["co_issuers"].queryset = co_issuers

    def service_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS if name in self.fields}

    def attachment_values(self) -> list[tuple[Any, str]]:
        """The attachments as ``(wagtail document, title)``, in the order the editor gave."""
        kept = [
            form
            for form in self.formsets["attachments"].forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        kept.sort(key=lambda form: form.cleaned_data.get("ORDER") or 0)
        return [(form.cleaned_data["file"], form.cleaned_data.get("title", "")) for form in kept]


class InterpretationAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["document"].disabled = True
            self.fields["unit"].disabled = True
            return
        units = units_for(self.for_user, "document.edit")
        # Editors of the drafting unit, and of a co-issuer named as the interpreting unit.
        self.fields["document"].queryset = (
            OfficialDocument.objects.filter(
                Q(pk__in=scope(OfficialDocument.objects.all(), self.for_user, "document.edit"))
                | Q(co_issuers__in=units)
            )
            .distinct()
            .select_related("unit")
        )
        self.fields["unit"].queryset = units
        self.fields["unit"].required = False
        self.fields["unit"].help_text = _(
            "谁起草、谁解读：留空即为文件的起草单位；联合发文由牵头单位（发文单位）组织解读，"
            "也可指定联合发文单位。"
        )

    def service_values(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name] for name in INTERPRETATION_FIELDS if name in self.fields
        }


class ApproveForm(forms.Form):
    comment = forms.CharField(
        label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SignOffForm(ApproveForm):
    go_live_at = forms.DateTimeField(
        label=_("定时发布时间"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_(
            "留空则签发后立即发布；填写则到时由系统自动发布（文件与解读同时发布）。"
            "依申请公开、不予公开的公文签发后不在门户发布，不必填写。"
        ),
    )


class RejectForm(forms.Form):
    comment = forms.CharField(
        label=_("退回意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("写明要修改什么；起草人会在公文页面看到。"),
    )


class OverrideForm(forms.Form):
    kind = forms.ChoiceField(label=_("检查项"))
    reason = forms.CharField(
        label=_("例外发布的理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("例如：号码为公开的举报电话。理由会记入审计日志。"),
    )

    def __init__(self, *args, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label=_("撤下理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("理由会记入审计日志。"),
    )
