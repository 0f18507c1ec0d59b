"""The anonymous page cache: whole responses for visitors without a session, invalidated exactly.

Most visits are anonymous reads of the same few thousand pages. `PageCacheMiddleware` keeps the
response of a page that a view declared cacheable (`mark_cacheable`), in Django's cache (a file
cache on one machine, Redis or memcached for several: `KER_CACHE_URL`), and serves it again to
visitors without a session, a message or credentials. Signed-in people, and anyone holding a
session (an anonymous editor waiting for review), always get a fresh page.

Exactness comes from tags rather than from expiry. A stored page remembers the value of each tag
it depends on, read when its request *started* (before any database read); a change deletes
the tags it touches, so the page no longer matches and is rendered again:

- ``site``: everything (images, commons, anything shown on many pages);
- ``lists``: pages that list content (home, portals, the A to Z index), on every publication;
- ``path:<url>``: one URL, on its page's publication, rename, protection, or when a title it
  links to appears or disappears (the wiki's backlinks give the URLs).

A page made from something outside the database (the search results page, from the search
index) also remembers that thing's version (``register_version``), read before the view reads
it; a page whose version is no longer the current one is rendered again. Apps declare views of
other apps cacheable by URL name (``register_cacheable_view``).

A tag that is missing (evicted, deleted) gets a fresh random value, so an old page can never
match again. Tags are deleted at the change and again once it is committed (a page rendered
from the data of before the commit can then never match).
When ``WAGTAILFRONTENDCACHE`` is configured, the URLs whose tags are deleted are also purged
from the front proxy (``wagtail.contrib.frontend_cache``).
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
import uuid
from collections.abc import Callable, Iterable
from itertools import count
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.filebased import FileBasedCache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

logger = logging.getLogger(__name__)

SITE = "site"
LISTS = "lists"
HEADER = "X-Ker-Cache"
_TAG_PREFIX = "ker:pc:tag:"
_ENTRY_PREFIX = "ker:pc:page:"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
_CSRF_PLACEHOLDER = b"\x00ker-csrf\x00"
_MESSAGES_COOKIE = "messages"
_STATE = "_ker_page_cache"


class FileCache(FileBasedCache):
    """Django's file cache, with the size check (a listing of the whole directory) done every
    `CULL_EVERY` writes of a process instead of on each one: with 100,000 pages cached, listing
    the directory on every write cost more than rendering the page."""

    def __init__(self, dir, params):
        super().__init__(dir, params)
        options = params.get("OPTIONS", {})
        self._cull_every = int(options.get("CULL_EVERY", params.get("CULL_EVERY", 500)))
        self._writes = count()

    def _cull(self):
        if next(self._writes) % self._cull_every == 0:
            super()._cull()


def enabled() -> bool:
    return getattr(settings, "KER_PAGE_CACHE", True)


def path_tag(path: str) -> str:
    """The tag of one URL path (without query string; with or without its final slash)."""
    path = path.split("?", 1)[0].rstrip("/") or "/"
    return "path:" + hashlib.md5(path.encode()).hexdigest()


def _tag_key(tag: str) -> str:
    return _TAG_PREFIX + tag


def _current_tags(tags: Iterable[str]) -> dict[str, str]:
    """The value of each tag, creating those that are missing with a fresh value."""
    keys = [_tag_key(tag) for tag in tags]
    values = cache.get_many(keys)
    for key in keys:
        if key not in values:
            fresh = uuid.uuid4().hex
            if not cache.add(key, fresh, None):
                fresh = cache.get(key) or fresh
            values[key] = fresh
    return values


def invalidate(*, paths: Iterable[str] = (), lists: bool = False, site: bool = False) -> None:
    """After the current transaction commits, make the pages of these paths (or of every list,
    or of the whole site) fresh on their next view."""
    paths = sorted({path for path in paths if path})
    tags = [path_tag(path) for path in paths]
    if lists:
        tags.append(LISTS)
    if site:
        tags.append(SITE)
    if not tags:
        return

    keys = [_tag_key(tag) for tag in tags]

    def delete_after_commit():
        cache.delete_many(keys)
        _purge_front_proxy(paths, lists=lists)

    # Now (a view that reads before the commit stores a page that the second deletion makes
    # unreachable) and after the commit (the new data is then visible to every reader).
    cache.delete_many(keys)
    transaction.on_commit(delete_after_commit)


def _purge_front_proxy(paths: list[str], *, lists: bool) -> None:
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
    from wagtail.models import Page

    urls = set(paths)
    if lists:
        # Pages that list content: every live page that is not a leaf of the tree.
        for page in Page.objects.live().filter(numchild__gt=0).specific(defer=True):
            url = page.get_url()
            if url:
                urls.add(url)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    purge_urls_from_cache(sorted(url if "://" in url else base + url for url in urls))


# ---------------------------------------------------------------- views declare what they show


def mark_cacheable(
    request,
    *,
    lists: bool = False,
    expires_at=None,
    versions: Iterable[str] = (),
    max_seconds: int | None = None,
) -> None:
    """Called by a view: this response may be kept for anonymous visitors. It depends on the
    whole site, on its own URL and, with ``lists``, on every publication. ``expires_at`` bounds
    its life (a protection that ends), and so does ``max_seconds`` (pages whose URLs anyone can
    vary, such as searches, should not fill the cache for long). ``versions`` names outside
    states it is made from (`register_version`), read now: call this before reading them."""
    state = getattr(request, _STATE, None)
    if state is None:
        return
    read = {}
    for name in versions:
        value = _version(name)
        if value is None:
            return  # no exact mark of that state: the page is not kept
        read[name] = value
    state["cacheable"] = True
    state["lists"] = lists
    state["versions"] = read
    if max_seconds is not None:
        state["max_seconds"] = max_seconds
    if expires_at is not None:
        state["expires_at"] = expires_at


_versions: dict[str, Callable[[], str | None]] = {}
_cacheable_views: dict[str, dict] = {}


def register_version(name: str, current: Callable[[], str | None]) -> None:
    """An outside state that pages may be made from (the search index): ``current()`` gives a
    value that changes whenever it does, or None when there is no such value. A kept page
    made from another value is rendered again."""
    _versions[name] = current


def register_cacheable_view(
    view_name: str, *, lists: bool = False, versions=(), max_seconds: int | None = None
) -> None:
    """Let an app declare the answers of a view of another app (by URL name,
    ``"search:search"``) cacheable, with `mark_cacheable`'s arguments, before the view runs."""
    _cacheable_views[view_name] = {
        "lists": lists,
        "versions": tuple(versions),
        "max_seconds": max_seconds,
    }


def _version(name: str) -> str | None:
    """The current value of a registered version; None when it cannot be read (a broken search
    index: its page is then neither served from the cache nor kept)."""
    current = _versions.get(name)
    if current is None:
        return None
    try:
        return current()
    except Exception:
        logger.warning("Version %r unreadable: the page is rendered, not cached", name)
        return None


def _versions_current(entry) -> bool:
    """Whether every version the kept page was made from is still the current one."""
    return all(_version(name) == value for name, value in entry.get("versions", {}).items())


def page_cacheable(view):
    """Decorator of a plain view: its answers may be kept for anonymous visitors."""
    from functools import wraps

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        mark_cacheable(request)
        return view(request, *args, **kwargs)

    return wrapped


# ---------------------------------------------------------------------------- the middleware


def _request_may_use_cache(request) -> bool:
    if request.method != "GET" or not enabled():
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or _MESSAGES_COOKIE in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def _entry_key(request) -> str:
    raw = "\x1f".join(
        (request.get_host(), translation.get_language() or "", request.get_full_path())
    )
    return _ENTRY_PREFIX + hashlib.md5(raw.encode()).hexdigest()


def _may_store(request, response, state) -> bool:
    if not state.get("cacheable") or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or "private" in response.get("Cache-Control", ""):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    return not (messages is not None and getattr(messages, "added_new", False))


class PageCacheMiddleware:
    """Serve and keep anonymous pages (placed after the message middleware: the session, CSRF,
    language and message middlewares have run, the security headers of the inner ones are
    kept with the page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_may_use_cache(request):
            return self.get_response(request)
        key = _entry_key(request)
        path = path_tag(request.path)
        tag_keys = [_tag_key(SITE), _tag_key(LISTS), _tag_key(path)]
        found = cache.get_many([key, *tag_keys])
        entry = found.get(key)
        if (
            entry is not None
            and all(found.get(k) == v for k, v in entry["tags"].items())
            and _versions_current(entry)
        ):
            return self._serve(request, entry)

        tags = _current_tags([SITE, LISTS, path])  # before any read of the database
        state = {"cacheable": False}
        setattr(request, _STATE, state)
        response = self.get_response(request)
        if not _may_store(request, response, state):
            return response
        return self._store(request, response, state, key, tags, path)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Views another app declared cacheable (`register_cacheable_view`)."""
        match = request.resolver_match
        options = _cacheable_views.get(match.view_name) if match else None
        if options is not None:
            mark_cacheable(request, **options)
        return None

    def _store(self, request, response, state, key, tags, path):
        depends = [SITE, path] + ([LISTS] if state.get("lists") else [])
        content = _CSRF_INPUT.sub(rb"\1" + _CSRF_PLACEHOLDER + rb"\2", response.content)
        modified = time.time()
        etag = f'"{hashlib.md5(content).hexdigest()}"'
        response.headers["ETag"] = etag
        response.headers["Last-Modified"] = http_date(modified)
        headers = [(name, value) for name, value in response.items() if name != HEADER]
        entry = {
            "content": content,
            "status": response.status_code,
            "headers": headers,
            "etag": etag,
            "modified": modified,
            "tags": {_tag_key(tag): tags[_tag_key(tag)] for tag in depends},
            "versions": state.get("versions", {}),
        }
        timeout = getattr(settings, "KER_PAGE_CACHE_SECONDS", 30 * 24 * 3600)
        if state.get("lists"):
            # Lists also show figures of the current year or month: renewed at least hourly.
            timeout = min(timeout, getattr(settings, "KER_PAGE_CACHE_LIST_SECONDS", 3600))
        if state.get("max_seconds") is not None:
            timeout = min(timeout, state["max_seconds"])
        if state.get("expires_at") is not None:
            timeout = max(1, min(timeout, int(state["expires_at"].timestamp() - modified)))
        cache.set(key, entry, timeout)
        response.headers[HEADER] = "miss"
        return get_conditional_response(
            request, etag=etag, last_modified=int(modified), response=response
        )

    def _serve(self, request, entry):
        content = entry["content"]
        if _CSRF_PLACEHOLDER in content:
            content = content.replace(_CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content, status=entry["status"])
        for name, value in entry["headers"]:
            response.headers[name] = value
        response = get_conditional_response(
            request, etag=entry["etag"], last_modified=int(entry["modified"]), response=response
        )
        response.headers[HEADER] = "hit"
        return response


# ------------------------------------------------------------------ Wagtail pages and models

_page_policies: dict[type, object] = {}


def register_page_policy(model, policy) -> None:
    """Let an app say how its pages are cached: ``policy(page, request)`` returns a dict of
    `mark_cacheable` arguments, or None for "do not cache". Other live pages are cached as
    lists (they may show any content)."""
    _page_policies[model] = policy


def _before_serve_page(page, request, serve_args, serve_kwargs):
    if getattr(request, _STATE, None) is None or not page.live:
        return None
    policy = _page_policies.get(type(page))
    options = policy(page, request) if policy else {"lists": True}
    # A sub-route of a page (RoutablePageMixin) is refreshed with it only as a list.
    if options is not None and (options.get("lists") or not (serve_args or serve_kwargs)):
        mark_cacheable(request, **options)
    return None


def page_path(page) -> str | None:
    """The path of a page's URL (Wagtail gives a full URL when several sites exist)."""
    url = page.get_url()
    if not url:
        return None
    return urlsplit(url).path if "://" in url else url


def _page_changed(sender, instance, **kwargs):
    invalidate(paths=[page_path(instance)], lists=True)


def _site_changed(sender, **kwargs):
    invalidate(site=True)


def _redirect_changed(sender, instance, **kwargs):
    invalidate(paths=[instance.old_path], lists=True)


_site_wide_apps: set[str] = set()


def register_site_wide_app(app_label: str) -> None:
    """Any saved or deleted record of this app may show on many pages (commons on articles)."""
    _site_wide_apps.add(app_label)


def _any_model_changed(sender, **kwargs):
    if sender._meta.app_label in _site_wide_apps:
        invalidate(site=True)


def connect() -> None:
    """Hook the cache to Wagtail and to the models every page may show (called once)."""
    from django.db.models.signals import post_delete, post_save
    from wagtail import hooks
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.images import get_image_model
    from wagtail.models import Page
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    hooks.register("before_serve_page", _before_serve_page)
    uid = "ker-page-cache"
    page_published.connect(_page_changed, dispatch_uid=f"{uid}-published")
    page_unpublished.connect(_page_changed, dispatch_uid=f"{uid}-unpublished")
    page_slug_changed.connect(_site_changed, dispatch_uid=f"{uid}-slug")
    post_page_move.connect(_site_changed, dispatch_uid=f"{uid}-move")
    post_delete.connect(_site_changed, sender=Page, dispatch_uid=f"{uid}-page-deleted")
    image_model = get_image_model()
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        signal.connect(_redirect_changed, sender=Redirect, dispatch_uid=f"{uid}-redirect-{name}")
        signal.connect(_site_changed, sender=image_model, dispatch_uid=f"{uid}-image-{name}")
        signal.connect(_any_model_changed, dispatch_uid=f"{uid}-models-{name}")
