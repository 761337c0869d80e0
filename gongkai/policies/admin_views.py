"""Admin screens of policies and enterprises: the model viewsets saving through the services,
publishing and withdrawing a policy, and the coverage page (enterprises reached per policy)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from gongkai.core.admin_views import (
    ScopedDeleteView,
    ScopedIndexView,
    ScopedObjectMixin,
    ServiceFormMixin,
)
from gongkai.core.domain.errors import DomainError
from gongkai.core.permissions import UnitScopedPermissionPolicy, can, units_for

from . import services
from .admin_forms import ENTERPRISE_FORM_FIELDS, POLICY_FORM_FIELDS, EnterpriseForm, PolicyForm
from .models import Enterprise, PolicyItem
from .selectors import coverage, staff_policy_items

policy_policy = UnitScopedPermissionPolicy(
    PolicyItem,
    action_map={
        "add": "policy.edit",
        "change": "policy.edit",
        "delete": "policy.edit",
        "view": "policy.view",
        "publish": "policy.publish",
    },
)
register_permission_policy(PolicyItem, policy_policy)

enterprise_policy = UnitScopedPermissionPolicy(
    Enterprise,
    action_map={
        "add": "enterprise.edit",
        "change": "enterprise.edit",
        "delete": "enterprise.edit",
        "view": "enterprise.view",
    },
    unit_field="region",
)
register_permission_policy(Enterprise, enterprise_policy)


class NoDelete(ScopedDeleteView):
    """Policies and enterprises are kept: a policy is withdrawn, an enterprise unsubscribes."""

    def delete_action(self):
        raise DomainError(_("不能删除：政策请撤回；企业不再接收推送的，请取消“接收政策推送邮件”。"))


class PolicyCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        return services.policy_create(
            actor=self.request.user,
            unit=self.form.cleaned_data["unit"],
            code=self.form.cleaned_data["code"],
            data=self.form.policy_input(),
        )


class PolicyEditView(ServiceFormMixin, ScopedObjectMixin, generic.EditView):
    def save_instance(self):
        return services.policy_update(
            actor=self.request.user, policy=self.object, data=self.form.policy_input()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["state_url"] = reverse("policies_admin:state", args=[self.object.pk])
        return context


class PolicyViewSet(ModelViewSet):
    model = PolicyItem
    name = "policy_items"
    icon = "doc-full"
    menu_label = _("惠企政策")
    add_to_admin_menu = False
    form_fields = POLICY_FORM_FIELDS
    list_display = ["code", "title", "unit", "state", "valid_from", "valid_to", "apply_deadline"]
    list_filter = ["state", "apply_mode"]
    search_fields = ["code", "title"]
    index_view_class = ScopedIndexView
    add_view_class = PolicyCreateView
    edit_view_class = PolicyEditView
    delete_view_class = NoDelete
    edit_template_name = "policies/admin/policy_edit.html"

    def get_form_class(self, for_update=False):
        return PolicyForm


class EnterpriseCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        return services.enterprise_create(
            actor=self.request.user,
            fields=self.form.profile,
            email=self.form.cleaned_data["email"],
        )


class EnterpriseEditView(ServiceFormMixin, ScopedObjectMixin, generic.EditView):
    def save_instance(self):
        return services.enterprise_update(
            actor=self.request.user,
            enterprise=self.object,
            fields=self.form.profile,
            email=self.form.cleaned_data["email"],
            subscribed=self.form.cleaned_data["subscribed"],
        )


class EnterpriseViewSet(ModelViewSet):
    model = Enterprise
    name = "enterprises"
    icon = "group"
    menu_label = _("企业")
    add_to_admin_menu = False
    form_fields = ENTERPRISE_FORM_FIELDS
    list_display = [
        "name",
        "uscc",
        "industry",
        "size",
        "region",
        "source",
        Column("confirmed_at", label=_("确认时间")),
    ]
    list_filter = ["size", "subject_type", "source", "subscribed"]
    search_fields = ["name", "uscc"]
    index_view_class = ScopedIndexView
    add_view_class = EnterpriseCreateView
    edit_view_class = EnterpriseEditView
    delete_view_class = NoDelete

    def get_form_class(self, for_update=False):
        return EnterpriseForm


class PolicyStateView(View):
    """POST: publish (through the gate) or withdraw a policy."""

    def post(self, request, pk: int):
        policy = get_object_or_404(staff_policy_items(request.user), pk=pk)
        if not can(request.user, "policy.publish", policy.unit):
            raise PermissionDenied("您没有发布或撤回该单位惠企政策的权限。")
        action = request.POST.get("action")
        try:
            if action == "publish":
                services.policy_publish(actor=request.user, policy=policy)
                messages.success(request, _("政策已发布。"))
            elif action == "withdraw":
                services.policy_withdraw(actor=request.user, policy=policy)
                messages.success(request, _("政策已撤回，不再公开，也不再推送。"))
        except DomainError as error:
            messages.error(request, str(error))
        return redirect(reverse("policy_items:edit", args=[policy.pk]))


class CoverageView(WagtailAdminTemplateMixin, TemplateView):
    """覆盖情况: how many registered enterprises each policy of the user's units reaches today."""

    page_title = _("政策覆盖情况")
    header_icon = "doc-full"
    template_name = "policies/admin/coverage.html"

    def dispatch(self, request, *args, **kwargs):
        if not units_for(request.user, "policy.view").exists():
            raise PermissionDenied("您没有查看惠企政策的权限。")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        rows = coverage(staff_policy_items(self.request.user).order_by("code"), today)
        return super().get_context_data(rows=rows, today=today, **kwargs)
