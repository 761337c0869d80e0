from __future__ import annotations

from functools import partial

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from gongkai.core.models import Unit
from gongkai.core.uploads import validate_upload
from gongkai.documents.models import OfficialDocument

from .services import EVIDENCE_KINDS, EVIDENCE_MAX_BYTES


class ProgressForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("报送单位"), queryset=Unit.objects.none())
    reported_on = forms.DateField(
        label=_("日期"), widget=AdminDateInput, initial=timezone.localdate
    )
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence_upload = forms.FileField(
        label=_("佐证材料（文件）"),
        required=False,
        help_text=_("PDF、图片（JPG、PNG）或Word、Excel、OpenDocument文件，不超过20MB。"),
        validators=[partial(validate_upload, kinds=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)],
    )
    evidence_url = forms.URLField(label=_("佐证链接"), required=False, assume_scheme="https")
    published_document = forms.ModelChoiceField(
        label=_("相关已公开文件"),
        queryset=OfficialDocument.objects.none(),
        required=False,
        help_text=_("落实本任务而公开的文件，如已发布的实施方案、专栏信息。"),
    )

    def __init__(self, *args, units, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["published_document"].queryset = documents
        if units.count() == 1:
            self.fields["unit"].initial = units.first()


class CloseoutRequestForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("申请单位"), queryset=Unit.objects.none())
    note = forms.CharField(
        label=_("完成情况说明"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class CloseoutDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("审核意见"), choices=[("confirm", _("确认销号")), ("reject", _("退回"))]
    )
    reason = forms.CharField(
        label=_("退回理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AliasForm(forms.Form):
    """One per unmatched name on a page: no field ids (they would repeat); labels wrap fields."""

    name = forms.CharField(label=_("文件中的名称"), max_length=100, widget=forms.HiddenInput)
    unit = forms.ModelChoiceField(label=_("对应单位"), queryset=Unit.objects.none())

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, auto_id=False, **kwargs)
        self.fields["unit"].queryset = units


class UnitChoiceForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
