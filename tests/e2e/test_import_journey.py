"""The journey of a work plan in a real browser: an editor uploads the notice in the admin, checks
the fields the importer read and confirms them, finds the plan's tasks in the ledger as the
notice numbers them, with their units matched to the unit tree, and reports progress on one.
The upload form, the confirmation, the plan and the task page are checked with axe-core."""

from datetime import date

import pytest

from gongkai.core.domain.roles import Role

from .conftest import axe_violations, staff_login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COUNTY = "013901000"  # the demo county (gongkai demo)

# Written this year, the tasks due next year: the first task is in progress, not overdue.
YEAR = date.today().year
NOTICE = f"""示范县人民政府办公室关于印发示范县{YEAR}年政务公开工作要点的通知

示政办发〔{YEAR}〕7号

各乡镇人民政府，县政府各部门：
    《示范县{YEAR}年政务公开工作要点》已经县政府同意，现印发给你们，请认真贯彻落实。

示范县人民政府办公室
{YEAR}年1月2日

（此件公开发布）

示范县{YEAR}年政务公开工作要点

一、推进决策公开
（一）推进重大决策预公开。涉及群众切身利益的重大决策，决策前公开草案及说明，广泛听取意见。\
（牵头单位：县政府办；责任单位：县财政局、县民政局；完成时限：{YEAR + 1}年6月底前）
（二）做好政策解读。重要政策文件与解读材料同步起草、同步审签、同步发布。（县民政局牵头落实）
二、推进管理服务公开
（三）公开财政预决算。按时公开部门预决算及“三公”经费情况。\
（牵头单位：县财政局；完成时限：{YEAR + 1}年12月31日前）
"""


def test_a_work_plan_from_upload_to_reported_progress(page, portal_url, tmp_path):
    notice = tmp_path / f"{YEAR}年政务公开工作要点.txt"
    # As offices often still save them: GB18030 with Windows line ends.
    notice.write_bytes(NOTICE.replace("\n", "\r\n").encode("gb18030"))

    staff_login(page, portal_url, "planner", Role.EDITOR, COUNTY, "李录入")

    # Upload: the file and the issuing unit.
    page.goto(f"{portal_url}/admin/import/")
    assert axe_violations(page) == []
    page.get_by_label("公文文件").set_input_files(str(notice))
    page.get_by_label("发文单位").select_option(label="示范县人民政府办公室")
    page.get_by_role("button", name="上传并识别").click()

    # Confirmation: what the importer read, editable before anything is registered.
    page.get_by_role("button", name="确认导入").wait_for()
    assert axe_violations(page) == []
    assert page.get_by_label("标题").input_value() == (
        f"示范县人民政府办公室关于印发示范县{YEAR}年政务公开工作要点的通知"
    )
    assert page.get_by_label("发文字号").input_value() == f"示政办发〔{YEAR}〕7号"
    assert page.get_by_label("成文日期").input_value() == f"{YEAR}-01-02"
    assert page.get_by_text("3 项（将列入工作台账）").is_visible()
    page.get_by_role("button", name="确认导入").click()

    # The result, then the plan as the notice numbers it.
    page.get_by_text("导入 1 份，跳过 0 份，失败 0 份").wait_for()
    page.get_by_role("link", name="查看工作台账").click()
    page.get_by_role("heading", name=f"示范县{YEAR}年政务公开工作要点").wait_for()
    assert axe_violations(page) == []
    tree = page.locator("main")
    for title in ("推进重大决策预公开", "做好政策解读", "公开财政预决算"):
        assert tree.get_by_role("link", name=title).is_visible()
    text = tree.inner_text()
    assert (
        f"牵头单位：县政府办； 责任单位：县财政局、县民政局； 完成时限：{YEAR + 1}年6月底前" in text
    )
    assert "未对应的单位名称" not in text  # the short names are the demo units' own

    # The lead unit reports progress on the first task.
    tree.get_by_role("link", name="推进重大决策预公开").click()
    page.get_by_role("heading", name="报送进展").wait_for()
    assert axe_violations(page) == []
    report = page.locator("form").filter(has=page.get_by_role("button", name="报送"))
    report.get_by_label("报送单位").select_option(label="示范县人民政府办公室")
    report.get_by_label("进展情况").fill(
        "已在门户网站公开3项重大决策草案，征求意见共收到建议12条。"
    )
    report.get_by_role("button", name="报送").click()
    row = page.locator("table.listing tbody tr").first
    row.get_by_text("已在门户网站公开3项重大决策草案").wait_for()
    assert "示范县人民政府办公室" in row.inner_text()
    assert "推进中" in page.locator("dt:has-text('状态') + dd").inner_text()
    assert axe_violations(page) == []
