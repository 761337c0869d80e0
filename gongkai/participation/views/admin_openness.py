"""Staff screens of decision openness: 重大行政决策事项目录, meetings open to the public with
their applications, and 政府开放日 with their registrations."""

from __future__ import annotations

from functools import partial

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.domain.errors import DomainError
from gongkai.core.permissions import can, units_for

from ..domain.decisions import ApplicationState, EventPhase
from ..forms import (
    AgendaForm,
    ApplicantForm,
    CatalogForm,
    DecideForm,
    DecisionItemForm,
    EventForm,
    HeldForm,
    InterpretationLinkForm,
    ReasonForm,
    ReportForm,
    StatusForm,
    clean_positive_ids,
)
from ..models import DecisionItem
from ..selectors import (
    catalog_items,
    places_taken,
    visible_decision_catalogs,
    visible_meetings,
    visible_open_days,
)
from ..services import decisions as decision_services
from ..services import events
from ..services.decisions import DecisionItemFacts, decision_item_facts
from ..services.events import Applicant, EventFacts
from .base import ButtonForm, FormsPage, paginate, posted

# --- 重大行政决策事项目录 ----------------------------------------------------------------------


class CatalogIndex(FormsPage):
    page_title = _("重大行政决策事项目录")
    template_name = "participation/admin/catalogs.html"

    def form_factories(self):
        if not units_for(self.request.user, "decision.edit").exists():
            return {}
        return {"catalog": partial(CatalogForm, user=self.request.user)}

    def act(self, name, form):
        self.created = decision_services.decision_catalog_create(
            actor=self.request.user,
            unit=form.cleaned_data["unit"],
            year=form.cleaned_data["year"],
            note=form.cleaned_data["note"],
        )
        return "已建立目录，请添加事项。"

    def after(self, name):
        return reverse("participation_admin:catalog", args=[self.created.pk])

    def get_context_data(self, **kwargs):
        catalogs = visible_decision_catalogs(self.request.user).order_by("-year", "unit__path")
        return super().get_context_data(**paginate(self.request, catalogs), **kwargs)


class CatalogDetail(FormsPage):
    template_name = "participation/admin/catalog.html"
    parent_label = _("重大行政决策事项目录")

    @property
    def parent_url(self):
        return reverse("participation_admin:catalogs")

    def dispatch(self, request, *args, **kwargs):
        self.catalog = get_object_or_404(visible_decision_catalogs(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.catalog)

    def form_factories(self):
        user, factories = self.request.user, {}
        if can(user, "decision.edit", self.catalog.unit):
            factories["item"] = partial(DecisionItemForm, user=user, catalog=self.catalog)
        if can(user, "decision.publish", self.catalog.unit) and self.catalog.published_at is None:
            factories["publish"] = ButtonForm
        return factories

    def act(self, name, form):
        if name == "publish":
            decision_services.decision_catalog_publish(
                actor=self.request.user, catalog=self.catalog
            )
            return "已公布目录。"
        decision_services.decision_item_save(
            actor=self.request.user,
            catalog=self.catalog,
            facts=DecisionItemFacts(**form.cleaned_data),
        )
        return "已添加事项。"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            catalog=self.catalog, items=catalog_items(self.catalog), **kwargs
        )


class DecisionItemView(FormsPage):
    template_name = "participation/admin/decision_item.html"
    parent_label = _("重大行政决策事项目录")

    def dispatch(self, request, *args, **kwargs):
        catalogs = visible_decision_catalogs(request.user)
        self.item = get_object_or_404(
            DecisionItem.objects.filter(catalog__in=catalogs).select_related("catalog__unit"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    @property
    def parent_url(self):
        return reverse("participation_admin:catalog", args=[self.item.catalog_id])

    def get_page_title(self):
        return self.item.title

    def form_factories(self):
        user, catalog = self.request.user, self.item.catalog
        if not can(user, "decision.edit", catalog.unit):
            return {}
        initial = decision_item_facts(self.item)
        return {
            "item": partial(DecisionItemForm, user=user, catalog=catalog, initial=initial),
            "status": partial(StatusForm, prefix="status", initial={"status": self.item.status}),
        }

    def act(self, name, form):
        if name == "status":
            decision_services.decision_item_set_status(
                actor=self.request.user, item=self.item, **form.cleaned_data
            )
            return "已更新办理状态。"
        decision_services.decision_item_save(
            actor=self.request.user,
            catalog=self.item.catalog,
            facts=DecisionItemFacts(**form.cleaned_data),
            item=self.item,
        )
        return "已保存。"

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.item, **kwargs)


# --- Meetings and open days ------------------------------------------------------------------


def _event_facts(cleaned: dict) -> EventFacts:
    return EventFacts(
        title=cleaned["title"],
        starts_at=cleaned["starts_at"],
        place=cleaned["place"],
        closes_at=cleaned["closes_at"],
        description=cleaned["description"],
        places=cleaned["places"],
    )


class EventIndex(FormsPage):
    """The list of meetings (or open days) and the form that adds one."""

    template_name = "participation/admin/events.html"
    kind = "meeting"

    def items(self):
        if self.kind == "meeting":
            return visible_meetings(self.request.user)
        return visible_open_days(self.request.user)

    def get_page_title(self):
        return _("会议开放") if self.kind == "meeting" else _("政府开放日")

    def form_factories(self):
        if not units_for(self.request.user, "meeting.manage").exists():
            return {}
        return {"event": partial(EventForm, user=self.request.user)}

    def act(self, name, form):
        cleaned = form.cleaned_data
        save = events.meeting_save if self.kind == "meeting" else events.open_day_save
        self.created = save(
            actor=self.request.user, unit=cleaned["unit"], facts=_event_facts(cleaned)
        )
        return "已新建，请补充后发布。"

    def after(self, name):
        return reverse(f"participation_admin:{self.kind}", args=[self.created.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kind=self.kind,
            **paginate(self.request, self.items().order_by("-starts_at")),
            **kwargs,
        )


class MeetingDetail(FormsPage):
    template_name = "participation/admin/meeting.html"
    parent_label = _("会议开放")

    @property
    def parent_url(self):
        return reverse("participation_admin:meetings")

    def dispatch(self, request, *args, **kwargs):
        self.meeting = get_object_or_404(visible_meetings(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.meeting.title

    def _approved(self):
        return self.meeting.applications.filter(state=ApplicationState.APPROVED)

    def form_factories(self):
        m, user, factories = self.meeting, self.request.user, {}
        if m.phase in (EventPhase.DRAFT, EventPhase.ANNOUNCED):
            factories["event"] = partial(
                EventForm,
                user=user,
                prefix="event",
                initial={
                    "unit": m.unit,
                    "title": m.title,
                    "starts_at": timezone.localtime(m.starts_at),
                    "place": m.place,
                    "closes_at": timezone.localtime(m.closes_at),
                    "places": m.places,
                    "description": m.description,
                },
            )
            factories["attendee"] = partial(ApplicantForm, prefix="attendee")
        if m.phase == EventPhase.DRAFT:
            factories["agenda"] = partial(AgendaForm, user=user, meeting=m, prefix="agenda")
            factories["agenda_delete"] = ButtonForm
            factories["announce"] = ButtonForm
        if m.phase == EventPhase.ANNOUNCED:
            factories["decide"] = partial(DecideForm, prefix="decide")
            factories["held"] = partial(HeldForm, approved=list(self._approved()), prefix="held")
        if m.phase == EventPhase.HELD:
            factories["publish_record"] = ButtonForm
        if m.phase in (EventPhase.HELD, EventPhase.RECORD_PUBLISHED):
            factories["interpretation"] = partial(
                InterpretationLinkForm,
                meeting=m,
                prefix="interp",
                initial={"interpretation": m.interpretation, "url": m.interpretation_url},
            )
        return factories

    def act(self, name, form):
        user, m = self.request.user, self.meeting
        cleaned = form.cleaned_data
        if name == "event":
            if cleaned["unit"] != m.unit:
                raise DomainError("召开单位不能更改。")
            events.meeting_save(actor=user, unit=m.unit, facts=_event_facts(cleaned), meeting=m)
            return "已保存。"
        if name == "attendee":
            events.attendance_enter(actor=user, meeting=m, applicant=Applicant(**cleaned))
            return "已登记邀请列席人员。"
        if name == "agenda":
            events.agenda_item_add(
                actor=user, meeting=m, title=cleaned["title"], document=cleaned["document"]
            )
            return "已添加议题。"
        if name == "agenda_delete":
            events.agenda_item_delete(
                actor=user, item=posted(self.request, m.agenda.all(), "agenda_item")
            )
            return "已删除议题。"
        if name == "announce":
            events.meeting_announce(actor=user, meeting=m)
            return "已发布会议，开始接受列席申请。"
        if name == "decide":
            events.attendance_decide(
                actor=user,
                application=posted(self.request, m.applications.all(), "application"),
                approve=cleaned["decision"] == "approve",
                note=cleaned["note"],
            )
            return "已审核。请电话通知申请人。"
        if name == "held":
            attended = clean_positive_ids(cleaned["attended"])
            events.meeting_record_held(
                actor=user, meeting=m, attended_ids=attended, record_note=cleaned["record_note"]
            )
            return "已登记会议举行情况。"
        if name == "publish_record":
            events.meeting_publish_record(actor=user, meeting=m)
            return "已公布列席情况。"
        events.meeting_link_interpretation(
            actor=user, meeting=m, interpretation=cleaned["interpretation"], url=cleaned["url"]
        )
        return "已关联会议解读。"

    def get_context_data(self, **kwargs):
        m = self.meeting
        return super().get_context_data(
            meeting=m,
            agenda=m.agenda.select_related("document"),
            applications=m.applications.select_related("decided_by"),
            approved=self._approved().count(),
            **kwargs,
        )


class OpenDayDetail(FormsPage):
    template_name = "participation/admin/open_day.html"
    parent_label = _("政府开放日")

    @property
    def parent_url(self):
        return reverse("participation_admin:open_days")

    def dispatch(self, request, *args, **kwargs):
        self.open_day = get_object_or_404(visible_open_days(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.open_day.title

    def form_factories(self):
        d, factories = self.open_day, {}
        if d.phase in (EventPhase.DRAFT, EventPhase.ANNOUNCED):
            factories["event"] = partial(
                EventForm,
                user=self.request.user,
                prefix="event",
                initial={
                    "unit": d.unit,
                    "title": d.title,
                    "starts_at": timezone.localtime(d.starts_at),
                    "place": d.place,
                    "closes_at": timezone.localtime(d.closes_at),
                    "places": d.places,
                    "description": d.description,
                },
            )
        if d.phase == EventPhase.DRAFT:
            factories["announce"] = ButtonForm
        if d.phase == EventPhase.ANNOUNCED:
            factories["cancel"] = partial(ReasonForm, prefix="cancel")
            factories["held"] = ButtonForm
        if d.phase == EventPhase.HELD:
            factories["report"] = partial(ReportForm, prefix="report")
        return factories

    def act(self, name, form):
        user, d = self.request.user, self.open_day
        if name == "event":
            if form.cleaned_data["unit"] != d.unit:
                raise DomainError("举办单位不能更改。")
            events.open_day_save(
                actor=user, unit=d.unit, facts=_event_facts(form.cleaned_data), open_day=d
            )
            return "已保存。"
        if name == "announce":
            events.open_day_announce(actor=user, open_day=d)
            return "已发布，开始接受报名。"
        if name == "cancel":
            registration = posted(self.request, d.registrations.all(), "registration")
            events.open_day_registration_cancel(
                actor=user, registration=registration, reason=form.cleaned_data["reason"]
            )
            return "已取消该报名。"
        if name == "held":
            events.open_day_record_held(actor=user, open_day=d)
            return "已登记活动举行。"
        events.open_day_publish_report(actor=user, open_day=d, report=form.cleaned_data["report"])
        return "已发布活动报道。"

    def get_context_data(self, **kwargs):
        d = self.open_day
        return super().get_context_data(
            open_day=d,
            registrations=d.registrations.all(),
            taken=places_taken(d),
            **kwargs,
        )


class MeetingIndex(EventIndex):
    kind = "meeting"


class OpenDayIndex(EventIndex):
    kind = "open_day"
