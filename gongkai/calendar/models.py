"""Calendar years loaded into the database, and the version stamp that tells processes to reload.

A `CalendarYear` row replaces, for its year, whatever `chinese_calendar` says (a correction) or
the provisional rule (a year the package does not know). Rows are written only by
`services.calendar_year_load` / `calendar_year_delete`.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .domain.holiday_names import infer_holiday_names
from .domain.year_calendar import YearCalendar


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField(
        _("年份"),
        unique=True,
        error_messages={"unique": _("该年份的日历已经载入，请在列表中编辑它。")},
    )
    # ISO dates, sorted: the calendar-file lists as loaded.
    holidays = models.JSONField(_("节假日"), default=list)
    makeup_workdays = models.JSONField(_("调休上班日"), default=list)
    source = models.CharField(_("来源"), max_length=200)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("更新人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("日历年份")
        verbose_name_plural = _("工作日日历")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年日历"

    def to_year_calendar(self) -> YearCalendar:
        holidays = frozenset(date.fromisoformat(day) for day in self.holidays)
        return YearCalendar(
            year=self.year,
            holidays=holidays,
            makeup_workdays=frozenset(date.fromisoformat(day) for day in self.makeup_workdays),
            names=infer_holiday_names(holidays),
        )

    def set_days(self, data: YearCalendar) -> None:
        file_form = data.to_json()
        self.holidays = file_form["holidays"]
        self.makeup_workdays = file_form["makeup_workdays"]


class CalendarVersion(models.Model):
    """One row whose token changes with every calendar write.

    Each process compares it with the token its cached calendar was built from (see
    `selectors.current_calendar`). A random token rather than a counter: a write that is rolled
    back must never leave a process believing it holds a version that a later write reuses.
    The row is also locked by every write, so two administrators' writes queue.
    """

    token = models.CharField(max_length=32, default="")

    def __str__(self) -> str:
        return f"calendar version {self.token}"
