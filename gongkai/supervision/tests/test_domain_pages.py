import pytest

from gongkai.supervision.domain.channels import is_message_channel
from gongkai.supervision.domain.pages import PageData, text_findings
from gongkai.supervision.domain.wording import WordingChecker, WordingRule


def test_personal_data_is_reported_masked_and_never_leaks_through_wording():
    page = PageData(
        url="http://x/a", title="公示", text="张三 身份证 11010519491231002X 社会主意 13800138000"
    )
    checker = WordingChecker([WordingRule("社会主意", "社会主义", True)])
    findings = text_findings(page, checker, "公示公告")
    kinds = [finding.kind for finding in findings]
    assert kinds == ["personal_data", "personal_data", "wording"]
    for finding in findings:
        assert "11010519491231002X" not in finding.detail + finding.value
        assert "13800138000" not in finding.detail + finding.value
        assert finding.column == "公示公告"
    assert findings[0].value == "1101**********002X"
    assert findings[1].value == "138****8000"
    assert findings[2].serious


def test_clean_page_has_no_findings():
    page = PageData(url="http://x/a", text="2026年5月1日 电话 0871-12345678 文号 2026-0001")
    assert text_findings(page, WordingChecker([])) == []


@pytest.mark.parametrize(
    ("text", "url", "channel"),
    [
        ("县长信箱", "http://x/mail", True),
        ("我要留言", "http://x/ly", True),
        ("在线咨询", "http://x/zx", True),
        ("12345政务服务热线", "http://12345.example.cn/", True),
        ("政民互动", "http://x/hd", True),
        ("网上信访", "http://x/xf", False),  # special channels do not count (19号 5(1))
        ("纪检举报", "http://x/jb", False),
        ("信访留言", "http://x/xf", False),
        ("", "http://x/hudong/", True),  # the platform's own message pages
        ("工作动态", "http://x/news/", False),
    ],
)
def test_message_channel(text, url, channel):
    assert is_message_channel(text, url) is channel
