"""Every task of the five seeds: its number, lead and responsible units, deadline and recurrence.

Read off the text by hand and checked against it item by item; where the importer's answer
was questioned (issue 21), the comment says what the text says and why the answer is right.

Units are kept as the text writes them (原文): the ledger matches them to the unit tree and
lists the names it cannot match (``各州市政府`` in 000 is the source's slip for 各市州政府).
Deadlines and recurrences fall in the plan's year; a task without a 完成时限 takes the
latest deadline its own text sets (``年底前``, ``年内``) and its first recurrence (``每季度``).
"""

from datetime import date

import pytest

from gongkai.importer.domain.model import ParsedDocument
from gongkai.importer.domain.parse import parse_file
from gongkai.importer.seed_documents import SEED_DIR


def seed(number: str) -> ParsedDocument:
    (path,) = SEED_DIR.glob(f"{number}_*.txt")
    return parse_file(path)


GANSU_LOCAL = ["各市州政府", "兰州新区管委会"]
PINGLIANG_LOCAL = ["各县（市、区）人民政府", "平凉工业园区（高新区）管委会"]

# 甘政办发〔2020〕83号. 34 tasks: items 1–25 of 二、重点工作任务 with two unnumbered paragraphs
# after item 5 that carry annotations of their own, and the five items of 三、保障措施 with
# two such paragraphs. No task has a lead unit, and that is right: every annotation is
# （责任单位：……）, the word 牵头 occurs nowhere in the document, and it does not say that the
# first unit listed leads (as some plans do in a note). The order of the units is the
# annotation's: the province's offices, then the local governments. Two tasks have a deadline
# in their text and no 完成时限: item 3 (2020年8月底前 for the provincial offices, 年底前 for the
# counties' publication: the task is done by the later) and item 21 (2020年底前完成IPv6改造).
SEED_000 = [
    ("1", [], ["省政府各部门", *GANSU_LOCAL], None, None),
    ("2", [], ["省政府办公厅", *GANSU_LOCAL], None, None),
    (
        "3",
        [],
        ["省政府办公厅", "省政府有关部门", "中央在甘有关单位", *GANSU_LOCAL],
        date(2020, 12, 31),
        None,
    ),
    ("4", [], ["省政府办公厅", *GANSU_LOCAL], None, None),
    ("5", [], ["省政府各部门"], None, None),
    (None, [], ["省政府各部门", "各州市政府", "兰州新区管委会"], None, None),
    (None, [], ["省政府各部门", "各州市政府", "兰州新区管委会"], None, None),
    ("6", [], ["省政府办公厅", "省政府有关部门", "中央在甘有关单位", *GANSU_LOCAL], None, None),
    ("7", [], ["省政府办公厅", "省政府各部门", "中央在甘有关单位", *GANSU_LOCAL], None, None),
    ("8", [], ["省市场监管局", *GANSU_LOCAL], None, None),
    ("9", [], ["省政府办公厅", "省政府有关部门", "中央在甘有关单位", *GANSU_LOCAL], None, None),
    (
        "10",
        [],
        [
            "省工信厅",
            "省市场监管局",
            "省金融监管局",
            "省税务局",
            "人行兰州中心支行",
            "甘肃银保监局",
            *GANSU_LOCAL,
        ],
        None,
        None,
    ),
    ("11", [], ["省卫生健康委", *GANSU_LOCAL], None, None),
    ("12", [], ["省政府办公厅", "省卫生健康委", *GANSU_LOCAL], None, None),
    ("13", [], ["省卫生健康委", *GANSU_LOCAL], None, None),
    ("14", [], ["省政府办公厅", "省政府有关部门", "中央在甘有关单位", *GANSU_LOCAL], None, None),
    ("15", [], ["省卫生健康委", *GANSU_LOCAL], None, None),
    ("16", [], ["省政府办公厅", "省政府有关部门", *GANSU_LOCAL], None, None),
    ("17", [], ["省政府办公厅", "省政府各部门", "各市政府", "兰州新区管委会"], None, None),
    ("18", [], ["省政府办公厅", "省政府各部门", "各市政府", "兰州新区管委会"], None, None),
    ("19", [], ["省政府各部门", "各市政府", "兰州新区管委会"], None, None),
    ("20", [], ["省政府各部门", "各市政府", "兰州新区管委会"], None, None),
    ("21", [], ["省政府办公厅", "省政府各部门", *GANSU_LOCAL], date(2020, 12, 31), None),
    ("22", [], ["省政府办公厅", "省政府各部门", *GANSU_LOCAL], None, None),
    ("23", [], ["省政府办公厅", "省政府各部门", *GANSU_LOCAL], None, None),
    ("24", [], ["省政府办公厅", "省政府各部门", *GANSU_LOCAL], None, None),
    ("25", [], ["省政府办公厅", "省政府各部门", *GANSU_LOCAL], None, None),
    ("一", [], ["省政府办公厅", "省政府各部门", *GANSU_LOCAL], None, None),
    (None, [], ["省政府办公厅", *GANSU_LOCAL], None, None),
    ("二", [], ["省政府办公厅", "省政府各部门", *GANSU_LOCAL], None, None),
    ("三", [], ["省政府办公厅", "省政府各部门", *GANSU_LOCAL], None, None),
    ("四", [], ["省政府办公厅", "省政府各部门", *GANSU_LOCAL], None, None),
    ("五", [], ["省政府办公厅", "省政府各部门", *GANSU_LOCAL], None, None),
    (None, [], ["省政府办公厅", "省政府各部门", *GANSU_LOCAL], None, None),
]

# 积县政办发〔2021〕45号. 11 tasks of 三 with block lines 责任单位/完成时限, and the three
# items of 四、保障措施, which carry no annotation: their units are the subjects of their
# 要 sentences (各乡镇、各部门要……, 县政府要……; 县政府各部门要……), and (二) is yearly work
# (每年至少组织1次集中学习培训). 县政府办公室 in (三) is not a unit of the task: 将对…进行指导
# 协调和监督检查 describes its supervision, not a duty the plan gives it.
SEED_001 = [
    ("1", [], ["各乡（镇）人民政府"], None, None),
    ("2", [], ["各乡（镇）人民政府"], date(2022, 9, 30), None),
    ("3", [], ["各乡（镇）人民政府"], None, None),
    (None, [], ["各乡（镇）人民政府"], date(2021, 6, 30), None),
    ("3", [], ["各乡（镇）人民政府"], date(2021, 6, 30), None),
    ("6", [], ["各乡（镇）人民政府"], None, None),
    (None, [], ["各乡（镇）人民政府", "县政府各部门"], date(2021, 12, 31), None),
    (None, [], ["县政府办公室", "各乡镇", "县政府相关部门"], date(2021, 6, 30), None),
    ("9", ["县政府办公室"], ["各乡镇", "县政府各部门"], date(2021, 6, 30), None),
    ("10", ["县政府办公室"], ["各乡镇", "县政府各部门"], date(2021, 12, 31), None),
    ("11", [], ["各乡镇", "村（居）民委员会"], date(2021, 12, 31), None),
    ("一", [], ["各乡镇", "各部门", "县政府"], None, None),
    ("二", [], [], None, "yearly"),
    ("三", [], ["各乡镇", "县政府各部门"], None, None),
]

# The 甘肃 2016 web copy. 38 tasks with （…牵头落实） or （…负责落实） phrases; times written in
# the text: (十三) every quarter (每季度应向社会公开…), (十八), (二十二) and (二十三) by the end
# of 2016 (年内, 2016年底前).
SEED_002 = [
    ("一", ["省审改办"], [], None, None),
    (None, ["省审改办", "省人社厅"], [], None, None),
    ("二", ["省政府有关部门"], [], None, None),
    (None, ["省发展改革委", "省工商局", "人民银行兰州中心支行"], [], None, None),
    ("三", ["省政府办公厅"], [], None, None),
    (None, [], ["省政府有关部门"], None, None),
    (None, ["省公安厅"], [], None, None),
    ("四", [], ["各市州政府", "省政府各部门"], None, None),
    ("五", ["省发展改革委"], [], None, None),
    (None, ["省发展改革委", "省财政厅", "行业主管部门"], [], None, None),
    ("六", ["省发展改革委", "省公共资源交易局"], [], None, None),
    ("七", ["省财政厅", "省国税局", "省地税局"], [], None, None),
    (None, ["省发展改革委", "省财政厅"], [], None, None),
    ("八", ["省政府国资委"], [], None, None),
    ("九", ["省扶贫办"], [], None, None),
    ("十", ["省民政厅"], [], None, None),
    ("十一", ["省人社厅"], [], None, None),
    ("十二", ["省建设厅", "省国土资源厅"], [], None, None),
    ("十三", ["省环保厅", "省发展改革委", "省建设厅", "省水利厅"], [], None, "quarterly"),
    ("十四", [], ["各市州政府", "省教育厅"], None, None),
    (None, ["省卫生计生委"], [], None, None),
    (None, ["省食品药品监管局"], [], None, None),
    ("十五", [], ["各市州政府", "省政府各部门"], None, None),
    ("十六", [], ["各市州政府", "省政府各部门"], None, None),
    (None, [], ["各市州政府", "省政府各部门"], None, None),
    (None, ["省审计厅"], [], None, None),
    ("十七", ["省财政厅"], [], None, None),
    (None, ["省财政厅"], [], None, None),
    (
        "十八",
        [],
        ["各市州政府", "省政府各部门", "省委外宣办〔省政府新闻办〕"],
        date(2016, 12, 31),
        None,
    ),
    ("十九", [], ["各市州政府", "省政府各部门"], None, None),
    (None, [], ["各市州政府", "省委外宣办〔省政府新闻办〕", "省政府办公厅"], None, None),
    ("二十", [], ["各市州政府", "省政府各部门"], None, None),
    ("二十一", ["省政府办公厅", "省政府法制办"], [], None, None),
    (None, [], ["各市州政府", "省政府各部门"], None, None),
    ("二十二", ["省政府办公厅"], [], None, None),
    (None, [], ["各市州政府", "省政府各部门"], date(2016, 12, 31), None),
    ("二十三", ["省委组织部", "省政府办公厅", "省政府法制办"], [], date(2016, 12, 31), None),
    (None, [], ["各市州政府", "省政府各部门"], None, None),
]

# 平政办发〔2023〕51号. 18 tasks with block lines 牵头单位/责任单位, and the three items of
# 四、切实强化公开保障 written inline: (十四) names no unit (its subject is the leading
# group, and 市政务公开办负责承办… states a standing duty) but a time, 年内至少召开一次:
# by 31 December 2023; (十五) 由市政务公开办牵头，市委网信办、市融媒体中心配合, with
# 各县（市、区）政府、市直各部门要… and 年内…集中培训1次; (十六) 由市政务公开办牵头 and
# 各县（市、区）政府、市直各部门要…, without a time.
SEED_003 = [
    ("一", ["市政府政务公开办"], [*PINGLIANG_LOCAL, "市直各部门"], None, None),
    ("二", ["市政府政务公开办"], [*PINGLIANG_LOCAL, "市直各部门"], None, None),
    ("1", ["市市场监管局", "市发展改革委"], [*PINGLIANG_LOCAL, "市直有关部门"], None, None),
    (
        "2",
        ["市工信局", "市税务局"],
        [*PINGLIANG_LOCAL, "市直有关部门", "中、省驻平有关单位"],
        None,
        None,
    ),
    ("3", ["市人社局"], [*PINGLIANG_LOCAL, "市直有关部门"], None, None),
    ("4", ["市发展改革委"], [*PINGLIANG_LOCAL, "市直有关部门"], None, None),
    ("5", ["市卫生健康委"], [*PINGLIANG_LOCAL, "市直有关部门"], None, None),
    ("6", ["市政府办", "市政府政务公开办"], [*PINGLIANG_LOCAL, "市直有关部门"], None, None),
    ("四", ["市政府政务公开办"], [*PINGLIANG_LOCAL, "市直各部门"], None, None),
    ("五", ["市政府办"], [*PINGLIANG_LOCAL, "市直各部门"], None, None),
    ("六", ["市政府政务公开办", "市政府办"], [*PINGLIANG_LOCAL, "市直有关部门"], None, None),
    ("七", ["市融媒体中心"], [*PINGLIANG_LOCAL, "市直各部门"], None, None),
    ("八", ["市融媒体中心", "市公管办"], [*PINGLIANG_LOCAL, "市直各部门"], None, None),
    ("九", ["市融媒体中心"], [*PINGLIANG_LOCAL, "市直各部门"], None, None),
    ("十", ["市委网信办"], [*PINGLIANG_LOCAL, "市直各部门"], None, None),
    ("十一", ["市政府政务公开办"], [*PINGLIANG_LOCAL, "市直有关部门"], None, None),
    ("十二", [], ["市政府办"], None, None),
    ("十三", ["市政府政务公开办"], [*PINGLIANG_LOCAL, "市直有关部门"], None, None),
    ("十四", [], [], date(2023, 12, 31), None),
    (
        "十五",
        ["市政务公开办"],
        ["市委网信办", "市融媒体中心", "各县（市、区）政府", "市直各部门"],
        date(2023, 12, 31),
        None,
    ),
    ("十六", ["市政务公开办"], ["各县（市、区）政府", "市直各部门"], None, None),
]

# 粤府办〔2020〕14号, a 转发 notice: its own items 一–五 are the tasks, the forwarded 国办发
# document is not. The items have no annotations, and the importer used to give them no
# units; but each one says who is to act, as the subject of its sentences: 各地、各部门要……
# in every item except 四, which gives 省司法厅要在2020年底前梳理…… (its deadline) and
# 各地要……; 二 adds 省直各部门要……, 五 各级政府部门要…… and 县级以上地方政府要…….
# 各地 and 各部门 stand for the recipients (各地级以上市人民政府, 省政府各部门、各直属机构)
# and stay as written, for the ledger's matching to resolve.
SEED_004 = [
    ("一", [], ["各地", "各部门"], None, None),
    ("二", [], ["各地", "各部门", "省直各部门"], None, None),
    ("三", [], ["各地", "各部门"], None, None),
    ("四", [], ["省司法厅", "各地"], date(2020, 12, 31), None),
    ("五", [], ["各地", "各部门", "各级政府部门", "县级以上地方政府"], None, None),
]

EXPECTED = {"000": SEED_000, "001": SEED_001, "002": SEED_002, "003": SEED_003, "004": SEED_004}


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_every_task_of_the_seed(number):
    tasks = [
        (
            task.number,
            task.lead_units,
            task.responsible_units,
            task.deadline,
            task.recurrence.period if task.recurrence else None,
        )
        for task in seed(number).tasks
    ]
    assert len(tasks) == len(EXPECTED[number])
    assert tasks == EXPECTED[number]


def test_the_task_counts():
    assert {number: len(tasks) for number, tasks in EXPECTED.items()} == {
        "000": 34, "001": 14, "002": 38, "003": 21, "004": 5
    }  # fmt: skip
