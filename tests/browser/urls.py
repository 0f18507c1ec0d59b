"""The project's URLs plus the commons URLs, until config/urls.py includes them itself."""

from django.urls import include, path

from config.urls import urlpatterns as project_patterns


def _includes(patterns, namespace: str) -> bool:
    return any(getattr(pattern, "namespace", None) == namespace for pattern in patterns)


urlpatterns = list(project_patterns)
for namespace in ("commons", "search"):
    if not _includes(urlpatterns, namespace):
        # Before Wagtail's catch-all page route, which is the last pattern.
        urlpatterns.insert(len(urlpatterns) - 1, path("", include(f"{namespace}.urls")))
