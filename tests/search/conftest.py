"""Fixtures: an isolated registry with fake sources and an empty index.

The engine follows ``KER_SEARCH_BACKEND`` (the whole directory runs on both: see README
"Recherche"): Whoosh in a temporary directory, or the PostgreSQL documents table, emptied by
the test's rolled-back transaction.
"""

from __future__ import annotations

import pytest

from search import backend, registry
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


@pytest.fixture
def corpus(sources) -> dict[str, FakeSource]:
    """The Port-Kerlann corpus, indexed."""
    index_rebuild()
    return sources
