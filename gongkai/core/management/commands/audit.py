import time
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from gongkai.core.audit import (
    anchor_file_name,
    anchor_write,
    audit_anchor,
    audit_key_rotate,
    audit_verify,
)
from gongkai.core.domain.audit_chain import anchor_to_json
from gongkai.core.domain.errors import DomainError


class Command(BaseCommand):
    help = "审计日志：verify 核对日志链；anchor 记下链头（锚点）；rotate-key 更换审计密钥"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser(
            "verify",
            help="逐条核对审计日志的签名、链接和链头，发现修改、删除或改写即报错（退出码 1）",
        )
        verify.add_argument(
            "--anchors",
            type=Path,
            metavar="目录或文件",
            help="同时核对这些锚点：每个锚点记下的日志都须原样仍在链中",
        )
        anchor = sub.add_parser(
            "anchor",
            help="记下当前链头（序号、签名、时间、密钥编号）；默认以 JSON 打印，应保存在服务器之外",
        )
        where = anchor.add_mutually_exclusive_group()
        where.add_argument("--output", type=Path, metavar="文件", help="写入这个文件（不覆盖）")
        where.add_argument("--dir", type=Path, metavar="目录", help="在这个目录中新建锚点文件")
        sub.add_parser(
            "rotate-key",
            help="改用新的审计密钥签名（旧密钥保留用于核对），并把更换记入日志",
        )

    def handle(self, *args, **options):
        run = {"verify": self._verify, "anchor": self._anchor, "rotate-key": self._rotate_key}
        try:
            run[options["action"]](options)
        except (DomainError, ImproperlyConfigured) as error:
            raise CommandError(str(error), returncode=2) from None

    def _verify(self, options):
        began = time.perf_counter()
        result = audit_verify(anchors=options["anchors"])
        seconds = time.perf_counter() - began
        rate = f"用时 {seconds:.1f} 秒（每秒 {result.checked / max(seconds, 1e-6):,.0f} 条）"
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"审计日志校验失败：核对了 {result.checked} 条，发现 {len(result.problems)} 处问题。"
            )
        anchors = f"，与 {result.anchors_checked} 个锚点相符" if options["anchors"] else ""
        self.stdout.write(
            f"审计日志完整：共 {result.checked} 条，签名和链接无误，链头一致{anchors}。{rate}。"
        )

    def _anchor(self, options):
        anchor = audit_anchor()
        if options["output"] is None and options["dir"] is None:
            self.stdout.write(anchor_to_json(anchor), ending="")
            return
        path = options["output"] or options["dir"] / anchor_file_name(anchor)
        anchor_write(anchor, path)
        self.stdout.write(f"已记下审计日志链头（第 {anchor.seq} 条）：{path}")

    def _rotate_key(self, options):
        entry = audit_key_rotate()
        old, new = entry.changes["key_id"]
        self.stdout.write(
            f"审计密钥已更换：编号 {old or '（无）'} → {new}，已记入第 {entry.seq} 条日志。"
            "旧密钥仍保留，用于核对它签名的日志。"
        )
