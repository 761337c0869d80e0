"""The admin form of a calendar year: the two lists typed one date per line, checked by the same
domain rules as a calendar file (`YearCalendar`), errors shown in Chinese on the form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .domain.errors import CalendarDataError
from .domain.year_calendar import YearCalendar, parse_date_lines
from .models import CalendarYear


class CalendarYearForm(WagtailAdminModelForm):
    holidays_text = forms.CharField(
        label=_("节假日"),
        widget=forms.Textarea(attrs={"rows": 16}),
        error_messages={"required": _("请至少填写一个放假日期（如元旦）。")},
        help_text=_(
            "每行一个日期，格式 YYYY-MM-DD。列出放假的每一天，包括放假期间的周六、周日；"
            "平常的周末不必列出。"
        ),
    )
    makeup_text = forms.CharField(
        label=_("调休上班日"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("每行一个日期，格式 YYYY-MM-DD。只能是调休上班的周六或周日。"),
    )

    class Meta:
        model = CalendarYear
        fields = ["year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Another year is another record: add it rather than renaming this one.
            self.fields["year"].disabled = True
            self.initial["holidays_text"] = "\n".join(self.instance.holidays)
            self.initial["makeup_text"] = "\n".join(self.instance.makeup_workdays)
        self.year_calendar: YearCalendar | None = None

    def clean(self):
        cleaned = super().clean()
        days = {}
        for name, label in (("holidays_text", "节假日"), ("makeup_text", "调休上班日")):
            if name in cleaned:
                try:
                    days[name] = parse_date_lines(cleaned[name], label)
                except CalendarDataError as error:
                    self.add_error(name, str(error))
        year = cleaned.get("year")
        # The year-level checks only make sense once every line has been read.
        if year is not None and not self.errors:
            try:
                self.year_calendar = YearCalendar(
                    year=year, holidays=days["holidays_text"], makeup_workdays=days["makeup_text"]
                )
            except CalendarDataError as error:
                self.add_error(None, str(error))
        return cleaned
