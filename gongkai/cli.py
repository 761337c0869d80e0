"""The ``gongkai`` command: the platform's management commands, runnable from any directory.

It is ``manage.py`` with the settings chosen for you (``gongkai.settings.production`` unless
``DJANGO_SETTINGS_MODULE`` says otherwise) and a help page that lists the platform's own
commands first. Every Django and Wagtail command works too (``gongkai createsuperuser``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# The platform's own commands, in the order a newcomer needs them.
PLATFORM_COMMANDS = (
    ("migrate", "创建或升级数据库结构"),
    ("demo", "加载演示数据（一个县、部门、乡镇、村和每种角色的用户），并打印登录信息"),
    ("serve", "启动正式服务器（gunicorn + whitenoise）和后台任务进程"),
    ("units", "单位树：units import FILE.csv / units export"),
    (
        "sites",
        "多站点：sites add --unit 代码 --hostname 主机名 [--site-id-code 标识码] / sites list",
    ),
    ("calendar", "工作日日历：calendar import FILE.json / calendar show YEAR"),
    ("deadline", "计算法定期限：deadline RULE --start DATE [--pause A:B] [--extended] [--json]"),
    ("parse", "解析一份公文：parse FILE [--json]"),
    ("import", "导入公文：import PATH… --unit CODE [--dry-run] [--published]"),
    ("search", "全文检索：search 检索词 [--unit 单位代码] [--json] / search rebuild [--restart]"),
    ("synonyms", "检索同义词：synonyms import 文件 / synonyms export"),
    ("catalog", "标准目录：catalog import FILE --unit 代码 / export --unit 代码 / gaps [--json]"),
    ("requests", "依申请公开历史台账：requests import FILE.csv"),
    ("appeals", "行政复议、行政诉讼历史记录：appeals import FILE.csv"),
    (
        "messages",
        "政民互动留言：messages import FILE.csv / hotline-import FILE / stats --unit U --from D --to D --json",
    ),
    ("policies", "惠企政策：policies import FILE.csv [--unit 代码] / match [--on D] [--json]"),
    ("enterprises", "企业信息：enterprises import FILE.csv"),
    ("report", "年度报告：report annual --unit CODE --year YYYY [--half] [--format docx]"),
    ("newmedia", "政务新媒体：newmedia import FILE.csv / check [--on D] [--json]"),
    (
        "sitecheck",
        "检查网站：sitecheck 网址 [--today D] [--wording 词典] [--max-pages N] [--external] [--json]",
    ),
    (
        "assessment",
        "年度考核：assessment compute --year Y [--unit CODE] --json / bulletin --year Y --format docx|pdf --output FILE / export --year Y --output FILE.xlsx",
    ),
    ("gazette", "政府公报：gazette verify [--json]，核对各期PDF版与出版时的校验值"),
    ("scan", "检查文件中的个人信息（身份证号、手机号、银行卡号）：scan FILE [--json]"),
    ("audit", "审计日志：audit verify [--anchors 目录] / anchor [--dir 目录] / rotate-key"),
    ("logins", "后台登录锁定：logins list / logins unlock --username 账号 | --address 地址"),
    ("backup", "备份数据库、上传文件和密钥：backup 目录 [--force]"),
    ("restore", "从备份恢复到空的数据目录并核对审计日志：restore 目录"),
    ("periodic", "运行一次（或 --loop 循环运行）定时任务：定时发布、提醒、检查"),
    ("createsuperuser", "创建平台管理员账号"),
    ("changepassword", "重设用户密码"),
)

USAGE = """用法：gongkai <命令> [选项]

gongkai 政务公开平台的管理命令。配置来自环境变量：
  GONGKAI_DATA_DIR   上传文件、生成文件和 SQLite 数据库所在目录（默认 ~/.local/share/gongkai）
  DATABASE_URL       PostgreSQL 连接串（如 postgres://user:pass@127.0.0.1:5432/gongkai）；不设则用 SQLite
  SECRET_KEY         会话签名密钥（不设则自动生成并保存在数据目录中）
  GONGKAI_AUDIT_KEY  审计日志签名密钥，多个以逗号分隔、最后一个为当前密钥（不设则自动生成并保存在数据目录中）
  GONGKAI_AUDIT_ANCHOR_DIR  每日审计锚点的存放目录（默认在数据目录中；宜放在另一块磁盘上）
  GONGKAI_ALLOWED_HOSTS  允许访问的主机名，逗号分隔（默认 127.0.0.1,localhost）

常用命令：
{commands}

gongkai <命令> --help 查看某个命令的选项；gongkai help --all 列出全部命令（含 Django、Wagtail 的命令）。
"""


# Commands that work before `migrate` has created the database: it is what they create, restore
# into, they read files and settings only, or they fall back on the built-in holiday data and
# say so themselves (`deadline`, `calendar`).
NO_DATABASE_COMMANDS = frozenset(
    {
        "migrate",
        "restore",
        "deadline",
        "calendar",
        "help",
        "version",
        "check",
        "parse",
        "scan",
        "sitecheck",
        "collectstatic",
        "findstatic",
        "compilemessages",
        "makemessages",
        "makemigrations",
        "squashmigrations",
        "optimizemigration",
        "sqlmigrate",
        "diffsettings",
        "startapp",
        "startproject",
        "test",
    }
)

NOT_INITIALISED = "数据库尚未初始化，请先运行 gongkai migrate"


def _database_state() -> str | None:
    """None when the database has been migrated, else the one line to answer with.

    A missing SQLite file is not created here (opening it would), so `migrate` still meets an
    empty data directory.
    """
    from django.db import DatabaseError, connection

    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite" and str(name) != ":memory:" and not Path(name).exists():
        return NOT_INITIALISED
    try:
        tables = connection.introspection.table_names()
    except DatabaseError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return f"无法连接数据库：{reason}"
    finally:
        connection.close()
    return None if "django_migrations" in tables else NOT_INITIALISED


def _needs_database(argv: list[str]) -> bool:
    """Whether the command asked for reads or writes the database (its --help does not; an
    unknown name is left to Django, which says so)."""
    from django.core.management import get_commands

    name = argv[0]
    if name.startswith("-") or name in NO_DATABASE_COMMANDS:
        return False
    if any(arg in {"-h", "--help"} for arg in argv[1:]):
        return False
    return name in get_commands()


def _usage() -> str:
    width = max(len(name) for name, _ in PLATFORM_COMMANDS)
    lines = [f"  {name.ljust(width)}  {text}" for name, text in PLATFORM_COMMANDS]
    return USAGE.format(commands="\n".join(lines))


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"} or argv == ["help"]:
        sys.stdout.write(_usage())
        return
    if argv[:2] == ["help", "--all"]:
        argv = ["help"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings.production")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    if _needs_database(argv) and (problem := _database_state()) is not None:
        sys.stderr.write(problem + "\n")
        sys.exit(2)

    execute_from_command_line(["gongkai", *argv])


if __name__ == "__main__":
    main()
