"""The `gongkai` command on a data directory where `migrate` has not run yet: one Chinese line
and exit code 2 instead of a traceback, and the commands that need no database still work."""

import os
import sqlite3
import subprocess
import sys

import pytest

from gongkai.cli import NOT_INITIALISED


def _gongkai(data_dir, *args: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["GONGKAI_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "gongkai.cli", *args],
        capture_output=True,
        text=True,
        cwd=data_dir,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("demo",),
        ("units", "export"),
        ("report", "annual", "--unit", "013901000", "--year", "2025"),
        ("audit", "verify"),
    ],
)
def test_a_command_before_migrate_says_so_in_one_line(tmp_path, args):
    result = _gongkai(tmp_path, *args)

    assert result.returncode == 2
    assert result.stderr == NOT_INITIALISED + "\n"
    assert result.stdout == ""
    # Answering did not create the database file that `migrate` will create.
    assert not (tmp_path / "gongkai.sqlite3").exists()


def test_an_empty_database_file_is_not_initialised_either(tmp_path):
    sqlite3.connect(tmp_path / "gongkai.sqlite3").close()

    result = _gongkai(tmp_path, "units", "export")

    assert (result.returncode, result.stderr) == (2, NOT_INITIALISED + "\n")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("help",), "gongkai <命令>"),
        (("check",), "no issues"),
        (("report", "--help"), "annual"),
        (("deadline", "foi-reply", "--start", "2025-01-24"), "2025"),
    ],
)
def test_commands_that_need_no_database_still_work(tmp_path, args, expected):
    result = _gongkai(tmp_path, *args)

    assert result.returncode == 0, result.stderr
    assert expected in result.stdout


def test_an_unknown_command_is_left_to_django_not_blamed_on_the_database(tmp_path):
    result = _gongkai(tmp_path, "nosuch")

    assert result.returncode == 1
    assert "nosuch" in result.stderr and NOT_INITIALISED not in result.stderr
