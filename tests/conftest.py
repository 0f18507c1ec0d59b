"""Shared fixtures: people and articles created through the public services."""

import contextlib
import gc
import io
import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from community.models import User
from tests import db_template
from wiki.services import ArticleFields, article_create

db_template.install()


@pytest.fixture(autouse=True)
def _french_by_default():
    """A test that switches to English must not leave the next one in English."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _isolated_search_index(settings, tmp_path):
    """Each test gets its own empty search index (never var/, never another test's)."""
    from search import backend

    settings.KER_SEARCH_INDEX_DIR = str(tmp_path / "search-index")
    backend.forget_indexes()
    yield
    backend.forget_indexes()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@contextlib.contextmanager
def module_transaction(django_db_blocker):
    """A transaction for data shared by a module's tests, always rolled back at the end.

    Marked as Django's ``TestCase`` marks its class-wide transaction (``setUpTestData``): the
    search queue then waits for the index's next use instead of a commit that never comes
    (``search.queue._in_test_case_transaction``), and durable blocks nest in it as in a test.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic._from_testcase = True
        with atomic:
            yield
            transaction.set_rollback(True)


def make_user(username: str, **extra) -> User:
    return User.objects.create_user(
        username=username, email=f"{username}@example.org", password="mot-de-passe-solide", **extra
    )


@pytest.fixture
def resident(db):
    """A confirmed contributor: their edits publish at once."""
    return make_user("maela", is_confirmed=True)


@pytest.fixture
def other_resident(db):
    return make_user("yannick", is_confirmed=True)


@pytest.fixture
def newcomer(db):
    """A new contributor, just signed up: their edits wait for review."""
    return make_user("nouveau")


@pytest.fixture
def facilitator(db):
    from django.contrib.auth.models import Group

    from community.policy import FACILITATOR_GROUP

    user = make_user("animatrice")
    group, _ = Group.objects.get_or_create(name=FACILITATOR_GROUP)
    user.groups.add(group)
    return user


@pytest.fixture
def administrator(db):
    return make_user("admin", is_staff=True, is_superuser=True)


@pytest.fixture
def resident_client(client, resident):
    client.force_login(resident)
    return client


@pytest.fixture
def create_article(db, resident):
    def create(title="Le lavoir", body="Le lavoir du bourg.", user=None, **fields):
        return article_create(
            fields=ArticleFields(title=title, body=body, **fields),
            user=user or resident,
            edit_summary="création",
        ).page

    return create


def image_bytes(fmt="PNG", size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 80, 120)).save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.fixture
def png_upload():
    return SimpleUploadedFile("phare.png", image_bytes("PNG"), content_type="image/png")


# Files that must not share a process with the rest of the suite (Makefile PYTEST_OWN_PROCESS):
# the archive tests flush and restore the whole database; the transactional files commit for
# real and copy the database for servers in subprocesses. `--dist loadgroup` keeps each group
# on one worker of its own, so the two groups run side by side.
OWN_PROCESS_GROUPS = {
    "tests/archive/": "archive",
    "tests/search/test_queue.py": "transactional",
    "tests/wiki/test_concurrent_saves.py": "transactional",
}


def uses_the_database(item) -> bool:
    """Whether the test may reach the database: pytest-django's database fixtures (all of them
    need ``django_db_setup``) or its ``django_db`` marker, or the suite's ``DATABASE_URL`` in a
    subprocess the test starts (the ``database`` marker says so). pytest-django refuses every
    other test any database access."""
    return bool(
        "django_db_setup" in getattr(item, "fixturenames", ())
        or item.get_closest_marker("django_db") is not None
        or item.get_closest_marker("database") is not None
    )


# The tests the PostgreSQL pass leaves out (KER_POSTGRES_SUBSET=1, Makefile): on PostgreSQL, the
# lines and branches of Ker's code they run are all run by tests kept (make postgres-subset,
# scripts/postgres_subset.py). KER_POSTGRES_LEFT_OUT names another list (the suite's own test).
POSTGRES_LEFT_OUT = Path(__file__).resolve().parent / "postgres_left_out.txt"


def _postgres_left_out() -> set[str]:
    if os.environ.get("KER_POSTGRES_SUBSET", "").strip() in ("", "0"):
        return set()
    listed = Path(os.environ.get("KER_POSTGRES_LEFT_OUT") or POSTGRES_LEFT_OUT)
    lines = listed.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def pytest_configure(config):
    # Python's cyclic garbage collector, tuned for a test process: a first generation of 100,000
    # objects instead of 700 (Django and Wagtail make hundreds of thousands of short-lived
    # objects per test), and what exists once Django is set up (modules, models, URL patterns)
    # frozen out of every collection (pytest_sessionstart). About 10% less CPU for the suite.
    gc.set_threshold(100_000, 50, 100)
    config.addinivalue_line(
        "markers",
        "database: reaches the suite's database without pytest-django's fixtures (a subprocess "
        "given DATABASE_URL): runs on every engine",
    )


def pytest_sessionstart(session):
    gc.freeze()


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        for prefix, group in OWN_PROCESS_GROUPS.items():
            if item.nodeid.startswith(prefix):
                item.add_marker(pytest.mark.xdist_group(group))
    # The PostgreSQL pass (KER_TEST_DATABASE_ONLY=1, make pytest-postgres) runs only the tests
    # that reach the database: the others (Markdown, diffs, text analysis, settings files, the
    # code's own rules) give the same result whatever the engine, and the SQLite pass ran them.
    # With KER_POSTGRES_SUBSET=1 (make test), it also leaves out the tests listed in
    # tests/postgres_left_out.txt.
    if os.environ.get("KER_TEST_DATABASE_ONLY", "").strip() not in ("", "0"):
        postgres_left_out = _postgres_left_out()
        kept, left_out = [], []
        for item in items:
            keep = uses_the_database(item) and item.nodeid not in postgres_left_out
            (kept if keep else left_out).append(item)
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = kept
    result = yield
    _files_without_the_database_first(items)
    return result


# The files whose tests take longest in all (10 to 45 s each), whatever their number of tests:
# dealt first, so that no worker is left running one of them alone at the end of a run.
LONG_FILES_FIRST = (
    "tests/config/test_fuzz.py",
    "tests/commons/test_harvest_from_ker.py",
    "tests/portals/test_demo.py",
    "tests/search/test_array_scoring.py",
    "tests/wiki/test_visibility_matrix.py",
    "tests/wiki/test_mediawiki_import.py",
)


def _files_without_the_database_first(items) -> None:
    """Deal the tests that never reach the database first, then the others.

    On a fresh clone, the first process to need the test database migrates it (about 20 s,
    tests/db_template.py) while every other process waits for it: with the tests that need no
    database first, the other xdist worker runs them meanwhile instead of idling. Then come the
    tests in a transaction, a file at a time, the long files above first, then larger files first
    (as xdist's own ``--loadscope-reorder`` deals them; the Makefile turns that off so that this
    order holds),
    and last the transactional ones, in pytest-django's order: they empty the database when they
    end, so nothing may run after them on the same worker (pytest-django puts them last too).
    """
    groups: tuple[list, list, list] = ([], [], [])
    for item in items:
        if not uses_the_database(item):
            groups[0].append(item)
        elif _transactional(item):
            groups[2].append(item)
        else:
            groups[1].append(item)
    by_file: dict[str, list] = {}
    for item in groups[1]:
        by_file.setdefault(item.nodeid.split("::")[0], []).append(item)
    in_transaction = [
        item
        for tests in sorted(
            by_file.values(),
            key=lambda tests: (tests[0].nodeid.split("::")[0] not in LONG_FILES_FIRST, -len(tests)),
        )
        for item in tests
    ]
    items[:] = groups[0] + in_transaction + groups[2]


def _transactional(item) -> bool:
    """pytest-django's rule: a ``transaction=True`` or ``reset_sequences`` marker, or a fixture
    that commits (``transactional_db``, ``live_server``)."""
    from pytest_django.plugin import validate_django_db

    marker = item.get_closest_marker("django_db")
    if marker is not None and any(validate_django_db(marker)[:2]):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))
