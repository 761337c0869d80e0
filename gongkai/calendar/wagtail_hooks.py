from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from gongkai.core.admin_views import ServiceFormMixin

from . import services
from .forms import CalendarYearForm
from .models import CalendarYear
from .permissions import CalendarPermissionPolicy, can_manage_calendar
from .selectors import provisional_years_that_matter

register_permission_policy(CalendarYear, CalendarPermissionPolicy(CalendarYear))

ADMIN_SOURCE = "管理后台编辑"


def _saved_message(change: services.CalendarChange) -> str:
    if not change.changed:
        return f"{change.year}年日历没有改动。"
    moved = sum(change.recomputed.values())
    return f"已保存{change.year}年日历；按新日历重新计算了 {moved} 个未办结的期限。"


class CalendarYearSaveMixin(ServiceFormMixin):
    def save_instance(self):
        self.change = services.calendar_year_load(
            actor=self.request.user, data=self.form.year_calendar, source=ADMIN_SOURCE
        )
        return self.change.row


class CalendarYearCreateView(CalendarYearSaveMixin, generic.CreateView):
    def get_initial(self):
        # The home-page warning links here with ?year=2027.
        initial = super().get_initial()
        if (year := self.request.GET.get("year", "")).isdigit():
            initial["year"] = int(year)
        return initial

    def get_success_message(self, instance):
        return _saved_message(self.change)


class CalendarYearEditView(CalendarYearSaveMixin, generic.EditView):
    def get_success_message(self):
        return _saved_message(self.change)


class CalendarYearDeleteView(generic.DeleteView):
    def delete_action(self):
        services.calendar_year_delete(actor=self.request.user, year=self.object.year)


class CalendarYearViewSet(ModelViewSet):
    model = CalendarYear
    name = "calendar_years"
    icon = "date"
    menu_label = _("工作日日历")
    add_to_settings_menu = True
    list_display = [
        "year",
        Column("holidays", label=_("节假日天数"), accessor=lambda row: len(row.holidays)),
        Column(
            "makeup_workdays",
            label=_("调休上班日天数"),
            accessor=lambda row: len(row.makeup_workdays),
        ),
        "source",
        "updated_at",
    ]
    add_view_class = CalendarYearCreateView
    edit_view_class = CalendarYearEditView
    delete_view_class = CalendarYearDeleteView
    panels = [FieldPanel("year"), FieldPanel("holidays_text"), FieldPanel("makeup_text")]

    def get_form_class(self, for_update=False):
        return CalendarYearForm


@hooks.register("register_admin_viewset")
def register_calendar_viewset():
    return CalendarYearViewSet()


class ProvisionalCalendarPanel(Component):
    """Home-page warning: years whose holidays are not loaded while deadlines depend on them."""

    name = "provisional_calendar"
    template_name = "calendar/admin/provisional_panel.html"
    # Before Wagtail's own panels: a wrong due date matters more than recent edits.
    order = 50

    def __init__(self, years: list[int], can_manage: bool):
        self.years = years
        self.can_manage = can_manage

    def get_context_data(self, parent_context):
        return {
            "years": self.years,
            "can_manage": self.can_manage,
            "add_url": reverse("calendar_years:add"),
        }


@hooks.register("construct_homepage_panels")
def add_provisional_calendar_panel(request, panels):
    years = provisional_years_that_matter()
    if years:
        panels.append(ProvisionalCalendarPanel(years, can_manage_calendar(request.user)))
