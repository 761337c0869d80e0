"""政务公开专区: the zones of each unit, their 五统一 inspections and the reminders of inspections
due (docs/subsystems/zones.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.permissions import register_permission_policy

from gongkai.core.models import Unit
from gongkai.core.permissions import UnitScopedPermissionPolicy

from .domain.checklist import CHECKLIST, STATUS_LABELS, ZoneStatus

PLACE_KINDS = [
    ("service_center", _("政务服务中心（大厅）")),
    ("convenience_center", _("便民服务中心")),
    ("library", _("图书馆")),
    ("archives", _("档案馆")),
    ("window", _("服务事项集中窗口单位")),
    ("other", _("其他公共服务场所")),
]


class Zone(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="disclosure_zones", verbose_name=_("单位")
    )
    name = models.CharField(_("专区名称"), max_length=100)
    place_kind = models.CharField(_("场所类型"), max_length=20, choices=PLACE_KINDS)
    place = models.CharField(
        _("所在场所"), max_length=100, help_text=_("如：县政务服务中心一楼大厅")
    )
    address = models.CharField(_("地址"), max_length=200)
    opening_hours = models.CharField(_("开放时间"), max_length=200)
    has_electronic = models.BooleanField(_("电子查阅点"), default=False)
    has_materials = models.BooleanField(_("资料查阅点"), default=False)
    has_consultation = models.BooleanField(_("公开申请咨询点"), default=False)
    equipment = models.TextField(
        _("设备配置"), blank=True, help_text=_("如：电子查阅机2台、打印复印一体机1台")
    )
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=50)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("照片"),
    )
    photo_description = models.CharField(_("照片说明"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=[(s.value, STATUS_LABELS[s]) for s in ZoneStatus],
        default=ZoneStatus.OPEN,
    )
    next_inspection_due = models.DateField(_("下次检查日期"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("政务公开专区")
        verbose_name_plural = _("政务公开专区")
        ordering = ["unit__path", "name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def shows_on_portal(self) -> bool:
        return self.status != ZoneStatus.CLOSED


class Inspection(models.Model):
    """One inspection of a zone against the 五统一 checklist; never edited after it is recorded
    (a correction is the next inspection), so the history stays what the inspectors found."""

    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="inspections")
    inspected_on = models.DateField(_("检查日期"))
    inspectors = models.CharField(_("检查人员"), max_length=200)
    summary = models.TextField(_("总体情况"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("专区检查")
        verbose_name_plural = _("专区检查")
        ordering = ["-inspected_on", "-id"]

    def __str__(self) -> str:
        return f"{self.zone} {self.inspected_on:%Y-%m-%d}"

    shows_on_portal = False


class InspectionItem(models.Model):
    """The verdict on one item of the checklist; a failed item is a finding (问题) with its fix
    deadline, open until its fix is recorded."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="items")
    item = models.CharField(
        _("检查项"), max_length=20, choices=[(i.code, i.name) for i in CHECKLIST]
    )
    passed = models.BooleanField(_("合格"))
    note = models.TextField(_("情况说明"), blank=True)
    fix_due = models.DateField(_("整改期限"), null=True, blank=True)
    fixed_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    fix_note = models.TextField(_("整改情况"), blank=True)
    fixed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("检查项")
        verbose_name_plural = _("检查项")
        ordering = ["inspection", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="zones_unique_item"),
            models.CheckConstraint(
                condition=models.Q(passed=True) | models.Q(fix_due__isnull=False),
                name="zones_finding_has_fix_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspection} {self.get_item_display()}"

    shows_on_portal = False

    @property
    def is_open_finding(self) -> bool:
        return not self.passed and self.fixed_on is None


class InspectionReminder(models.Model):
    """A reminder shown to the zone's unit that its inspection is due; one per zone and due day,
    so the daily job never repeats it (a new due day after an inspection gets a new one)."""

    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField(_("检查日期"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("专区检查提醒")
        verbose_name_plural = _("专区检查提醒")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "due_on"], name="zones_unique_reminder")
        ]

    def __str__(self) -> str:
        return f"{self.due_on} {self.zone}"

    shows_on_portal = False


register_permission_policy(
    Zone,
    UnitScopedPermissionPolicy(
        Zone,
        action_map={
            "add": "zone.manage",
            "change": "zone.manage",
            "delete": "zone.manage",
            "view": "zone.view",
        },
    ),
)
