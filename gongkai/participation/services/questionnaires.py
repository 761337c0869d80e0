"""问卷: staff write the questions while the consultation is a draft (answers must all be to the
same questions); the public fills it in while comments are taken."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.core.audit import audit_record
from gongkai.core.domain.errors import DomainError

from ..domain.phases import Phase, check_accepting
from ..domain.questionnaire import (
    QuestionKind,
    QuestionSpec,
    answer_problems,
    question_problems,
)
from ..models import Consultation, Question, QuestionChoice, SurveyAnswer, SurveyResponse
from .common import refuse, require_role


def _draft_only(consultation: Consultation) -> None:
    if consultation.phase != Phase.DRAFT:
        raise DomainError("问卷在意见征集发布前编写；发布后题目不能再改，以免前后答卷不一致。")


@transaction.atomic
def question_create(
    *,
    actor,
    consultation: Consultation,
    kind: str,
    text: str,
    required: bool = False,
    choices: Sequence[str] = (),
) -> Question:
    consultation = (
        Consultation.objects.select_for_update().select_related("unit").get(pk=consultation.pk)
    )
    require_role(actor, "consultation.edit", consultation.unit)
    _draft_only(consultation)
    refuse(question_problems(kind, text, choices))
    last = consultation.survey_questions.aggregate(n=Max("position"))["n"] or 0
    question = Question.objects.create(
        consultation=consultation,
        position=last + 1,
        kind=kind,
        text=text.strip()[:300],
        required=required,
    )
    labels = [c.strip()[:200] for c in choices if c.strip()] if kind != QuestionKind.TEXT else []
    QuestionChoice.objects.bulk_create(
        QuestionChoice(question=question, position=n, label=label)
        for n, label in enumerate(labels, start=1)
    )
    audit_record(
        actor=actor,
        action="question.create",
        obj=question,
        changes={"kind": kind, "text": question.text, "required": required, "choices": labels},
        unit=consultation.unit,
    )
    return question


@transaction.atomic
def question_delete(*, actor, question: Question) -> None:
    consultation = (
        Consultation.objects.select_for_update()
        .select_related("unit")
        .get(pk=question.consultation_id)
    )
    require_role(actor, "consultation.edit", consultation.unit)
    _draft_only(consultation)
    audit_record(
        actor=actor,
        action="question.delete",
        obj=question,
        changes={"text": question.text},
        unit=consultation.unit,
    )
    position = question.position
    question.delete()
    for later in consultation.survey_questions.filter(position__gt=position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position"])


def question_specs(consultation: Consultation) -> list[QuestionSpec]:
    return [
        QuestionSpec(
            q.pk,
            QuestionKind(q.kind),
            q.text,
            q.required,
            tuple(c.pk for c in q.choices.all()),
        )
        for q in consultation.survey_questions.prefetch_related("choices")
    ]


@dataclass(frozen=True)
class SurveySubmitted:
    response: SurveyResponse
    created: bool


class SurveyAnswersInvalid(DomainError):
    """Carries the problems by question id, for the form."""

    def __init__(self, problems: dict[int, str]):
        super().__init__("问卷有需要修改的地方，请查看各题的提示。")
        self.problems = problems


@transaction.atomic
def survey_submit(
    *,
    consultation: Consultation,
    choices: Mapping[int, Sequence[int]],
    texts: Mapping[int, str],
    submission_key: str,
    today: date | None = None,
) -> SurveySubmitted:
    """A citizen's filled-in questionnaire; anonymous, idempotent per ``submission_key``."""
    if existing := SurveyResponse.objects.filter(submission_key=submission_key).first():
        return SurveySubmitted(existing, created=False)
    consultation = (
        Consultation.objects.select_for_update().select_related("unit").get(pk=consultation.pk)
    )
    today = today or timezone.localdate()
    check_accepting(consultation.phase, consultation.starts_on, consultation.ends_on, today)
    specs = question_specs(consultation)
    if not specs:
        raise DomainError("本次意见征集没有问卷。")
    if problems := answer_problems(specs, choices, texts):
        raise SurveyAnswersInvalid(problems)
    response = SurveyResponse.objects.create(
        consultation=consultation, submitted_at=timezone.now(), submission_key=submission_key
    )
    rows = []
    for spec in specs:
        rows += [
            SurveyAnswer(response=response, question_id=spec.id, choice_id=choice)
            for choice in choices.get(spec.id, ())
        ]
        if text := texts.get(spec.id, "").strip():
            rows.append(SurveyAnswer(response=response, question_id=spec.id, text=text))
    SurveyAnswer.objects.bulk_create(rows)
    audit_record(
        actor=None,
        action="survey.submit",
        obj=response,
        changes={"answers": len(rows)},
        unit=consultation.unit,
    )
    return SurveySubmitted(response, created=True)
