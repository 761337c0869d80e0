"""Policies for enterprises in the Wagtail admin: the menu 惠企政策 with the policies, the
enterprises and the coverage page."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from gongkai.core.admin_components import ScopedMenuItem

from .admin_views import CoverageView, EnterpriseViewSet, PolicyStateView, PolicyViewSet

policy_viewset = PolicyViewSet()
enterprise_viewset = EnterpriseViewSet()

urlpatterns = [
    path("coverage/", CoverageView.as_view(), name="coverage"),
    path("<int:pk>/state/", PolicyStateView.as_view(), name="state"),
]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [policy_viewset, enterprise_viewset]


@hooks.register("register_admin_urls")
def register_policies_urls():
    return [path("qyzc/", include((urlpatterns, "policies_admin"), namespace="policies_admin"))]


@hooks.register("register_admin_menu_item")
def register_policies_menu():
    items = [
        (_("惠企政策"), "policy_items:index", "doc-full", "policy.view"),
        (_("企业"), "enterprises:index", "group", "enterprise.view"),
        (_("政策覆盖情况"), "policies_admin:coverage", "table", "policy.view"),
    ]
    return SubmenuMenuItem(
        _("惠企政策"),
        Menu(
            items=[
                ScopedMenuItem(
                    label,
                    reverse(url_name),
                    name=f"policies-{url_name.replace(':', '-')}",
                    icon_name=icon,
                    order=position * 10,
                    action=action,
                )
                for position, (label, url_name, icon, action) in enumerate(items, start=1)
            ]
        ),
        name="policies",
        icon_name="doc-full",
        order=370,
    )
