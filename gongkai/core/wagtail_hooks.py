from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from . import admin_branding, admin_isolation, file_access, services  # noqa: F401  (their hooks)
from .admin_logins import LoginLockoutViewSet
from .admin_views import (
    ScopedDeleteView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedObjectMixin,
    ServiceFormMixin,
)
from .models import AuditEntry, RoleAssignment, Unit
from .permissions import UnitScopedPermissionPolicy, units_for
from .services import UNIT_FIELDS

unit_policy = UnitScopedPermissionPolicy(
    Unit,
    action_map={
        "add": "unit.manage",
        "change": "unit.manage",
        "delete": "unit.manage",
        "view": "unit.view",
    },
    unit_field=None,
)
register_permission_policy(Unit, unit_policy)


class UnitForm(WagtailAdminModelForm):
    class Meta:
        model = Unit
        fields = ["parent", *UNIT_FIELDS]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is not None:
            allowed = units_for(for_user, "unit.manage")
            self.fields["parent"].queryset = allowed
            self.fields["supervising_office"].queryset = Unit.objects.all()
            if not for_user.is_superuser:
                self.fields["parent"].required = True
        if self.instance.pk:
            # A unit cannot move below itself; offering its subtree would only invite the error.
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                path__startswith=self.instance.path
            )

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in UNIT_FIELDS if name in self.cleaned_data}


class UnitCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        return services.unit_create(
            actor=self.request.user,
            parent=self.form.cleaned_data.get("parent"),
            **self.form.service_values(),
        )


class UnitEditView(ServiceFormMixin, ScopedObjectMixin, generic.EditView):
    def save_instance(self):
        return services.unit_update(
            actor=self.request.user,
            unit=self.object,
            parent=self.form.cleaned_data.get("parent"),
            **self.form.service_values(),
        )


class UnitDeleteView(ScopedDeleteView):
    def delete_action(self):
        raise services.DomainError(
            "单位不能删除（其记录须长期保存）。如单位已撤销，请编辑该单位并取消“启用”。"
        )


class UnitViewSet(ModelViewSet):
    model = Unit
    name = "units"
    icon = "group"
    menu_label = _("单位")
    add_to_admin_menu = False
    form_fields = ["parent", *UNIT_FIELDS]
    list_display = ["name", "code", "kind", "parent", BooleanColumn("is_active", label=_("启用"))]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    index_view_class = ScopedIndexView
    add_view_class = UnitCreateView
    edit_view_class = UnitEditView
    delete_view_class = UnitDeleteView
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("parent"),
                FieldPanel("code"),
                FieldPanel("name"),
                FieldPanel("short_name"),
                FieldPanel("kind"),
                FieldPanel("sort_order"),
                FieldPanel("is_active"),
            ],
            heading=_("基本信息"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("supervising_office"),
                FieldPanel("disclosure_office"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("office_hours"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("web_contact"),
            ],
            heading=_("政府信息公开指南信息（条例第十二条）"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("functions"),
                FieldPanel("guide_supplement"),
                FieldPanel("disclosure_rules"),
            ],
            heading=_("职能与制度"),
        ),
    ]

    def get_form_class(self, for_update=False):
        return UnitForm


role_policy = UnitScopedPermissionPolicy(
    RoleAssignment,
    action_map={
        "add": "role.manage",
        "change": "role.manage",
        "delete": "role.manage",
        "view": "role.manage",
    },
)
register_permission_policy(RoleAssignment, role_policy)


class RoleAssignmentForm(WagtailAdminModelForm):
    class Meta:
        model = RoleAssignment
        fields = ["user", "unit", "role"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True)
        if for_user is not None:
            managed = units_for(for_user, "role.manage")
            self.fields["unit"].queryset = managed
            if not for_user.is_superuser:
                # Staff of other units are not this administrator's to list: a new account
                # (no role yet) or a person already working in the administrator's units.
                users = users.filter(
                    Q(role_assignments__isnull=True) | Q(role_assignments__unit__in=managed)
                ).distinct()
        self.fields["user"].queryset = users


class RoleAssignmentCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.role_grant(
            actor=self.request.user, user=data["user"], unit=data["unit"], role=data["role"]
        )


class RoleAssignmentDeleteView(ScopedDeleteView):
    def delete_action(self):
        services.role_revoke(actor=self.request.user, assignment=self.object)


class RoleAssignmentViewSet(ModelViewSet):
    model = RoleAssignment
    name = "roles"
    icon = "key"
    menu_label = _("角色授权")
    add_to_admin_menu = False
    form_fields = ["user", "unit", "role"]
    list_display = ["user", "unit", "role", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "unit__name"]
    index_view_class = ScopedIndexView
    add_view_class = RoleAssignmentCreateView
    delete_view_class = RoleAssignmentDeleteView

    def get_form_class(self, for_update=False):
        return RoleAssignmentForm

    # An assignment is granted or revoked, never edited: a change is a revoke plus a grant.
    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(edit_url_name=None, **kwargs)

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name != "edit"]


audit_policy = UnitScopedPermissionPolicy(AuditEntry, action_map={"view": "audit.view"})
register_permission_policy(AuditEntry, audit_policy)


class AuditEntryViewSet(ModelViewSet):
    model = AuditEntry
    name = "audit"
    icon = "history"
    menu_label = _("审计日志")
    add_to_admin_menu = False
    list_display = ["seq", "at", "actor_name", "action", "object_repr", "unit"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor_name", "action"]
    index_view_class = ScopedIndexView
    inspect_view_class = ScopedInspectView
    inspect_view_enabled = True
    form_fields = []

    # The log is read, never written from the admin: entries come from the services only.
    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None, edit_url_name=None, delete_url_name=None, **kwargs
        )

    def get_urlpatterns(self):
        return [
            p for p in super().get_urlpatterns() if p.name in {"index", "index_results", "inspect"}
        ]


class PlatformViewSetGroup(ViewSetGroup):
    menu_label = _("单位与权限")
    menu_icon = "group"
    menu_order = 800
    items = (UnitViewSet, RoleAssignmentViewSet, AuditEntryViewSet, LoginLockoutViewSet)


@hooks.register("register_admin_viewset")
def register_platform_viewsets():
    return PlatformViewSetGroup()
