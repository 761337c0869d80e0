from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from gongkai.core.models import Unit

from .domain.elements import Audience, Channel, Level, Method
from .domain.powers import KIND_LABELS, PowerData, PowerKind
from .domain.rules import MAX_WORKDAYS, RuleKind, TimeRule, parse_time_rule
from .models import Area, CatalogEntryKind, CatalogItem, VillageTopic

GROUP = "group"
AUTO = ""


class UnitChoiceForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ItemForm(forms.Form):
    """An item's elements. The time rule is read from the time limit's words unless chosen."""

    area = forms.ModelChoiceField(label=_("试点领域"), queryset=Area.objects.none(), required=False)
    village_topic = forms.ChoiceField(
        label=_("村（居）务公开类别"), choices=[("", "—"), *VillageTopic.choices], required=False
    )
    name = forms.CharField(label=_("事项名称"), max_length=200)
    content = forms.CharField(
        label=_("公开内容（要素）"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    basis = forms.CharField(
        label=_("公开依据"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    time_limit = forms.CharField(
        label=_("公开时限"),
        max_length=300,
        required=False,
        help_text=_("如“信息形成或者变更之日起20个工作日内”“每季度公开”。"),
    )
    rule_kind = forms.ChoiceField(
        label=_("时限规则"),
        required=False,
        choices=[
            (AUTO, _("按公开时限的文字自动识别")),
            (GROUP, _("一级事项标题（要素写在二级事项上）")),
            *((kind.value, kind.label) for kind in RuleKind),
        ],
        help_text=_("查缺补漏按此规则检查。"),
    )
    rule_days = forms.IntegerField(
        label=_("工作日数"), min_value=1, max_value=MAX_WORKDAYS, required=False
    )
    body_text = forms.CharField(label=_("公开主体"), max_length=200, required=False)
    body_unit = forms.ModelChoiceField(
        label=_("公开主体单位"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("负责公开的具体单位；留空则为本目录所属单位。"),
    )
    channels = forms.MultipleChoiceField(
        label=_("公开渠道和载体"),
        choices=[(c.value, c.label) for c in Channel],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    audience = forms.ChoiceField(
        label=_("公开对象"),
        choices=[("", "—"), *((a.value, a.label) for a in Audience)],
        required=False,
    )
    method = forms.ChoiceField(
        label=_("公开方式"),
        choices=[("", "—"), *((m.value, m.label) for m in Method)],
        required=False,
    )
    levels = forms.MultipleChoiceField(
        label=_("公开层级"),
        choices=[(level.value, level.label) for level in Level],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    township_item = forms.ModelChoiceField(
        label=_("对应乡镇事项"), queryset=CatalogItem.objects.none(), required=False
    )
    remarks = forms.CharField(
        label=_("备注"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    adopted_on = forms.DateField(
        label=_("列入目录日期"),
        widget=AdminDateInput,
        required=False,
        help_text=_("留空为今天；查缺补漏从这一天算起。"),
    )

    def __init__(
        self,
        *args,
        unit: Unit,
        reference: bool,
        new: bool,
        parent=None,
        township_items=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if reference:
            for name in ("body_unit", "township_item", "village_topic"):
                del self.fields[name]
        else:
            self.fields["body_unit"].queryset = Unit.objects.subtree_of(unit).filter(is_active=True)
            if township_items is None:
                del self.fields["township_item"]
                del self.fields["village_topic"]
            else:
                self.fields["township_item"].queryset = township_items
        if new and parent is None:
            self.fields["area"].queryset = Area.objects.filter(is_active=True)
        else:
            del self.fields["area"]
            self.fields.pop("village_topic", None)
        if not new:
            del self.fields["adopted_on"]

    def clean(self):
        data = super().clean()
        kind = data.get("rule_kind")
        rule = None
        if kind == GROUP:
            rule = None
        elif kind:
            days = data.get("rule_days") if kind == RuleKind.WORKDAYS else None
            if kind == RuleKind.WORKDAYS and not days:
                self.add_error("rule_days", "请填写工作日数。")
                return data
            rule = TimeRule(RuleKind(kind), days)
        elif data.get("time_limit"):
            rule = parse_time_rule(data["time_limit"])
            if rule is None:
                self.add_error("rule_kind", "无法从公开时限的文字识别时限规则，请选择。")
        elif any(data.get(f) for f in ("content", "basis", "channels")):
            self.add_error("time_limit", "请填写公开时限。")
        data["rule"] = rule
        if "area" in self.fields and "village_topic" in self.fields:
            if not data.get("area") and not data.get("village_topic"):
                self.add_error("area", "请选择试点领域或村（居）务公开类别。")
        elif "area" in self.fields and not data.get("area"):
            self.add_error("area", "请选择试点领域。")
        return data

    def item_fields(self) -> dict:
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in (
                "name",
                "content",
                "basis",
                "time_limit",
                "body_text",
                "channels",
                "audience",
                "method",
                "levels",
                "remarks",
            )
        }
        fields["rule"] = data["rule"]
        for name in ("body_unit", "township_item"):
            if name in self.fields:
                fields[name] = data.get(name)
        return fields

    @staticmethod
    def initial_for(item: CatalogItem) -> dict:
        return {
            "name": item.name,
            "content": item.content,
            "basis": item.basis,
            "time_limit": item.time_limit,
            "rule_kind": item.rule_kind or GROUP,
            "rule_days": item.rule_days,
            "body_text": item.body_text,
            "body_unit": item.body_unit_id,
            "channels": item.channels,
            "audience": item.audience,
            "method": item.method,
            "levels": item.levels,
            "township_item": item.township_item_id,
            "remarks": item.remarks,
        }


class AdoptForm(forms.Form):
    area = forms.ModelChoiceField(label=_("试点领域"), queryset=Area.objects.none())
    source = forms.ModelChoiceField(
        label=_("参考目录（维护单位）"),
        queryset=Unit.objects.none(),
        help_text=_("采用后可增加、删减（须说明理由）或调整事项，与参考目录的差异会标出。"),
    )
    adopted_on = forms.DateField(label=_("列入目录日期"), widget=AdminDateInput, required=False)

    def __init__(self, *args, areas, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["source"].queryset = sources


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("目录文件（.xlsx 或 .csv）"),
        help_text=_(
            "常用表格格式：序号、一级事项、二级事项、公开内容（要素）、公开依据、公开时限、公开主体、"
            "公开渠道和载体、公开对象、公开方式、公开层级；多个领域时加“试点领域”列。"
        ),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class EntryForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("类型"),
        choices=[(CatalogEntryKind.TEXT, _("文字信息")), (CatalogEntryKind.LINK, _("链接"))],
    )
    title = forms.CharField(label=_("标题"), max_length=300)
    url = forms.URLField(label=_("链接地址"), required=False, assume_scheme="https", max_length=500)
    text = forms.CharField(
        label=_("内容"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    published_on = forms.DateField(
        label=_("发布日期"), widget=AdminDateInput, initial=timezone.localdate
    )
    formed_on = forms.DateField(
        label=_("信息形成日期"),
        widget=AdminDateInput,
        required=False,
        help_text=_("填写后检查是否在时限内公开。"),
    )


class FileDocumentForm(forms.Form):
    query = forms.CharField(
        label=_("公文"),
        max_length=200,
        help_text=_("输入发文字号、索引号或标题中的词；只能归集已在门户网站公开的公文。"),
    )


class AreaForm(forms.ModelForm):
    class Meta:
        model = Area
        fields = ["number", "name", "aliases", "guide", "is_active"]


class PowerForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("权力类型"), choices=[(k.value, label) for k, label in KIND_LABELS.items()]
    )
    code = forms.CharField(label=_("权力编码"), max_length=64, required=False)
    name = forms.CharField(label=_("权力名称"), max_length=300)
    subitem = forms.CharField(label=_("子项"), max_length=300, required=False)
    basis = forms.CharField(label=_("设定依据"), widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(label=_("实施主体"), max_length=200, required=False)
    duties = forms.CharField(
        label=_("责任事项"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    accountability = forms.CharField(
        label=_("追责情形"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    remarks = forms.CharField(label=_("备注"), required=False)
    note = forms.CharField(
        label=_("调整说明"), max_length=300, help_text=_("每次调整生成新版本，旧版本仍可查看。")
    )

    def power(self) -> PowerData:
        data = self.cleaned_data
        return PowerData(
            kind=PowerKind(data["kind"]),
            **{
                name: data[name]
                for name in (
                    "name",
                    "code",
                    "subitem",
                    "basis",
                    "body",
                    "duties",
                    "accountability",
                    "remarks",
                )
            },
        )


class PowersImportForm(forms.Form):
    file = forms.FileField(
        label=_("权责清单文件（.xlsx 或 .csv）"),
        help_text=_(
            "列：权力类型、权力编码、权力名称、子项、设定依据、实施主体、责任事项、追责情形、备注。"
        ),
    )
    note = forms.CharField(label=_("调整说明"), max_length=300)
    effective_on = forms.DateField(label=_("生效日期"), widget=AdminDateInput, required=False)


class ProfileForm(forms.Form):
    functions = forms.CharField(
        label=_("主要职责"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("每行一条；留空则使用单位信息中的“机构职能”。"),
    )
    legal_basis = forms.CharField(label=_("职能依据"), max_length=300, required=False)
    leadership = forms.CharField(
        label=_("领导信息"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("每行一位：姓名 职务 分工。"),
    )
    listed = forms.BooleanField(label=_("列入机构职能目录"), required=False, initial=True)
    divisions = forms.CharField(
        label=_("内设机构"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("每行一个：机构名称：主要职责（用中文冒号分隔）。"),
    )

    def clean_divisions(self) -> list[tuple[str, str]]:
        rows = []
        for number, line in enumerate(self.cleaned_data["divisions"].splitlines(), start=1):
            if not line.strip():
                continue
            name, _sep, duties = line.replace(":", "：").partition("：")
            if not name.strip():
                raise forms.ValidationError(f"第{number}行缺少机构名称。")
            rows.append((name.strip(), duties.strip()))
        return rows
