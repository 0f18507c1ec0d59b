"""Fuzz: every URL of the site, every form field and query parameter, hostile values, no 5xx.

The URL list is not written by hand: every pattern of the URL configuration (except Wagtail's
own admin and documents) is resolved with the slugs and ids of a small set of real objects, and
the site's pages (home, articles, portals) are added. Parameter names come from two places: the
forms each page actually shows (parsed from its HTML) and every ``request.GET/POST`` name read
in the source code. Each URL is requested as a visitor, a new contributor and a facilitator,
with GET and POST, plain and with hostile values (odd ``next``, huge and negative integers, NUL,
invalid UTF-8 percent-encoding, 100 KB strings, ``../``, unicode), and in its path slots.

Passes when no response is a server error and no redirect leaves the site. The corpus is
deterministic (rotated over URLs and roles), so a failure always comes back the same way.
Runs on SQLite and PostgreSQL (``make pytest-postgres``).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from commons.services import commons_declare, commons_publish, commons_update
from wiki.services import ArticleFields, article_create, article_save, talk_post

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
APPS = ("community", "wiki", "commons", "portals", "search", "api", "archive", "config")
SKIPPED_PREFIXES = ("admin/", "documents/", "_util/")
LONG = "x" * 100_000
HOSTILE = [
    "1",
    "https://evil.example/",
    "//evil.example/%2f..",
    "/\\evil.example",
    "javascript:alert(1)",
    "99999999999999999999999999",
    "-1",
    "-99999999999999999999",
    "0",
    "³",
    "1e309",
    "NaN",
    "a\x00b",
    "../../../../etc/passwd",
    "..%2f..%2f..%2fmanage.py",
    "é⁄𝔘𝔫𝔦𝔠𝔬𝔡𝔢\u202e\ufeff\u200b 中文 🙂",
    LONG,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "[[[[[[[[[[]]",
    "{{ 7*7 }}{% debug %}",
    " ",
    "",
]
INVALID_UTF8 = "%ff%fe%c0%af%ed%a0%80"
PATH_HOSTILE = {
    "int": ["99999999999999999999999999", "0"],
    "slug": ["a" * 3000, "--", "%C3%A9t%C3%A9"],
    # "³" passes str.isdigit() but not int() (the API answered 500 for it).
    "str": [
        quote("a\x00b"),
        quote("..") + "%5C" + quote(".."),
        quote(LONG[:3000]),
        "%ff%fe",
        "%C2%B3",
    ],
}


# --- what to request ------------------------------------------------------------------------


def _source_parameter_names() -> set[str]:
    """Every parameter name the code reads from a request (GET, POST, DRF query params)."""
    pattern = re.compile(
        r"""(?:request\.(?:GET|POST|query_params|data)|data)\.(?:get|getlist)\(\s*["']([\w-]+)["']"""
        r"""|["']([\w-]+)["']\s+(?:not\s+)?in\s+request\.(?:GET|POST)"""
    )
    names = {"next", "page"}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for match in pattern.finditer(path.read_text(encoding="utf-8")):
                names.add(match.group(1) or match.group(2))
    return names


class _FormFields(HTMLParser):
    """Names of the fields of every form on a page, by method."""

    def __init__(self):
        super().__init__()
        self.get_names: set[str] = set()
        self.post_names: set[str] = set()
        self.files: set[str] = set()
        self._method = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._method = (attributes.get("method") or "get").lower()
        elif tag in ("input", "select", "textarea", "button") and attributes.get("name"):
            name = attributes["name"]
            if name == "csrfmiddlewaretoken":
                return
            if attributes.get("type") == "file":
                self.files.add(name)
            target = self.post_names if self._method == "post" else self.get_names
            target.add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._method = None


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def _converter_kind(converter) -> str:
    name = type(converter).__name__
    return {"IntConverter": "int", "SlugConverter": "slug"}.get(name, "str")


def _route_to_path(route: str, values: dict[str, str]) -> str | None:
    """'wiki/<slug:slug>/x/' or a regex with named groups -> '/wiki/le-port/x/'."""
    if route.startswith("^"):
        text = route.strip("^$")
        for name, value in values.items():
            text = re.sub(rf"\(\?P<{name}>[^)]*\)", value, text)
        text = text.replace("\\", "")
        if "(" in text or "[" in text or "*" in text or "+" in text:
            return None
        return "/" + text
    text = re.sub(r"<(?:\w+:)?(\w+)>", lambda match: values.get(match.group(1), "1"), route)
    return "/" + text


@pytest.fixture
def world(db, settings, tmp_path, resident, newcomer, facilitator):
    """A few real objects of each kind, made through the services."""
    from commons.history import versions_for

    settings.KER_SEARCH_INDEX_DIR = str(tmp_path / "search-index")
    settings.KER_RATE_LIMITS = {}
    from search import backend

    backend.forget_indexes()
    page = article_create(
        fields=ArticleFields(title="Le port", body="Le port de [[Kerlann]].", tags=["port"]),
        user=resident,
        edit_summary="création",
    ).page
    article_save(
        page=page,
        fields=ArticleFields(title="Le port", body="Le port de [[Kerlann]]. Ajout.", tags=["port"]),
        user=newcomer,
        base_revision_id=None,
        edit_summary="ajout",
    )
    talk_post(page=page, user=resident, body="Une question ?", parent_id=None)
    commons = commons_declare(
        user=resident, name="Jardin du port", summary="Un potager.", duplicates_confirmed=True
    )
    commons = commons_publish(commons=commons, user=facilitator)
    commons_update(commons=commons, user=newcomer, changes={"summary": "Mieux dit."})
    revisions = list(page.revisions.order_by("pk").values_list("pk", flat=True))
    resident.feed_token = "jeton-de-flux"
    resident.save(update_fields=["feed_token"])
    version_id = versions_for(commons).first().pk
    values = {
        "slug": page.slug,
        "revision_id": str(revisions[-1]),
        "from_id": str(revisions[0]),
        "to_id": str(revisions[-1]),
        "username": newcomer.username,
        "action": "bloquer",
        "token": resident.feed_token,
        "uidb64": "MQ",
        "key": page.slug,
        "version": "1",
        "section": "description",
        "version_id": str(version_id),
        "path": "images/absent.png",
    }
    paths = set()
    for route, _pattern in _walk(get_resolver().url_patterns):
        if route.startswith(SKIPPED_PREFIXES) or route == "^((?:[\\w\\-]+/)*)$":
            continue
        local = dict(values)
        if route.startswith("communs/"):
            local["slug"] = commons.slug
        if route.startswith("api/v1/commons/"):
            local["key"] = commons.slug
        path = _route_to_path(route, local)
        if path:
            paths.add(path)
    paths |= {"/", "/wiki/", page.url, "/portails/"}
    return {
        "paths": sorted(paths),
        "patterns": [
            (route, pattern)
            for route, pattern in _walk(get_resolver().url_patterns)
            if not route.startswith(SKIPPED_PREFIXES) and not route.startswith("^((")
        ],
        "values": values,
        "commons": commons,
        "people": {"newcomer": newcomer, "facilitator": facilitator, "resident": resident},
    }


# --- how to request it ------------------------------------------------------------------------


class _Run:
    def __init__(self, client, user):
        self.client = client
        self.user = user
        self.failures: list[str] = []
        self.requests = 0

    def login(self):
        if self.user is not None:
            self.client.force_login(self.user)

    def check(self, method: str, path: str, **kwargs):
        self.requests += 1
        label = f"{method} {path[:160]} {str(kwargs.get('data', ''))[:160]}"
        try:
            response = getattr(self.client, method.lower())(path, **kwargs)
        except Exception as error:  # noqa: BLE001 - the report says which request and why
            self.failures.append(f"{label} -> {type(error).__name__}: {str(error)[:200]}")
            return None
        if response.status_code >= 500:
            self.failures.append(f"{label} -> {response.status_code}")
        location = response.get("Location", "") if 300 <= response.status_code < 400 else ""
        if location:
            target = urlsplit(location)
            if location.startswith("//") or target.netloc not in ("", "testserver"):
                self.failures.append(f"{label} -> open redirect to {location[:100]}")
        return response


def _fields_of(response) -> _FormFields:
    parser = _FormFields()
    if response is not None and "html" in response.get("Content-Type", ""):
        parser.feed(response.content.decode("utf-8", "replace"))
    return parser


def _values(names, value, *, long_into: str | None = None) -> dict[str, str]:
    if value is LONG:
        # One 100 KB value per request: enough to test lengths, not a 10 MB request.
        return {name: ("x" if name != long_into else LONG) for name in names}
    return {name: value for name in names}


def _fuzz_role(client, world, user, offset: int, turns: int) -> _Run:
    run = _Run(client, user)
    source_names = sorted(_source_parameter_names())
    corpus_index = offset
    for path in world["paths"]:
        run.login()
        page = run.check("GET", path)
        fields = _fields_of(page)
        get_names = sorted(set(source_names) | fields.get_names)
        post_names = sorted((set(source_names) | fields.post_names) - fields.files)
        for _turn in range(turns):
            value = HOSTILE[corpus_index % len(HOSTILE)]
            corpus_index += 1
            long_into = get_names[corpus_index % len(get_names)]
            query = _values(get_names, value, long_into=long_into)
            if value is LONG:
                query = {long_into: LONG}
            run.check("GET", path, data=query)
            run.login()
            run.check("POST", path, data=_values(post_names, value, long_into=long_into))
        raw = "&".join(f"{name}={INVALID_UTF8}" for name in get_names[:40])
        run.check("GET", f"{path}?{raw}")
        run.login()
        run.check(
            "POST",
            path,
            data="&".join(f"{name}={INVALID_UTF8}" for name in post_names),
            content_type="application/x-www-form-urlencoded",
        )
    return run


def _report(run: _Run) -> str:
    shown = "\n".join(run.failures[:40])
    return f"{len(run.failures)} of {run.requests} requests failed:\n{shown}"


@pytest.mark.parametrize(
    ("role", "offset", "turns"), [("visitor", 0, 2), ("newcomer", 5, 1), ("facilitator", 13, 1)]
)
def test_no_url_form_field_or_parameter_gives_a_server_error(client, world, role, offset, turns):
    """Each URL gets 2 hostile values as a visitor and 1 more in each signed-in role (the corpus
    rotates over URLs and roles), plus invalid UTF-8 in its query and form, as every role."""
    user = world["people"].get(role)
    run = _fuzz_role(client, world, user, offset, turns)
    assert run.requests > 350
    assert not run.failures, _report(run)


def test_hostile_values_in_url_path_slots_never_give_a_server_error(client, world):
    run = _Run(client, world["people"]["facilitator"])
    for route, pattern in world["patterns"]:
        converters = getattr(pattern.pattern, "converters", {})
        if not converters:
            continue
        for name, converter in converters.items():
            for hostile in PATH_HOSTILE[_converter_kind(converter)]:
                values = dict(world["values"])
                if route.startswith("communs/"):
                    values["slug"] = world["commons"].slug
                values[name] = hostile
                path = _route_to_path(route, values)
                run.login()
                run.check("GET", path)
                run.check("POST", path, data={"next": "1", "reason": "x"})
    assert run.requests > 100
    assert not run.failures, _report(run)


def test_the_fuzzer_reaches_the_site_as_each_role_would(client, world):
    """Guard against a fuzzer that passes trivially: the URLs answer, forms are found."""
    paths = world["paths"]
    assert len(paths) > 60
    assert (
        "/relecture/decision/" in paths and f"/communs/{world['commons'].slug}/porteurs/" in paths
    )
    client.force_login(world["people"]["facilitator"])
    ok = sum(client.get(path).status_code < 400 for path in paths)
    assert ok > len(paths) // 2
    fields = _fields_of(client.get(f"/wiki/{world['values']['slug']}/modifier/"))
    assert {"title", "body"} <= fields.post_names
    assert {"next", "q", "page", "titre"} <= _source_parameter_names()


# --- what the fuzzer found, pinned -----------------------------------------------------------


def test_nul_in_a_multipart_form_is_refused_with_400(client, world):
    """PostgreSQL refuses NUL in text: any client may send a multipart form to any URL."""
    client.force_login(world["people"]["newcomer"])
    response = client.post("/signaler/", {"url": "/", "reason": "a\x00b"})  # multipart
    assert response.status_code == 400
    assert client.post("/signaler/", {"url": "/", "reason": "ab"}).status_code == 302


def test_an_id_beyond_any_database_id_is_a_404(client, world):
    client.force_login(world["people"]["facilitator"])
    slug = world["values"]["slug"]
    huge = "9" * 30
    assert client.post(f"/wiki/{slug}/historique/{huge}/verifier/").status_code == 404
    assert client.post(f"/wiki/{slug}/historique/{huge}/masquer/").status_code == 404
    revision_id = world["values"]["revision_id"]
    assert client.get(f"/wiki/{slug}/historique/{revision_id}/").status_code == 200
