"""Exceptions to the publication gate name a number and a unit; a document records why its
scheduled publication did not go live.

An exception for personal data used to cover a whole document, whatever numbers it held then or
later. Each one becomes one exception per number its stored text holds now (title, summary,
recipients, cc, body; attachment files are not read here), with the same reason, reviewer and
time; one whose document holds none is dropped."""

import django.db.models.deletion
from django.db import migrations, models
from django.utils.html import strip_tags


def _numbers(document):
    from html import unescape

    from gongkai.core.domain.personal_data import scan

    texts = [document.title, document.summary, document.recipients, document.cc]
    texts.append(unescape(strip_tags(document.body or "")))
    found = {}
    for text in texts:
        for finding in scan(text or ""):
            found.setdefault((finding.kind, finding.number), finding.masked)
    return found


def forwards(apps, schema_editor):
    from gongkai.documents.gate import fingerprint

    CheckOverride = apps.get_model("documents", "CheckOverride")
    for override in CheckOverride.objects.select_related("document").order_by("pk"):
        override.unit_id = override.document.unit_id
        override.save(update_fields=["unit"])
        if override.kind != "personal_data" or override.fingerprint:
            continue
        for (kind, number), masked in _numbers(override.document).items():
            created = CheckOverride.objects.create(
                document_id=override.document_id,
                unit_id=override.unit_id,
                kind="personal_data",
                number_kind=kind,
                fingerprint=fingerprint(kind, number),
                masked=masked,
                reason=override.reason,
                by_id=override.by_id,
            )
            # auto_now_add: keep when the reviewer decided.
            CheckOverride.objects.filter(pk=created.pk).update(at=override.at)
        override.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("documents", "0003_review_task"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="checkoverride",
            options={
                "ordering": ["-at", "-id"],
                "verbose_name": "发布检查例外",
                "verbose_name_plural": "发布检查例外",
            },
        ),
        migrations.AddField(
            model_name="checkoverride",
            name="fingerprint",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="checkoverride",
            name="masked",
            field=models.CharField(blank=True, max_length=64, verbose_name="号码（掩码）"),
        ),
        migrations.AddField(
            model_name="checkoverride",
            name="number_kind",
            field=models.CharField(blank=True, max_length=16, verbose_name="号码类型"),
        ),
        migrations.AddField(
            model_name="checkoverride",
            name="unit",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="check_overrides",
                to="core.unit",
                verbose_name="单位",
            ),
        ),
        migrations.AlterField(
            model_name="checkoverride",
            name="document",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="check_overrides",
                to="documents.officialdocument",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="checkoverride",
            name="unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="check_overrides",
                to="core.unit",
                verbose_name="单位",
            ),
        ),
        migrations.AddField(
            model_name="officialdocument",
            name="withheld_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="定时发布未执行时间"
            ),
        ),
        migrations.AddField(
            model_name="officialdocument",
            name="withheld_reason",
            field=models.TextField(blank=True, editable=False, verbose_name="定时发布未执行的原因"),
        ),
    ]
