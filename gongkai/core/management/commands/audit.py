from django.core.management.base import BaseCommand, CommandError

from gongkai.core.audit import audit_verify


class Command(BaseCommand):
    help = "审计日志：verify 检查日志链是否被篡改"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="逐条核对审计日志的哈希链，发现修改或删除即报错（退出码 1）")

    def handle(self, *args, **options):
        result = audit_verify()
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"审计日志校验失败：共 {result.checked} 条，发现 {len(result.problems)} 处问题。"
            )
        self.stdout.write(f"审计日志完整：共 {result.checked} 条，哈希链无断裂。")
