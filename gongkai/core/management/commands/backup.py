from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.backup import backup_create
from gongkai.core.domain.errors import DomainError


class Command(BaseCommand):
    help = "备份数据库、上传文件、密钥和审计锚点到一个目录（服务运行时也可备份）"

    def add_arguments(self, parser):
        parser.add_argument("target", type=Path, metavar="目录", help="备份目录（须为空或不存在）")
        parser.add_argument(
            "--force",
            action="store_true",
            help="目录不为空时也写入：替换其中的旧备份或上次没有完成的备份",
        )

    def handle(self, *args, **options):
        try:
            backup_create(target=options["target"], force=options["force"], progress=self._say)
        except DomainError as error:
            raise CommandError(str(error), returncode=2) from None

    def _say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
