from django.utils.functional import SimpleLazyObject

from .display import switches
from .navigation import nav_links, section_links


def portal(request):
    def platform_url() -> str:
        from .models import DisclosurePlatformPage

        page = DisclosurePlatformPage.objects.live().only("url_path").first()
        return page.url if page else ""

    # Lazy: admin pages and feeds that never show the navigation pay nothing.
    return {
        "platform_url": SimpleLazyObject(platform_url),
        "nav_links": SimpleLazyObject(lambda: nav_links(request.path)),
        "section_links": SimpleLazyObject(lambda: section_links(request.path)),
        "display": SimpleLazyObject(lambda: switches(request)),
    }
