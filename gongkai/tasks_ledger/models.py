"""The task ledger (工作台账): work plans, their tasks, progress reports, reminders, and the
unit aliases that map a plan's own unit names to the unit tree.

A task's status is not stored: it is derived from its deadline, its progress reports and its
confirmed close-out (``domain.status``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit


class WorkPlan(models.Model):
    """工作要点 / 实施方案: an official document whose numbered items are tracked as tasks."""

    document = models.OneToOneField(
        "documents.OfficialDocument",
        verbose_name=_("来源公文"),
        on_delete=models.CASCADE,
        related_name="work_plan",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("印发单位"), on_delete=models.PROTECT, related_name="work_plans"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=300)
    is_public = models.BooleanField(
        _("在门户网站公开落实情况"),
        default=False,
        help_text=_("公开后，任务及其进展在门户网站“落实情况”页面向社会展示。"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("工作要点")
        verbose_name_plural = _("工作要点")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def shows_on_portal(self) -> bool:
        """Whether visitors can see it; a new plan is not published until someone chooses to."""
        return self.is_public


class Task(models.Model):
    plan = models.ForeignKey(
        WorkPlan, verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="tasks"
    )
    position = models.PositiveIntegerField(_("顺序"))
    number = models.CharField(_("编号"), max_length=16, blank=True)
    path = models.JSONField(
        _("层级"), default=list, help_text=_("文件中的编号层级，如 二/（一）/1")
    )
    title = models.CharField(_("工作任务"), max_length=300)
    text = models.TextField(_("任务内容"))
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    deadline_text = models.CharField(_("完成时限（原文）"), max_length=100, blank=True)
    lead_names = models.JSONField(_("牵头单位（原文）"), default=list)
    responsible_names = models.JSONField(_("责任单位（原文）"), default=list)
    lead_units = models.ManyToManyField(
        Unit, verbose_name=_("牵头单位"), blank=True, related_name="lead_tasks"
    )
    responsible_units = models.ManyToManyField(
        Unit, verbose_name=_("责任单位"), blank=True, related_name="responsible_tasks"
    )
    unmatched_names = models.JSONField(
        _("未对应的单位名称"),
        default=list,
        help_text=_("文件中写到、但尚未对应到单位的名称；在“单位名称对应”中对应一次即可。"),
    )

    closeout_requested_at = models.DateTimeField(_("申请销号时间"), null=True, blank=True)
    closeout_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closeout_unit = models.ForeignKey(
        Unit,
        verbose_name=_("申请销号单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closeout_note = models.TextField(_("销号说明"), blank=True)
    closeout_rejected_reason = models.TextField(_("退回理由"), blank=True)
    closed_at = models.DateTimeField(_("销号确认时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("工作任务")
        verbose_name_plural = _("工作任务")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="unique_task_position")
        ]

    def __str__(self) -> str:
        return self.title


class UnitAlias(models.Model):
    """A name a work plan uses for a unit, mapped once by a person (市政务公开办 → 市政府办公室)."""

    name = models.CharField(_("文件中的名称"), max_length=100)
    unit = models.ForeignKey(
        Unit, verbose_name=_("对应单位"), on_delete=models.CASCADE, related_name="aliases"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("单位别名")
        verbose_name_plural = _("单位别名")
        constraints = [models.UniqueConstraint(fields=["name", "unit"], name="unique_unit_alias")]

    def __str__(self) -> str:
        return f"{self.name} → {self.unit}"


class ProgressReport(models.Model):
    task = models.ForeignKey(
        Task, verbose_name=_("工作任务"), on_delete=models.CASCADE, related_name="progress_reports"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("报送单位"), on_delete=models.PROTECT, related_name="progress_reports"
    )
    reported_on = models.DateField(_("日期"))
    text = models.TextField(_("进展情况"))
    evidence_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("佐证材料"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    evidence_url = models.URLField(_("佐证链接"), blank=True)
    published_document = models.ForeignKey(
        "documents.OfficialDocument",
        verbose_name=_("相关已公开文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("进展情况")
        verbose_name_plural = _("进展情况")
        ordering = ["-reported_on", "-id"]

    def __str__(self) -> str:
        return f"{self.reported_on} {self.unit}"


class Reminder(models.Model):
    """A reminder shown to a unit's staff before a task's deadline; one per task, unit and
    deadline, so the periodic job never sends it twice (a moved deadline gets a new one)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    deadline = models.DateField(_("完成时限"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("到期提醒")
        verbose_name_plural = _("到期提醒")
        ordering = ["deadline", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "unit", "deadline"], name="unique_task_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.deadline} {self.task}"
