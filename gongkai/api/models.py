"""API keys: a client that needs more than the anonymous limit gets a key from the platform's
administrators. Only a digest of the key is stored; the key itself is shown once, when made."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .domain.limits import KEY_PER_HOUR


class ApiKey(models.Model):
    name = models.CharField(_("使用方"), max_length=100)
    contact = models.CharField(_("联系人及联系方式"), max_length=200, blank=True)
    # The key's first characters, shown in lists so a key can be told apart without storing it.
    prefix = models.CharField(_("密钥前缀"), max_length=12, unique=True, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hourly_limit = models.PositiveIntegerField(_("每小时请求上限"), default=KEY_PER_HOUR)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    revoked_at = models.DateTimeField(_("停用时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("接口密钥")
        verbose_name_plural = _("接口密钥")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
