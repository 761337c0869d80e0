import django.db.models.deletion
from django.db import migrations, models


def name_the_single_version(apps, schema_editor):
    # The one version row of before becomes the version of every page.
    apps.get_model("portal", "PublicContentVersion").objects.update(scope="all")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_queued_mail"),
        ("portal", "0003_news_topics_footer"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="publiccontentversion",
            name="scope",
            field=models.CharField(default="all", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(name_the_single_version, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="publiccontentversion",
            name="scope",
            field=models.CharField(max_length=64, unique=True),
        ),
        migrations.CreateModel(
            name="PortalSite",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("site", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="portal", to="wagtailcore.site", verbose_name="站点")),
                ("unit", models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.unit", verbose_name="单位")),
            ],
            options={"verbose_name": "门户站点", "verbose_name_plural": "门户站点", "ordering": ["unit__path"]},
        ),
    ]
