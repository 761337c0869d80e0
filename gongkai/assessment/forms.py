"""The assessment's forms in the admin: what a unit or the office types, checked at the edge;
the services check everything again."""

from __future__ import annotations

from functools import partial

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from gongkai.core.models import UnitKind
from gongkai.core.uploads import validate_upload

from . import registry
from .domain.scoring import RULE_LABELS
from .models import GROUP_KINDS, Heading, ProblemSource
from .services import EVIDENCE_KINDS, EVIDENCE_MAX_BYTES

_evidence = partial(validate_upload, kinds=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)


def _rule_choices() -> list[tuple[str, str]]:
    return [(kind.value, label) for kind, label in RULE_LABELS.items()]


def _group_choices() -> list[tuple[str, str]]:
    return [(kind, UnitKind(kind).label) for kind in GROUP_KINDS]


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


class SchemeForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("考核单位"), queryset=None, empty_label=None)
    year = forms.IntegerField(label=_("考核年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("名称"), max_length=200)
    full_score = forms.DecimalField(
        label=_("满分"), initial=100, min_value=1, max_digits=6, decimal_places=2
    )
    basis = forms.CharField(
        label=_("依据"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    copy_last_year = forms.BooleanField(
        label=_("以上一年度的考核办法为基础（复制其考核项目和指标）"), required=False
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class HeadingForm(forms.Form):
    title = forms.CharField(label=_("考核项目名称"), max_length=100)


class ItemForm(forms.Form):
    heading = forms.ModelChoiceField(label=_("考核项目"), queryset=None, empty_label=None)
    key = forms.ChoiceField(label=_("计算指标"), required=False)
    label = forms.CharField(
        label=_("指标名称（录入指标必填；计算指标留空则用其名称）"), required=False, max_length=100
    )
    guidance = forms.CharField(
        label=_("评分说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    rule = forms.ChoiceField(label=_("计分方法"), choices=_rule_choices)
    max_points = forms.DecimalField(label=_("分值"), min_value=0, max_digits=6, decimal_places=2)
    full_at = forms.DecimalField(
        label=_("满分比率（%，线性计分）"),
        initial=100,
        required=False,
        max_digits=6,
        decimal_places=2,
    )
    zero_at = forms.DecimalField(
        label=_("零分比率（%，线性计分）"),
        initial=0,
        required=False,
        max_digits=6,
        decimal_places=2,
    )
    per_item = forms.DecimalField(
        label=_("每项扣分（扣分计分）"), required=False, max_digits=6, decimal_places=2
    )
    cap = forms.DecimalField(
        label=_("扣分上限（扣分计分，留空为该项分值）"),
        required=False,
        max_digits=6,
        decimal_places=2,
    )
    groups = forms.MultipleChoiceField(
        label=_("适用单位类型"), choices=_group_choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, scheme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["heading"].queryset = (
            scheme.headings.all() if scheme else Heading.objects.none()
        )
        self.fields["key"].choices = [("", _("（录入指标，不对应计算指标）")), *registry.choices()]


class ProblemForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("责任单位"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("问题"), max_length=200)
    detail = forms.CharField(
        label=_("具体情况"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    source = forms.ChoiceField(label=_("来源"), choices=ProblemSource.choices)
    found_on = forms.DateField(
        label=_("发现日期"), widget=AdminDateInput, initial=timezone.localdate
    )
    deadline = forms.DateField(label=_("整改期限"), widget=AdminDateInput)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ItemEditForm(ItemForm):
    """An indicator's weight, rule, groups, name and guidance; its heading and its computed
    indicator stay."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["heading"]
        del self.fields["key"]
