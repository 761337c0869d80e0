import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongkai.calendar.domain.deadlines import Pause, compute_deadline
from gongkai.calendar.domain.rules import PauseReason
from gongkai.calendar.domain.workdays import WorkdayCalendar
from gongkai.calendar.models import CalendarYear
from gongkai.core.models import AuditEntry

GONGKAI = Path(sys.executable).parent / "gongkai"


def _deadline_json(capsys, *args: str) -> dict:
    call_command("deadline", *args, "--json")
    return json.loads(capsys.readouterr().out)


def test_import_loads_the_year_and_show_prints_it(calendar_file, capsys, db):
    assert _deadline_json(capsys, "foi-reply", "--start", "2027-01-20")["provisional"]
    call_command("calendar", "import", str(calendar_file()))
    out = capsys.readouterr().out
    assert "已载入 2027 年日历：节假日 10 天，调休上班日 2 天。" in out
    assert "没有未办结的期限因此改变。" in out
    assert CalendarYear.objects.get(year=2027).source == "命令行导入：2027.json"

    call_command("calendar", "show", "2027")
    out = capsys.readouterr().out
    assert out.startswith("2027年：已载入的日历（命令行导入：2027.json，")
    assert "节假日（共 10 天）：" in out and "调休上班日（共 2 天）：" in out
    assert "  2027-01-01 星期五 元旦\n" in out
    assert "  2027-02-05 星期五 春节\n" in out
    assert "  2027-01-31 星期日\n" in out

    result = _deadline_json(capsys, "foi-reply", "--start", "2027-01-20")
    assert not result["provisional"]
    # 01-21 … 01-29 #1–#7, Sun 01-31 #8, 02-01 … 02-04 #9–#12, 02-05 … 02-11 off, 02-12 #13,
    # Sun 02-14 #14, 02-15 … 02-19 #15–#19, 02-22 #20
    assert result["due"] == "2027-02-22"


def test_reimporting_the_same_file_changes_nothing(calendar_file, capsys, db):
    call_command("calendar", "import", str(calendar_file()))
    entries = AuditEntry.objects.count()
    call_command("calendar", "import", str(calendar_file()))
    assert "2027 年日历与已载入的相同，未作改动。" in capsys.readouterr().out
    assert AuditEntry.objects.count() == entries


def test_a_changed_file_updates_the_year(calendar_file, capsys, db):
    call_command("calendar", "import", str(calendar_file()))
    call_command("calendar", "import", str(calendar_file(makeup_workdays=[])))
    assert CalendarYear.objects.get().makeup_workdays == []
    assert AuditEntry.objects.filter(action="calendar.load").count() == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"holidays": ["2027-01-01", "2028-01-01"]}, "2028-01-01 不在 2027 年内"),
        (
            {"holidays": ["2027-01-01", "2027-02-14"]},
            "2027-02-14 同时被列为节假日和调休上班日",
        ),
        ({"holidays": ["2027-13-01"]}, "holidays 中的 2027-13-01 不是有效日期"),
        ({"year": "2027"}, "year 应为整数年份"),
    ],
)
def test_a_bad_calendar_file_exits_2_and_changes_nothing(calendar_file, db, changes, message):
    with pytest.raises(CommandError) as caught:
        call_command("calendar", "import", str(calendar_file(**changes)))
    assert caught.value.returncode == 2
    assert message in str(caught.value) and "日历文件" in str(caught.value)
    assert not CalendarYear.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"year": 2027,', "不是有效的 JSON"),
        ('{"year": 2027}'.encode("utf-16"), "不是 UTF-8 编码的文本"),
        (None, "无法读取文件"),
    ],
)
def test_an_unreadable_file_exits_2(tmp_path, db, content, message):
    path = tmp_path / "2027.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as caught:
        call_command("calendar", "import", str(path))
    assert caught.value.returncode == 2
    assert not CalendarYear.objects.exists()


def test_show_a_package_year(capsys, db):
    call_command("calendar", "show", "2026")
    out = capsys.readouterr().out
    assert out.startswith("2026年：chinese-calendar 程序包内置的数据\n")
    assert "  2026-02-15 星期日 春节\n" in out
    assert "  2026-02-28 星期六 春节\n" in out  # a make-up working day, named by the package


def test_show_a_provisional_year_says_how_to_load_it(capsys, db):
    call_command("calendar", "show", "2028")
    out = capsys.readouterr().out
    assert out.startswith("2028年：临时推算")
    assert "gongkai calendar import FILE" in out
    assert "节假日（共 1 天）：\n  2028-01-01 星期六 元旦\n调休上班日（共 0 天）：\n" in out


@pytest.mark.parametrize("year", ["abc", "1999", "20207"])
def test_show_refuses_a_bad_year(db, year):
    with pytest.raises(CommandError, match="年份应为 2004–2100 之间的整数") as caught:
        call_command("calendar", "show", year)
    assert caught.value.returncode == 2


PACKAGE = WorkdayCalendar()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["foi-reply", "--start", "2025-09-20", "--corrected", "2025-09-26"],
            compute_deadline("foi-reply", date(2025, 9, 20), corrected=date(2025, 9, 26)),
        ),
        (
            ["foi-reply", "--start", "2026-03-02", "--pause", "2026-03-05:2026-03-12"],
            compute_deadline(
                "foi-reply",
                date(2026, 3, 2),
                pauses=[Pause(date(2026, 3, 5), date(2026, 3, 12), PauseReason.THIRD_PARTY)],
            ),
        ),
        (
            [
                "foi-reply",
                "--start",
                "2026-03-02",
                "--pause",
                "2026-03-05:2026-03-12:fee",
                "--pause",
                "2026-03-10:2026-03-20:other-organ",
                "--extended",
            ],
            compute_deadline(
                "foi-reply",
                date(2026, 3, 2),
                pauses=[
                    Pause(date(2026, 3, 5), date(2026, 3, 12), PauseReason.FEE),
                    Pause(date(2026, 3, 10), date(2026, 3, 20), PauseReason.OTHER_ORGAN),
                ],
                extended=True,
            ),
        ),
        (
            ["annual-report-government", "--start", "2026"],
            compute_deadline("annual-report-government", 2026),
        ),
        (["publish", "--start", "2026-12-20"], compute_deadline("publish", date(2026, 12, 20))),
    ],
)
def test_deadline_json_is_the_domain_result(capsys, db, args, expected):
    assert _deadline_json(capsys, *args) == expected.to_json()


def test_deadline_text_explains_line_by_line(capsys, db):
    call_command("deadline", "publish", "--start", "2026-12-20")
    lines = capsys.readouterr().out.splitlines()
    deadline = compute_deadline("publish", date(2026, 12, 20))
    assert lines[:-1] == [entry["text"] for entry in deadline.explain()]
    assert lines[-1] == "截止日：2027-01-18（临时推算：2027年的节假日安排尚未载入）"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-rule", "--start", "2026-03-02"], "未知的期限规则：no-such-rule"),
        (["foi-reply", "--start", "2026-3-2"], "起算日“2026-3-2”不是 YYYY-MM-DD 格式的日期"),
        (["foi-reply", "--start", "2026-02-30"], "起算日“2026-02-30”不是有效日期"),
        (["foi-reply", "--start", "2026"], "不是 YYYY-MM-DD 格式的日期"),
        (
            ["foi-reply", "--start", "2026-03-02", "--pause", "2026-03-12:2026-03-05"],
            "暂停计时的结束日 2026-03-05 早于开始日 2026-03-12",
        ),
        (["foi-reply", "--start", "2026-03-02", "--pause", "2026-03-12"], "暂停计时应写作"),
        (
            ["foi-reply", "--start", "2026-03-02", "--pause", "2026-03-05:2026-03-12:rain"],
            "未知的暂停原因：rain",
        ),
        (
            ["foi-reply", "--start", "2026-03-02", "--corrected", "2026-03-01"],
            "早于收到申请的日期",
        ),
        (["publish", "--start", "2026-03-02", "--extended"], "主动公开期限不能延长"),
    ],
)
def test_deadline_bad_input_exits_2(db, args, message):
    with pytest.raises(CommandError) as caught:
        call_command("deadline", *args)
    assert caught.value.returncode == 2
    assert message in str(caught.value)


def test_the_real_command_exit_codes(tmp_path):
    env = {**os.environ, "GONGKAI_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # The command runs on the embedded default (SQLite in tmp_path) whatever database the suite
    # itself uses: it must work before any database is set up.
    env.pop("DATABASE_URL", None)
    bad = subprocess.run(
        [GONGKAI, "deadline", "no-such-rule", "--start", "2026-03-02"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert bad.returncode == 2
    assert "未知的期限规则：no-such-rule" in bad.stderr and bad.stdout == ""
    good = subprocess.run(
        [GONGKAI, "deadline", "foi-reply", "--start", "2025-01-24", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert good.returncode == 0, good.stderr
    expected = compute_deadline("foi-reply", date(2025, 1, 24), calendar=PACKAGE).to_json()
    assert json.loads(good.stdout) == expected
