"""The assessment's forms in the admin: what a unit or the office types, checked at the edge;
the services check everything again."""

from __future__ import annotations

from functools import partial

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from gongkai.core.uploads import validate_upload

from .services import EVIDENCE_KINDS, EVIDENCE_MAX_BYTES

_evidence = partial(validate_upload, kinds=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)


class ObjectionForm(forms.Form):
    reason = forms.CharField(label=_("异议理由"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("处理结果"),
        choices=[("1", _("异议成立，核定得分")), ("0", _("异议不成立，维持计算结果"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    corrected_points = forms.DecimalField(
        label=_("核定得分"), required=False, min_value=0, max_digits=6, decimal_places=2
    )
    decision = forms.CharField(label=_("处理意见"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    closed_on = forms.DateField(
        label=_("销号日期"), widget=AdminDateInput, initial=timezone.localdate
    )
    proof = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 3}))
    proof_file = forms.FileField(
        label=_("整改佐证（可选）"), required=False, validators=[_evidence]
    )


class ReopenForm(forms.Form):
    rechecked_on = forms.DateField(
        label=_("复查日期"), widget=AdminDateInput, initial=timezone.localdate
    )
    reason = forms.CharField(label=_("复查未通过原因"), widget=forms.Textarea(attrs={"rows": 2}))


class EnteredScoreForm(forms.Form):
    points = forms.DecimalField(
        label=_("得分"), required=False, min_value=0, max_digits=6, decimal_places=2
    )
    not_applicable = forms.BooleanField(label=_("不适用"), required=False)
    note = forms.CharField(label=_("评分理由"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("佐证材料（可选）"), required=False, validators=[_evidence])
