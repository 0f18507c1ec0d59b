"""Fixtures: an isolated registry with fake sources and an empty index.

The engine follows ``KER_SEARCH_BACKEND`` (the whole directory runs on both: see README
"Recherche"): Whoosh in a temporary directory, or the PostgreSQL documents table, emptied by
the test's rolled-back transaction.
"""

from __future__ import annotations

import shutil

import pytest

from search import backend, registry
from search.backends import WHOOSH, backend_name
from search.services import index_rebuild

from .corpus import FakeSource, make_sources


@pytest.fixture
def search_index(db, settings, tmp_path, monkeypatch):
    """An empty index and a registry holding only what the test registers.

    ``db`` even for Whoosh: the PostgreSQL engine keeps its documents in the test's database.
    """
    settings.KER_SEARCH_INDEX_DIR = str(tmp_path / "search-index")
    monkeypatch.setattr(registry, "_sources", {})
    backend.forget_indexes()
    yield tmp_path / "search-index"
    backend.forget_indexes()


@pytest.fixture
def whoosh_engine(settings):
    """For tests of the Whoosh engine itself (files, locks, schema): whatever the setting."""
    settings.KER_SEARCH_BACKEND = "whoosh"


@pytest.fixture
def sources(search_index) -> dict[str, FakeSource]:
    """The Port-Kerlann corpus registered (articles, commons, portals) but not yet indexed."""
    made = {source.name: source for source in make_sources()}
    for source in made.values():
        registry.register(source)
    return made


@pytest.fixture(scope="session")
def _whoosh_corpus_template(tmp_path_factory):
    """Where the Port-Kerlann corpus indexed by Whoosh is kept (its dates are fixed): each test
    that asks for it gets a copy of these index files instead of indexing it again."""
    return tmp_path_factory.mktemp("whoosh-corpus") / "index"


@pytest.fixture
def corpus(sources, search_index, _whoosh_corpus_template) -> dict[str, FakeSource]:
    """The Port-Kerlann corpus, indexed (by ``search_rebuild``'s service, or a copy of the
    index files it wrote for an earlier test of this process)."""
    if backend_name() != WHOOSH:
        index_rebuild()
    elif _whoosh_corpus_template.exists():
        shutil.rmtree(search_index, ignore_errors=True)
        shutil.copytree(_whoosh_corpus_template, search_index)
    else:
        index_rebuild()
        backend.forget_indexes()
        shutil.copytree(search_index, _whoosh_corpus_template)
    return sources
