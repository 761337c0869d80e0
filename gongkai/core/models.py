"""Units, unit-scoped roles and the hash-chained audit log."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .domain.roles import ROLE_LABELS, Role


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", _("人民政府")
    DEPARTMENT = "department", _("政府部门")
    TOWNSHIP = "township", _("乡镇（街道）")
    VILLAGE = "village", _("村（居）")
    OTHER = "other", _("其他")


unit_code_validator = RegexValidator(
    r"^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$",
    _("单位代码只能包含字母、数字、点、短横线和下划线，且以字母或数字开头，最长32位。"),
)


class UnitQuerySet(models.QuerySet):
    def subtree_of(self, unit: Unit) -> UnitQuerySet:
        return self.filter(path__startswith=unit.path)


class Unit(models.Model):
    """An administrative body (单位/机关). Units form a tree: county → departments, townships → villages.

    ``path`` is the chain of ids from the root (``/1/4/9/``) so that a whole subtree is one
    indexed prefix query; ``services.unit_*`` keep it right when a unit moves.
    """

    code = models.CharField(
        _("单位代码"), max_length=32, unique=True, validators=[unit_code_validator]
    )
    name = models.CharField(_("单位全称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    kind = models.CharField(_("类型"), max_length=16, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=512, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    sort_order = models.IntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    # The facts of the 政府信息公开指南 (条例 Art. 12).
    supervising_office = models.ForeignKey(
        "self",
        verbose_name=_("政府信息公开工作主管部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_units",
        help_text=_("本区域法定的政府信息公开工作主管部门；留空则沿用上级单位的设置。"),
    )
    disclosure_office = models.CharField(
        _("政府信息公开工作机构"),
        max_length=100,
        blank=True,
        help_text=_("如：县政府办公室政务公开股"),
    )
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    fax = models.CharField(_("传真号码"), max_length=50, blank=True)
    web_contact = models.CharField(_("互联网联系方式"), max_length=200, blank=True)
    functions = models.TextField(_("机构职能"), blank=True)
    guide_supplement = models.TextField(
        _("指南补充说明"),
        blank=True,
        help_text=_("显示在自动生成的政府信息公开指南之后，可写本单位的特别说明。"),
    )
    disclosure_rules = models.TextField(
        _("政府信息公开制度"), blank=True, help_text=_("本单位的政府信息公开工作制度，按段落填写。")
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["path", "sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def ancestors(self) -> list[Unit]:
        ids = [int(i) for i in self.path.strip("/").split("/")[:-1] if i]
        by_id = Unit.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def effective_supervising_office(self) -> Unit | None:
        if self.supervising_office_id:
            return self.supervising_office
        for ancestor in reversed(self.ancestors()):
            if ancestor.supervising_office_id:
                return ancestor.supervising_office
        return None


class RoleAssignment(models.Model):
    """A user holds a role on a unit and, through it, on the unit's whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(
        _("角色"), max_length=32, choices=[(r.value, label) for r, label in ROLE_LABELS.items()]
    )
    granted_at = models.DateTimeField(_("授权时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="unique_role_assignment")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.unit} · {ROLE_LABELS[Role(self.role)]}"


class AppendOnlyError(Exception):
    pass


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit entries cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit entries cannot be deleted")


class AuditEntry(models.Model):
    """One write, recorded once. ``hash`` is the entry's HMAC-SHA256 signature under the audit
    key ``key_id`` (kept outside the database, see ``audit_keys``), and it covers the signature of
    the entry before (``prev_hash``), so that a changed, removed or re-ordered entry breaks the
    chain (``gongkai audit verify``, rules in ``domain/audit_chain.py``)."""

    seq = models.PositiveBigIntegerField(unique=True, editable=False)
    at = models.DateTimeField(_("时间"), editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    actor_name = models.CharField(_("操作人"), max_length=150, editable=False)
    action = models.CharField(_("操作"), max_length=64, db_index=True, editable=False)
    object_type = models.CharField(_("对象类型"), max_length=64, editable=False)
    object_id = models.CharField(_("对象编号"), max_length=64, editable=False)
    object_repr = models.CharField(_("对象"), max_length=200, editable=False)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    changes = models.JSONField(_("变更内容"), default=dict, editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, unique=True, editable=False)
    key_id = models.CharField(max_length=16, editable=False, default="")

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")


class AuditChainHead(models.Model):
    """A single row locked by every audit write, so that two writers never both chain onto the
    same predecessor (PostgreSQL row lock; SQLite already serialises writers). It names the last
    entry, so that removing the newest entries shows unless the head is lowered too (which only
    an anchor kept elsewhere shows), and the key that signed it."""

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    last_key_id = models.CharField(max_length=16, default="")

    def __str__(self) -> str:
        return f"audit chain at #{self.last_seq}"


class QueuedMail(models.Model):
    """A message the platform (or Wagtail, for workflow notifications) sent, kept until the
    periodic job hands it to the mail server (``core/mail.py``): sending never happens in a
    request, so an absent or failing server costs a page nothing, and nothing is lost while
    no server is configured."""

    created_at = models.DateTimeField(auto_now_add=True)
    from_email = models.CharField(max_length=254)
    recipients = models.JSONField()
    subject = models.CharField(max_length=500, blank=True)
    raw = models.BinaryField(help_text="the whole message as the server receives it")
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"mail #{self.pk}: {self.subject}"


class PeriodicClaim(models.Model):
    """When a periodic job is next due, for every server at once (``core/periodic.py``): a
    server runs a job only after moving ``next_due`` forward itself, so with several servers
    each job runs once per interval, not once per server. Written only with ``update()`` and
    ``bulk_create``: bookkeeping that must not touch the portal's content version."""

    name = models.CharField(max_length=200, unique=True)
    next_due = models.DateTimeField()
    claimed_by = models.CharField(max_length=200, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claims = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} (next {self.next_due:%Y-%m-%d %H:%M})"
