"""长者模式 (larger text) and high contrast: display modes a visitor switches on and off with
plain links, so they work without JavaScript.

The choice is kept in one cookie, set only when the visitor presses a switch (nothing is stored
for anyone else), holding nothing but the modes; the page cache keys pages by it. A query
parameter carried in every link was the cookie-free alternative, but every module's templates,
forms and redirects would have had to carry it, and one forgotten link would drop the mode.
See docs/subsystems/portal.md.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .navigation import fixed_url

COOKIE = "gongkai_display"
LARGE = "large"  # 长者模式: larger text and targets
CONTRAST = "contrast"  # 高对比度: light text on black
MODES = (LARGE, CONTRAST)
# 电子查阅点 kiosk: large targets, no way out of the site, idle reset (zones app). Entered and left
# only through the zones app's kiosk URLs, never by the visitors' switches.
KIOSK = "kiosk"
ALL_MODES = (*MODES, KIOSK)
KIOSK_IDLE_SECONDS = 180  # default of GONGKAI_KIOSK_IDLE_SECONDS
COOKIE_SECONDS = 365 * 24 * 3600


def display_modes(request: HttpRequest) -> frozenset[str]:
    """The modes the visitor has switched on; anything else in the cookie is ignored."""
    return frozenset(m for m in request.COOKIES.get(COOKIE, "").split(".") if m in ALL_MODES)


def cookie_value(modes: frozenset[str]) -> str:
    return ".".join(m for m in ALL_MODES if m in modes)


def kiosk_idle_seconds() -> int:
    return int(getattr(settings, "GONGKAI_KIOSK_IDLE_SECONDS", KIOSK_IDLE_SECONDS))


def switch_url(request: HttpRequest, mode: str, on: bool) -> str:
    """The link that turns ``mode`` on or off and comes back to the page it is on."""
    query = urlencode({"mode": mode, "on": "1" if on else "0", "next": request.get_full_path()})
    return f"{fixed_url('portal:display_switch')}?{query}"


def switches(request: HttpRequest) -> dict:
    """For the header: the modes that are on and the link that flips each."""
    modes = display_modes(request)
    return {
        "modes": modes,
        "classes": " ".join(f"mode-{m}" for m in ALL_MODES if m in modes),
        "large": LARGE in modes,
        "contrast": CONTRAST in modes,
        "kiosk": KIOSK in modes,
        "kiosk_idle_seconds": kiosk_idle_seconds(),
        "large_url": switch_url(request, LARGE, LARGE not in modes),
        "contrast_url": switch_url(request, CONTRAST, CONTRAST not in modes),
    }


@require_safe
@never_cache
def display_switch(request: HttpRequest) -> HttpResponseRedirect:
    """Turn one mode on or off and go back. An unknown mode changes nothing; a ``next`` that
    leads off the site goes to the home page instead."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    mode = request.GET.get("mode")
    if mode not in MODES:
        return response
    modes = set(display_modes(request))
    if request.GET.get("on") == "1":
        modes.add(mode)
    else:
        modes.discard(mode)
    return store_modes(request, response, frozenset(modes))


def store_modes(request: HttpRequest, response: HttpResponse, modes: frozenset[str]):
    """Keep ``modes`` in the cookie of ``response`` (deleting it when there are none)."""
    if modes:
        response.set_cookie(
            COOKIE,
            cookie_value(modes),
            max_age=COOKIE_SECONDS,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response
