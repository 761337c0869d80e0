import json

from django.core.management.base import BaseCommand, CommandError

from gongkai.gazette.selectors import edition_problem, public_issues


class Command(BaseCommand):
    help = "政府公报：verify 核对每期已出版公报的PDF版与出版时记录的SHA-256校验值是否一致"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="逐期核对PDF版文件；缺失或被改动即报错（退出码 2）")
        verify.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, **options):
        issues = list(public_issues().order_by("unit__path", "year", "number"))
        problems = [problem for issue in issues if (problem := edition_problem(issue))]
        if options["json"]:
            self.stdout.write(
                json.dumps({"checked": len(issues), "problems": problems}, ensure_ascii=False)
            )
        if problems:
            if not options["json"]:
                for problem in problems:
                    self.stderr.write(problem)
            raise CommandError(f"{len(problems)} 期公报的PDF版与出版时不一致。", returncode=2)
        if not options["json"]:
            self.stdout.write(f"已核对 {len(issues)} 期公报的PDF版，均与出版时一致。")
