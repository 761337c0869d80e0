"""Load the shipped synonym groups (``gongkai/search/synonyms.txt``) into the dictionary.

Loaded by a migration rather than on first use: the groups then live in one place, the table
the back office edits, so a clerk can correct or delete a default group and it stays deleted
(a first-use loader could not tell a deleted default from a missing one). The file as it is when
the migration runs is loaded; later additions reach an existing database with
``gongkai synonyms import gongkai/search/synonyms.txt``, which merges and never deletes.
"""

from django.db import migrations


def load_defaults(apps, schema_editor):
    from gongkai.search.domain.synonyms import DEFAULT_FILE, parse_file

    group_model = apps.get_model("search", "SynonymGroup")
    if group_model.objects.exists():
        return
    groups = parse_file(DEFAULT_FILE.read_text(encoding="utf-8"))
    group_model.objects.bulk_create(
        group_model(terms="、".join(terms), source="默认词表") for terms in groups
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0004_synonym_group")]

    operations = [migrations.RunPython(load_defaults, migrations.RunPython.noop)]
