"""Shared fixtures: people and articles created through the public services."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
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
    "tests/commons/test_harvest_from_ker.py": "transactional",
    "tests/search/test_queue.py": "transactional",
    "tests/wiki/test_concurrent_saves.py": "transactional",
}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        for prefix, group in OWN_PROCESS_GROUPS.items():
            if item.nodeid.startswith(prefix):
                item.add_marker(pytest.mark.xdist_group(group))
