"""The search form of the portal: a GET form, so every result page has its own address."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit

from .registry import filters, kinds
from .selectors import DATE, RELEVANCE, SearchRequest

FIRST_YEAR = 1949


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
    sort = forms.ChoiceField(
        label=_("排序"),
        required=False,
        choices=[(RELEVANCE, _("按相关度")), (DATE, _("按日期"))],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
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
            unit=valid.get("unit"),
            kind=valid.get("kind") or "",
            year=valid.get("year"),
            facets={f.name: valid.get(f.name) or "" for f in filters()},
            sort=valid.get("sort") or RELEVANCE,
            page=page,
        )
