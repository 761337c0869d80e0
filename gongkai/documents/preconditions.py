"""Sign-off preconditions that other modules add to the review chain.

A module above the register that can forbid a document's sign-off (the consultations of
``participation``: no 呈签 or 签发 while the feedback of a consultation on the draft is
unpublished) registers a check here from its ``AppConfig.ready``::

    register_sign_off_precondition(consultation_problems)

A check takes the document and returns Chinese sentences, one per problem, empty when it has
none. They are listed with the register's own `services.submission_problems`, so they refuse
呈签 (`workflow.document_submit`) and are shown where the editor and reviewers look, and they are
checked again at 签发 (`workflow.document_approve` on the last step, `document_record_signed`)
for a document that was submitted before the problem arose.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .models import OfficialDocument

SignOffPrecondition = Callable[[OfficialDocument], Iterable[str]]

_PRECONDITIONS: list[SignOffPrecondition] = []


def register_sign_off_precondition(check: SignOffPrecondition) -> SignOffPrecondition:
    if check not in _PRECONDITIONS:
        _PRECONDITIONS.append(check)
    return check


def sign_off_problems(document: OfficialDocument) -> list[str]:
    """What the registered modules say stands in the way of the document's sign-off."""
    return [problem for check in _PRECONDITIONS for problem in check(document)]
