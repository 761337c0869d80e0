"""The two imports: an office's past ledger and the 12345 hotline's orders. All or nothing with
every row's problem listed; re-running a file changes nothing; the answers go back (双反馈)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from gongkai.messages.domain.imports import MessageImportError
from gongkai.messages.domain.kinds import Channel
from gongkai.messages.domain.states import State
from gongkai.messages.imports import hotline_export, hotline_import, messages_import
from gongkai.messages.models import Message
from gongkai.messages.services import message_reply

from .conftest import local

pytestmark = pytest.mark.django_db

HEADER = "number,unit,kind,received_at,answered_at\n"
LEDGER = HEADER + (
    "A1,C-FIN,consultation,2026-02-12 16:00,2026-02-26 17:00\n"
    "A2,C-FIN,consultation,2026-02-12T16:00:00+08:00,2026-02-27 09:00\n"
    "A3,C-FIN,correction,2026-02-13 09:30,\n"
)


def test_a_ledger_is_imported_with_the_engines_clocks_and_rerunning_changes_nothing(tree, tmp_path):
    summary = messages_import(actor=None, data=LEDGER.encode())
    assert summary.created == ["A1", "A2", "A3"]
    first, late, open_ = (Message.objects.get(number=n) for n in ("A1", "A2", "A3"))
    assert first.due_on == date(2026, 2, 26) and first.on_time
    assert late.on_time is False and late.answer_workdays == 6
    assert open_.state == State.HANDLING and open_.due_on == date(2026, 2, 25)
    assert first.channel == Channel.IMPORTED and first.imported
    again = messages_import(actor=None, data=LEDGER.encode())
    assert again.created == [] and again.unchanged == ["A1", "A2", "A3"]
    path = tmp_path / "ledger.csv"
    path.write_text(LEDGER, encoding="utf-8-sig")
    out = io.StringIO()
    call_command("messages", "import", str(path), stdout=out)
    assert "新增 0 条" in out.getvalue() and Message.objects.count() == 3


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("B1,C-FIN,question,2026-02-12 16:00,", "类别“question”无效"),
        ("B1,C-FIN,consultation,2026-02-30 16:00,", "不是有效的时间"),
        ("B1,C-FIN,consultation,2026-02-12 16:00,2026-02-11 09:00", "答复时间早于收到时间"),
        ("B1,C-FIN,consultation,2099-02-12 16:00,", "收到时间晚于现在"),
        ("B1,NOPE,consultation,2026-02-12 16:00,", "单位代码 NOPE 不存在"),
        (",C-FIN,consultation,2026-02-12 16:00,", "缺少留言编号"),
        ("B1,C-FIN,consultation", "列数不足"),
        ("A1,C-FIN,consultation,2026-02-12 16:00,", "留言编号 A1 与第 2 行重复"),
    ],
)
def test_a_bad_row_refuses_the_whole_file(tree, row, problem):
    data = (LEDGER + row + "\n").encode()
    with pytest.raises(MessageImportError, match=problem) as raised:
        messages_import(actor=None, data=data)
    assert "第 5 行" in str(raised.value)
    assert not Message.objects.exists()


def test_a_changed_row_of_an_imported_number_is_refused(tree):
    messages_import(actor=None, data=LEDGER.encode())
    changed = LEDGER.replace(
        "A3,C-FIN,correction,2026-02-13 09:30,",
        "A3,C-FIN,correction,2026-02-13 09:30,2026-02-20 10:00",
    )
    with pytest.raises(MessageImportError, match="A3 已存在，且内容不同"):
        messages_import(actor=None, data=changed.encode())
    assert Message.objects.get(number="A3").answered_at is None


def test_the_command_exits_with_code_2_and_lists_the_rows(tree, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "B1,C-FIN,question,2026-02-12 16:00,\nB2,X,consultation,x,\n")
    with pytest.raises(CommandError) as raised:
        call_command("messages", "import", str(path))
    assert raised.value.returncode == 2
    assert "第 2 行" in str(raised.value) and "第 3 行" in str(raised.value)
    missing = HEADER.replace(",answered_at", "")
    path.write_text(missing + "B1,C-FIN,consultation,2026-02-12 16:00\n")
    with pytest.raises(CommandError, match="缺少列：answered_at"):
        call_command("messages", "import", str(path))
    assert not Message.objects.exists()


def test_a_user_imports_only_into_units_they_may(tree, make_user):
    from gongkai.core.domain.roles import Role

    township_admin = make_user("admin_a", (Role.ADMINISTRATOR, tree["town_a"]))
    with pytest.raises(MessageImportError, match="没有导入“测试县财政局”留言的权限"):
        messages_import(actor=township_admin, data=LEDGER.encode())


# --- 12345 hotline -----------------------------------------------------------------------------

ORDERS = (
    "工单编号,受理时间,承办单位,诉求类型,诉求内容,办理时限,诉求人,联系电话\n"
    "GD001,2026-03-02 09:15,测试县财政局,咨询,咨询惠民补贴何时发放,2026-03-04,李四,13800001111\n"
    "GD002,2026-03-02 10:00,不确定,举报,某路段路灯长期不亮,,,\n"
)


def test_hotline_orders_become_messages_of_channel_12345(tree):
    summary = hotline_import(actor=None, data=ORDERS.encode(), filename="orders.csv")
    assert summary.created == ["GD001", "GD002"]
    first = Message.objects.get(hotline_number="GD001")
    assert first.channel == Channel.HOTLINE and first.unit == tree["finance"]
    assert first.kind == "consultation" and first.due_on == date(2026, 3, 9)
    assert first.hotline_due_on == date(2026, 3, 4) and first.contact_mobile == "13800001111"
    second = Message.objects.get(hotline_number="GD002")
    assert second.unit == tree["office"] and not second.unit_chosen and second.kind == "complaint"
    # Handled since (routed, classified): the same file still changes nothing.
    from gongkai.messages.services import message_classify, message_transfer

    message_transfer(actor=None, message=second, to_unit=tree["town_a"], reason="")
    message_classify(actor=None, message=first, kind="simple")
    again = hotline_import(actor=None, data=ORDERS.encode(), filename="orders.csv")
    assert again.unchanged == ["GD001", "GD002"] and Message.objects.count() == 2


def test_hotline_orders_from_a_workbook(tree):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in csv.reader(io.StringIO(ORDERS)):
        sheet.append(row)
    sheet["B2"].value = local("2026-03-02 09:15").replace(tzinfo=None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert (
        len(hotline_import(actor=None, data=buffer.getvalue(), filename="工单.xlsx").created) == 2
    )
    assert Message.objects.get(hotline_number="GD001").received_at == local("2026-03-02 09:15")


@pytest.mark.parametrize(
    ("orders", "problem"),
    [
        (ORDERS.replace("测试县财政局", "某某局"), "承办单位“某某局”不是平台中的单位"),
        (ORDERS.replace(",咨询,", ",闲聊,"), "诉求类型“闲聊”无法识别"),
        (ORDERS.replace("2026-03-04", "2026-03-01"), "办理时限早于受理时间"),
        (ORDERS.replace("工单编号,", "编号,"), "缺少列：工单编号"),
    ],
)
def test_bad_hotline_orders_refuse_the_file(tree, orders, problem):
    with pytest.raises(MessageImportError, match=problem):
        hotline_import(actor=None, data=orders.encode(), filename="orders.csv")
    assert not Message.objects.exists()


def test_the_answers_go_back_to_the_hotline_in_its_layout(tree, people):
    hotline_import(actor=None, data=ORDERS.encode(), filename="orders.csv")
    order = Message.objects.get(hotline_number="GD001")
    message_reply(actor=people["finance"], message=order, text="补贴将于3月底前发放。")
    content = hotline_export(
        actor=people["finance"],
        unit=tree["finance"],
        start=date(2026, 3, 1),
        end=date(2026, 3, 31),
        fmt="csv",
    )
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["工单编号", "受理时间", "承办单位", "诉求类型", "诉求标题", "诉求内容"]
    assert rows[1][0] == "GD001" and rows[1][-1] == "补贴将于3月底前发放。" and len(rows) == 2
    order.refresh_from_db()
    assert order.fed_back_at is not None
    # The file re-imports as the orders it came from.
    assert hotline_import(actor=None, data=content, filename="back.csv").unchanged == ["GD001"]
