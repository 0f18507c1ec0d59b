"""Choosing the engine: KER_SEARCH_BACKEND=whoosh|postgres, and what each needs.

The rest of this directory runs on whichever engine the setting names (README "Recherche":
``scripts/with-postgres.sh env KER_SEARCH_BACKEND=postgres .venv/bin/pytest -q tests/search``).
"""

import os

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection

from search import registry
from search.backends import get_backend
from search.selectors import search_documents
from search.services import document_index, index_document_count, index_rebuild

from .corpus import FakeSource, Item

pytestmark = pytest.mark.django_db


def test_the_engine_follows_the_setting(settings):
    settings.KER_SEARCH_BACKEND = "whoosh"
    assert get_backend().name == "whoosh"
    wanted = os.environ.get("KER_SEARCH_BACKEND", "whoosh")
    settings.KER_SEARCH_BACKEND = wanted
    assert get_backend().name == wanted


def test_an_unknown_engine_is_a_configuration_error(settings):
    settings.KER_SEARCH_BACKEND = "elastic"
    with pytest.raises(ImproperlyConfigured, match="whoosh, postgres"):
        get_backend()


def test_postgres_engine_needs_a_postgresql_database(settings):
    settings.KER_SEARCH_BACKEND = "postgres"
    if connection.vendor == "postgresql":
        assert get_backend().name == "postgres"
        call_command("check", "search")
        return
    with pytest.raises(ImproperlyConfigured, match="needs a PostgreSQL database"):
        get_backend()
    with pytest.raises(SystemCheckError, match="search.E001"):
        call_command("check")
    # The site keeps answering: the search page says search is unavailable, never a 500.
    from django.test import Client

    response = Client().get("/recherche/", {"q": "phare"})
    assert response.status_code == 200
    assert "momentanément indisponible" in response.content.decode()


def test_the_migration_prepares_french_full_text_search_on_postgresql_only():
    tables = connection.introspection.table_names()
    assert {"search_indexeddocument", "search_indexedword"} <= set(tables)
    if connection.vendor != "postgresql":
        return  # the tables exist, unused; no extension nor configuration on SQLite
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        assert {"unaccent", "pg_trgm"} <= {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT to_tsvector('french_unaccent', 'Écoles du Stang')::text")
        assert cursor.fetchone()[0] == "'ecol':1 'stang':3"
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'search_indexeddocument'"
        )
        indexes = {row[0] for row in cursor.fetchall()}
    assert {"search_indexeddocument_vector", "search_indexeddocument_title_trgm"} <= indexes


def test_switching_engines_needs_a_rebuild_then_finds_the_same(settings, search_index):
    items = [Item("lavoir", "Le lavoir du Moulin", "Les lavandières.", tags=["eau"])]
    registry.register(FakeSource("article", "Article", items))
    engines = ["whoosh"] + (["postgres"] if connection.vendor == "postgresql" else [])
    for engine in engines:
        settings.KER_SEARCH_BACKEND = engine
        index_rebuild()
        assert index_document_count() == 1
        results = search_documents(text="lavandiere")
        assert [hit.title for hit in results.hits] == ["Le lavoir du Moulin"], engine
        assert results.facets[2].values[0].value == "eau"


def test_whoosh_segments_are_separate_files_read_where_they_lie(settings, search_index):
    """Whoosh maps a compound segment file and copies each part it opens into memory (its
    BufferFile wraps the part in a BytesIO): every worker held a copy of the stored fields,
    about 31 MB at 25,000 documents (bench/README). Separate files are read from disk."""
    settings.KER_SEARCH_BACKEND = "whoosh"
    items = [Item("lavoir", "Le lavoir du Moulin", "Les lavandières.")]
    source = FakeSource("article", "Article", items)
    registry.register(source)
    index_rebuild()
    later = Item("phare", "Le phare de l'Aber", "Le gardien du phare.")
    assert document_index(source=source, obj=later)

    names = [path.name for path in search_index.iterdir()]
    assert len([name for name in names if name.endswith(".trm")]) == 2, names  # two segments
    assert not [name for name in names if name.endswith(".seg")], names
    assert [hit.title for hit in search_documents(text="gardien").hits] == ["Le phare de l'Aber"]
    assert [hit.title for hit in search_documents(text="lavandiere").hits] == [
        "Le lavoir du Moulin"
    ]
