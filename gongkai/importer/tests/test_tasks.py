from datetime import date

from gongkai.importer.domain.parse import parse_text

HEAD = (
    "甘肃省人民政府办公厅关于印发2024年工作要点的通知\n各市州人民政府：\n"
    "现将《工作要点》印发给你们，请认真贯彻执行。\n甘肃省人民政府办公厅\n2024年3月1日\n"
    "2024年工作要点\n"
)


def tasks_of(plan: str):
    return parse_text(HEAD + plan).tasks


def test_every_numbering_style_gives_a_path():
    tasks = tasks_of(
        "一、重点任务\n（一）加强公开\n1.推进清单公开。做好公开。（责任单位：省政府办公厅）\n"
        "（1）细化目录。做好目录。（责任单位：省财政厅）\n①完善专栏。做好专栏。（责任单位：省教育厅）\n"
        "2、规范申请。做好答复。（责任单位：各市州政府）"
    )
    assert [(task.number, task.path) for task in tasks] == [
        ("1", ["一", "（一）", "1"]),
        ("1", ["一", "（一）", "1", "（1）"]),
        ("①", ["一", "（一）", "1", "（1）", "①"]),
        ("2", ["一", "（一）", "2"]),
    ]
    assert tasks[0].title == "推进清单公开"
    assert tasks[0].text == "推进清单公开。做好公开。"


def test_deadlines_use_the_documents_year():
    tasks = tasks_of(
        "一、重点任务\n"
        "1.推进公开。做好公开。（牵头单位：省政府办公厅；责任单位：各市州政府；完成时限：年底前）\n"
        "2.规范申请。做好答复。（省司法厅牵头，9月底前完成）\n"
        "3.加强培训。做好培训。\n牵头单位：省政府办公厅\n完成时限：长期坚持\n"
    )
    assert [(task.deadline, task.deadline_text) for task in tasks] == [
        (date(2024, 12, 31), "年底前"),
        (date(2024, 9, 30), "9月底前完成"),
        (None, "长期坚持"),
    ]
    assert tasks[1].lead_units == ["省司法厅"]


def test_in_a_plan_with_assignments_task_and_safeguard_sections_add_unassigned_items():
    tasks = tasks_of(
        "一、总体要求\n（一）指导思想。坚持以人民为中心。\n"
        "二、重点任务\n（一）推进公开。做好公开。（责任单位：省政府办公厅）\n"
        "（二）加强解读。做好解读。\n"
        "三、保障措施\n（一）加强领导。各地要加强领导。\n"
        "四、工作要求\n（一）加强宣传。各地要加强宣传。\n"
    )
    # Safeguards are work with units and times of their own; 总体要求 and other descriptive
    # sections are not.
    assert [(task.title, task.responsible_units) for task in tasks] == [
        ("推进公开", ["省政府办公厅"]),
        ("加强解读", []),
        ("加强领导", ["各地"]),
    ]


# 平政办发〔2023〕51号 四、切实强化公开保障, shortened: the items carry no annotation; their
# units and times are written into their sentences.
SAFEGUARDS = (
    "一、切实深化主动公开\n（一）推进法定主动公开。做好公开。\n牵头单位：市政府政务公开办\n"
    "四、切实强化公开保障\n"
    "（十四）强化领导，靠实责任。市、县政务公开领导小组年内至少召开一次政务公开领导小组会议，"
    "专题研究、部署推进政务公开工作。市政务公开办负责承办市政府政务公开日常工作。\n"
    "（十五）强化指导，加强培训。由市政务公开办牵头，市委网信办、市融媒体中心配合，集中开展一次"
    "“全面体检”；年内对各县（市、区）政府、市直各部门业务骨干集中培训\n\n1次。"
    "各县（市、区）政府、市直各部门要进一步加强政务公开工作力量。\n"
    "（十六）强化督查，严格考评。由市政务公开办牵头，负责对市直各单位政务公开工作坚持问题清单式管理。"
    "各县（市、区）政府、市直各部门要不断创新政务公开工作机制，上半年报送一次工作动态。\n"
    "（十七）加强调度。各县（市、区）政府每季度报送工作进展，6月底前报送半年总结。\n"
)


def test_safeguard_tasks_take_their_units_and_times_from_their_sentences():
    tasks = tasks_of(SAFEGUARDS)[1:]
    assert [
        (task.number, task.lead_units, task.responsible_units, task.deadline, task.deadline_text)
        for task in tasks
    ] == [
        # No unit is named as the subject of a 要 or the lead of a 由……牵头: 市政务公开办负责承办
        # describes its standing duty. The time is 年内: by the end of the plan's year.
        ("十四", [], [], date(2024, 12, 31), "年内至少召开一次政务公开领导小组会议"),
        (
            "十五",
            ["市政务公开办"],
            ["市委网信办", "市融媒体中心", "各县（市、区）政府", "市直各部门"],
            date(2024, 12, 31),
            "年内对各县（市、区）政府、市直各部门业务骨干集中培训1次",
        ),
        # 由……牵头，负责对…… names no assisting unit; 上半年 is due on 30 June.
        (
            "十六",
            ["市政务公开办"],
            ["各县（市、区）政府", "市直各部门"],
            date(2024, 6, 30),
            "上半年报送一次工作动态",
        ),
        # A recurrence and a deadline: the deadline is the task's, the recurrence is kept.
        ("十七", [], [], date(2024, 6, 30), "6月底前报送半年总结"),
    ]
    assert [task.recurrence.period if task.recurrence else None for task in tasks] == [
        None, None, None, "quarterly"
    ]  # fmt: skip
    assert tasks[3].recurrence.dates == (
        date(2024, 3, 31), date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31)
    )  # fmt: skip


def test_a_task_takes_the_latest_deadline_its_text_sets_unless_it_has_a_deadline_line():
    tasks = tasks_of(
        "一、重点任务\n"
        "1.建设目录。2024年8月底前，省级部门完成目录建设；年底前集中发布。（责任单位：省政府办公厅）\n"
        "2.清理文件。2022年12月，召开会议，部署清理。（责任单位：省司法厅）\n"
        "3.改造网站。上半年完成改造。\n责任单位：省政府办公厅\n完成时限：9月底前\n"
        "4.公开水质。每月公开水质，定期通报。（责任单位：省水利厅）\n"
    )
    assert [(task.deadline, task.deadline_text) for task in tasks] == [
        (date(2024, 12, 31), "年底前集中发布"),
        # A date that is not a deadline (no 前, 底, 内) says when something happened.
        (None, None),
        # The 完成时限 line is the deadline; the text's own time is not looked at.
        (date(2024, 9, 30), "9月底前"),
        (None, "每月公开水质"),
    ]
    assert tasks[3].recurrence.period == "monthly"
    assert len(tasks[3].recurrence.dates) == 12


def test_an_attachment_list_closes_the_items_above_it():
    tasks = tasks_of(
        "一、保障措施\n（一）强化监督。各乡镇要加强监督。\n"
        "附件：\n1.涉农补贴领域标准目录\n2.财政预决算领域标准目录\n"
    )
    assert [(task.number, task.title) for task in tasks] == [("一", "强化监督")]


def test_in_a_plan_without_assignments_leaf_items_are_tasks_except_descriptive_ones():
    tasks = tasks_of(
        "一、指导思想\n（一）坚持以人民为中心。依法公开。\n"
        "二、工作措施\n（一）推进公开。做好公开。\n（二）加强解读。做好解读。\n"
        "各地要认真落实。\n"
    )
    assert [(task.number, task.title) for task in tasks] == [("一", "推进公开"), ("二", "加强解读")]


def test_a_heading_item_takes_the_paragraph_that_follows_it():
    tasks = tasks_of(
        "一、围绕改革推进公开\n（一）推进清单公开。\n深入推进清单公开，及时更新。（省审改办牵头落实）\n"
        "进一步做好审批公开。（省人社厅负责落实）\n"
    )
    assert [
        (task.number, task.title, task.lead_units, task.responsible_units) for task in tasks
    ] == [
        ("一", "推进清单公开", ["省审改办"], []),
        (None, "进一步做好审批公开", [], ["省人社厅"]),
    ]
    assert tasks[0].text == "推进清单公开。\n深入推进清单公开，及时更新。"
    assert tasks[1].path == ["一", "（一）"]


def test_numbered_titles_without_a_sentence_are_not_tasks():
    tasks = tasks_of(
        "一、重点任务\n1.推进公开。做好公开。（责任单位：省政府办公厅）\n"
        "附件：\n1.甘肃省涉农补贴领域基层政务公开标准目录\n2.甘肃省财政预决算领域政务公开标准目录\n"
    )
    assert [task.title for task in tasks] == ["推进公开"]


def test_numbering_slips_are_reported():
    document = parse_text(
        HEAD
        + "一、重点任务\n1.推进公开。做好。（责任单位：甲局）\n3.规范申请。做好。（责任单位：乙局）\n"
        "3.加强培训。做好。（责任单位：丙局）\n"
    )
    assert [warning for warning in document.warnings if "编号" in warning] == [
        "编号“3”与上一个同级编号“1”不连续（“规范申请”）",
        "编号“3”重复（“加强培训”）",
    ]


def test_a_number_lost_to_mojibake_is_inferred_only_when_its_neighbours_fix_it():
    plan = (
        "一、重点任务\n（一）推进公开。做好。（甲局牵头落实）\n"
        "?。ǘ唬┘加强解读。做好。（乙局牵头落实）\n"
        "（三）加强培训。做好。（丙局牵头落实）\n"
    )
    document = parse_text(HEAD + plan)
    assert [task.number for task in document.tasks] == ["一", "二", "三"]
    assert any("推定为“（二）”" in warning for warning in document.warnings)

    skipped = plan.replace("（三）加强培训", "（四）加强培训")
    assert [task.number for task in parse_text(HEAD + skipped).tasks] == ["一", None, "四"]


def test_a_forwarding_notice_with_its_own_items_leaves_the_forwarded_document_out():
    text = (
        "省政府办公厅关于转发国务院办公厅工作要点的通知\n粤府办〔2020〕14号\n各地级以上市人民政府：\n"
        "现将《要点》转发给你们，并提出如下意见。\n一、加快推进标准化工作。各地要抓紧开展。\n"
        "二、提升解读质量。各部门要建立机制。\n广东省人民政府办公厅\n2020年7月15日\n"
        "国务院办公厅关于印发工作要点的通知\n国办发〔2020〕17号\n各省人民政府：\n"
        "现印发给你们。\n中华人民共和国国务院办公厅\n2020年6月21日\n（此件公开发布）\n"
        "一、加强用权公开\n（一）以权责清单为依托。要全面梳理。\n"
    )
    document = parse_text(text)
    assert [task.title for task in document.tasks] == ["加快推进标准化工作", "提升解读质量"]
    assert document.disclosure is None
