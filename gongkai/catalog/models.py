"""The standard catalog (标准目录), the powers list (权责清单) and the functions directory
(机构职能目录).

- ``Area``: one of the 26 pilot areas (试点领域), seeded by migration 0002 and editable.
- ``CatalogItem``: an item (公开事项) in two levels (一级事项 → 二级事项) with its elements. A
  supervising office's *reference* items (``is_reference``) are adopted by units, whose own
  items keep a link to the reference they came from (``reference``), so differences can be
  shown. Village items (村(居)务公开) have a topic instead of an area and a link to the township
  item they correspond to.
- ``CatalogEntry``: published information filed under an item: a document of the register
  (shown only while the register shows it), a link, or a short text.
- ``PowersListVersion`` / ``Power``: every change of a department's powers list is a new version.
- ``UnitProfile`` / ``InternalDivision``: a unit's functions and internal structure.

Nothing here is deleted by the services: items are dropped with a reason, entries withdrawn.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit

from .domain.elements import Audience, Channel, Level, Method, channels_cell, levels_text
from .domain.powers import KIND_LABELS, PowerData, PowerKind
from .domain.rules import RuleKind, TimeRule


class Area(models.Model):
    """试点领域."""

    number = models.PositiveSmallIntegerField(_("序号"), unique=True)
    name = models.CharField(_("领域名称"), max_length=50, unique=True)
    aliases = models.CharField(
        _("别名"),
        max_length=200,
        blank=True,
        help_text=_("导入时也认作本领域的名称，用顿号分隔，如“环境保护、生态环境”。"),
    )
    guide = models.CharField(
        _("标准指引"),
        max_length=200,
        blank=True,
        help_text=_("本领域的标准指引或参考目录，如“甘肃省财政预决算领域政务公开标准目录”。"),
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("试点领域")
        verbose_name_plural = _("试点领域")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name

    def names(self) -> list[str]:
        aliases = [a.strip() for a in self.aliases.replace(",", "、").split("、")]
        return [self.name, *(a for a in aliases if a)]


class VillageTopic(models.TextChoices):
    """村(居)务公开: what villages publish (积县政办发〔2021〕45号 task 11)."""

    REVITALISATION = "revitalisation", _("脱贫攻坚/乡村振兴")
    FINANCE = "finance", _("村级财务")
    BENEFITS = "benefits", _("惠农政策")
    ELDERLY = "elderly", _("养老服务")
    ASSISTANCE = "assistance", _("社会救助")
    AFFAIRS = "affairs", _("村务管理")
    OTHER = "other", _("其他")


def _choices(enum) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in enum]


class CatalogItemQuerySet(models.QuerySet):
    def in_catalog(self) -> CatalogItemQuerySet:
        """Items of units' catalogs (not reference items) that have not been dropped."""
        return self.filter(is_reference=False, dropped_on__isnull=True)


class CatalogItem(models.Model):
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("目录所属单位"),
        on_delete=models.PROTECT,
        related_name="catalog_items",
        help_text=_("参考目录：维护它的政务公开主管部门；本单位目录：该单位。"),
    )
    is_reference = models.BooleanField(_("参考目录事项"), default=False)
    area = models.ForeignKey(
        Area,
        verbose_name=_("试点领域"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    village_topic = models.CharField(
        _("村务公开类别"), max_length=20, blank=True, choices=VillageTopic.choices
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("一级事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("顺序"), default=0)
    name = models.CharField(_("事项名称"), max_length=200)
    content = models.TextField(_("公开内容（要素）"), blank=True)
    basis = models.TextField(_("公开依据"), blank=True)
    time_limit = models.CharField(_("公开时限"), max_length=300, blank=True)
    rule_kind = models.CharField(
        _("时限规则"), max_length=16, blank=True, choices=_choices(RuleKind)
    )
    rule_days = models.PositiveSmallIntegerField(_("工作日数"), null=True, blank=True)
    body_text = models.CharField(_("公开主体"), max_length=200, blank=True)
    body_unit = models.ForeignKey(
        Unit,
        verbose_name=_("公开主体单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="catalog_items_as_body",
        help_text=_("负责公开该事项的单位；查缺补漏按它统计。"),
    )
    channels = models.JSONField(_("公开渠道和载体"), default=list, blank=True)
    audience = models.CharField(
        _("公开对象"), max_length=16, blank=True, choices=_choices(Audience)
    )
    method = models.CharField(_("公开方式"), max_length=16, blank=True, choices=_choices(Method))
    levels = models.JSONField(_("公开层级"), default=list, blank=True)
    remarks = models.TextField(_("备注"), blank=True)
    reference = models.ForeignKey(
        "self",
        verbose_name=_("对应参考目录事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adoptions",
    )
    township_item = models.ForeignKey(
        "self",
        verbose_name=_("对应乡级事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="village_items",
    )
    adopted_on = models.DateField(_("列入目录日期"))
    dropped_on = models.DateField(_("删减日期"), null=True, blank=True)
    drop_reason = models.TextField(_("删减理由"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CatalogItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("公开事项")
        verbose_name_plural = _("公开事项")
        ordering = ["unit", "area__number", "village_topic", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"],
                condition=Q(parent__isnull=False),
                name="catalog_unique_child_name",
            ),
            models.UniqueConstraint(
                fields=["unit", "is_reference", "area", "name"],
                condition=Q(parent__isnull=True, area__isnull=False),
                name="catalog_unique_top_name",
            ),
            models.UniqueConstraint(
                fields=["unit", "is_reference", "village_topic", "name"],
                condition=Q(parent__isnull=True, area__isnull=True),
                name="catalog_unique_village_name",
            ),
        ]
        indexes = [models.Index(fields=["unit", "is_reference", "area"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.parent.name}/{self.name}" if self.parent_id else self.name

    @property
    def section(self) -> str:
        """The area, or for a village item its topic."""
        return self.area.name if self.area_id else self.get_village_topic_display()

    @property
    def rule(self) -> TimeRule | None:
        if not self.rule_kind:
            return None
        return TimeRule(RuleKind(self.rule_kind), self.rule_days)

    @property
    def is_group(self) -> bool:
        """A heading (一级事项 whose elements are on its 二级事项): no rule, nothing to check."""
        return not self.rule_kind

    @property
    def is_dropped(self) -> bool:
        return self.dropped_on is not None

    @property
    def channel_labels(self) -> list[str]:
        return [c.label for c in Channel if c.value in self.channels]

    @property
    def channels_cell(self) -> str:
        return channels_cell([Channel(c) for c in self.channels if c in Channel._value2member_map_])

    @property
    def levels_text(self) -> str:
        return levels_text([Level(v) for v in self.levels if v in Level._value2member_map_])

    @property
    def body_display(self) -> str:
        return self.body_text or (self.body_unit.name if self.body_unit_id else "")

    @property
    def responsible_unit(self) -> Unit:
        """The unit that must publish: the 公开主体 unit, else the catalog's unit."""
        return self.body_unit if self.body_unit_id else self.unit


class CatalogEntryKind(models.TextChoices):
    DOCUMENT = "document", _("公文")
    LINK = "link", _("链接")
    TEXT = "text", _("文字信息")


class CatalogEntry(models.Model):
    """Published information filed under an item."""

    item = models.ForeignKey(
        CatalogItem, verbose_name=_("公开事项"), on_delete=models.CASCADE, related_name="entries"
    )
    kind = models.CharField(_("类型"), max_length=16, choices=CatalogEntryKind.choices)
    document = models.ForeignKey(
        "documents.OfficialDocument",
        verbose_name=_("公文"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="catalog_entries",
    )
    title = models.CharField(_("标题"), max_length=300, blank=True)
    url = models.URLField(_("链接地址"), max_length=500, blank=True)
    text = models.TextField(_("内容"), blank=True)
    formed_on = models.DateField(
        _("信息形成日期"),
        null=True,
        blank=True,
        help_text=_("信息形成或者变更的日期；填写后可检查是否在时限内公开。"),
    )
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    withdrawn_on = models.DateField(_("撤下日期"), null=True, blank=True)
    withdraw_reason = models.TextField(_("撤下理由"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("公开内容")
        verbose_name_plural = _("公开内容")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "document"],
                condition=Q(document__isnull=False),
                name="catalog_unique_filed_document",
            )
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if self.document_id and not self.title:
            return self.document.title
        return self.title

    @property
    def display_published_on(self):
        return self.document.published_on if self.document_id else self.published_on

    @property
    def display_formed_on(self):
        return self.document.written_on if self.document_id else self.formed_on


class PowersListVersion(models.Model):
    """One version of a unit's powers list; the highest number is the current one."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="powers_versions"
    )
    number = models.PositiveIntegerField(_("版本号"))
    note = models.CharField(_("调整说明"), max_length=300)
    effective_on = models.DateField(_("生效日期"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("权责清单版本")
        verbose_name_plural = _("权责清单版本")
        ordering = ["unit", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="catalog_unique_powers_version")
        ]

    def __str__(self) -> str:
        return f"{self.unit.name}权责清单（第{self.number}版）"


class Power(models.Model):
    version = models.ForeignKey(
        PowersListVersion, verbose_name=_("版本"), on_delete=models.CASCADE, related_name="powers"
    )
    position = models.PositiveIntegerField(_("顺序"))
    kind = models.CharField(
        _("权力类型"), max_length=20, choices=[(k.value, label) for k, label in KIND_LABELS.items()]
    )
    code = models.CharField(_("权力编码"), max_length=64, blank=True)
    name = models.CharField(_("权力名称"), max_length=300)
    subitem = models.CharField(_("子项"), max_length=300, blank=True)
    basis = models.TextField(_("设定依据"))
    body = models.CharField(_("实施主体"), max_length=200, blank=True)
    duties = models.TextField(_("责任事项"), blank=True)
    accountability = models.TextField(_("追责情形"), blank=True)
    remarks = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("权责事项")
        verbose_name_plural = _("权责事项")
        ordering = ["version", "position"]

    def __str__(self) -> str:
        return self.name

    def to_data(self) -> PowerData:
        return PowerData(
            kind=PowerKind(self.kind),
            name=self.name,
            code=self.code,
            subitem=self.subitem,
            basis=self.basis,
            body=self.body,
            duties=self.duties,
            accountability=self.accountability,
            remarks=self.remarks,
        )


class UnitProfile(models.Model):
    """What the functions directory (机构职能目录) says about a unit beyond the unit tree."""

    unit = models.OneToOneField(
        Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="profile"
    )
    functions = models.TextField(
        _("主要职责"),
        blank=True,
        help_text=_("按条填写，每行一条；留空则使用单位信息中的“机构职能”。"),
    )
    legal_basis = models.CharField(
        _("职能依据"),
        max_length=300,
        blank=True,
        help_text=_("如“《示范县财政局职能配置、内设机构和人员编制规定》”。"),
    )
    leadership = models.TextField(
        _("领导信息"), blank=True, help_text=_("每行一位：姓名 职务 分工。")
    )
    listed = models.BooleanField(
        _("列入机构职能目录"), default=True, help_text=_("不列入的单位不在门户网站的目录中显示。")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("机构职能")
        verbose_name_plural = _("机构职能")

    def __str__(self) -> str:
        return f"{self.unit.name}机构职能"


class InternalDivision(models.Model):
    """内设机构."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="internal_divisions"
    )
    position = models.PositiveIntegerField(_("顺序"))
    name = models.CharField(_("机构名称"), max_length=100)
    duties = models.TextField(_("主要职责"), blank=True)

    class Meta:
        verbose_name = _("内设机构")
        verbose_name_plural = _("内设机构")
        ordering = ["unit", "position"]

    def __str__(self) -> str:
        return self.name
