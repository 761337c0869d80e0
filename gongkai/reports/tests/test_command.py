"""`gongkai report annual …` and `gongkai report figures …`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from gongkai.core.pdf import pdf_missing
from gongkai.reports import services
from gongkai.reports.domain.tables import TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS, TABLE4_GROUPS
from gongkai.reports.models import AnnualReport
from gongkai.reports.tests import hand_fixture as fx


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_json_has_exactly_the_issues_keys(hand_records):
    result = json.loads(run("annual", "--unit", "C", "--year", "2025"))
    assert list(result) == ["unit", "year", "table2", "table3", "table4", "checks"]
    assert result["unit"] == "C" and result["year"] == 2025
    assert list(result["table3"]) == list(TABLE3_ROWS)
    assert all(list(cells) == list(TABLE3_COLUMNS) for cells in result["table3"].values())
    assert list(result["table4"]) == list(TABLE4_GROUPS)
    assert all(list(cells) == list(TABLE4_COLUMNS) for cells in result["table4"].values())
    assert result["table3"] == fx.EXPECTED_2025
    assert result["table4"] == fx.EXPECTED_APPEALS_2025
    assert set(result["table2"]) == {
        "rules",
        "normative_documents",
        "licensing",
        "penalty",
        "coercion",
        "fees_collected",
    }
    assert all(set(c) == {"rule", "ok", "detail"} for c in result["checks"])
    assert all(c["ok"] for c in result["checks"])


def test_half_year_and_unit_only(hand_records):
    half = json.loads(run("annual", "--unit", "C", "--year", "2025", "--half"))
    assert half["table3"] == fx.EXPECTED_2025_H1
    alone = json.loads(run("annual", "--unit", "C-FIN", "--year", "2025", "--region"))
    assert alone["table3"]["new"]["total"] == 0


def test_a_published_report_is_printed_as_published(hand_records):
    report = services.report_create(actor=None, unit=hand_records["county"], year=2025)
    report = services.report_publish(actor=None, report=report)
    # Tampered with, to tell the snapshot from the live figures.
    AnnualReport.objects.filter(pk=report.pk).update(
        snapshot={**report.snapshot, "table4": fx.EXPECTED_APPEALS_2024}
    )
    result = json.loads(run("annual", "--unit", "C", "--year", "2025"))
    assert result["table4"] == fx.EXPECTED_APPEALS_2024


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2025"], "请用 --unit 指定单位代码"),
        (["--unit", "C"], "请用 --year 指定报告年度"),
        (["--unit", "NOPE", "--year", "2025"], "没有代码为“NOPE”的单位"),
        (["--unit", "C", "--year", "20x5"], "报告年度应为2008至"),
        (
            ["--unit", "C", "--year", "2025", "--format", "xls"],
            "输出格式应为 json、html、docx、pdf",
        ),
        (["--unit", "C", "--year", "2025", "--format", "docx"], "请用 --output 指定输出文件"),
    ],
)
def test_bad_input_is_refused_in_chinese_with_exit_code_2(unit_tree, args, message):
    with pytest.raises(CommandError, match=message) as refused:
        run("annual", *args)
    assert refused.value.returncode == 2


def test_docx_opens_and_holds_the_three_tables(hand_records, tmp_path):
    path = tmp_path / "report.docx"
    run("annual", "--unit", "C", "--year", "2025", "--format", "docx", "--output", str(path))
    document = Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "测试县人民政府2025年政府信息公开工作年度报告" in text
    for heading in ("一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert heading in text
    table2, table3, table4 = document.tables
    assert table2.cell(0, 0).text == "第二十条第（一）项"
    assert table2.cell(2, 0).text == "规章"
    # Merged as in the format: the 勾稽关系 note spans three rows and three columns.
    assert table3.cell(0, 0).text.startswith("（本列数据的勾稽关系为")
    assert table3.cell(2, 2).text == table3.cell(0, 0).text
    assert table3.cell(0, 3).text == "申请人情况"
    labels = [table3.cell(r, 0).text for r in range(len(table3.rows))]
    assert labels[3] == "一、本年新收政府信息公开申请数量"
    assert labels[-1] == "四、结转下年度继续办理"
    assert table3.cell(3, 9).text == "10"  # 一、本年新收, 总计
    assert table3.cell(len(table3.rows) - 1, 9).text == "4"  # 四、结转下年度, 总计
    assert table4.cell(0, 0).text == "行政复议" and table4.cell(0, 5).text == "行政诉讼"
    assert [table4.cell(3, c).text for c in range(5)] == ["1", "1", "0", "1", "3"]


def test_pdf_or_the_reason_it_cannot_be_made(hand_records, tmp_path):
    path = tmp_path / "report.pdf"
    args = ("annual", "--unit", "C", "--year", "2025", "--format", "pdf", "--output", str(path))
    if reason := pdf_missing():
        with pytest.raises(CommandError, match=r"fonts-noto-cjk|libharfbuzz|WeasyPrint") as refused:
            run(*args)
        assert refused.value.returncode == 2 and str(refused.value) == reason
    else:
        run(*args)
        assert path.read_bytes().startswith(b"%PDF")


def test_html_is_a_whole_document_with_the_tables(hand_records):
    html = run("annual", "--unit", "C", "--year", "2025", "--format", "html")
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<table") == 3
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in html


def test_figures_import_from_csv_and_xlsx(unit_tree, tmp_path):
    from openpyxl import Workbook

    csv_path = tmp_path / "figures.csv"
    csv_path.write_text(
        "单位代码,年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）\nC-FIN,2025,12,3,0,1.25\n",
        encoding="gb18030",
    )
    assert "新建报告 1 份" in run("figures", str(csv_path))
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["unit", "year", "licensing", "penalty", "coercion", "fees_wan_yuan"])
    sheet.append(["C-FIN", 2025, 20, 3, 0, 0.1])
    xlsx_path = tmp_path / "figures.xlsx"
    workbook.save(xlsx_path)
    assert "更新 1 份" in run("figures", str(xlsx_path))
    report = AnnualReport.objects.get(unit__code="C-FIN")
    assert (report.licensing_decisions, str(report.fees_wan_yuan)) == (20, "0.1000")


def test_a_figures_file_with_errors_lists_rows_and_exits_2(unit_tree, tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text(
        "unit,year,licensing,penalty,coercion,fees_wan_yuan\nC-FIN,2025,-1,3,0,1\nC,1999,1,1,1,x\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as refused:
        run("figures", str(path))
    assert refused.value.returncode == 2
    message = str(refused.value)
    assert "第 2 行：行政许可应为不小于0的整数" in message
    assert "第 3 行：年度应为四位年份" in message and "行政事业性收费（万元）应为数字" in message
    assert not AnnualReport.objects.exists()
