"""Staff forms of the zones app. They check what a form can (required fields, the photo's
content); the services check the rest and their refusals are shown on the form."""

from __future__ import annotations

from functools import partial

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.uploads import validate_upload

from .domain.checklist import CHECKLIST, STATUS_LABELS, ItemResult, ZoneStatus
from .domain.rules import PHOTO_KINDS, PHOTO_MAX_BYTES
from .models import PLACE_KINDS
from .services import ZoneFacts

FACT_FIELDS = [
    "name",
    "place_kind",
    "place",
    "address",
    "opening_hours",
    "has_electronic",
    "has_materials",
    "has_consultation",
    "equipment",
    "contact_name",
    "phone",
    "photo_description",
]


class ZoneForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=None, required=False)
    name = forms.CharField(label=_("专区名称"), max_length=100)
    place_kind = forms.ChoiceField(label=_("场所类型"), choices=PLACE_KINDS)
    place = forms.CharField(
        label=_("所在场所"), max_length=100, help_text=_("如：县政务服务中心一楼大厅")
    )
    address = forms.CharField(label=_("地址"), max_length=200)
    opening_hours = forms.CharField(label=_("开放时间"), max_length=200)
    has_electronic = forms.BooleanField(label=_("电子查阅点"), required=False)
    has_materials = forms.BooleanField(label=_("资料查阅点"), required=False)
    has_consultation = forms.BooleanField(label=_("公开申请咨询点"), required=False)
    equipment = forms.CharField(
        label=_("设备配置"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("如：电子查阅机2台、打印复印一体机1台"),
    )
    contact_name = forms.CharField(label=_("联系人"), max_length=50, required=False)
    phone = forms.CharField(label=_("咨询电话"), max_length=50)
    photo = forms.FileField(
        label=_("照片"),
        required=False,
        help_text=_("JPEG 或 PNG 图片，不超过 5 MB；在专区的公开页面显示。"),
        validators=[partial(validate_upload, kinds=PHOTO_KINDS, max_bytes=PHOTO_MAX_BYTES)],
    )
    photo_description = forms.CharField(
        label=_("照片说明"),
        max_length=200,
        required=False,
        help_text=_("照片上是什么，供看不见照片的读者使用。"),
    )
    remove_photo = forms.BooleanField(label=_("删除现有照片"), required=False)
    status = forms.ChoiceField(
        label=_("状态"), choices=[(s.value, STATUS_LABELS[s]) for s in ZoneStatus], required=False
    )

    def __init__(self, *args, units=None, editing: bool = False, has_photo: bool = False, **kw):
        super().__init__(*args, **kw)
        if editing:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units
            self.fields["unit"].required = True
            del self.fields["status"]
        if not has_photo:
            del self.fields["remove_photo"]

    def facts(self) -> ZoneFacts:
        return ZoneFacts(**{name: self.cleaned_data[name] for name in FACT_FIELDS})


PASS_CHOICES = [("1", _("合格")), ("0", _("不合格"))]


class InspectionForm(forms.Form):
    inspected_on = forms.DateField(
        label=_("检查日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    inspectors = forms.CharField(label=_("检查人员"), max_length=200)
    summary = forms.CharField(
        label=_("总体情况"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("inspected_on", timezone.localdate())
        for item in CHECKLIST:
            self.fields[f"{item.code}_passed"] = forms.ChoiceField(
                label=item.name,
                choices=PASS_CHOICES,
                widget=forms.RadioSelect,
                help_text=f"{item.requirement}（{item.source}）",
            )
            self.fields[f"{item.code}_note"] = forms.CharField(
                label=_("情况说明"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("不合格的，写明发现的问题（即须整改的问题）。"),
            )

    def item_rows(self):
        return [
            (item, self[f"{item.code}_passed"], self[f"{item.code}_note"]) for item in CHECKLIST
        ]

    def results(self) -> list[ItemResult]:
        data = self.cleaned_data
        return [
            ItemResult(item.code, data[f"{item.code}_passed"] == "1", data[f"{item.code}_note"])
            for item in CHECKLIST
        ]


class FixForm(forms.Form):
    fixed_on = forms.DateField(
        label=_("整改完成日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    fix_note = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 2}))
