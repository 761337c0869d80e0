from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit

from .domain.figures import FEE_DECIMALS, FIRST_YEAR, Figures
from .domain.periods import Period


class ReportCreateForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("报告年度"), min_value=FIRST_YEAR)
    period = forms.ChoiceField(label=_("报告期"), choices=Period.choices())
    covers_subtree = forms.TypedChoiceField(
        label=_("统计范围"),
        choices=[
            ("", _("按单位类型（人民政府汇总下级单位，其他单位只统计本单位）")),
            ("1", _("汇总本单位及下级单位（本级政府年度报告）")),
            ("0", _("只统计本单位")),
        ],
        coerce=lambda value: value == "1",
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        this_year = timezone.localdate().year
        self.fields["year"].widget.attrs["max"] = this_year
        self.fields["year"].initial = this_year - 1

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("报告年度不能晚于今年。"))
        return year


class ReportTextForm(forms.Form):
    overview = forms.CharField(
        label=_("一、总体情况"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_("包括主动公开、依申请公开、政府信息管理、平台建设、监督保障等情况；每段一行。"),
    )
    problems = forms.CharField(
        label=_("五、存在的主要问题及改进情况"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    other_matters = forms.CharField(
        label=_("六、其他需要报告的事项"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("包括信息处理费收取情况等。"),
    )


class FiguresForm(forms.Form):
    licensing = forms.IntegerField(label=_("行政许可：本年处理决定数量"), min_value=0)
    penalty = forms.IntegerField(label=_("行政处罚：本年处理决定数量"), min_value=0)
    coercion = forms.IntegerField(label=_("行政强制：本年处理决定数量"), min_value=0)
    fees_wan_yuan = forms.DecimalField(
        label=_("行政事业性收费：本年收费金额（万元）"),
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=FEE_DECIMALS,
    )

    def figures(self) -> Figures:
        return Figures(**self.cleaned_data)


class RefillForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label=_("按最新数据重新生成"),
        choices=[
            ("overview", _("一、总体情况")),
            ("problems", _("五、存在的主要问题及改进情况")),
            ("other_matters", _("六、其他需要报告的事项")),
        ],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("所选部分的现有文字将被替换为根据当前记录生成的文字。"),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回公布的理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )


class FiguresImportForm(forms.Form):
    file = forms.FileField(
        label=_("数据文件（.xlsx 或 .csv）"),
        help_text=_(
            "列：单位代码、年度、报告期（年度或半年，可省略）、行政许可、行政处罚、行政强制、"
            "行政事业性收费（万元）。文件有任何错误时不导入任何数据。"
        ),
    )
