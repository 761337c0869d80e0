"""The admin's forms for policies and enterprises. They check as the services and the imports
do (the domain's checks) and hand the services plain values; nothing is saved by the form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from gongkai.core.permissions import units_for
from gongkai.documents.selectors import public_documents, public_interpretations

from .domain.checks import EnterpriseFields, check_criteria, check_enterprise
from .domain.rules import SIZE_LABELS, SUBJECT_TYPE_LABELS
from .models import Enterprise, PolicyItem
from .selectors import region_units
from .services import PolicyInput

POLICY_FORM_FIELDS = [
    "unit",
    "code",
    "title",
    "benefits",
    "industries",
    "sizes",
    "subject_types",
    "regions",
    "apply_mode",
    "how_to_apply",
    "apply_deadline",
    "valid_from",
    "valid_to",
    "contact",
    "documents",
    "interpretations",
]


def _with_ancestors(units) -> set[int]:
    return {
        int(part)
        for path in units.values_list("path", flat=True)
        for part in path.split("/")
        if part
    }


class PolicyForm(WagtailAdminModelForm):
    industries = forms.CharField(
        label=_("适用行业"),
        required=False,
        help_text=_(
            "GB/T 4754-2017 行业代码，多个用英文分号分隔，如 C26;C2710；"
            "写门类或大类即覆盖其下所有行业；留空表示不限。"
        ),
    )
    sizes = forms.MultipleChoiceField(
        label=_("适用企业规模"),
        required=False,
        choices=[(s.value, label) for s, label in SIZE_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("都不选表示不限。"),
    )
    subject_types = forms.MultipleChoiceField(
        label=_("适用主体类型"),
        required=False,
        choices=[(t.value, label) for t, label in SUBJECT_TYPE_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("都不选表示不限。"),
    )

    class Meta:
        model = PolicyItem
        fields = POLICY_FORM_FIELDS

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = region_units()
        self.fields["regions"].help_text = _("适用区域覆盖其下所有单位的辖区；都不选表示不限。")
        self.fields["documents"].queryset = public_documents()
        self.fields["interpretations"].queryset = public_interpretations()
        if for_user is not None:
            units = units_for(for_user, "policy.edit")
            self.fields["unit"].queryset = units
            # The sources a clerk may cite: public documents of the units they work for and of
            # the units above them (a county's rules), never a sibling's.
            citable = _with_ancestors(units)
            self.fields["documents"].queryset = public_documents().filter(unit_id__in=citable)
            self.fields["interpretations"].queryset = public_interpretations().filter(
                unit_id__in=citable
            )
        if self.instance.pk:
            self.initial["industries"] = ";".join(self.instance.industries)
            # The code is what imports and links know a policy by.
            self.fields["code"].disabled = True

    def clean(self):
        data = super().clean()
        found, problems = check_criteria(
            industries_text=data.get("industries") or "",
            sizes_text="",
            regions_text="",
            subject_types_text="",
        )
        for problem in problems:
            self.add_error("industries", problem)
        if found is not None:
            data["industries"] = found.industries
        return data

    def policy_input(self) -> PolicyInput:
        data = self.cleaned_data
        return PolicyInput(
            title=data["title"],
            valid_from=data["valid_from"],
            valid_to=data.get("valid_to"),
            benefits=data.get("benefits", ""),
            industries=data["industries"],
            sizes=list(data.get("sizes") or []),
            subject_types=list(data.get("subject_types") or []),
            regions=list(data.get("regions") or []),
            apply_mode=data["apply_mode"],
            how_to_apply=data.get("how_to_apply", ""),
            apply_deadline=data.get("apply_deadline"),
            contact=data.get("contact", ""),
            documents=list(data.get("documents") or []),
            interpretations=list(data.get("interpretations") or []),
        )


ENTERPRISE_FORM_FIELDS = [
    "uscc",
    "name",
    "industry",
    "size",
    "region",
    "subject_type",
    "email",
    "subscribed",
]


class EnterpriseForm(WagtailAdminModelForm):
    class Meta:
        model = Enterprise
        fields = ENTERPRISE_FORM_FIELDS

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is not None:
            self.fields["region"].queryset = region_units() & units_for(for_user, "enterprise.edit")
        self.fields["uscc"].help_text = _("营业执照上的18位代码，系统核对校验码。")
        self.fields["industry"].help_text = _("GB/T 4754-2017 行业代码，如 C2641。")

    def _post_clean(self):
        # The uniqueness of the code is the service's to report, in its words.
        self._validate_unique = False
        super()._post_clean()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        found, problems = check_enterprise(
            uscc_text=data["uscc"],
            name=data["name"],
            industry=data["industry"],
            size=data["size"],
            region=data["region"].code,
            subject_type=data["subject_type"],
        )
        for problem in problems:
            self.add_error(None, problem)
        self.profile: EnterpriseFields | None = found
        return data
