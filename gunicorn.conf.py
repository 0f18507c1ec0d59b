"""gunicorn settings for Ker in production (README "Production"): `gunicorn -c gunicorn.conf.py`.

The application is loaded once in the master process (`preload_app`), with its URLs and main
templates, then frozen out of the garbage collector's reach before the workers fork: the workers
share that memory (copy-on-write) instead of each holding its own copy of Django and Wagtail.
Environment: KER_BIND (127.0.0.1:8000), KER_WORKERS (3), KER_TIMEOUT (30 s).
"""

import gc
import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("KER_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("KER_WORKERS", "3"))
timeout = int(os.environ.get("KER_TIMEOUT", "30"))
preload_app = True
# Recycle a worker now and then, so that no slow growth of memory lasts.
max_requests = int(os.environ.get("KER_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("KER_ACCESS_LOG") or None

WARM_TEMPLATES = (
    "base.html",
    "wiki/article_page.html",
    "wiki/history.html",
    "wiki/recent_changes.html",
    "search/results.html",
)


def when_ready(server):
    """In the master, once the application is loaded: import every view and compile the main
    templates, so that the workers inherit them instead of each building its own."""
    from django.db import connections
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every view module)
    for name in WARM_TEMPLATES:
        try:
            get_template(name)
        except TemplateDoesNotExist:
            pass
    _preload_search(server)
    connections.close_all()
    gc.collect()
    gc.freeze()


def _preload_search(server):
    """The Whoosh engine's arrays for broad queries (search.array_scoring.preload) and for facet
    counts (search.facets.preload), read once here and shared by the workers. A missing or
    unreadable index only delays that reading to the first searches."""
    try:
        from search import facets
        from search.array_scoring import preload
        from search.backends import get_backend

        if get_backend().name == "whoosh":
            server.log.info("search: facets of %s documents preloaded", facets.preload())
            server.log.info("search: %s postings preloaded", preload())
    except Exception:  # noqa: BLE001 (the site must start whatever the index's state)
        server.log.exception("search: preloading the index failed; searches will read it")


def post_fork(server, worker):
    """Each worker opens its own database connections (never the master's)."""
    from django.db import connections

    connections.close_all()
