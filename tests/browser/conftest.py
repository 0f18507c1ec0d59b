"""Real-browser tests: Playwright (Python) drives Debian's Chromium against a live server.

    scripts/install-browser-deps.sh     # chromium-headless-shell (Debian) + axe-core (npm ci)
    KER_REQUIRE_BROWSER=1 .venv/bin/pytest tests/browser -q --liveserver=127.0.0.1

Without /usr/bin/chromium-headless-shell (or the executable KER_CHROMIUM names) the tests are
skipped, unless KER_REQUIRE_BROWSER is set: then they
fail, so that CI cannot pass silently without its browser. The live server listens on
127.0.0.1 only. Every test runs on a transactional database restored from the migrated state
(serialized rollback), so the page tree, the seed grid and the groups are there each time.
"""

from __future__ import annotations

import os

import pytest

from .helpers import (
    CHROMIUM_ARGS,
    CHROMIUM_PATH,
    SCREENSHOT_DIR,
    XSS_PROBE_SCRIPT,
    artifact_name,
    screenshots_wanted,
    session_cookie_for,
)

LIVE_SERVER_HOST = "127.0.0.1"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: real-browser test (Playwright + Debian's Chromium, tests/browser)"
    )
    # pytest-django's live_server listens on "localhost" unless told otherwise: keep it on the
    # loopback address (``--liveserver=127.0.0.1`` on the command line does the same).
    os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", LIVE_SERVER_HOST)


def browser_required() -> bool:
    return os.environ.get("KER_REQUIRE_BROWSER", "").strip().lower() not in ("", "0", "false", "no")


# The longest browser tests (about a minute each under load) are dealt first, so that the
# workers finish together instead of one running a long test while the others wait.
LONG_TESTS_FIRST = (
    "tests/browser/test_hostile_content.py::",
    "tests/browser/test_phone_layout.py::test_no_page_scrolls_sideways_on_a_phone",
    "tests/browser/test_journeys.py::",
)


def pytest_collection_modifyitems(config, items):
    places = [index for index, item in enumerate(items) if item.nodeid.startswith("tests/browser/")]
    browser_items = sorted(
        (items[index] for index in places),
        key=lambda item: not item.nodeid.startswith(LONG_TESTS_FIRST),
    )
    for index, item in zip(places, browser_items, strict=True):
        items[index] = item


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test, so fixtures can tell whether the test failed.
    report = yield
    setattr(item, f"ker_report_{report.when}", report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # A transactional test empties the database when it ends; the next browser test restores
    # the migrated data (serialized rollback), but tests of other folders that run later do
    # not. So after the last browser test, put the migrated data back for them.
    result = yield
    if (
        item.get_closest_marker("browser") is not None
        and nextitem is not None
        and nextitem.get_closest_marker("browser") is None
    ):
        _restore_migrated_data(item.config)
    return result


def _restore_migrated_data(config) -> None:
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        for alias in connections:
            connection = connections[alias]
            serialized = getattr(connection, "_test_serialized_contents", None)
            if serialized:
                connection.creation.deserialize_db_from_string(serialized)


@pytest.fixture(scope="session", autouse=True)
def _static_files_kept_by_the_browser():
    """Let Chromium keep the static files it fetched, as WhiteNoise's headers let it in
    production: the live server's handler sent none, so every page of a test fetched each CSS and
    JS file again (through Django's finders: an eighth of the browser tests' server time)."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    serve = StaticFilesHandler.serve

    def serve_kept(handler, request):
        response = serve(handler, request)
        response.headers["Cache-Control"] = "max-age=3600"
        return response

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(StaticFilesHandler, "serve", serve_kept)
        yield


@pytest.fixture(scope="session", autouse=True)
def browser():
    """One Chromium for the whole run (each test gets fresh contexts)."""
    if not CHROMIUM_PATH.exists():
        reason = (
            f"{CHROMIUM_PATH} is missing: install Debian's chromium-headless-shell "
            "(scripts/install-browser-deps.sh) to run the browser tests"
        )
        if browser_required():
            pytest.fail(f"{reason}; KER_REQUIRE_BROWSER is set, so this is a failure.")
        pytest.skip(reason)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("The Python package 'playwright' is missing: pip install -e '.[dev]'.")
    from django.db import connections

    # Playwright's synchronous API keeps an event loop running in this thread from now on.
    # Django then (1) takes the ORM calls for async code, so they must be allowed; the tests
    # call the ORM only between browser steps; and (2) looks its database connections up in
    # context-local instead of thread-local storage, where it would open new ones, without the
    # serialized database that restores the migrated data between transactional tests: the
    # same connection objects are put there.
    wrappers = {alias: connections[alias] for alias in connections}
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            for alias, wrapper in wrappers.items():
                connections[alias] = wrapper
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS, headless=True
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def server(live_server, settings, tmp_path):
    """The live server's address; the test gets a search index of its own."""
    from search import backend

    if live_server.thread.host != LIVE_SERVER_HOST:
        pytest.fail(f"The live server must listen on {LIVE_SERVER_HOST}: --liveserver=127.0.0.1")
    settings.KER_SEARCH_INDEX_DIR = str(tmp_path / "search-index")
    backend.forget_indexes()
    yield live_server.url
    backend.forget_indexes()


@pytest.fixture
def new_context(browser, server, request):
    """Open browser contexts (separate cookie jars: one per person) for this test.

    ``user`` logs the context in without the form; ``bypass_csp`` lets axe-core be injected;
    ``probe`` records any script that calls alert/confirm/prompt/print/kerXss. Uncaught page
    errors fail the test. When the test fails, every open page is photographed.
    """
    contexts = []
    page_errors: list[str] = []
    for stale in SCREENSHOT_DIR.glob(f"{artifact_name(request.node.name)}-echec-*.png"):
        stale.unlink()

    def make(*, user=None, bypass_csp: bool = False, probe: bool = False):
        context = browser.new_context(
            base_url=server,
            locale="fr-FR",
            timezone_id="Europe/Paris",
            viewport={"width": 1280, "height": 900},
            bypass_csp=bypass_csp,
        )
        context.set_default_timeout(15_000)
        if probe:
            context.add_init_script(XSS_PROBE_SCRIPT)
        if user is not None:
            context.add_cookies([session_cookie_for(user, server)])
        context.on(
            "page",
            lambda page: page.on(
                "pageerror", lambda error: page_errors.append(f"{page.url}: {error}")
            ),
        )
        contexts.append(context)
        return context

    yield make

    report = getattr(request.node, "ker_report_call", None)
    if report is not None and report.failed:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        number = 0
        for context in contexts:
            for page in context.pages:
                number += 1
                name = f"{artifact_name(request.node.name)}-echec-{number}.png"
                try:
                    page.screenshot(path=str(SCREENSHOT_DIR / name), full_page=True)
                except Exception:  # noqa: BLE001 - a failed screenshot must not hide the failure
                    pass
    for context in contexts:
        context.close()
    if page_errors and report is not None and report.passed:
        pytest.fail("JavaScript errors in the pages:\n" + "\n".join(page_errors))


@pytest.fixture
def page(new_context):
    """A page in a fresh, anonymous context."""
    return new_context().new_page()


@pytest.fixture
def screenshot(request):
    """Save a page as test-artifacts/screenshots/<test name>.png (the journey's last step),
    under ``make screenshots`` (helpers.screenshots_wanted)."""

    def take(page, suffix: str = "") -> None:
        if not screenshots_wanted():
            return
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        name = artifact_name(request.node.name) + (f"-{suffix}" if suffix else "")
        page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def site(resident, newcomer, facilitator, create_article):
    """The small territory that the audited pages show (audited_site.py)."""
    from .audited_site import build_site

    return build_site(resident, newcomer, facilitator, create_article)
