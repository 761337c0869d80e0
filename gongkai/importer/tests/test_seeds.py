"""The five seed documents, with their expected header fields and tasks read off by hand.

000 甘政办发〔2020〕83号: 印发 notice; work plan with inline （责任单位：…）, a paragraph split by
    a page break (全面梳理本机 / 关依法行使), a unit annotation split mid-word (责任单 / 位).
001 积县政办发〔2021〕45号: title without 文种, block lines 责任单位/完成时限, items whose number
    was left out or repeated, 保障措施 items written inline, a list of attachments that are
    not tasks.
002 (no doc number): traditional web copy with pinyin annotations and mojibake, 时间:… web
    chrome, no title line of its own (the attached plan's stands in), （…牵头落实） phrases,
    item numbers lost to mojibake.
003 平政办发〔2023〕51号: block lines 牵头单位/责任单位, a block line split by a page break,
    公开属性：主动公开 in the 版记, 保障 items (十四)–(十六) written inline.
004 粤府办〔2020〕14号: 转发 notice whose own items 一、…五、 are the tasks, their units the
    subjects of their sentences; the forwarded 国办发 document follows with its own signature
    and （此件公开发布）.

Every task of each seed is listed in test_seed_tasks.py.
"""

from datetime import date

import pytest

from gongkai.importer.domain.model import ParsedDocument, Task
from gongkai.importer.domain.parse import parse_file
from gongkai.importer.seed_documents import SEED_DIR

SEEDS = SEED_DIR


def seed(number: str) -> ParsedDocument:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return parse_file(path)


def header_of(document: ParsedDocument) -> dict:
    return {
        "doc_number": document.doc_number,
        "issuers": document.issuers,
        "title": document.title,
        "date": document.date,
        "printed_date": document.printed_date,
        "recipients": document.recipients,
        "cc": document.cc,
        "disclosure": document.disclosure,
    }


def summary(task: Task) -> dict:
    return {
        "number": task.number,
        "path": task.path,
        "title": task.title,
        "lead_units": task.lead_units,
        "responsible_units": task.responsible_units,
        "deadline": task.deadline,
        "deadline_text": task.deadline_text,
    }


GANSU_UNITS = ["省政府办公厅", "省政府各部门", "各市州政府", "兰州新区管委会"]
PINGLIANG_UNITS = ["各县（市、区）人民政府", "平凉工业园区（高新区）管委会"]

HEADERS = {
    "000": {
        "doc_number": "甘政办发〔2020〕83号",
        "issuers": ["甘肃省人民政府办公厅"],
        "title": "甘肃省人民政府办公厅关于印发甘肃省政务公开工作实施方案的通知",
        "date": date(2020, 8, 19),
        "printed_date": date(2020, 8, 20),
        "recipients": [
            "各市、自治州人民政府",
            "兰州新区管委会",
            "省政府各部门",
            "中央在甘有关单位",
        ],
        "cc": ["省委有关部门", "省人大常委会办公厅", "省政协办公厅"],
        "disclosure": "主动公开",
    },
    "001": {
        "doc_number": "积县政办发〔2021〕45号",
        "issuers": ["积石山县人民政府办公室"],
        # The source lacks "的通知"; the title is kept as written and a warning says so.
        "title": (
            "积石山县人民政府办公室关于印发《积石山县全面推进基层政务公开标准化规范化工作实施方案》"
        ),
        "date": date(2021, 4, 28),
        "printed_date": None,
        "recipients": ["各乡（镇）人民政府", "县直各部门", "州驻县有关单位"],
        "cc": [],
        "disclosure": None,
    },
    "002": {
        "doc_number": None,
        "issuers": ["甘肃省人民政府办公厅"],
        # No title line: the attached plan's own title line (title_rule "plan_title_line").
        "title": "甘肃省2016年政务公开工作要点",
        "date": date(2016, 5, 25),
        "printed_date": None,
        "recipients": ["各市、自治州人民政府", "兰州新区管委会", "省政府各部门"],
        "cc": [],
        # From the garbled note "?。ù思_發(fā)布)": only （此件公开发布） ends in 发布）.
        "disclosure": "主动公开",
    },
    "003": {
        "doc_number": "平政办发〔2023〕51号",
        "issuers": ["平凉市人民政府办公室"],
        "title": "平凉市人民政府办公室关于印发平凉市2023年政务公开工作要点的通知",
        "date": date(2023, 5, 22),
        "printed_date": date(2023, 5, 22),
        "recipients": [*PINGLIANG_UNITS, "市直各部门", "中、省驻平有关单位"],
        "cc": ["市委办公室", "市人大常委会办公室", "市政协办公室"],
        "disclosure": "主动公开",
    },
    "004": {
        "doc_number": "粤府办〔2020〕14号",
        "issuers": ["广东省人民政府办公厅"],
        "title": "广东省人民政府办公厅关于转发国务院办公厅2020年政务公开工作要点的通知",
        # Not 2020-07-26 (发布日期 of the web page), not 2020-06-21 (the forwarded document).
        "date": date(2020, 7, 15),
        "printed_date": None,
        "recipients": ["各地级以上市人民政府", "省政府各部门、各直属机构"],
        "cc": [],
        # （此件公开发布） follows the forwarded 国办发〔2020〕17号's signature, not this one's.
        "disclosure": None,
    },
}

FIRST_AND_LAST_TASKS = {
    "000": (
        {
            "number": "1",
            "path": ["二", "（一）", "1"],
            "title": "推进权责清单公开",
            "lead_units": [],
            "responsible_units": ["省政府各部门", "各市州政府", "兰州新区管委会"],
            "deadline": None,
            "deadline_text": None,
        },
        {
            "number": None,
            "path": ["三", "（五）"],
            "title": (
                "各地各部门贯彻落实本实施方案的主要情况，要纳入政府信息公开工作年度报告予以公开，"
                "接受社会监督"
            ),
            "lead_units": [],
            "responsible_units": GANSU_UNITS,
            "deadline": None,
            "deadline_text": None,
        },
    ),
    "001": (
        {
            "number": "1",
            "path": ["三", "（一）", "1"],
            "title": "编制基层政务公开事项标准目录",
            "lead_units": [],
            "responsible_units": ["各乡（镇）人民政府"],
            "deadline": None,
            "deadline_text": "持续推进",
        },
        # 四、保障措施 (三), written without an annotation: units from its 要 sentences.
        {
            "number": "三",
            "path": ["四", "（三）"],
            "title": "强化监督评价",
            "lead_units": [],
            "responsible_units": ["各乡镇", "县政府各部门"],
            "deadline": None,
            "deadline_text": None,
        },
    ),
    "002": (
        {
            "number": "一",
            "path": ["一", "（一）"],
            "title": "进一步推进权力清单和责任清单公开",
            "lead_units": ["省审改办"],
            "responsible_units": [],
            "deadline": None,
            "deadline_text": None,
        },
        {
            "number": None,
            "path": ["六", "（二十三）"],
            "title": (
                "把政务公开列入公务员培训科目，建立培训工作常态化机制，分层分级组织实施，依托各级党校、"
                "行政学院、干部学院等教育培训机构，经常组织开展面向领导干部、行政机关工作人员、"
                "新闻发言人、政府网站工作人员、政务微博微信相关人员等的专业培训，增强公开意识，"
                "强化专业素养，提高指导、推动政务公开工作的能力和水平"
            ),
            "lead_units": [],
            "responsible_units": ["各市州政府", "省政府各部门"],
            "deadline": None,
            "deadline_text": None,
        },
    ),
    "003": (
        {
            "number": "一",
            "path": ["一", "（一）"],
            "title": "推进法定主动公开",
            "lead_units": ["市政府政务公开办"],
            "responsible_units": [*PINGLIANG_UNITS, "市直各部门"],
            "deadline": None,
            "deadline_text": None,
        },
        # 四、切实强化公开保障 (十六), inline: 由市政务公开办牵头 … 各县（市、区）政府、市直各部门要….
        {
            "number": "十六",
            "path": ["四", "（十六）"],
            "title": "强化督查，严格考评",
            "lead_units": ["市政务公开办"],
            "responsible_units": ["各县（市、区）政府", "市直各部门"],
            "deadline": None,
            "deadline_text": None,
        },
    ),
    "004": (
        # The subject of its sentences: 各地、各部门要…… (see test_seed_tasks.py).
        {
            "number": "一",
            "path": ["一"],
            "title": "加快推进基层政务公开标准化规范化工作",
            "lead_units": [],
            "responsible_units": ["各地", "各部门"],
            "deadline": None,
            "deadline_text": None,
        },
        {
            "number": "五",
            "path": ["五"],
            "title": "继续抓好政府信息公开条例贯彻落实",
            "lead_units": [],
            "responsible_units": ["各地", "各部门", "各级政府部门", "县级以上地方政府"],
            "deadline": None,
            "deadline_text": None,
        },
    ),
}


@pytest.mark.parametrize("number", sorted(HEADERS))
def test_header_fields(number):
    assert header_of(seed(number)) == HEADERS[number]


@pytest.mark.parametrize("number", sorted(FIRST_AND_LAST_TASKS))
def test_first_and_last_task(number):
    tasks = seed(number).tasks
    first, last = FIRST_AND_LAST_TASKS[number]
    assert summary(tasks[0]) == first
    assert summary(tasks[-1]) == last


def test_000_numbered_tasks_and_their_unnumbered_companions():
    tasks = seed("000").tasks
    in_key_tasks = [task.number for task in tasks if task.path[0] == "二"]
    # Items 1–25, plus the two assigned paragraphs that follow item 5 without a number.
    assert in_key_tasks == [*"12345", None, None, *map(str, range(6, 26))]
    assert [task.number for task in tasks if task.path[0] == "三"] == [
        "一", None, "二", "三", "四", "五", None
    ]  # fmt: skip
    assert len(tasks) == 34


def test_000_page_breaks_inside_a_sentence_and_a_label_are_joined():
    document = seed("000")
    assert "全面梳理本机关依法行使的行政权力" in document.tasks[0].text
    sixth = next(task for task in document.tasks if task.number == "6")
    assert sixth.responsible_units == [
        "省政府办公厅", "省政府有关部门", "中央在甘有关单位", "各市州政府", "兰州新区管委会"
    ]  # fmt: skip
    assert "（责任单" not in document.body.replace("（责任单位", "")


def test_000_task_text_leaves_out_number_and_annotation():
    first = seed("000").tasks[0]
    assert first.text.startswith("推进权责清单公开。对照法律法规规章")
    assert first.text.endswith("更新完善权责清单并公开。")


def test_000_trailing_deng_is_not_part_of_a_unit_name():
    tenth = next(task for task in seed("000").tasks if task.number == "10")
    assert tenth.responsible_units == [
        "省工信厅", "省市场监管局", "省金融监管局", "省税务局", "人行兰州中心支行", "甘肃银保监局",
        "各市州政府", "兰州新区管委会",
    ]  # fmt: skip


def test_001_block_lines_unnumbered_items_and_attachment_list():
    document = seed("001")
    tasks = document.tasks
    # 1–11 of 三, then 四、保障措施 (一)–(三); the attachment list after 附件： is not a task.
    assert [task.number for task in tasks] == [
        "1", "2", "3", None, "3", "6", None, None, "9", "10", "11", "一", "二", "三"
    ]  # fmt: skip
    ninth = tasks[8]
    assert summary(ninth) == {
        "number": "9",
        "path": ["三", "（四）", "9"],
        "title": (
            "州、县市政府要结合职责权限和本地实际，明确公众参与行政决策的事项范围和方式，并向社会公开"
        ),
        "lead_units": ["县政府办公室"],
        "responsible_units": ["各乡镇", "县政府各部门"],
        "deadline": date(2021, 6, 30),
        "deadline_text": "2021年6月底前",  # the source's stray "）" is dropped
    }
    unnumbered = tasks[3]
    assert unnumbered.title == "完善依申请公开工作流程"
    assert unnumbered.path == ["三", "（二）", "3"]
    assert tasks[1].deadline == date(2022, 9, 30)


def test_001_warnings_name_the_missing_document_type_and_the_numbering_slips():
    warnings = seed("001").warnings
    assert any("缺少文种" in warning for warning in warnings)
    assert any("编号“3”重复" in warning for warning in warnings)
    assert any("编号“6”与上一个同级编号“3”不连续" in warning for warning in warnings)
    assert any("未找到公开属性" in warning for warning in warnings)


def test_002_is_simplified_without_pinyin_or_mojibake():
    document = seed("002")
    assert "甘肃省人民政府办公厅" in document.body
    assert "时间" not in document.body.split("\n")[0]  # web chrome is not body text
    for leftover in ("(shí)", "時", "?", "ù", "┩", "ㄊ", "\ue000"):
        assert leftover not in document.body
    garbled = [warning for warning in document.warnings if "无法识别的乱码" in warning]
    assert len(garbled) == 9
    assert "“?。ù思_”" in garbled[0]
    assert any("繁体" in warning for warning in document.warnings)
    assert any("推定为“主动公开”" in warning for warning in document.warnings)


def test_002_phrases_make_lead_and_responsible_units():
    tasks = seed("002").tasks
    by_title = {task.title: task for task in tasks}
    assert by_title["推进市场监管公开透明"].lead_units == ["省政府有关部门"]
    assert by_title["推进教育、卫生和食品药品安全信息公开"].responsible_units == [
        "各市州政府", "省教育厅"
    ]  # fmt: skip
    assert by_title["做好政策解读"].responsible_units == [
        "各市州政府", "省政府各部门", "省委外宣办〔省政府新闻办〕"
    ]  # fmt: skip
    second = tasks[1]
    assert (second.number, second.path) == (None, ["一", "（一）"])
    assert second.lead_units == ["省审改办", "省人社厅"]


def test_002_item_numbers_lost_to_mojibake_are_inferred_and_reported():
    document = seed("002")
    numbers = [task.number for task in document.tasks if task.number]
    chinese = "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 二十一 二十二 二十三"
    assert numbers == chinese.split()
    inferred = [warning for warning in document.warnings if "编号因乱码丢失" in warning]
    assert [warning.split("推定为")[1][:5] for warning in inferred] == [
        "“（九）”", "“（十五）", "“（十八）", "“（二十一"
    ]  # fmt: skip


def test_002_publication_time_is_not_the_written_date():
    text = (SEEDS / "002_c2f49679da630405.txt").read_text(encoding="utf-8")
    moved = text.replace("時(shí)間:2016-05-25", "時(shí)間:2016-06-01")
    from gongkai.importer.domain.parse import parse_text

    assert parse_text(moved).date == date(2016, 5, 25)


def test_003_split_block_line_and_shared_ending_units():
    tasks = seed("003").tasks
    assert [task.number for task in tasks] == [
        "一", "二", "1", "2", "3", "4", "5", "6", "四", "五", "六", "七", "八", "九", "十", "十一",
        "十二", "十三", "十四", "十五", "十六",
    ]  # fmt: skip
    third = tasks[4]
    assert third.path == ["一", "（三）", "3"]
    assert third.responsible_units == [*PINGLIANG_UNITS, "市直有关部门"]
    second = tasks[3]
    assert second.lead_units == ["市工信局", "市税务局"]
    assert second.responsible_units[-1] == "中、省驻平有关单位"
    twelfth = tasks[-5]
    assert (twelfth.lead_units, twelfth.responsible_units) == ([], ["市政府办"])


def test_004_restores_a_lost_paragraph_break_and_leaves_the_forwarded_document_out():
    document = seed("004")
    assert len(document.tasks) == 5
    assert "\n三、围绕优化营商环境加强政务信息公开\n" in document.body
    assert any("属于被转发的文件" in warning for warning in document.warnings)


@pytest.mark.parametrize("number", sorted(HEADERS))
def test_json_shape(number):
    data = seed(number).to_json()
    assert list(data) == [
        "doc_number", "issuers", "title", "title_rule", "date", "printed_date", "recipients", "cc",
        "disclosure", "body", "tasks", "warnings",
    ]  # fmt: skip
    assert list(data["tasks"][0]) == [
        "number", "path", "title", "text", "lead_units", "responsible_units", "deadline",
        "deadline_text", "recurrence",
    ]  # fmt: skip
    assert data["date"] == HEADERS[number]["date"].isoformat()
