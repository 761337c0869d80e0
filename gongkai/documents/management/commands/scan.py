"""``gongkai scan FILE [--json]``: look for personal data in a file before it is published.

Exit status, so that scripts can gate on it: 0 nothing found, 1 personal data found, 2 the file
could not be read or holds no document text. ``--json`` prints the findings unmasked (the
operator needs the values to find and fix them); the readable list masks them, because it ends
up in terminals, logs and screenshots.
"""

import json
import re
from bisect import bisect_right
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.domain.personal_data import Finding, findings_to_json, scan
from gongkai.importer.domain.errors import NotADocumentError
from gongkai.importer.domain.extract import extract_text

KIND_LABELS = {"id_card": "身份证号", "mobile": "手机号码", "bank_card": "银行卡号"}


def _line_numbers(text: str, findings: list[Finding]) -> list[int]:
    starts = [0, *(match.end() for match in re.finditer("\n", text))]
    return [bisect_right(starts, finding.start) for finding in findings]


class Command(BaseCommand):
    help = (
        "检查文件（.txt .docx .html .pdf）中的个人信息：身份证号、手机号码、银行卡号。"
        "退出码：0 未发现，1 发现个人信息，2 文件无法读取或不是文档"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="要检查的文件路径")
        parser.add_argument(
            "--json",
            action="store_true",
            help='输出 JSON：{"findings": [{"kind", "value", "start", "end"}]}，号码不打码',
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            text, _warnings = extract_text(path.read_bytes(), path.name)
        except OSError as error:
            raise CommandError(f"无法读取文件“{path}”：{error.strerror}", returncode=2) from error
        except NotADocumentError as error:
            raise CommandError(str(error), returncode=2) from error
        findings = scan(text)
        if options["json"]:
            self.stdout.write(json.dumps(findings_to_json(findings), ensure_ascii=False, indent=2))
        elif findings:
            self.stdout.write(f"“{path.name}”中发现 {len(findings)} 处个人信息：")
            for finding, line in zip(findings, _line_numbers(text, findings), strict=True):
                self.stdout.write(f"  第 {line} 行  {KIND_LABELS[finding.kind]}  {finding.masked}")
        else:
            self.stdout.write(f"“{path.name}”中未发现个人信息。")
        if findings:
            raise CommandError(
                f"“{path.name}”中有 {len(findings)} 处个人信息，发布前须删除或打码。", returncode=1
            )
