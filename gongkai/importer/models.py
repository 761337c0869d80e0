"""What the importer remembers: which file became which document.

``OfficialDocument`` has no field for where it came from, so the link is kept here. It makes
re-running an import change nothing (a document without a doc number is recognised by the hash
of its file) and lets an interrupted import of thousands of files simply be run again.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit


class ImportRecord(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    sha256 = models.CharField(_("文件哈希"), max_length=64)
    source = models.CharField(_("来源文件"), max_length=500)
    document = models.ForeignKey(
        "documents.OfficialDocument",
        verbose_name=_("公文"),
        on_delete=models.CASCADE,
        related_name="import_records",
    )
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("导入记录")
        verbose_name_plural = _("导入记录")
        constraints = [
            models.UniqueConstraint(fields=["unit", "sha256"], name="unique_import_per_unit")
        ]

    def __str__(self) -> str:
        return self.source
