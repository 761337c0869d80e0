"""Staff logins: lockout after repeated failures, and unlocking by an administrator.

django-axes counts failed logins (``AccessAttempt`` rows) per account and, separately, per client
address (settings ``AXES_*``, from ``GONGKAI_LOGIN_*``; docs/adr/0001-login-throttling.md). Once
either reaches the limit, every login of that account, or from that address, is refused until
the lockout time has passed since the last failure, even with the right password.

This module is the platform's side of it: the Chinese lockout page, the audit entry when a
lockout starts, what is locked now (`current_lockouts`) and `login_unlock`, the one way to lift a
lockout early (the admin's 登录锁定 screen and ``gongkai logins unlock``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from axes.utils import reset
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Sum
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from .audit import audit_record
from .domain.errors import DomainError, PermissionDeniedError
from .models import RoleAssignment
from .permissions import can


class StaffLoginForm(LoginForm):
    """Wagtail's login form with its password field labelled: Wagtail redefines the field
    without a label, so the page showed the field's English name ("Password")."""

    password = forms.CharField(
        label=_("密码"),
        widget=forms.PasswordInput(attrs={"placeholder": _("请输入密码")}),
        strip=False,
    )


def lockout_message() -> str:
    minutes = settings.GONGKAI_LOGIN_LOCKOUT_MINUTES
    return (
        f"登录失败次数过多，该账号或您所在的网络地址已被暂时锁定。请在 {minutes} 分钟后再试，"
        "或联系平台管理员解锁；如忘记密码，请联系本单位管理员重设。"
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The login page again, saying in Chinese why the login was refused (AXES_LOCKOUT_CALLABLE).

    The status is 429 so that scripts and monitoring tell it from a wrong password."""
    messages.error(request, lockout_message())
    username = (credentials or {}).get("username", "")
    # Rendered here: axes hands it back from a middleware, after the view's rendering step.
    return TemplateResponse(
        request,
        "wagtailadmin/login.html",
        {
            "form": StaffLoginForm(request, initial={"username": username}),
            "next": request.POST.get("next", ""),
            "show_password_reset": False,
            "username_field": get_user_model()._meta.get_field("username").verbose_name,
        },
        status=429,
    ).render()


@receiver(user_locked_out, dispatch_uid="gongkai-login-locked")
def audit_lockout(sender, request, username, ip_address, **kwargs) -> None:
    # Axes signals again at every refused attempt; the log records the moment it started.
    if getattr(request, "axes_failures_since_start", None) != settings.AXES_FAILURE_LIMIT:
        return
    attempt = (
        AccessAttempt.objects.filter(username=username, ip_address=ip_address)
        .order_by("-attempt_time")
        .first()
    )
    if attempt is None:
        return
    with transaction.atomic():
        audit_record(
            actor=None,
            action="login.locked",
            obj=attempt,
            changes={"username": username or "", "address": ip_address or ""},
        )


@dataclass(frozen=True)
class Lockout:
    """An account (``username``) or a client address (``address``) that is locked now."""

    username: str
    address: str
    failures: int
    last_failure: datetime
    locked_until: datetime

    @property
    def label(self) -> str:
        return f"账号 {self.username}" if self.username else f"地址 {self.address}"


def current_lockouts() -> list[Lockout]:
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    recent = AccessAttempt.objects.filter(attempt_time__gte=since)
    lockouts = []
    for field in ("username", "ip_address"):
        rows = (
            recent.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
            .order_by("-last")
        )
        for row in rows:
            lockouts.append(
                Lockout(
                    username=row[field] if field == "username" else "",
                    address=row[field] if field == "ip_address" else "",
                    failures=row["failures"],
                    last_failure=row["last"],
                    locked_until=row["last"] + settings.AXES_COOLOFF_TIME,
                )
            )
    return lockouts


def may_unlock(actor, lockout: Lockout) -> bool:
    """Platform administrators lift any lockout; a unit's administrator lifts those of accounts
    whose every role lies in units they administer. An address is shared by many people, and a
    name that is nobody's account is somebody guessing: both are for platform administrators."""
    if actor is None or (actor.is_active and actor.is_superuser):
        return True
    if not lockout.username:
        return False
    user = get_user_model().objects.filter(username=lockout.username).first()
    if user is None or user.is_superuser:
        return False
    units = [a.unit for a in RoleAssignment.objects.filter(user=user).select_related("unit")]
    return bool(units) and all(can(actor, "login.unlock", unit) for unit in units)


@transaction.atomic
def login_unlock(*, actor, username: str = "", address: str = "") -> int:
    """Lift the lockout of an account or of a client address; returns the attempts removed.

    ``actor`` None is the command line, run by whoever administers the server."""
    username, address = username.strip(), address.strip()
    if bool(username) == bool(address):
        raise DomainError("请指定要解锁的账号或网络地址（二者选一）。")
    target = next(
        (
            lockout
            for lockout in current_lockouts()
            if (username and lockout.username == username)
            or (address and lockout.address == address)
        ),
        None,
    )
    if target is None:
        raise DomainError(f"{'账号 ' + username if username else '地址 ' + address} 当前未被锁定。")
    if not may_unlock(actor, target):
        raise PermissionDeniedError(f"您没有解除“{target.label}”登录锁定的权限。")
    attempt = (
        AccessAttempt.objects.filter(
            **({"username": username} if username else {"ip_address": address})
        )
        .order_by("-attempt_time")
        .first()
    )
    audit_record(
        actor=actor,
        action="login.unlock",
        obj=attempt,
        changes={"username": username, "address": address, "failures": target.failures},
    )
    return reset(username=username or None, ip=address or None)
