import copy

from gongkai.reports.domain.checks import (
    APPEAL_TOTAL,
    BALANCE,
    CARRIED_IN_MATCHES,
    CELLS_FILLED,
    FEES_STATED,
    IN_FORCE_CARRIED,
    NOT_NEGATIVE,
    RULE_TITLES,
    SECTION_WRITTEN,
    TOTAL_COLUMN,
    TOTAL_ROW,
    check_report,
    report_is_publishable,
)
from gongkai.reports.domain.tables import (
    CARRIED_IN,
    CARRIED_OUT,
    DECISIONS,
    LICENSING,
    NEW,
    TOTAL,
    empty_table2,
)
from gongkai.reports.tests import hand_fixture as fx
from gongkai.requests.domain.outcomes import Outcome

NP, RES = fx.NP.value, fx.RES.value


def failures(table3=None, table4=None, *, previous_carried_out=None, table2=None):
    checks = check_report(
        table3 if table3 is not None else fx.EXPECTED_2025,
        table4 if table4 is not None else fx.EXPECTED_APPEALS_2025,
        previous_carried_out=previous_carried_out,
        table2=table2,
    )
    return [(c.rule, c.detail, c.cells) for c in checks if not c.ok]


def broken_2025(*changes):
    table = copy.deepcopy(fx.EXPECTED_2025)
    for row, column, value in changes:
        table[row][column] = value
    return table


def test_a_consistent_report_passes_every_rule_once_per_column_row_or_group():
    checks = check_report(
        fx.EXPECTED_2025,
        fx.EXPECTED_APPEALS_2025,
        previous_carried_out=fx.EXPECTED_2024[CARRIED_OUT],
        table2=empty_table2(),
    )
    assert report_is_publishable(checks)
    counts = {rule: sum(c.rule == rule for c in checks) for rule in RULE_TITLES}
    assert counts == {
        BALANCE: 7,
        TOTAL_ROW: 7,
        TOTAL_COLUMN: 25,
        CARRIED_IN_MATCHES: 7,
        APPEAL_TOTAL: 3,
        NOT_NEGATIVE: 3,
        CELLS_FILLED: 3,
        IN_FORCE_CARRIED: 0,  # without last year's 现行有效
        SECTION_WRITTEN: 0,  # the text is checked by check_texts
        FEES_STATED: 0,
    }
    balance = next(c for c in checks if c.rule == BALANCE)
    assert (
        balance.detail
        == "自然人：一（本年新收）4 + 二（上年结转）1 = 三（七）总计 5 + 四（结转下年度）0"
    )


def test_broken_balance_names_the_four_cells_of_the_column():
    table = broken_2025((NEW, NP, 5), (NEW, TOTAL, 11))
    assert failures(table) == [
        (
            BALANCE,
            "自然人：一（本年新收）5 + 二（上年结转）1 ≠ 三（七）总计 5 + 四（结转下年度）0",
            [(NEW, NP), (CARRIED_IN, NP), (TOTAL, NP), (CARRIED_OUT, NP)],
        ),
        (
            BALANCE,
            "总计：一（本年新收）11 + 二（上年结转）3 ≠ 三（七）总计 9 + 四（结转下年度）4",
            [(NEW, TOTAL), (CARRIED_IN, TOTAL), (TOTAL, TOTAL), (CARRIED_OUT, TOTAL)],
        ),
    ]


def test_broken_total_row_names_the_total_and_every_outcome_of_the_column():
    table = broken_2025((Outcome.GRANTED, NP, 3), (Outcome.GRANTED, TOTAL, 3))
    found = failures(table)
    assert [(rule, detail) for rule, detail, _ in found] == [
        (TOTAL_ROW, "自然人：三（七）总计 5 ≠ 各项办理结果之和 6"),
        (TOTAL_ROW, "总计：三（七）总计 9 ≠ 各项办理结果之和 10"),
    ]
    cells = found[0][2]
    assert cells[0] == (TOTAL, NP)
    assert (Outcome.GRANTED, NP) in cells
    assert len(cells) == 1 + len(Outcome)


def test_broken_total_column_names_the_row_and_its_applicant_cells():
    table = broken_2025((NEW, RES, 1), (CARRIED_OUT, RES, 2))
    found = failures(table)
    assert [(rule, detail) for rule, detail, _ in found] == [
        (
            TOTAL_COLUMN,
            "一（本年新收）：总计 10 ≠ 各类申请人之和 11（自然人 4 + 商业企业 1 + 科研机构 1"
            " + 社会公益组织 1 + 法律服务机构 2 + 其他法人或其他组织 2）",
        ),
        (
            TOTAL_COLUMN,
            "四（结转下年度）：总计 4 ≠ 各类申请人之和 5（自然人 0 + 商业企业 0 + 科研机构 2"
            " + 社会公益组织 0 + 法律服务机构 1 + 其他法人或其他组织 2）",
        ),
    ]
    assert found[0][2][:1] == [(NEW, TOTAL)]
    assert (NEW, RES) in found[0][2]


def test_carried_in_must_equal_last_years_carried_out():
    previous = dict(fx.EXPECTED_2024[CARRIED_OUT], **{RES: 2, TOTAL: 4})
    assert failures(previous_carried_out=previous) == [
        (
            CARRIED_IN_MATCHES,
            "科研机构：二（上年结转）1 ≠ 上年度四（结转下年度）2",
            [(CARRIED_IN, RES)],
        ),
        (
            CARRIED_IN_MATCHES,
            "总计：二（上年结转）3 ≠ 上年度四（结转下年度）4",
            [(CARRIED_IN, TOTAL)],
        ),
    ]


def test_carried_in_is_not_checked_without_last_years_report():
    assert not any(
        c.rule == CARRIED_IN_MATCHES
        for c in check_report(fx.EXPECTED_2025, fx.EXPECTED_APPEALS_2025, previous_carried_out=None)
    )


def test_broken_appeal_total_names_the_group():
    table4 = copy.deepcopy(fx.EXPECTED_APPEALS_2025)
    table4[fx.REVIEW][TOTAL] = 4
    [(rule, detail, cells)] = failures(table4=table4)
    assert rule == APPEAL_TOTAL
    assert detail == "行政复议：总计 4 ≠ 结果维持 1 + 结果纠正 1 + 其他结果 0 + 尚未审结 1（= 3）"
    assert cells == [(fx.REVIEW, c) for c in ("upheld", "corrected", "other", "pending", TOTAL)]


def test_negative_numbers_are_named_in_each_table():
    table3 = broken_2025((Outcome.GRANTED, RES, -1))
    table4 = copy.deepcopy(fx.EXPECTED_APPEALS_2025)
    table4[fx.DIRECT]["pending"] = -1
    table2 = empty_table2()
    table2[LICENSING][DECISIONS] = -2
    negatives = [f for f in failures(table3, table4, table2=table2) if f[0] == NOT_NEGATIVE]
    assert negatives == [
        (NOT_NEGATIVE, "表二有负数：行政许可：本年处理决定数量 -2", [(LICENSING, DECISIONS)]),
        (NOT_NEGATIVE, "表三有负数：科研机构：三（一）予以公开 -1", [(Outcome.GRANTED, RES)]),
        (
            NOT_NEGATIVE,
            "表四有负数：行政诉讼（未经复议直接起诉）：尚未审结 -1",
            [(fx.DIRECT, "pending")],
        ),
    ]


def test_one_failure_makes_the_report_unpublishable():
    checks = check_report(
        broken_2025((NEW, NP, 5)), fx.EXPECTED_APPEALS_2025, previous_carried_out=None
    )
    assert not report_is_publishable(checks)
