from django.utils.functional import SimpleLazyObject

from .display import switches
from .memo import memoised
from .navigation import nav_links, section_links


def _platform_url() -> str:
    from .models import DisclosurePlatformPage

    page = DisclosurePlatformPage.objects.live().only("url_path").first()
    return page.url if page else ""


def portal(request):
    # The platform's own pages put theirs in the context (and are current); elsewhere it is the
    # same on every page, kept per process as the site and its pages are (`memo`).
    url = SimpleLazyObject(lambda: memoised("platform_url", _platform_url))
    # Lazy: admin pages and feeds that never show the navigation pay nothing.
    return {
        "platform_url": url,
        # 政府信息公开 is current on every page of the platform, as a module's section is.
        "platform_current": SimpleLazyObject(
            lambda: bool(url) and request.path.startswith(str(url))
        ),
        "nav_links": SimpleLazyObject(lambda: nav_links(request.path)),
        "section_links": SimpleLazyObject(lambda: section_links(request.path)),
        "display": SimpleLazyObject(lambda: switches(request)),
    }
