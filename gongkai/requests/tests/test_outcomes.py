from gongkai.requests.domain.outcomes import (
    OUTCOME_FACTS,
    ApplicantType,
    Outcome,
    OutcomeCategory,
    ReplyType,
)

# Row labels of table 三 as printed in 国办公开办函〔2021〕30号 (statutes.md §2.3), in order.
OFFICIAL_ROWS = [
    ("granted", "（一）予以公开"),
    ("partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("refused.state_secret", "1.属于国家秘密"),
    ("refused.law_prohibits", "2.其他法律行政法规禁止公开"),
    ("refused.three_safety", "3.危及“三安全一稳定”"),
    ("refused.third_party", "4.保护第三方合法权益"),
    ("refused.internal_affairs", "5.属于三类内部事务信息"),
    ("refused.process_info", "6.属于四类过程性信息"),
    ("refused.enforcement_file", "7.属于行政执法案卷"),
    ("refused.query_matter", "8.属于行政查询事项"),
    ("unable.not_held", "1.本机关不掌握相关政府信息"),
    ("unable.needs_creation", "2.没有现成信息需要另行制作"),
    ("unable.unclear_after_correction", "3.补正后申请内容仍不明确"),
    ("not_processed.petition", "1.信访举报投诉类申请"),
    ("not_processed.repeat", "2.重复申请"),
    ("not_processed.publication", "3.要求提供公开出版物"),
    ("not_processed.excessive", "4.无正当理由大量反复申请"),
    ("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    (
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "other.fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("other.other", "3.其他"),
]


def test_outcomes_are_the_21_rows_of_table_3_in_order_with_their_official_labels():
    assert [(o.value, o.table_label) for o in Outcome] == OFFICIAL_ROWS
    assert list(OUTCOME_FACTS) == list(Outcome)


def test_each_category_is_one_run_of_rows_whose_keys_it_prefixes():
    assert [c.label for c in OutcomeCategory] == [
        "予以公开",
        "部分公开",
        "不予公开",
        "无法提供",
        "不予处理",
        "其他处理",
    ]
    assert [o for c in OutcomeCategory for o in c.outcomes] == list(Outcome)
    for outcome in Outcome:
        assert outcome.value.split(".")[0] == outcome.category.value


def test_refusals_are_replies_of_article_36_3_resting_on_articles_14_to_16():
    basis = {o.value: o.facts.articles[0] for o in OutcomeCategory.REFUSED.outcomes}
    assert basis == {
        "refused.state_secret": "第十四条",
        "refused.law_prohibits": "第十四条",
        "refused.three_safety": "第十四条",
        "refused.third_party": "第十五条",
        "refused.internal_affairs": "第十六条第一款",
        "refused.process_info": "第十六条第二款",
        "refused.enforcement_file": "第十六条第二款",
        "refused.query_matter": "第三十六条第（七）项",
    }
    for outcome in OutcomeCategory.REFUSED.outcomes:
        if outcome is not Outcome.REFUSED_QUERY_MATTER:
            assert outcome.facts.reply_types == (ReplyType.WITHHELD,)
            assert outcome.facts.articles[-1] == "第三十六条第（三）项"


def test_reply_types_of_article_36():
    reply_types = {o: o.facts.reply_types for o in Outcome if o.facts.reply_types}
    assert reply_types[Outcome.GRANTED] == (ReplyType.ALREADY_PUBLIC, ReplyType.DISCLOSED)
    assert reply_types[Outcome.UNABLE_NOT_HELD] == (
        ReplyType.NOT_EXISTING,
        ReplyType.NOT_RESPONSIBLE,
    )
    assert reply_types[Outcome.NOT_PROCESSED_REPEAT] == (ReplyType.REPEATED,)
    assert reply_types[Outcome.REFUSED_QUERY_MATTER] == (ReplyType.SPECIAL_PROCEDURE,)
    used = {r for types in reply_types.values() for r in types}
    assert used == set(ReplyType), "every reply type of Art. 36 is some outcome's"
    assert [r.citation for r in ReplyType] == [
        f"第三十六条第（{n}）项" for n in ["一", "二", "三", "四", "五", "六", "七"]
    ]


def test_articles_of_the_outcomes_resting_outside_article_36():
    articles = {o.value: o.facts.articles for o in Outcome if not o.facts.reply_types}
    assert articles == {
        "unable.needs_creation": ("第三十八条",),
        "unable.unclear_after_correction": ("第三十条",),
        "not_processed.petition": ("第三十九条第一款",),
        "not_processed.publication": ("第三十九条第二款",),
        "not_processed.excessive": ("第三十五条",),
        "not_processed.confirmation": (),
        "other.no_correction": ("第三十条",),
        "other.fee_unpaid": ("第四十二条",),
        "other.other": (),
    }


def test_legal_basis_reads_as_in_a_reply_letter():
    assert (
        Outcome.REFUSED_THIRD_PARTY.facts.legal_basis
        == "《中华人民共和国政府信息公开条例》第十五条、第三十六条第（三）项"
    )
    assert Outcome.OTHER_FEE_UNPAID.facts.legal_basis == (
        "《中华人民共和国政府信息公开条例》第四十二条、"
        "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
    )
    assert Outcome.OTHER_OTHER.facts.legal_basis == ""


def test_every_outcome_but_other_has_a_reason_sentence():
    for outcome in Outcome:
        reason = outcome.facts.reason
        if outcome is Outcome.OTHER_OTHER:
            assert reason == ""
        else:
            assert reason.endswith("。"), outcome


def test_applicant_types_are_the_columns_of_table_3():
    assert [(a.value, a.label) for a in ApplicantType] == [
        ("natural_person", "自然人"),
        ("commercial", "商业企业"),
        ("research", "科研机构"),
        ("public_interest", "社会公益组织"),
        ("legal_services", "法律服务机构"),
        ("other_org", "其他"),
    ]
    assert [a for a in ApplicantType if not a.is_organisation] == [ApplicantType.NATURAL_PERSON]


def test_choices_for_forms():
    assert ApplicantType.choices()[0] == ("natural_person", "自然人")
    assert ApplicantType.choices()[-1] == ("other_org", "其他法人或其他组织")
    choices = Outcome.choices()
    assert choices[:2] == [("granted", "予以公开"), ("partly_granted", "部分公开")]
    assert [group for group, _ in choices[2:]] == ["不予公开", "无法提供", "不予处理", "其他处理"]
    flat = [value for _, options in choices[2:] for value, _ in options]
    assert flat == [o.value for o in Outcome][2:]
