from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from gongkai.core.demo import DemoContext
from gongkai.core.staticfiles import collect_static, static_outdated


def demo_modules():
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai."):
            continue
        try:
            modules.append(import_module(f"{config.name}.demo"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
    return sorted(modules, key=lambda m: m.ORDER)


class Command(BaseCommand):
    help = "加载演示数据：一个县（3个部门、2个乡镇、2个村）、每种角色的用户及各模块的示例记录；可重复运行"

    def handle(self, *args, **options):
        # The demo's site check renders the portal's pages, which name the static files.
        if static_outdated():
            self.stdout.write("正在收集静态文件……")
            collect_static()
        context = DemoContext()
        with transaction.atomic():
            for module in demo_modules():
                module.load(context)
        if context.logins:
            self.stdout.write("演示数据已加载。以下账号的密码只显示这一次，请妥善保存：")
            for username, password, what in context.logins:
                self.stdout.write(f"  {username:<12} 密码 {password:<14} {what}")
        elif context.created_anything:
            self.stdout.write("演示数据已补充。")
        else:
            self.stdout.write(
                "演示数据已存在，未做改动。管理员账号 admin 的密码在首次加载时已显示；"
                "忘记时可运行 gongkai changepassword admin 重设。"
            )
