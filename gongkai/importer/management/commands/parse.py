import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.importer.domain.parse import NotADocumentError, parse_file


class Command(BaseCommand):
    help = "解析一份公文（.txt .docx .html .pdf），输出发文字号、标题、成文日期、公开属性和工作任务"

    def add_arguments(self, parser):
        parser.add_argument("file", help="公文文件路径")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出完整结果")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            parsed = parse_file(path)
        except OSError as error:
            raise CommandError(f"无法读取文件 {path}：{error.strerror}", returncode=2) from error
        except NotADocumentError as error:
            raise CommandError(str(error), returncode=2) from error
        data = parsed.to_json()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for label, key in (
            ("发文字号", "doc_number"),
            ("标题", "title"),
            ("成文日期", "date"),
            ("印发日期", "printed_date"),
            ("公开属性", "disclosure"),
        ):
            self.stdout.write(f"{label}：{data[key] or '（未识别）'}")
        self.stdout.write(f"发文机关：{'、'.join(data['issuers']) or '（未识别）'}")
        self.stdout.write(f"工作任务：{len(data['tasks'])} 项")
        for task in data["tasks"]:
            units = "、".join(task["lead_units"] + task["responsible_units"])
            self.stdout.write(
                f"  {'/'.join(task['path'])} {task['title']}（{units or '未注明单位'}；"
                f"{task['deadline_text'] or '未注明时限'}）"
            )
        for warning in data["warnings"]:
            self.stderr.write(f"注意：{warning}")
