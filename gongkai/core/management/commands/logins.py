from django.core.management.base import BaseCommand, CommandError

from gongkai.core.domain.errors import DomainError
from gongkai.core.logins import current_lockouts, login_unlock


class Command(BaseCommand):
    help = "后台登录锁定：logins list 列出被锁定的账号和地址 / logins unlock --username 账号 | --address 地址"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="列出当前因连续登录失败被锁定的账号和网络地址")
        unlock = sub.add_parser("unlock", help="提前解除锁定（记入审计日志）")
        target = unlock.add_mutually_exclusive_group(required=True)
        target.add_argument("--username", default="", help="被锁定的账号")
        target.add_argument("--address", default="", help="被锁定的网络地址")

    def handle(self, *args, **options):
        if options["action"] == "list":
            lockouts = current_lockouts()
            for lockout in lockouts:
                self.stdout.write(
                    f"{lockout.label}\t失败 {lockout.failures} 次\t"
                    f"至 {lockout.locked_until:%Y-%m-%d %H:%M} 自动解除"
                )
            if not lockouts:
                self.stdout.write("当前没有被锁定的账号或网络地址。")
            return
        try:
            removed = login_unlock(
                actor=None, username=options["username"], address=options["address"]
            )
        except DomainError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(f"已解除锁定（清除失败记录 {removed} 条）。")
