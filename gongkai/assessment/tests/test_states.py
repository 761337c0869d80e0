"""The problem list's and the objections' state machines."""

from __future__ import annotations

import pytest

from gongkai.assessment.domain.states import (
    ObjectionState,
    ProblemState,
    check_objection_decision,
    check_problem_transition,
)
from gongkai.core.domain.errors import DomainError

P = ProblemState


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (P.OPEN, P.CLOSED, True),
        (P.OPEN, P.REOPENED, False),
        (P.CLOSED, P.REOPENED, True),
        (P.CLOSED, P.CLOSED, False),
        (P.REOPENED, P.CLOSED, True),
        (P.REOPENED, P.OPEN, False),
    ],
)
def test_problem_transitions(current, target, allowed):
    if allowed:
        check_problem_transition(current, target)
    else:
        with pytest.raises(DomainError, match="不能改为"):
            check_problem_transition(current, target)


def test_an_objection_is_decided_once():
    check_objection_decision(ObjectionState.PENDING)
    for decided in (ObjectionState.UPHELD, ObjectionState.REJECTED):
        with pytest.raises(DomainError, match="已处理"):
            check_objection_decision(decided)
