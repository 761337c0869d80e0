"""The 26 pilot areas (试点领域) of the standard catalog, in the order of the annex of
积县政办发〔2021〕45号 (甘肃省政府有关部门试点领域政务公开目录清单), with the provincial
reference catalogue each follows. Staff may rename, add or disable areas afterwards."""

from django.db import migrations

from gongkai.catalog.domain.pilot_areas import PILOT_AREAS as AREAS



def seed(apps, schema_editor):
    Area = apps.get_model("catalog", "Area")
    for number, (name, aliases, guide) in enumerate(AREAS, start=1):
        if not Area.objects.filter(name=name).exists():
            Area.objects.create(number=number, name=name, aliases=aliases, guide=guide)


def unseed(apps, schema_editor):
    Area = apps.get_model("catalog", "Area")
    Area.objects.filter(name__in=[a[0] for a in AREAS], items__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
