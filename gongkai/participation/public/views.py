"""The public pages of consultations (意见征集, ``/hdjl/yjzj/``): the list, a consultation with
its draft cut into articles and the comments on it, the comment form, the questionnaire, and
the 意见采纳情况说明 with its .docx and PDF.

Reading pages carry no form and no cookie, so the portal's page cache may keep them; the forms
are pages of their own, never cached (they hold a one-time key). A consultation page with
thousands of comments shows them a page at a time, with every count computed in SQL.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.core.models import Unit
from gongkai.core.pdf import PdfUnavailable

from ..domain.articles import Article as SplitArticle
from ..domain.articles import changes_since
from ..domain.phases import Phase, accepting_comments, comment_window_refusal, is_short_period
from ..domain.questionnaire import bar_chart
from ..domain.rules import MAJOR_DECISION_BASIS, MAJOR_DECISION_MIN_DAYS, Channel
from ..models import Comment, Consultation, DraftVersion, SurveyResponse
from ..render import feedback_docx, feedback_pdf
from ..selectors import (
    comment_counts,
    current_version,
    disposition_tally,
    public_consultations,
    published_answers,
    published_versions,
    questionnaire_results,
    shown_comments,
)
from ..services.comments import CommentInput, comment_submit_online
from ..services.questionnaires import SurveyAnswersInvalid, survey_submit
from . import flow
from .forms import CommentForm, QuestionnaireForm

COLUMN = {"column_name": "意见征集", "column_type": "互动交流"}
COMMENTS_PER_PAGE = 20
# Comments quoted under each answer on the feedback page; the rest are a link away.
FEEDBACK_EXCERPTS = 5
CONSULTATIONS_PER_PAGE = 20
COMMENT_SALT = "gongkai.participation.comment"
SURVEY_SALT = "gongkai.participation.questionnaire"
SESSION_COMMENTED = "participation.commented"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def see_other(url: str) -> HttpResponseRedirect:
    # 303: the browser fetches the next page with GET, so reloading it never re-posts.
    return HttpResponseRedirect(url, status=303)


def render(
    request: HttpRequest, template: str, context: dict[str, Any], *, status: int = 200
) -> TemplateResponse:
    return TemplateResponse(request, template, {**COLUMN, **context}, status=status)


def paged(request: HttpRequest, items, per_page: int) -> dict[str, Any]:
    """One page of ``items`` (the ``page`` parameter; anything else is the first page), and the
    page numbers to link, with ellipses."""
    value = request.GET.get("page", "1")
    page = Paginator(items, per_page).get_page(value if value.isdigit() else "1")
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
    }


def _consultation(pk: int) -> Consultation:
    return get_object_or_404(public_consultations(), pk=pk)


def _list_crumb() -> tuple[str, str]:
    return (_("意见征集"), reverse("participation:consultations"))


@require_GET
def consultation_list(request: HttpRequest) -> TemplateResponse:
    consultations = public_consultations()
    units = Unit.objects.filter(pk__in=consultations.values("unit_id"), is_active=True).order_by(
        "path"
    )
    unit_code = request.GET.get("unit", "")
    unit = next((u for u in units if u.code == unit_code), None)
    if unit is not None:
        consultations = consultations.filter(unit=unit)
    state = request.GET.get("state", "")
    today = timezone.localdate()
    if state == "open":
        consultations = consultations.filter(phase=Phase.OPEN, ends_on__gte=today)
    elif state == "ended":
        consultations = consultations.exclude(phase=Phase.OPEN, ends_on__gte=today)
    else:
        state = ""
    return render(
        request,
        "participation/public/consultation_list.html",
        {
            **paged(request, consultations, CONSULTATIONS_PER_PAGE),
            "heading": _("意见征集"),
            "units": units,
            "unit": unit,
            "state": state,
            "today": today,
            "crumbs": [(_("意见征集"), None)],
        },
    )


def _articles_with_counts(version: DraftVersion, by_article: dict[int, int], changed: dict):
    return [
        {
            "article": article,
            "count": by_article.get(article.pk, 0),
            "change": changed.get(article.anchor, ""),
        }
        for article in version.articles.all()
    ]


def _changes(version: DraftVersion, versions: list[DraftVersion]) -> dict[str, str]:
    earlier = [v for v in versions if v.number < version.number]
    if not earlier:
        return {}

    def split(v: DraftVersion) -> list[SplitArticle]:
        return [SplitArticle(a.anchor, a.label, a.heading, a.text) for a in v.articles.all()]

    return changes_since(split(earlier[-1]), split(version))


def _consultation_page(
    request: HttpRequest, consultation: Consultation, version: DraftVersion
) -> TemplateResponse:
    versions = list(published_versions(consultation))
    is_current = version.pk == versions[-1].pk
    counts = comment_counts(consultation, version)
    anchor = request.GET.get("article", "")
    article = version.articles.filter(anchor=anchor).first() if anchor else None
    comments = shown_comments(consultation).filter(version=version)
    if article is not None:
        comments = comments.filter(article=article)
    elif anchor == "whole":
        comments = comments.filter(article__isnull=True)
    feedback_published = consultation.phase == Phase.FEEDBACK_PUBLISHED
    answer_id = request.GET.get("answer", "")
    answer = (
        consultation.answers.filter(pk=int(answer_id)).first()
        if feedback_published and answer_id.isdigit()
        else None
    )
    if answer is not None:
        comments = shown_comments(consultation).filter(answer=answer)
    comments = comments.select_related("article", *(["answer"] if feedback_published else []))
    comments = comments.order_by("submitted_at", "id").only(
        "public_body",
        "author_name",
        "show_name",
        "channel",
        "received_on",
        "article__label",
        "article__heading",
        "article__anchor",
        *(["answer__disposition", "answer__reason"] if feedback_published else []),
    )
    today = timezone.localdate()
    return render(
        request,
        "participation/public/consultation.html",
        {
            "consultation": consultation,
            "unit": consultation.unit,
            "version": version,
            "versions": versions,
            "is_current": is_current,
            "articles": _articles_with_counts(
                version, counts.by_article, _changes(version, versions)
            ),
            "counts": counts,
            "filter_article": article,
            "filter_whole": anchor == "whole",
            "filter_answer": answer,
            **paged(request, comments, COMMENTS_PER_PAGE),
            "heading": consultation.title,
            "accepting": is_current
            and accepting_comments(
                consultation.phase, consultation.starts_on, consultation.ends_on, today
            ),
            "window_note": comment_window_refusal(
                consultation.phase, consultation.starts_on, consultation.ends_on, today
            ),
            "short_period": is_short_period(
                consultation.starts_on,
                consultation.ends_on,
                is_major_decision=consultation.is_major_decision,
            ),
            "min_days": MAJOR_DECISION_MIN_DAYS,
            "min_days_basis": MAJOR_DECISION_BASIS,
            "feedback_published": feedback_published,
            "has_questionnaire": Channel.QUESTIONNAIRE in consultation.channels
            and consultation.survey_questions.exists(),
            "article_title": consultation.title,
            "pub_date": consultation.opened_at,
            "content_source": consultation.unit.name,
            "crumbs": [_list_crumb(), (consultation.title, None)],
        },
    )


@require_GET
def consultation_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    consultation = _consultation(pk)
    version = current_version(consultation)
    if version is None:
        raise Http404
    return _consultation_page(request, consultation, version)


@require_GET
def consultation_version(request: HttpRequest, pk: int, number: int) -> TemplateResponse:
    consultation = _consultation(pk)
    version = get_object_or_404(published_versions(consultation), number=number)
    return _consultation_page(request, consultation, version)


# --- The comment form -------------------------------------------------------------------------


def _comment_page(
    request: HttpRequest,
    consultation: Consultation,
    version: DraftVersion,
    form: CommentForm | None,
    *,
    refusal: str = "",
    status: int = 200,
) -> TemplateResponse:
    anchor = (form["article"].value() or "") if form is not None else ""
    quoted = version.articles.filter(anchor=anchor).first() if anchor else None
    return render(
        request,
        "participation/public/comment.html",
        {
            "consultation": consultation,
            "unit": consultation.unit,
            "version": version,
            "form": form,
            "quoted": quoted,
            "refusal": refusal,
            "heading": _("提出意见"),
            "crumbs": [
                _list_crumb(),
                (consultation.title, reverse("participation:consultation", args=[consultation.pk])),
                (_("提出意见"), None),
            ],
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(pk)
    version = current_version(consultation)
    if version is None:
        raise Http404
    articles = list(version.articles.all())
    today = timezone.localdate()
    closed = comment_window_refusal(
        consultation.phase, consultation.starts_on, consultation.ends_on, today
    )
    if closed:
        return _comment_page(request, consultation, version, None, refusal=closed)

    def submit(form: CommentForm, key: str) -> tuple[Comment, bool]:
        cleaned = form.cleaned_data
        done = comment_submit_online(
            consultation=consultation,
            version_number=version.number,
            data=CommentInput(
                body=cleaned["body"],
                article_anchor=cleaned["article"],
                author_name=cleaned["author_name"],
                show_name=cleaned["show_name"],
                contact=cleaned["contact"],
            ),
            submission_key=key,
        )
        return done.comment, done.created

    result = flow.run_form(
        request,
        salt=COMMENT_SALT,
        make_form=lambda data=None, **kwargs: CommentForm(data, articles=articles, **kwargs),
        page=lambda form, refusal, status: _comment_page(
            request, consultation, version, form, refusal=refusal, status=status
        ),
        scope="comment",
        already=lambda key: Comment.objects.filter(submission_key=key).exists(),
        submit=submit,
        initial={"article": request.GET.get("article", "")},
    )
    if isinstance(result, HttpResponse):
        return result
    request.session[SESSION_COMMENTED] = {
        "id": result.pk,
        "masked": result.public_body != result.body,
        "held": result.visibility != "shown",
    }
    return see_other(reverse("participation:comment_done", args=[consultation.pk]))


@never_cache
@require_GET
def comment_done(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(pk)
    done = request.session.get(SESSION_COMMENTED) or {}
    made = Comment.objects.filter(pk=done.get("id"), consultation=consultation).first()
    if made is None:
        return see_other(reverse("participation:comment", args=[consultation.pk]))
    return render(
        request,
        "participation/public/comment_done.html",
        {
            "consultation": consultation,
            "unit": consultation.unit,
            "made": made,
            "masked": done.get("masked"),
            "heading": _("意见已提交"),
            "held": done.get("held"),
            "crumbs": [
                _list_crumb(),
                (consultation.title, reverse("participation:consultation", args=[consultation.pk])),
                (_("意见已提交"), None),
            ],
        },
    )


# --- The questionnaire ------------------------------------------------------------------------


def _questionnaire_page(
    request: HttpRequest,
    consultation: Consultation,
    form: QuestionnaireForm | None,
    *,
    refusal: str = "",
    status: int = 200,
) -> TemplateResponse:
    results = []
    if consultation.phase in (Phase.CLOSED, Phase.FEEDBACK_PUBLISHED):
        for result in questionnaire_results(consultation, with_texts=False):
            chart = bar_chart(result.question.text, result.choices) if result.choices else None
            results.append({"result": result, "chart": chart})
    return render(
        request,
        "participation/public/questionnaire.html",
        {
            "consultation": consultation,
            "unit": consultation.unit,
            "form": form,
            "results": results,
            "refusal": refusal,
            "heading": _("问卷调查"),
            "crumbs": [
                _list_crumb(),
                (consultation.title, reverse("participation:consultation", args=[consultation.pk])),
                (_("问卷调查"), None),
            ],
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def questionnaire(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(pk)
    questions = list(consultation.survey_questions.prefetch_related("choices"))
    if not questions or Channel.QUESTIONNAIRE not in consultation.channels:
        raise Http404
    today = timezone.localdate()
    window = comment_window_refusal(
        consultation.phase, consultation.starts_on, consultation.ends_on, today
    )
    if window:
        return _questionnaire_page(request, consultation, None, refusal=window)

    def submit(form: QuestionnaireForm, key: str) -> tuple[SurveyResponse, bool]:
        choices, texts = form.answers()
        try:
            done = survey_submit(
                consultation=consultation, choices=choices, texts=texts, submission_key=key
            )
        except SurveyAnswersInvalid as error:
            for question_id, problem in error.problems.items():
                form.add_error(f"q{question_id}", problem)
            raise
        return done.response, done.created

    result = flow.run_form(
        request,
        salt=SURVEY_SALT,
        make_form=lambda data=None, **kwargs: QuestionnaireForm(
            data, questions=questions, **kwargs
        ),
        page=lambda form, refusal, status: _questionnaire_page(
            request, consultation, form, refusal=refusal, status=status
        ),
        scope="questionnaire",
        already=lambda key: SurveyResponse.objects.filter(submission_key=key).exists(),
        submit=submit,
    )
    if isinstance(result, HttpResponse):
        return result
    return see_other(reverse("participation:questionnaire_done", args=[consultation.pk]))


@never_cache
@require_GET
def questionnaire_done(request: HttpRequest, pk: int) -> TemplateResponse:
    consultation = _consultation(pk)
    return render(
        request,
        "participation/public/questionnaire_done.html",
        {
            "heading": _("问卷已提交"),
            "consultation": consultation,
            "unit": consultation.unit,
            "crumbs": [
                _list_crumb(),
                (consultation.title, reverse("participation:consultation", args=[consultation.pk])),
                (_("问卷已提交"), None),
            ],
        },
    )


# --- The feedback -----------------------------------------------------------------------------


def _published_feedback(pk: int) -> Consultation:
    consultation = _consultation(pk)
    if consultation.phase != Phase.FEEDBACK_PUBLISHED:
        raise Http404
    return consultation


@require_GET
def feedback(request: HttpRequest, pk: int) -> TemplateResponse:
    consultation = _published_feedback(pk)
    return render(
        request,
        "participation/public/feedback.html",
        {
            "consultation": consultation,
            "unit": consultation.unit,
            "feedback": consultation.feedback,
            "heading": str(consultation.feedback),
            "tally": disposition_tally(consultation),
            "answers": published_answers(consultation, excerpts=FEEDBACK_EXCERPTS),
            "total": consultation.comments.count(),
            "article_title": str(consultation.feedback),
            "pub_date": consultation.feedback.published_at,
            "content_source": consultation.unit.name,
            "crumbs": [
                _list_crumb(),
                (consultation.title, reverse("participation:consultation", args=[consultation.pk])),
                (_("意见采纳情况"), None),
            ],
        },
    )


@require_GET
def feedback_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    consultation = _published_feedback(pk)
    name = f"关于《{consultation.title}》的意见采纳情况说明"
    if fmt == "docx":
        content, content_type = feedback_docx(consultation), DOCX
    else:
        try:
            content, content_type = feedback_pdf(consultation), "application/pdf"
        except PdfUnavailable as error:
            return render(
                request,
                "participation/public/unavailable.html",
                {
                    "message": str(error),
                    "consultation": consultation,
                    "unit": consultation.unit,
                    "heading": _("暂时无法生成PDF"),
                },
                status=503,
            )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.{fmt}"
    return response
