"""The search form of the portal: a GET form, so every result page has its own address."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from gongkai.core.models import Unit

from .domain.synonyms import SynonymError, split_terms
from .models import TERM_SEPARATOR, SynonymGroup
from .registry import filters, kinds
from .selectors import DATE, RELEVANCE, SearchRequest

FIRST_YEAR = 1949
# The search range that leaves a county's own site: every unit of the installation.
WHOLE_CITY = "all"


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit: Unit) -> str:
        # Indented so that the tree shows in a plain <select>.
        return "\u3000" * unit.depth + unit.name


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("检索词"),
        required=False,
        widget=forms.SearchInput(attrs={"maxlength": 200, "aria-describedby": "search-hint"}),
    )
    unit = UnitChoiceField(
        label=_("单位"),
        queryset=Unit.objects.filter(is_active=True),
        to_field_name="code",
        required=False,
        empty_label=_("全部单位"),
    )
    kind = forms.ChoiceField(label=_("类别"), required=False)
    year = forms.IntegerField(label=_("年份"), required=False, min_value=FIRST_YEAR)
    # Set by the 「查看全部」 link of a grouped result: that series alone.
    series = forms.RegexField(regex=r"^[0-9a-f]{16}$", required=False, widget=forms.HiddenInput)
    sort = forms.ChoiceField(
        label=_("排序"),
        required=False,
        choices=[(RELEVANCE, _("按相关度")), (DATE, _("按日期"))],
    )

    def __init__(self, *args, site_unit: Unit | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # On a county's own site the search covers that county unless the visitor asks for
        # the whole city (「全市」): the unit list follows the chosen range.
        self.site_unit = site_unit
        if site_unit is not None:
            self.fields["scope"] = forms.ChoiceField(
                label=_("范围"),
                required=False,
                choices=[("", _("本站")), (WHOLE_CITY, _("全市"))],
            )
            if self.data.get("scope") != WHOLE_CITY:
                self.fields["unit"].queryset = Unit.objects.filter(
                    is_active=True, path__startswith=site_unit.path
                )
                self.fields["unit"].empty_label = _("本站全部单位")
        self.fields["kind"].choices = [("", _("全部类别"))] + [(k.name, k.label) for k in kinds()]
        self.fields["year"].max_value = timezone.localdate().year + 1
        self.fields["year"].widget.attrs.update(
            {"min": FIRST_YEAR, "max": self.fields["year"].max_value}
        )
        for f in filters():
            self.fields[f.name] = forms.ChoiceField(
                label=f.label, required=False, choices=[("", _("不限")), *f.choices()]
            )

    def search_request(self, page: int) -> SearchRequest:
        """What to search for, once ``is_valid`` has run: a field with a wrong value is left out
        (and shows its error)."""
        valid = self.cleaned_data
        return SearchRequest(
            q=valid.get("q") or "",
            unit=valid.get("unit") or self._default_unit(),
            kind=valid.get("kind") or "",
            year=valid.get("year"),
            facets={f.name: valid.get(f.name) or "" for f in filters()},
            series=valid.get("series") or "",
            sort=valid.get("sort") or RELEVANCE,
            page=page,
        )

    def _default_unit(self) -> Unit | None:
        if self.site_unit is None or self.cleaned_data.get("scope") == WHOLE_CITY:
            return None
        return self.site_unit


class SynonymGroupForm(WagtailAdminModelForm):
    """A synonym group in the back office: the terms typed on one line, checked by the same
    rule as a dictionary file, errors in Chinese on the form. Saved by the services."""

    class Meta:
        model = SynonymGroup
        fields = ["terms"]
        help_texts = {
            "terms": _(
                "同一组里的词互为同义词或简称，用空格或顿号分开，如：低保、最低生活保障。"
                "检索其中任何一个词，也会查找同组的其他词；修改后下一次检索即生效，不必重建索引。"
            )
        }

    def clean_terms(self) -> str:
        try:
            return TERM_SEPARATOR.join(split_terms(self.cleaned_data["terms"]))
        except SynonymError as error:
            raise forms.ValidationError(str(error)) from None
