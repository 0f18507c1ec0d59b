"""search_rebuild and search_check through call_command with the fake corpus."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from search import registry
from search.registry import index_document
from search.selectors import search_documents
from search.services import index_check, index_document_count

from .corpus import FakeSource, Item

# search_check also reports the changes still queued in the database (search.models.IndexTask).
pytestmark = pytest.mark.django_db


def run(name: str, *args: str) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_rebuild_indexes_every_published_object(sources):
    output = run("search_rebuild")
    expected = sum(source.count() for source in sources.values())
    assert index_document_count() == expected
    assert f"{expected} documents" in output
    assert "article : 28" in output
    assert "doc" in output  # the progress bar


def test_rebuild_replaces_stale_content(sources):
    registry.register(FakeSource("old", "Ancien", [Item("x", "Phare disparu")]))
    run("search_rebuild", "--no-progress")
    registry.unregister("old")
    run("search_rebuild", "--no-progress")
    assert "Phare disparu" not in [hit.title for hit in search_documents(text="phare").hits]


def test_check_reports_a_clean_index(sources):
    run("search_rebuild", "--no-progress")
    output = run("search_check", "--no-progress")
    assert "L’index est à jour." in output


def test_check_reports_and_repairs_missing_stale_and_orphans(sources):
    run("search_rebuild", "--no-progress")
    articles = sources["article"]
    # Missing: published without going through the services.
    articles.items["nouveau"] = Item("nouveau", "Le nouveau ponton", "ponton", day=50)
    # Stale: changed without reindexing.
    articles.items["phare"].title = "Le phare rénové"
    articles.items["phare"].day = 60
    # Orphan: deleted behind the index's back.
    del articles.items["lavoir"]

    output = run("search_check", "--no-progress")
    assert "Manquants : 1" in output
    assert "article:nouveau" in output
    assert "Périmés : 1" in output
    assert "article:phare" in output
    assert "Orphelins : 1" in output
    assert "article:lavoir" in output
    assert "--repair" in output

    with pytest.raises(CommandError):
        call_command("search_check", "--no-progress", "--fail-on-drift", stdout=StringIO())

    output = run("search_check", "--repair", "--no-progress")
    assert "Index réparé." in output
    assert index_check().is_clean
    assert [hit.title for hit in search_documents(text="ponton").hits] == ["Le nouveau ponton"]
    assert search_documents(text="phare rénové").hits[0].title == "Le phare rénové"
    assert "lavoir" not in [hit.url.split("/")[2] for hit in search_documents(text="lavoir").hits]


def test_check_sees_unpublished_documents_as_orphans(sources):
    run("search_rebuild", "--no-progress")
    sources["commons"].items["amap"].published = False
    report = index_check()
    assert report.orphans == ["commons:amap"]
    index_document("commons", sources["commons"].items["amap"])
    assert index_check().is_clean
