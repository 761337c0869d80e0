"""Requests and appeals across 2023–2026 with their tables computed by hand (not by the code).

Numbered so the expected cells can say which requests they count. Boundaries on purpose:
#3 closed on 31 Dec, #4 received 31 Dec and closed 1 Jan, #9 closed on 30 June (the half-year
end), #10 closed 31 Dec, #11 received 31 Dec and closed 1 Jan, #5 and #17 never closed.
"""

from __future__ import annotations

from datetime import date

from gongkai.reports.domain.compute import AppealFact, RequestFact
from gongkai.reports.domain.tables import (
    CARRIED_IN,
    CARRIED_OUT,
    NEW,
    PENDING,
    TOTAL,
    AppealKind,
    AppealResult,
    Table3,
    Table4,
    empty_table3,
    empty_table4,
)
from gongkai.requests.domain.outcomes import ApplicantType, Outcome

NP = ApplicantType.NATURAL_PERSON
COMM = ApplicantType.COMMERCIAL
RES = ApplicantType.RESEARCH
PI = ApplicantType.PUBLIC_INTEREST
LEGAL = ApplicantType.LEGAL_SERVICES
ORG = ApplicantType.OTHER_ORG
D = date

REQUESTS: dict[int, RequestFact] = {
    1: RequestFact(NP, D(2024, 3, 10), D(2024, 4, 1), Outcome.GRANTED),
    2: RequestFact(NP, D(2024, 11, 20), D(2025, 1, 6), Outcome.REFUSED_STATE_SECRET),
    3: RequestFact(COMM, D(2024, 12, 30), D(2024, 12, 31), Outcome.PARTLY_GRANTED),
    4: RequestFact(COMM, D(2024, 12, 31), D(2025, 1, 1), Outcome.UNABLE_NOT_HELD),
    5: RequestFact(RES, D(2024, 6, 1), None, None),
    6: RequestFact(NP, D(2025, 1, 1), D(2025, 1, 20), Outcome.GRANTED),
    7: RequestFact(NP, D(2025, 2, 14), D(2025, 3, 1), Outcome.GRANTED),
    8: RequestFact(NP, D(2025, 5, 5), D(2025, 7, 10), Outcome.NOT_PROCESSED_REPEAT),
    9: RequestFact(PI, D(2025, 6, 30), D(2025, 6, 30), Outcome.REFUSED_THIRD_PARTY),
    10: RequestFact(LEGAL, D(2025, 9, 9), D(2025, 12, 31), Outcome.OTHER_FEE_UNPAID),
    11: RequestFact(LEGAL, D(2025, 12, 31), D(2026, 1, 1), Outcome.UNABLE_NEEDS_CREATION),
    12: RequestFact(ORG, D(2025, 12, 15), D(2026, 2, 1), Outcome.NOT_PROCESSED_PETITION),
    13: RequestFact(NP, D(2025, 10, 1), D(2025, 10, 2), Outcome.OTHER_NO_CORRECTION),
    14: RequestFact(COMM, D(2025, 4, 1), D(2025, 4, 20), Outcome.REFUSED_PROCESS_INFO),
    15: RequestFact(NP, D(2026, 1, 5), D(2026, 1, 10), Outcome.GRANTED),
    16: RequestFact(NP, D(2023, 12, 1), D(2024, 1, 15), Outcome.GRANTED),
    17: RequestFact(ORG, D(2025, 3, 3), None, None),
}


def table3(cells: dict[str, dict[str, int]]) -> Table3:
    """A full table 三 from its non-zero cells."""
    table = empty_table3()
    for row, values in cells.items():
        table[row].update(values)
    return table


EXPECTED_2024 = table3(
    {
        NEW: {NP: 2, COMM: 2, RES: 1, TOTAL: 5},  # #1 #2 | #3 #4 | #5
        CARRIED_IN: {NP: 1, TOTAL: 1},  # #16
        Outcome.GRANTED: {NP: 2, TOTAL: 2},  # #1 #16
        Outcome.PARTLY_GRANTED: {COMM: 1, TOTAL: 1},  # #3 (closed 31 Dec)
        TOTAL: {NP: 2, COMM: 1, TOTAL: 3},
        CARRIED_OUT: {NP: 1, COMM: 1, RES: 1, TOTAL: 3},  # #2 | #4 | #5
    }
)

EXPECTED_2025 = table3(
    {
        NEW: {NP: 4, COMM: 1, PI: 1, LEGAL: 2, ORG: 2, TOTAL: 10},
        # NP #6 #7 #8 #13 | COMM #14 | PI #9 | LEGAL #10 #11 | ORG #12 #17
        CARRIED_IN: {NP: 1, COMM: 1, RES: 1, TOTAL: 3},  # #2 | #4 | #5
        Outcome.GRANTED: {NP: 2, TOTAL: 2},  # #6 #7
        Outcome.REFUSED_STATE_SECRET: {NP: 1, TOTAL: 1},  # #2
        Outcome.REFUSED_THIRD_PARTY: {PI: 1, TOTAL: 1},  # #9
        Outcome.REFUSED_PROCESS_INFO: {COMM: 1, TOTAL: 1},  # #14
        Outcome.UNABLE_NOT_HELD: {COMM: 1, TOTAL: 1},  # #4 (closed 1 Jan)
        Outcome.NOT_PROCESSED_REPEAT: {NP: 1, TOTAL: 1},  # #8
        Outcome.OTHER_NO_CORRECTION: {NP: 1, TOTAL: 1},  # #13
        Outcome.OTHER_FEE_UNPAID: {LEGAL: 1, TOTAL: 1},  # #10 (closed 31 Dec)
        TOTAL: {NP: 5, COMM: 2, PI: 1, LEGAL: 1, TOTAL: 9},
        CARRIED_OUT: {RES: 1, LEGAL: 1, ORG: 2, TOTAL: 4},  # #5 | #11 | #12 #17
    }
)

# The half-year report: 1 January to 30 June 2025.
EXPECTED_2025_H1 = table3(
    {
        NEW: {NP: 3, COMM: 1, PI: 1, ORG: 1, TOTAL: 6},  # #6 #7 #8 | #14 | #9 | #17
        CARRIED_IN: {NP: 1, COMM: 1, RES: 1, TOTAL: 3},  # #2 | #4 | #5
        Outcome.GRANTED: {NP: 2, TOTAL: 2},  # #6 #7
        Outcome.REFUSED_STATE_SECRET: {NP: 1, TOTAL: 1},  # #2
        Outcome.REFUSED_THIRD_PARTY: {PI: 1, TOTAL: 1},  # #9 (closed 30 June)
        Outcome.REFUSED_PROCESS_INFO: {COMM: 1, TOTAL: 1},  # #14
        Outcome.UNABLE_NOT_HELD: {COMM: 1, TOTAL: 1},  # #4
        TOTAL: {NP: 3, COMM: 2, PI: 1, TOTAL: 6},
        CARRIED_OUT: {NP: 1, RES: 1, ORG: 1, TOTAL: 3},  # #8 (closed 10 July) | #5 | #17
    }
)

EXPECTED_2026 = table3(
    {
        NEW: {NP: 1, TOTAL: 1},  # #15
        CARRIED_IN: {RES: 1, LEGAL: 1, ORG: 2, TOTAL: 4},  # #5 | #11 | #12 #17
        Outcome.GRANTED: {NP: 1, TOTAL: 1},  # #15
        Outcome.UNABLE_NEEDS_CREATION: {LEGAL: 1, TOTAL: 1},  # #11 (closed 1 Jan)
        Outcome.NOT_PROCESSED_PETITION: {ORG: 1, TOTAL: 1},  # #12
        TOTAL: {NP: 1, LEGAL: 1, ORG: 1, TOTAL: 3},
        CARRIED_OUT: {RES: 1, ORG: 1, TOTAL: 2},  # #5 | #17
    }
)

REVIEW = AppealKind.REVIEW
DIRECT = AppealKind.LAWSUIT_DIRECT
AFTER_REVIEW = AppealKind.LAWSUIT_AFTER_REVIEW
UPHELD = AppealResult.UPHELD
CORRECTED = AppealResult.CORRECTED
OTHER = AppealResult.OTHER

APPEALS: dict[str, AppealFact] = {
    "a1": AppealFact(REVIEW, UPHELD, D(2024, 8, 1), D(2024, 5, 1)),
    "a2": AppealFact(REVIEW, CORRECTED, D(2025, 2, 1), D(2024, 11, 1)),
    "a3": AppealFact(DIRECT, None, None, D(2025, 3, 1)),
    "a4": AppealFact(AFTER_REVIEW, OTHER, D(2025, 12, 31), D(2025, 6, 1)),
    "a5": AppealFact(REVIEW, UPHELD, D(2026, 1, 1), D(2025, 12, 31)),
    "a6": AppealFact(REVIEW, None, None, D(2026, 1, 2)),
    "a7": AppealFact(REVIEW, UPHELD, D(2025, 3, 1), D(2025, 1, 10)),
}


def table4(cells: dict[str, dict[str, int]]) -> Table4:
    table = empty_table4()
    for group, values in cells.items():
        table[group].update(values)
    return table


EXPECTED_APPEALS_2024 = table4({REVIEW: {UPHELD: 1, PENDING: 1, TOTAL: 2}})  # a1 | a2
EXPECTED_APPEALS_2025 = table4(
    {
        REVIEW: {UPHELD: 1, CORRECTED: 1, PENDING: 1, TOTAL: 3},  # a7 | a2 | a5
        DIRECT: {PENDING: 1, TOTAL: 1},  # a3
        AFTER_REVIEW: {OTHER: 1, TOTAL: 1},  # a4 (decided 31 Dec)
    }
)
EXPECTED_APPEALS_2025_H1 = table4(
    {
        REVIEW: {UPHELD: 1, CORRECTED: 1, TOTAL: 2},  # a7 | a2
        DIRECT: {PENDING: 1, TOTAL: 1},  # a3
        AFTER_REVIEW: {PENDING: 1, TOTAL: 1},  # a4 (filed 1 June, decided in December)
    }
)
