"""Supervision (网站与政务新媒体监管): the registry of sites and new-media accounts, the stored
check runs with their findings and rectification, availability probes, the office's scoring
weights and the weekly warnings sent.

Statuses are changed only by ``services``; the rules are in ``domain``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit

from .domain.accounts import (
    ACCOUNT_KIND_LABELS,
    PLATFORM_LABELS,
    STATUS_LABELS,
    AccountKind,
    AccountStatus,
    Platform,
)
from .domain.findings import ACCOUNT_KINDS, SITE_KINDS
from .domain.labels import KIND_LABELS
from .domain.rectification import STATE_LABELS, RectificationState

PLATFORM_CHOICES = [(p.value, PLATFORM_LABELS[p]) for p in Platform]
ACCOUNT_KIND_CHOICES = [(k.value, ACCOUNT_KIND_LABELS[k]) for k in AccountKind]
ACCOUNT_STATUS_CHOICES = [(s.value, STATUS_LABELS[s]) for s in AccountStatus]
STATE_CHOICES = [(s.value, STATE_LABELS[s]) for s in RectificationState]
SITE_KIND_CHOICES = [(k, KIND_LABELS[k]) for k in SITE_KINDS]
ACCOUNT_FINDING_CHOICES = [(k, KIND_LABELS[k]) for k in ACCOUNT_KINDS]


class Site(models.Model):
    """A government website of the area: the platform itself or a site hosted elsewhere."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("主办单位"), on_delete=models.PROTECT, related_name="sites"
    )
    name = models.CharField(_("网站名称"), max_length=200)
    home_url = models.URLField(_("首页地址"), max_length=500)
    site_code = models.CharField(
        _("网站标识码"), max_length=20, blank=True, help_text=_("10位，如 6208000001")
    )
    hosts = models.TextField(
        _("属于本网站的域名"),
        blank=True,
        help_text=_("每行一个；首页地址的域名总是包括在内。"),
    )
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    is_platform = models.BooleanField(
        _("本平台"), default=False, help_text=_("本平台自身的门户网站，在本机内检查。")
    )
    demo_files = models.CharField(
        _("演示站点文件"),
        max_length=200,
        blank=True,
        help_text=_("演示数据：从随程序提供的静态文件读取，而不访问网络。"),
    )
    is_active = models.BooleanField(_("纳入监测"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("网站")
        verbose_name_plural = _("网站")
        ordering = ["-is_platform", "name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def host_list(self) -> list[str]:
        return [h.strip().lower() for h in self.hosts.splitlines() if h.strip()]

    @property
    def is_demo(self) -> bool:
        return bool(self.demo_files)


class RunStatus(models.TextChoices):
    RUNNING = "running", _("检查中")
    FINISHED = "finished", _("已完成")
    PARTIAL = "partial", _("未检查完")
    FAILED = "failed", _("检查失败")


class CheckRun(models.Model):
    """One check of a site on one day (日监测)."""

    site = models.ForeignKey(
        Site, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="runs"
    )
    day = models.DateField(_("检查日"))
    status = models.CharField(
        _("状态"), max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("检查页面数"), default=0)
    state_path = models.CharField(
        _("断点续查文件"), max_length=500, blank=True, help_text=_("检查中断后从这里继续。")
    )
    error = models.TextField(_("失败原因"), blank=True)
    veto = models.JSONField(_("单项否决"), default=list, blank=True)
    deductions = models.JSONField(_("扣分"), default=list, blank=True)
    points = models.DecimalField(_("得分"), max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(_("合格"), null=True)

    class Meta:
        verbose_name = _("检查记录")
        verbose_name_plural = _("检查记录")
        ordering = ["-day", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["site", "day"], name="supervision_one_run_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.site.name} {self.day:%Y-%m-%d}"

    @property
    def is_vetoed(self) -> bool:
        return bool(self.veto)


class SiteFinding(models.Model):
    """A problem found on a site, followed from the run that first found it until a check
    confirms it gone."""

    site = models.ForeignKey(
        Site, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField(_("问题类型"), max_length=30, choices=SITE_KIND_CHOICES)
    url = models.URLField(_("页面"), max_length=1000)
    column = models.CharField(_("栏目"), max_length=200, blank=True)
    detail = models.TextField(_("说明"), blank=True)
    value = models.CharField(_("依据"), max_length=500, blank=True)
    first_seen = models.DateField(_("首次发现"))
    last_seen = models.DateField(_("最近发现"))
    runs = models.ManyToManyField(CheckRun, related_name="findings", verbose_name=_("检查记录"))
    state = models.CharField(
        _("整改状态"), max_length=10, choices=STATE_CHOICES, default=RectificationState.OPEN
    )
    assigned_unit = models.ForeignKey(
        Unit,
        verbose_name=_("整改单位"),
        on_delete=models.PROTECT,
        related_name="site_findings",
    )
    due_on = models.DateField(_("整改期限"))
    fixed_on = models.DateField(_("整改日期"), null=True, blank=True)
    fix_note = models.TextField(_("整改说明"), blank=True)
    resolved_on = models.DateField(_("复核通过日期"), null=True, blank=True)
    times_reopened = models.PositiveSmallIntegerField(_("复核未通过次数"), default=0)

    class Meta:
        verbose_name = _("网站问题")
        verbose_name_plural = _("网站问题")
        ordering = ["-first_seen", "kind", "url", "id"]
        indexes = [models.Index(fields=["site", "state"]), models.Index(fields=["first_seen"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.url}"


class Probe(models.Model):
    """One availability probe of a site's home page (站点无法访问: ≥ 5 % over 15 s)."""

    site = models.ForeignKey(
        Site, verbose_name=_("网站"), on_delete=models.CASCADE, related_name="probes"
    )
    at = models.DateTimeField(_("时间"))
    seconds = models.FloatField(_("用时（秒）"))
    status = models.PositiveSmallIntegerField(_("状态码"), null=True, blank=True)
    error = models.CharField(_("错误"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("可用性探测")
        verbose_name_plural = _("可用性探测")
        ordering = ["-at"]
        indexes = [models.Index(fields=["site", "at"])]

    def __str__(self) -> str:
        return f"{self.site.name} {self.at:%Y-%m-%d %H:%M}"


class Account(models.Model):
    """A government new-media account (政务新媒体)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("主办单位"), on_delete=models.PROTECT, related_name="media_accounts"
    )
    platform = models.CharField(_("平台"), max_length=20, choices=PLATFORM_CHOICES)
    name = models.CharField(_("账号名称"), max_length=100)
    account_id = models.CharField(_("账号ID"), max_length=100)
    kind = models.CharField(
        _("类型"), max_length=12, choices=ACCOUNT_KIND_CHOICES, default=AccountKind.PUBLISHING
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=ACCOUNT_STATUS_CHOICES, default=AccountStatus.ACTIVE
    )
    status_since = models.DateField(_("状态日期"))
    responsible = models.CharField(_("责任人"), max_length=50, blank=True)
    last_post_on = models.DateField(_("最后更新日期"), null=True, blank=True)
    feed_url = models.URLField(
        _("订阅地址"), max_length=500, blank=True, help_text=_("平台提供RSS或Atom时填写。")
    )
    has_interaction = models.BooleanField(_("有互动功能"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("政务新媒体账号")
        verbose_name_plural = _("政务新媒体账号")
        ordering = ["unit__path", "platform", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "account_id"], name="supervision_account_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()}“{self.name}”"


class AccountStep(models.Model):
    """A change of an account's status (整合、关停) with its date and note."""

    account = models.ForeignKey(
        Account, verbose_name=_("账号"), on_delete=models.CASCADE, related_name="steps"
    )
    on = models.DateField(_("日期"))
    old_status = models.CharField(_("原状态"), max_length=10, choices=ACCOUNT_STATUS_CHOICES)
    new_status = models.CharField(_("新状态"), max_length=10, choices=ACCOUNT_STATUS_CHOICES)
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("账号变更")
        verbose_name_plural = _("账号变更")
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.account} {self.on:%Y-%m-%d}"


class AccountFinding(models.Model):
    """A new-media problem, from the first check that found it until one no longer does."""

    account = models.ForeignKey(
        Account, verbose_name=_("账号"), on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField(_("问题类型"), max_length=30, choices=ACCOUNT_FINDING_CHOICES)
    detail = models.TextField(_("说明"))
    first_seen = models.DateField(_("首次发现"))
    last_seen = models.DateField(_("最近发现"))
    resolved_on = models.DateField(_("消除日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("新媒体问题")
        verbose_name_plural = _("新媒体问题")
        ordering = ["-first_seen", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.account} {self.kind}"


class WeeklyWarning(models.Model):
    """The weekly warning list (周预警) of one unit for one week: sent once."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="media_warnings"
    )
    week_of = models.DateField(_("周一"))
    items = models.JSONField(_("预警事项"), default=list)
    mailed_to = models.EmailField(_("发送至"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("周预警")
        verbose_name_plural = _("周预警")
        ordering = ["-week_of", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "week_of"], name="supervision_one_warning")
        ]

    def __str__(self) -> str:
        return f"{self.unit.name} {self.week_of:%Y-%m-%d}"


class ScoringItem(models.Model):
    """The office's points for one deduction item (the official values are not public)."""

    kind = models.CharField(_("问题类型"), max_length=30, choices=SITE_KIND_CHOICES, unique=True)
    each = models.DecimalField(_("每处扣分"), max_digits=4, decimal_places=1, default=0)
    cap = models.DecimalField(_("本项分值"), max_digits=4, decimal_places=1, default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("扣分分值")
        verbose_name_plural = _("扣分分值")
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.kind


class WordingEntry(models.Model):
    """A wording error the checker looks for (wrong → right), edited by the office."""

    wrong = models.CharField(_("错误表述"), max_length=100, unique=True)
    right = models.CharField(_("正确表述"), max_length=100)
    serious = models.BooleanField(
        _("严重表述错误"), default=False, help_text=_("出现即按单项否决处理。")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("表述错误词条")
        verbose_name_plural = _("表述错误词条")
        ordering = ["-serious", "wrong"]

    def __str__(self) -> str:
        return f"{self.wrong} → {self.right}"
