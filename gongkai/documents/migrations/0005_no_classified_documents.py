"""The 密级 field goes: a platform on the internet does not register classified documents.

A document already marked 秘密/机密/绝密 is not silently declassified by dropping the mark: the
migration stops and names them, to be taken off the platform (deleted in the register, and
handled on classified media) before migrating again.
"""

from django.db import migrations


def refuse_classified_documents(apps, schema_editor):
    OfficialDocument = apps.get_model("documents", "OfficialDocument")
    marked = list(
        OfficialDocument.objects.exclude(secrecy="").values_list("pk", "secrecy", "title")[:20]
    )
    if marked:
        listed = "；".join(f"#{pk}（{secrecy}）{title}" for pk, secrecy, title in marked)
        raise RuntimeError(
            "公文台账中有标注密级的公文，本平台连接互联网，不能登记涉密公文："
            f"{listed}。请先在后台删除这些公文（并按保密规定在涉密载体上办理），再运行 gongkai migrate。"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0004_publication_gate"),
    ]

    operations = [
        migrations.RunPython(refuse_classified_documents, migrations.RunPython.noop),
        migrations.RemoveField(model_name="officialdocument", name="secrecy"),
    ]
