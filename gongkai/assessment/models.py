"""The year's scheme (考核办法), what the office enters, the 问题清单 and the objections.

Computed figures are not stored: they are counted from the modules' records each time
(``selectors.scheme_results``), so a score always matches the records its drill-down lists.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit, UnitKind

from .domain.scoring import RULE_LABELS, RuleKind
from .domain.states import (
    OBJECTION_STATE_LABELS,
    PROBLEM_STATE_LABELS,
    ObjectionState,
    ProblemState,
)

# The groups of units a scheme scores and ranks separately (县直部门, 乡镇（街道）…).
GROUP_KINDS = (UnitKind.DEPARTMENT, UnitKind.TOWNSHIP, UnitKind.OTHER)


def _choices(labels: dict) -> list[tuple[str, str]]:
    return [(key.value, label) for key, label in labels.items()]


class Scheme(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=_("考核单位"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("考核年度"))
    title = models.CharField(_("名称"), max_length=200)
    full_score = models.DecimalField(_("满分"), max_digits=6, decimal_places=2, default=100)
    basis = models.TextField(_("依据"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")
        ordering = ["-year", "unit__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="assessment_one_scheme_a_year")
        ]

    def __str__(self) -> str:
        return self.title


class Heading(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="headings")
    title = models.CharField(_("考核项目"), max_length=100)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("考核项目")
        verbose_name_plural = _("考核项目")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Item(models.Model):
    """One indicator of a scheme: a registered computed indicator (``key``) or one the office
    enters (``key`` empty), with its weight, scoring rule and the groups it applies to."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="items")
    heading = models.ForeignKey(
        Heading, verbose_name=_("考核项目"), on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    key = models.CharField(_("计算指标"), max_length=64, blank=True)
    label = models.CharField(_("考核指标"), max_length=100)
    guidance = models.TextField(_("评分说明"), blank=True)
    rule = models.CharField(_("计分方法"), max_length=12, choices=_choices(RULE_LABELS))
    max_points = models.DecimalField(_("分值"), max_digits=6, decimal_places=2)
    full_at = models.DecimalField(_("满分比率"), max_digits=5, decimal_places=4, default=1)
    zero_at = models.DecimalField(_("零分比率"), max_digits=5, decimal_places=4, default=0)
    per_item = models.DecimalField(_("每项扣分"), max_digits=6, decimal_places=2, default=0)
    cap = models.DecimalField(_("扣分上限"), max_digits=6, decimal_places=2, null=True, blank=True)
    groups = models.JSONField(_("适用单位类型"), default=list)

    class Meta:
        verbose_name = _("考核指标")
        verbose_name_plural = _("考核指标")
        ordering = ["heading__order", "order", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def entered(self) -> bool:
        return self.rule == RuleKind.ENTERED

    @property
    def group_labels(self) -> str:
        return "、".join(str(UnitKind(g).label) for g in self.groups)


class EnteredScore(models.Model):
    """Points the office gives a unit on an entered indicator, with its evidence."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="entered_scores")
    unit = models.ForeignKey(
        Unit, verbose_name=_("被考核单位"), on_delete=models.PROTECT, related_name="+"
    )
    points = models.DecimalField(_("得分"), max_digits=6, decimal_places=2, null=True, blank=True)
    not_applicable = models.BooleanField(_("不适用"), default=False)
    note = models.TextField(_("评分理由"))
    evidence_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("佐证材料"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("录入得分")
        verbose_name_plural = _("录入得分")
        constraints = [
            models.UniqueConstraint(fields=["item", "unit"], name="assessment_one_entry_a_unit")
        ]

    def __str__(self) -> str:
        return f"{self.item}：{self.unit}"


class ProblemSource(models.TextChoices):
    CHECK = "check", _("检查发现")
    STAFF = "staff", _("考核办录入")


class Problem(models.Model):
    """A problem of the 问题清单: assigned to a unit with a deadline, closed (销号) with proof,
    reopened when a re-check fails."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="problems")
    unit = models.ForeignKey(
        Unit, verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("问题"), max_length=200)
    detail = models.TextField(_("具体情况"), blank=True)
    source = models.CharField(_("来源"), max_length=8, choices=ProblemSource.choices)
    found_on = models.DateField(_("发现日期"))
    deadline = models.DateField(_("整改期限"))
    state = models.CharField(
        _("状态"),
        max_length=10,
        choices=_choices(PROBLEM_STATE_LABELS),
        default=ProblemState.OPEN,
    )
    closed_on = models.DateField(_("销号日期"), null=True, blank=True)
    proof = models.TextField(_("整改情况"), blank=True)
    proof_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("整改佐证"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reopened_on = models.DateField(_("复查日期"), null=True, blank=True)
    reopen_reason = models.TextField(_("复查未通过原因"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("问题清单")
        verbose_name_plural = _("问题清单")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["scheme", "unit", "state"])]

    def __str__(self) -> str:
        return self.title


class Objection(models.Model):
    """A unit's objection to a computed figure, and the office's decision."""

    item = models.ForeignKey(
        Item, verbose_name=_("考核指标"), on_delete=models.CASCADE, related_name="objections"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("提出单位"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("异议理由"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    state = models.CharField(
        _("状态"),
        max_length=10,
        choices=_choices(OBJECTION_STATE_LABELS),
        default=ObjectionState.PENDING,
    )
    decision = models.TextField(_("处理意见"), blank=True)
    # When upheld: the points the office sets instead of the computed ones (None: 不适用).
    corrected_points = models.DecimalField(
        _("核定得分"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("考核异议")
        verbose_name_plural = _("考核异议")
        ordering = ["-filed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit}：{self.item}"
