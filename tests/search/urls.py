"""The project's URLs plus the search URLs, until ``config/urls.py`` includes them itself."""

from django.urls import include, path

from config.urls import urlpatterns as project_patterns


def _includes_search(patterns) -> bool:
    return any(getattr(pattern, "namespace", None) == "search" for pattern in patterns)


urlpatterns = list(project_patterns)
if not _includes_search(urlpatterns):
    urlpatterns.insert(0, path("", include("search.urls")))
