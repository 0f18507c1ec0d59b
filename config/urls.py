from django.conf import settings
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("langue/", set_language, name="set_language"),
    path("", include("community.urls")),
    path("", include("wiki.urls")),
    path("", include("commons.urls")),
    path("", include("search.urls")),
    path("", include("portals.urls")),
    path("", include("api.urls")),
]

if settings.KER_SERVE_MEDIA:
    from django.urls import re_path

    from .media import serve_media

    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.+)$", serve_media, name="media")]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "config.errors.page_not_found"
