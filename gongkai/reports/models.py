"""Annual and half-year reports (政府信息公开工作年度报告, 国办公开办函〔2021〕30号).

Tables 二 (documents), 三 and 四 are computed from the records (`selectors`); a draft always shows
the live figures, and publishing freezes them in ``snapshot``, so a published report never
changes when records change later. What no register holds (sections 一, 五, 六 and the 行政许可,
处罚, 强制, 收费 figures of table 二) is stored here. Every write goes through `services`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit

from .domain.figures import Figures
from .domain.periods import Period


class ReportState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已公布")


class AnnualReport(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    period = models.CharField(
        _("报告期"), max_length=12, choices=Period.choices(), default=Period.ANNUAL.value
    )
    covers_subtree = models.BooleanField(
        _("汇总下级单位"),
        default=False,
        help_text=_("本级政府年度报告汇总本单位及所属部门、乡镇（街道）等下级单位的数据。"),
    )
    state = models.CharField(
        _("状态"), max_length=12, choices=ReportState.choices, default=ReportState.DRAFT
    )

    overview = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other_matters = models.TextField(_("六、其他需要报告的事项"), blank=True)

    # Table 二 figures of this unit alone; a region's report adds up those of its units.
    licensing_decisions = models.PositiveIntegerField(_("行政许可：本年处理决定数量"), default=0)
    penalty_decisions = models.PositiveIntegerField(_("行政处罚：本年处理决定数量"), default=0)
    coercion_decisions = models.PositiveIntegerField(_("行政强制：本年处理决定数量"), default=0)
    fees_wan_yuan = models.DecimalField(
        _("行政事业性收费：本年收费金额（万元）"),
        max_digits=14,
        decimal_places=4,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )

    # The tables, checks and facts as they were computed when the report was published.
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("公布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        ordering = ["-year", "unit__path", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "period"], name="unique_report_per_unit_period"
            ),
            models.CheckConstraint(
                condition=models.Q(state="draft", snapshot__isnull=True)
                | models.Q(state="published", snapshot__isnull=False),
                name="published_report_has_snapshot",
            ),
        ]
        indexes = [models.Index(fields=["year", "period", "state"], name="report_year_state")]

    def __str__(self) -> str:
        return self.title

    @property
    def period_kind(self) -> Period:
        return Period(self.period)

    @property
    def title(self) -> str:
        return self.period_kind.title(self.unit.name, self.year)

    @property
    def period_end(self) -> date:
        return self.period_kind.end(self.year)

    @property
    def is_published(self) -> bool:
        return self.state == ReportState.PUBLISHED

    @property
    def portal_key(self) -> str:
        """The report's path segment on the portal: 2025, or 2025-h1 for the half-year report."""
        return str(self.year) if self.period_kind is Period.ANNUAL else f"{self.year}-h1"

    @property
    def figures(self) -> Figures:
        return Figures(
            licensing=self.licensing_decisions,
            penalty=self.penalty_decisions,
            coercion=self.coercion_decisions,
            fees_wan_yuan=self.fees_wan_yuan,
        )


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("年度报告公布期限将至")
    OVERDUE = "overdue", _("年度报告逾期未公布")


class ReportReminder(models.Model):
    """A reminder to the supervising office (and the unit) that a unit's annual report is due
    or overdue (条例第四十九条); one per unit, year, kind and due date, so the daily job never
    repeats it."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("报告年度"))
    kind = models.CharField(_("提醒类型"), max_length=12, choices=ReminderKind.choices)
    due_on = models.DateField(_("公布期限"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("年度报告提醒")
        verbose_name_plural = _("年度报告提醒")
        ordering = ["due_on", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "kind", "due_on"], name="unique_report_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} {self.get_kind_display()}"
