from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from gongkai.core.backup import backup_restore
from gongkai.core.domain.errors import DomainError


class Command(BaseCommand):
    help = "从 gongkai backup 的备份恢复到空的数据目录（或空的 PostgreSQL 数据库），并核对审计日志"

    def add_arguments(self, parser):
        parser.add_argument(
            "source", type=Path, metavar="目录", help="gongkai backup 写出的备份目录"
        )

    def handle(self, *args, **options):
        try:
            result = backup_restore(source=options["source"], progress=self._say)
        except (DomainError, ImproperlyConfigured) as error:
            raise CommandError(str(error), returncode=2) from None
        for note in result.notes:
            self.stdout.write(f"注意：{note}")
        verify = result.verify
        if not verify.ok:
            for problem in verify.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"数据已恢复，但审计日志校验发现 {len(verify.problems)} 处问题（核对了 "
                f"{verify.checked} 条）：这份备份的日志可能被改动过，或缺少写入日志时的审计密钥。"
            )
        anchors = f"，与 {verify.anchors_checked} 个锚点相符" if verify.anchors_checked else ""
        self.stdout.write(
            f"恢复完成。审计日志完整：共 {verify.checked} 条，链头与备份清单一致{anchors}。"
        )

    def _say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
