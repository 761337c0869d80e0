"""``gongkai sitecheck``: exit codes, the JSON shape, the readable report, bad input."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.supervision.tests.sitecheck_sites import FakeSite, html

HOME = '<a href="/ly">我要留言</a><a href="/dt/">工作动态</a><p>2026-05-19 更新</p>'
CLEAN = {
    "/": html(HOME),
    "/ly": html("留言"),
    "/dt/": html(
        "".join(f'<li><a href="/ly">动态{i}</a>2026-05-1{i}</li>' for i in range(3)),
        head='<meta name="ColumnName" content="工作动态">',
    ),
}


def sitecheck(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("sitecheck", *args, "--loopback-only", stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
        err.write(str(error))
    return code, out.getvalue(), err.getvalue()


def test_a_clean_site_exits_0():
    with FakeSite(CLEAN) as site:
        code, out, _ = sitecheck(site.url(), "--today", "2026-05-20")
    assert code == 0
    assert "未发现问题" in out and "工作动态" in out and "2026-05-19" in out


def test_findings_exit_1_and_json_has_the_issue_shape(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("动态1\t动态一\t严重\n", encoding="utf-8")
    pages = dict(
        CLEAN, **{"/": html(HOME + '<a href="/gone">旧</a><p>身份证 11010519491231002X</p>')}
    )
    with FakeSite(pages) as site:
        code, out, err = sitecheck(
            site.url(), "--today", "2026-06-30", "--wording", str(words), "--json"
        )
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"pages", "findings", "veto"}
    assert data["pages"] == 3
    assert all(set(f) == {"kind", "url", "column", "detail", "value"} for f in data["findings"])
    kinds = {f["kind"] for f in data["findings"]}
    assert kinds == {"broken_link", "personal_data", "wording", "stale_column", "home_not_updated"}
    assert "11010519491231002X" not in out
    assert [v["number"] for v in data["veto"]] == [1, 3]
    assert {"number", "name", "why", "pages"} == set(data["veto"][0])
    assert "发现" in err


def test_readable_report_groups_findings_by_kind():
    pages = dict(CLEAN, **{"/": html(HOME + '<a href="/gone">旧</a>')})
    with FakeSite(pages) as site:
        code, out, err = sitecheck(site.url(), "--today", "2026-05-20", "--max-pages", "50")
    assert code == 1
    assert "【链接不可用】1 个" in out and "/gone" in out
    assert "已检查" in err  # the progress bar on standard error


def test_default_dictionary_applies_without_a_file():
    pages = dict(CLEAN, **{"/": html(HOME + "<p>中华人民共合国</p>")})
    with FakeSite(pages) as site:
        code, out, _ = sitecheck(site.url(), "--today", "2026-05-20", "--json")
    assert code == 1
    (finding,) = json.loads(out)["findings"]
    assert finding["kind"] == "wording" and finding["value"] == "中华人民共合国"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["example.gov.cn"], "网址“example.gov.cn”无效"),
        (["http://127.0.0.1:9/", "--today", "2026-13-01"], "检查日“2026-13-01”无效"),
        (["http://127.0.0.1:9/", "--max-pages", "0"], "不是正整数"),
        (["http://127.0.0.1:9/", "--a11y", "x"], "不是正整数"),
        (["http://127.0.0.1:9/", "--wording", "/nonexistent/words.txt"], "无法读取词典文件"),
    ],
)
def test_bad_input_exits_2_with_a_chinese_message(args, message):
    code, out, err = sitecheck(*args)
    assert code == 2
    assert message in err
    assert out == ""


def test_a_malformed_wording_file_exits_2(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("正确\t正确\n", encoding="utf-8")
    code, _, err = sitecheck("http://127.0.0.1:9/", "--wording", str(words))
    assert code == 2 and "第 1 行" in err
    words.write_bytes("错词\t对词".encode("gbk"))
    code, _, err = sitecheck("http://127.0.0.1:9/", "--wording", str(words))
    assert code == 2 and "不是 UTF-8" in err
