"""The 26 pilot areas (试点领域) of the standard catalog, in the order of the annex of
积县政办发〔2021〕45号 (甘肃省政府有关部门试点领域政务公开目录清单), with the provincial
reference catalogue each follows. Staff may rename, add or disable areas afterwards."""

from django.db import migrations

AREAS = (
    ("涉农补贴", "惠农补贴、涉农资金", "甘肃省涉农补贴领域基层政务公开标准目录"),
    ("财政预决算", "预决算、预算决算", "甘肃省财政预决算领域政务公开标准目录"),
    ("公共文化服务", "", "甘肃省公共文化服务领域基层政务公开标准目录"),
    ("安全生产", "", "甘肃省安全生产领域政务公开标准目录"),
    ("救灾", "减灾救灾", "甘肃省救灾领域政务公开标准目录"),
    ("义务教育", "", "甘肃省义务教育领域基层政务公开标准目录"),
    ("生态环境", "环境保护", "甘肃省生态环境系统政务公开事项参考目录"),
    ("公共资源交易", "", "甘肃省公共资源交易领域基层政务公开标准目录"),
    ("户籍管理", "", "甘肃省户籍管理领域政务公开标准目录"),
    ("社会救助", "", "甘肃省社会救助领域基层政务公开标准目录"),
    ("养老服务", "", "甘肃省养老服务领域政务公开标准目录"),
    ("公共法律服务", "", "甘肃省公共法律服务领域基层政务公开标准目录"),
    ("扶贫", "脱贫攻坚", "甘肃省扶贫领域基层政务公开标准目录"),
    ("重大建设项目", "", "甘肃省重大建设项目领域基层政务公开标准目录"),
    ("医疗卫生", "卫生健康", "甘肃省医疗卫生领域基层政务公开标准目录"),
    ("保障性住房", "", "甘肃省保障性住房领域基层政务公开标准目录"),
    ("城市综合执法", "城市管理、综合执法", "甘肃省城市综合执法领域基层政务公开标准目录"),
    (
        "国有土地上房屋征收与补偿",
        "国有土地上房屋征收、房屋征收",
        "甘肃省国有土地上房屋征收与补偿领域基层政务公开标准目录",
    ),
    ("农村危房改造", "", "甘肃省农村危房改造领域基层政务公开标准目录"),
    ("市政服务", "", "甘肃省市政服务领域基层政务公开标准目录"),
    ("食品药品监管", "", "甘肃省食品药品监管领域省级政务公开事项标准目录"),
    ("社会保险", "", "甘肃省社会保险领域基层政务公开标准目录"),
    ("就业创业", "就业", "甘肃省就业创业领域基层政务公开标准目录"),
    ("税收管理", "", "甘肃省税收管理领域基层政务公开标准目录"),
    ("征地补偿", "农村集体土地征收、土地征收", "甘肃省农村集体土地征收基层政务公开标准目录"),
    ("城乡规划", "国土空间规划", "甘肃省城乡规划领域基层政务公开标准目录"),
)


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
