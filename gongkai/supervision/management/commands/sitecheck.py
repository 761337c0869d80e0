"""``gongkai sitecheck URL``: check one website against the 19号 items, from the command line.

Exit status, so that scripts can gate on it: 0 nothing found, 1 something found, 2 bad input
(a URL that is not http(s), an unreadable or malformed wording file, a bad date or limit).
The progress bar goes to standard error; the report (or the JSON) to standard output. Personal
data is printed masked in both, as it is stored.
"""

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.supervision.crawl import HttpFetcher, ProgressBar, SiteSpec, SiteSpecError, check_site
from gongkai.supervision.crawl.a11y import A11yUnavailable, ensure_available
from gongkai.supervision.domain import rules
from gongkai.supervision.domain.columns import KIND_LABELS as COLUMN_KIND_LABELS
from gongkai.supervision.domain.findings import SITE_KINDS
from gongkai.supervision.domain.wording import (
    WordingFileError,
    default_rules,
    merge_rules,
    parse_rules,
)

KIND_LABELS = {
    "broken_link": "链接不可用",
    "personal_data": "公开了个人信息",
    "wording": "表述错误",
    "stale_column": "栏目不更新",
    "empty_column": "空白栏目",
    "home_not_updated": "首页不更新",
    "unreachable": "站点无法访问",
    "no_message_channel": "无网上咨询建言渠道",
    "unanswered_message": "留言超期未回应",
    "accessibility": "无障碍问题",
}


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise CommandError(f"“{value}”不是正整数", returncode=2)
    return number


class Command(BaseCommand):
    help = (
        "按国办秘函〔2019〕19号检查一个网站：链接、个人信息、表述错误、栏目和首页更新、互动渠道。"
        "退出码：0 未发现问题，1 发现问题，2 输入有误"
    )

    def add_arguments(self, parser):
        parser.add_argument("url", help="网站首页地址，如 https://www.example.gov.cn/")
        parser.add_argument(
            "--today", help="检查日，YYYY-MM-DD（默认今天），栏目是否更新按此日计算"
        )
        parser.add_argument(
            "--wording", help="表述错误词典文件，每行“错误词<Tab>正确词[<Tab>严重]”，补充默认词典"
        )
        parser.add_argument(
            "--max-pages",
            default=str(rules.MAX_PAGES),
            help=f"最多检查的地址数（默认 {rules.MAX_PAGES}）",
        )
        parser.add_argument(
            "--max-depth",
            default=str(rules.MAX_DEPTH),
            help=f"从首页起最多几层（默认 {rules.MAX_DEPTH}）",
        )
        parser.add_argument(
            "--connections",
            default=str(rules.CONNECTIONS),
            help=f"同时连接数（默认 {rules.CONNECTIONS}）",
        )
        parser.add_argument(
            "--host", action="append", default=[], help="也属于本网站的主机名，可重复"
        )
        parser.add_argument("--external", action="store_true", help="也检查指向其他网站的链接")
        parser.add_argument("--state", help="进度文件：中断后用同一文件再次运行，从中断处继续")
        parser.add_argument(
            "--a11y",
            nargs="?",
            const="10",
            help="用浏览器和 axe-core 检查无障碍问题，抽查首页、各栏目等 N 个页面（默认 10）",
        )
        parser.add_argument("--loopback-only", action="store_true", help="只访问本机地址（测试用）")
        parser.add_argument(
            "--json",
            action="store_true",
            help='输出 JSON：{"pages", "findings": [{"kind", "url", "column", "detail", "value"}], "veto"}',
        )

    def handle(self, *args, **options):
        today = self._today(options["today"])
        a11y = _positive(options["a11y"]) if options["a11y"] else 0
        if a11y:
            try:
                ensure_available()
            except A11yUnavailable as error:
                raise CommandError(str(error), returncode=2) from error
        wording = default_rules()
        if options["wording"]:
            wording = merge_rules(wording, self._wording(Path(options["wording"])))
        fetcher = HttpFetcher(
            connections=_positive(options["connections"]), loopback_only=options["loopback_only"]
        )
        try:
            report = check_site(
                SiteSpec(options["url"], tuple(options["host"])),
                today=today,
                wording_rules=wording,
                max_pages=_positive(options["max_pages"]),
                max_depth=_positive(options["max_depth"]),
                external=options["external"],
                fetcher=fetcher,
                state_path=Path(options["state"]) if options["state"] else None,
                # The bar redraws its line with \r: it needs the raw stream, not Django's
                # wrapper, which ends every write with a newline.
                progress=ProgressBar(self.stderr._out),
                connections=_positive(options["connections"]),
                a11y=a11y,
            )
        except SiteSpecError as error:
            raise CommandError(str(error), returncode=2) from error
        except KeyboardInterrupt as error:
            saved = f"，进度已保存在“{options['state']}”" if options["state"] else ""
            raise CommandError(f"检查已中断{saved}", returncode=2) from error
        finally:
            fetcher.close()
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        else:
            self._print(report)
        if report.findings:
            raise CommandError(
                f"发现 {len(report.findings)} 个问题，单项否决 {len(report.veto)} 项", returncode=1
            )

    def _today(self, value: str | None) -> date:
        if not value:
            return timezone.localdate()
        try:
            return date.fromisoformat(value)
        except ValueError as error:
            raise CommandError(
                f"检查日“{value}”无效，应为 YYYY-MM-DD，如 2026-05-01", returncode=2
            ) from error

    def _wording(self, path: Path):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as error:
            raise CommandError(
                f"无法读取词典文件“{path}”：{error.strerror}", returncode=2
            ) from error
        except UnicodeDecodeError as error:
            raise CommandError(f"词典文件“{path}”不是 UTF-8 文本", returncode=2) from error
        try:
            return parse_rules(text)
        except WordingFileError as error:
            raise CommandError(f"词典文件“{path}”{error}", returncode=2) from error

    def _print(self, report) -> None:
        write = self.stdout.write
        state = "" if report.finished else "（未检查完，可用 --state 继续）"
        write(
            f"{report.spec.home_url}：检查日 {report.today.isoformat()}，读取 {report.pages} 个页面，"
            f"检查 {report.checked} 个地址，用时 {report.seconds:.1f} 秒{state}"
        )
        if report.disallowed:
            write(f"robots.txt 不允许访问的地址 {report.disallowed} 个，未检查")
        newest = report.home_newest.isoformat() if report.home_newest else "无"
        write(f"首页最新信息日期：{newest}")
        if report.columns:
            write(f"栏目 {len(report.columns)} 个：")
            for column in report.columns:
                shown = column.newest.isoformat() if column.newest else "无"
                write(
                    f"  {column.name}（{COLUMN_KIND_LABELS[column.kind]}）最新 {shown}，"
                    f"{column.items} 条  {column.url}"
                )
        if report.veto:
            write("单项否决：")
            for item in report.veto:
                write(f"  {item.number}. {item.name}：{item.why}")
                for page in item.pages[:10]:
                    write(f"     {page}")
                if len(item.pages) > 10:
                    write(f"     …共 {len(item.pages)} 个页面")
        if not report.findings:
            write("未发现问题。")
            return
        write(f"发现 {len(report.findings)} 个问题：")
        for kind in SITE_KINDS:
            found = [finding for finding in report.findings if finding.kind == kind]
            if not found:
                continue
            write(f"【{KIND_LABELS[kind]}】{len(found)} 个")
            for finding in found:
                value = f"  [{finding.value}]" if finding.value else ""
                write(f"  {finding.url}  {finding.detail}{value}")
