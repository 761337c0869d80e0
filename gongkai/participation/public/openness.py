"""The public pages of decision openness (决策公开, ``/jcgk/``): the 重大行政决策事项目录, meetings
open to the public with the application to attend (列席), 政府开放日 with registration; and a
published opinion response (``/hygz/yqhy/``)."""

from __future__ import annotations

from datetime import datetime, time

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.documents.selectors import public_documents, public_interpretations

from ..domain.decisions import EventPhase
from ..models import AttendanceApplication, Meeting, OpenDay, OpenDayRegistration
from ..portal import OPINION_COLUMN, unit_column_url
from ..selectors import (
    approved_count,
    catalog_items,
    places_taken,
    public_consultations,
    public_decision_catalogs,
    public_meetings,
    public_open_days,
    public_responses,
    published_attendees,
)
from ..services.events import Applicant, attendance_apply, open_day_register
from . import flow
from .forms import AttendanceForm, RegistrationForm
from .views import paged, see_other

OPENNESS = {"column_name": "决策公开", "column_type": "政务公开"}
APPLY_SALT = "gongkai.participation.attendance"
REGISTER_SALT = "gongkai.participation.open_day"
SESSION_APPLIED = "participation.applied"
SESSION_REGISTERED = "participation.registered"
PER_PAGE = 20


def _render(request, template, context, *, status=200, column=OPENNESS):
    return TemplateResponse(request, template, {**column, **context}, status=status)


def _crumb(label: str, name: str) -> tuple[str, str]:
    return (label, reverse(f"participation:{name}"))


# --- 重大行政决策事项目录 ----------------------------------------------------------------------


@require_GET
def decision_catalogs(request: HttpRequest) -> TemplateResponse:
    return _render(
        request,
        "participation/public/decision_catalogs.html",
        {
            **paged(request, public_decision_catalogs(), PER_PAGE),
            "heading": _("重大行政决策事项目录"),
            "crumbs": [(_("重大行政决策事项目录"), None)],
        },
    )


@require_GET
def decision_catalog(request: HttpRequest, pk: int) -> TemplateResponse:
    catalog = get_object_or_404(public_decision_catalogs(), pk=pk)
    items = list(catalog_items(catalog))
    public_ids = set(
        public_documents()
        .filter(pk__in=[i.final_document_id for i in items if i.final_document_id])
        .values_list("pk", flat=True)
    )
    open_ids = set(
        public_consultations()
        .filter(pk__in=[i.consultation_id for i in items if i.consultation_id])
        .values_list("pk", flat=True)
    )
    return _render(
        request,
        "participation/public/decision_catalog.html",
        {
            "catalog": catalog,
            "unit": catalog.unit,
            "heading": str(catalog),
            "rows": [
                {
                    "item": item,
                    "consultation": item.consultation if item.consultation_id in open_ids else None,
                    "document": item.final_document
                    if item.final_document_id in public_ids
                    else None,
                }
                for item in items
            ],
            "article_title": str(catalog),
            "pub_date": catalog.published_at,
            "content_source": catalog.unit.name,
            "crumbs": [
                _crumb(_("重大行政决策事项目录"), "decision_catalogs"),
                (str(catalog), None),
            ],
        },
    )


# --- Meetings open to the public --------------------------------------------------------------


@require_GET
def meetings(request: HttpRequest) -> TemplateResponse:
    return _render(
        request,
        "participation/public/meetings.html",
        {
            **paged(request, public_meetings(), PER_PAGE),
            "heading": _("会议开放"),
            "now": timezone.now(),
            "crumbs": [(_("会议开放"), None)],
        },
    )


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(public_meetings(), pk=pk)


def _accepting(meeting: Meeting) -> bool:
    return meeting.phase == EventPhase.ANNOUNCED and timezone.now() < meeting.closes_at


@require_GET
def meeting(request: HttpRequest, pk: int) -> TemplateResponse:
    found = _meeting(pk)
    agenda = list(found.agenda.select_related("document"))
    public_ids = set(
        public_documents()
        .filter(pk__in=[a.document_id for a in agenda if a.document_id])
        .values_list("pk", flat=True)
    )
    interpretation = (
        public_interpretations().filter(pk=found.interpretation_id).first()
        if found.interpretation_id
        else None
    )
    return _render(
        request,
        "participation/public/meeting.html",
        {
            "meeting": found,
            "unit": found.unit,
            "heading": found.title,
            "agenda": [(a, a.document if a.document_id in public_ids else None) for a in agenda],
            "accepting": _accepting(found),
            "seats_left": max(found.places - approved_count(found), 0),
            "attendees": published_attendees(found),
            "interpretation": interpretation,
            "article_title": found.title,
            "content_source": found.unit.name,
            "crumbs": [_crumb(_("会议开放"), "meetings"), (found.title, None)],
        },
    )


def _apply_page(request, found: Meeting, form, *, refusal="", status=200) -> TemplateResponse:
    return _render(
        request,
        "participation/public/meeting_apply.html",
        {
            "meeting": found,
            "unit": found.unit,
            "heading": _("申请列席"),
            "form": form,
            "refusal": refusal,
            "crumbs": [
                _crumb(_("会议开放"), "meetings"),
                (found.title, reverse("participation:meeting", args=[found.pk])),
                (_("申请列席"), None),
            ],
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def meeting_apply(request: HttpRequest, pk: int) -> HttpResponse:
    found = _meeting(pk)
    if not _accepting(found):
        return _apply_page(request, found, None, refusal=_("本次会议的列席报名已经截止。"))

    def submit(form: AttendanceForm, key: str) -> tuple[AttendanceApplication, bool]:
        cleaned = form.cleaned_data
        done = attendance_apply(
            meeting=found,
            applicant=Applicant(
                category=cleaned["category"],
                name=cleaned["name"],
                phone=cleaned["phone"],
                organisation=cleaned["organisation"],
                topic=cleaned["topic"],
            ),
            submission_key=key,
        )
        return done.application, done.created

    result = flow.run_form(
        request,
        salt=APPLY_SALT,
        make_form=lambda data=None, **kwargs: AttendanceForm(data, **kwargs),
        page=lambda form, refusal, status: _apply_page(
            request, found, form, refusal=refusal, status=status
        ),
        scope="attendance",
        already=lambda key: AttendanceApplication.objects.filter(submission_key=key).exists(),
        submit=submit,
    )
    if isinstance(result, HttpResponse):
        return result
    request.session[SESSION_APPLIED] = result.pk
    return see_other(reverse("participation:meeting_applied", args=[found.pk]))


@never_cache
@require_GET
def meeting_applied(request: HttpRequest, pk: int) -> HttpResponse:
    found = _meeting(pk)
    application = AttendanceApplication.objects.filter(
        pk=request.session.get(SESSION_APPLIED), meeting=found
    ).first()
    if application is None:
        return see_other(reverse("participation:meeting_apply", args=[found.pk]))
    return _render(
        request,
        "participation/public/meeting_applied.html",
        {
            "meeting": found,
            "unit": found.unit,
            "heading": _("列席申请已提交"),
            "application": application,
            "crumbs": [
                _crumb(_("会议开放"), "meetings"),
                (found.title, reverse("participation:meeting", args=[found.pk])),
                (_("申请已提交"), None),
            ],
        },
    )


# --- 政府开放日 -------------------------------------------------------------------------------


@require_GET
def open_days(request: HttpRequest) -> TemplateResponse:
    return _render(
        request,
        "participation/public/open_days.html",
        {
            **paged(request, public_open_days(), PER_PAGE),
            "heading": _("政府开放日"),
            "crumbs": [(_("政府开放日"), None)],
        },
    )


def _open_day(pk: int) -> OpenDay:
    return get_object_or_404(public_open_days(), pk=pk)


def _registering(open_day: OpenDay) -> bool:
    return open_day.phase == EventPhase.ANNOUNCED and timezone.now() < open_day.closes_at


@require_GET
def open_day(request: HttpRequest, pk: int) -> TemplateResponse:
    found = _open_day(pk)
    return _render(
        request,
        "participation/public/open_day.html",
        {
            "open_day": found,
            "unit": found.unit,
            "heading": found.title,
            "registering": _registering(found),
            "places_left": max(found.places - places_taken(found), 0),
            "article_title": found.title,
            "content_source": found.unit.name,
            "crumbs": [_crumb(_("政府开放日"), "open_days"), (found.title, None)],
        },
    )


def _register_page(request, found: OpenDay, form, *, refusal="", status=200) -> TemplateResponse:
    return _render(
        request,
        "participation/public/open_day_register.html",
        {
            "open_day": found,
            "unit": found.unit,
            "heading": _("政府开放日报名"),
            "form": form,
            "refusal": refusal,
            "places_left": max(found.places - places_taken(found), 0),
            "crumbs": [
                _crumb(_("政府开放日"), "open_days"),
                (found.title, reverse("participation:open_day", args=[found.pk])),
                (_("报名"), None),
            ],
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def open_day_registration(request: HttpRequest, pk: int) -> HttpResponse:
    found = _open_day(pk)
    if not _registering(found):
        return _register_page(request, found, None, refusal=_("本次开放日活动的报名已经截止。"))

    def submit(form: RegistrationForm, key: str) -> tuple[OpenDayRegistration, bool]:
        cleaned = form.cleaned_data
        done = open_day_register(
            open_day=found,
            name=cleaned["name"],
            phone=cleaned["phone"],
            party_size=cleaned["party_size"],
            submission_key=key,
        )
        return done.registration, done.created

    result = flow.run_form(
        request,
        salt=REGISTER_SALT,
        make_form=lambda data=None, **kwargs: RegistrationForm(data, **kwargs),
        page=lambda form, refusal, status: _register_page(
            request, found, form, refusal=refusal, status=status
        ),
        scope="open-day",
        already=lambda key: OpenDayRegistration.objects.filter(submission_key=key).exists(),
        submit=submit,
    )
    if isinstance(result, HttpResponse):
        return result
    request.session[SESSION_REGISTERED] = result.pk
    return see_other(reverse("participation:open_day_registered", args=[found.pk]))


@never_cache
@require_GET
def open_day_registered(request: HttpRequest, pk: int) -> HttpResponse:
    found = _open_day(pk)
    registration = OpenDayRegistration.objects.filter(
        pk=request.session.get(SESSION_REGISTERED), open_day=found
    ).first()
    if registration is None:
        return see_other(reverse("participation:open_day_register", args=[found.pk]))
    return _render(
        request,
        "participation/public/open_day_registered.html",
        {
            "open_day": found,
            "unit": found.unit,
            "heading": _("报名成功"),
            "registration": registration,
            "crumbs": [
                _crumb(_("政府开放日"), "open_days"),
                (found.title, reverse("participation:open_day", args=[found.pk])),
                (_("报名成功"), None),
            ],
        },
    )


# --- 政务舆情回应 -----------------------------------------------------------------------------


@require_GET
def response(request: HttpRequest, pk: int) -> TemplateResponse:
    found = get_object_or_404(public_responses(), pk=pk)
    column_url = unit_column_url(found.unit, OPINION_COLUMN.slug)
    return _render(
        request,
        "participation/public/response.html",
        {
            "response": found,
            "unit": found.unit,
            "heading": found.title,
            "column_url": column_url,
            "article_title": found.title,
            "pub_date": timezone.make_aware(datetime.combine(found.published_on, time())),
            "content_source": found.unit.name,
            "crumbs": [(_("政务舆情回应"), column_url or None), (found.title, None)],
        },
        column={"column_name": "政务舆情回应", "column_type": "政务舆情回应"},
    )
