from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from gongkai.core.file_access import serve_media
from gongkai.portal.views import healthz, robots_txt

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("gongkai.api.urls")),
    path("", include("gongkai.portal.urls")),
    path("ledger/", include("gongkai.tasks_ledger.urls")),
    path("ysqgk/", include("gongkai.requests.public.urls")),
    path("hdjl/", include("gongkai.messages.public.urls")),
    path("qyzc/", include("gongkai.policies.public.urls")),
    path("", include("gongkai.participation.urls")),
    path("gazette/", include("gongkai.gazette.urls")),
    path("xxgk/zq/", include("gongkai.zones.urls")),
    # Stored files by path, in every mode, each after the one access rule; nothing else under
    # MEDIA_ROOT has a URL (a web server in front must not serve MEDIA_ROOT itself).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media, name="media"),
]

urlpatterns.append(path("", include("gongkai.search.urls")))
urlpatterns.append(path("", include(wagtail_urls)))
