"""后台 → 单位与权限 → 登录锁定: the accounts and addresses locked out now, and unlocking them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from .admin_components import ScopedMenuItem
from .domain.errors import DomainError, PermissionDeniedError
from .logins import current_lockouts, login_unlock, may_unlock
from .permissions import units_for


class LockoutsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/admin/lockouts.html"
    page_title = _("登录锁定")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not units_for(request.user, "login.unlock").exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            lockouts=[lockout for lockout in current_lockouts() if may_unlock(user, lockout)],
            **kwargs,
        )

    def post(self, request):
        try:
            removed = login_unlock(
                actor=request.user,
                username=request.POST.get("username", ""),
                address=request.POST.get("address", ""),
            )
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("已解除锁定（清除失败记录 %(count)d 条）。") % {"count": removed}
            )
        return redirect(reverse("login_lockouts:index"))


class LockoutMenuItem(ScopedMenuItem):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, action="login.unlock", **kwargs)


class LoginLockoutViewSet(ViewSet):
    name = "login_lockouts"
    icon = "lock"
    menu_label = _("登录锁定")
    menu_item_class = LockoutMenuItem

    def get_urlpatterns(self):
        return [path("", LockoutsView.as_view(), name="index")]
