"""Staff screens of the zones app, in the Wagtail admin. Thin: reads come from ``selectors``,
every write goes through ``services``, and every zone is looked up among those the user may
see, so a URL outside the user's scope answers 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from gongkai.core.domain.errors import DomainError, PermissionDeniedError
from gongkai.core.permissions import can, units_for

from .. import selectors, services
from ..domain.checklist import ITEMS, ZoneStatus
from ..forms import FACT_FIELDS, FixForm, InspectionForm, ZoneForm
from .public import points_of


class ZonesAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "site"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("zones_admin:index"), "label": _("政务公开专区")},
        ]

    def _save(self, form, action) -> bool:
        """Run a service; its refusal is shown on the form."""
        try:
            action()
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        except DomainError as error:
            form.add_error(None, str(error))
            return False
        return True


class ZoneIndexView(ZonesAdminView):
    page_title = _("政务公开专区")
    template_name = "zones/admin/index.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": _("政务公开专区")}]

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        zones = list(selectors.zones_for(self.request.user).order_by("unit__path", "name"))
        for zone in zones:
            zone.points = points_of(zone)
            zone.inspection_overdue = (
                zone.status == ZoneStatus.OPEN
                and zone.next_inspection_due is not None
                and zone.next_inspection_due < today
            )
        return super().get_context_data(
            zones=zones,
            may_add=units_for(self.request.user, "zone.manage").exists(),
            **kwargs,
        )


class FindingsView(ZonesAdminView):
    page_title = _("专区整改问题")
    template_name = "zones/admin/findings.html"

    def get_context_data(self, **kwargs):
        findings = list(selectors.open_findings(selectors.zones_for(self.request.user)))
        today = timezone.localdate()
        for finding in findings:
            finding.overdue = finding.fix_due < today
            finding.checklist_item = ITEMS[finding.item]
        return super().get_context_data(findings=findings, **kwargs)


class ZoneCreateView(ZonesAdminView):
    page_title = _("新增政务公开专区")
    template_name = "zones/admin/form.html"

    def dispatch(self, request, *args, **kwargs):
        self.units = units_for(request.user, "zone.manage")
        if not self.units.exists():
            raise PermissionDenied("您没有可登记政务公开专区的单位。")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(form=form or ZoneForm(units=self.units), **kwargs)

    def post(self, request):
        form = ZoneForm(request.POST, request.FILES, units=self.units)
        created = []
        if form.is_valid() and self._save(
            form,
            lambda: created.append(
                services.zone_create(
                    actor=request.user,
                    unit=form.cleaned_data["unit"],
                    facts=form.facts(),
                    photo_upload=form.cleaned_data.get("photo"),
                )
            ),
        ):
            messages.success(request, "已登记政务公开专区。")
            return redirect("zones_admin:zone", pk=created[0].pk)
        return self.render_to_response(self.get_context_data(form=form))


class ZoneMixin:
    action = "zone.view"

    def dispatch(self, request, pk, *args, **kwargs):
        self.zone = get_object_or_404(
            selectors.zones_for(request.user, self.action).select_related("photo"), pk=pk
        )
        return super().dispatch(request, pk, *args, **kwargs)

    def get_page_title(self):
        return self.zone.name

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("zones_admin:zone", args=[self.zone.pk]), "label": self.zone.name},
        ]


class ZoneEditView(ZoneMixin, ZonesAdminView):
    action = "zone.manage"
    template_name = "zones/admin/form.html"

    def _form(self, data=None, files=None):
        zone = self.zone
        initial = {name: getattr(zone, name) for name in FACT_FIELDS} | {"status": zone.status}
        return ZoneForm(data, files, initial=initial, editing=True, has_photo=bool(zone.photo_id))

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(form=form or self._form(), **kwargs)

    def post(self, request, pk):
        form = self._form(request.POST, request.FILES)

        def save():
            data = form.cleaned_data
            services.zone_update(
                actor=request.user,
                zone=self.zone,
                facts=form.facts(),
                photo_upload=data.get("photo"),
                remove_photo=data.get("remove_photo", False),
            )
            if data["status"] and data["status"] != self.zone.status:
                services.zone_set_status(actor=request.user, zone=self.zone, status=data["status"])

        if form.is_valid() and self._save(form, save):
            messages.success(request, "已保存专区信息。")
            return redirect("zones_admin:zone", pk=self.zone.pk)
        return self.render_to_response(self.get_context_data(form=form))


class ZoneView(ZoneMixin, ZonesAdminView):
    template_name = "zones/admin/zone.html"

    def _may_fix(self) -> bool:
        return can(self.request.user, "zone.manage", self.zone.unit)

    def get_context_data(self, fix_forms=None, **kwargs):
        zone = self.zone
        inspections = list(selectors.history(zone))
        fix_forms = fix_forms or {}
        may_fix = self._may_fix()
        for inspection in inspections:
            for item in inspection.items.all():
                item.checklist_item = ITEMS[item.item]
                if item.is_open_finding and may_fix:
                    item.fix_form = fix_forms.get(item.pk) or FixForm(
                        prefix=f"fix{item.pk}", initial={"fixed_on": timezone.localdate()}
                    )
        return super().get_context_data(
            zone=zone,
            points=points_of(zone),
            inspections=inspections,
            may_edit=may_fix,
            may_inspect=can(self.request.user, "zone.inspect", zone.unit),
            kiosk_url=self.request.build_absolute_uri(reverse("zones:kiosk", args=[zone.pk])),
            public_url=reverse("zones:zone", args=[zone.pk]),
            today=timezone.localdate(),
            **kwargs,
        )

    def post(self, request, pk):
        if not self._may_fix():
            raise PermissionDenied("您不能登记该专区的整改情况。")
        finding = get_object_or_404(
            selectors.open_findings(selectors.zones_for(request.user, "zone.manage")).filter(
                inspection__zone=self.zone
            ),
            pk=request.POST.get("finding"),
        )
        form = FixForm(request.POST, prefix=f"fix{finding.pk}")
        if form.is_valid() and self._save(
            form,
            lambda: services.finding_fix(actor=request.user, finding=finding, **form.cleaned_data),
        ):
            messages.success(request, "已登记整改完成。")
            return redirect("zones_admin:zone", pk=self.zone.pk)
        return self.render_to_response(self.get_context_data(fix_forms={finding.pk: form}))


class InspectionCreateView(ZoneMixin, ZonesAdminView):
    action = "zone.inspect"
    template_name = "zones/admin/inspect.html"

    def get_page_title(self):
        return _("记录检查：%(zone)s") % {"zone": self.zone.name}

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(zone=self.zone, form=form or InspectionForm(), **kwargs)

    def post(self, request, pk):
        form = InspectionForm(request.POST)
        if form.is_valid() and self._save(
            form,
            lambda: services.inspection_record(
                actor=request.user,
                zone=self.zone,
                inspected_on=form.cleaned_data["inspected_on"],
                inspectors=form.cleaned_data["inspectors"],
                summary=form.cleaned_data["summary"],
                results=form.results(),
            ),
        ):
            messages.success(request, "已记录检查结果。")
            return redirect("zones_admin:zone", pk=self.zone.pk)
        return self.render_to_response(self.get_context_data(form=form))
