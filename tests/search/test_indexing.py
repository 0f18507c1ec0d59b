"""Keeping the index in step: index, remove, unpublish, and concurrent writers."""

import threading

from whoosh import index as whoosh_index

from search import backend, registry
from search.backend import INDEX_NAME
from search.registry import index_document, remove_document
from search.selectors import search_documents
from search.services import index_document_count

from .corpus import FakeSource, Item


def titles(text: str) -> list[str]:
    return [hit.title for hit in search_documents(text=text).hits]


def test_index_document_makes_an_object_searchable(search_index):
    source = registry.register(FakeSource("article", "Article"))
    item = Item("phare", "Le phare de Kerlann", "Il guide les navires.")
    assert index_document("article", item) is True
    assert titles("phare") == ["Le phare de Kerlann"]
    assert source.name == "article"


def test_reindexing_replaces_the_document_after_a_rename(search_index):
    registry.register(FakeSource("article", "Article"))
    item = Item("phare", "Le phare de Kerlann")
    index_document("article", item)
    item.title = "Le grand phare"
    index_document("article", item)
    assert titles("phare") == ["Le grand phare"]
    assert index_document_count() == 1


def test_remove_document_takes_it_out(search_index):
    registry.register(FakeSource("article", "Article"))
    index_document("article", Item("phare", "Le phare"))
    assert remove_document("article", "phare") is True
    assert titles("phare") == []
    assert remove_document("article", "absent") is True


def test_unpublished_object_is_removed_not_indexed(search_index):
    registry.register(FakeSource("article", "Article"))
    item = Item("lavoir", "Le lavoir")
    index_document("article", item)
    item.published = False
    index_document("article", item)
    assert titles("lavoir") == []


def test_pending_object_is_never_indexed(search_index):
    registry.register(FakeSource("article", "Article"))
    index_document("article", Item("brouillon", "Brouillon du lavoir", published=False))
    assert index_document_count() == 0


def test_unknown_source_is_an_error(search_index):
    import pytest

    with pytest.raises(KeyError):
        index_document("nope", Item("x", "X"))


def test_incomplete_source_is_refused(search_index):
    import pytest

    class Incomplete:
        name = "broken"

    with pytest.raises(TypeError):
        registry.register(Incomplete())


def test_concurrent_writes_from_four_threads_keep_the_index_sound(whoosh_engine, search_index):
    registry.register(FakeSource("article", "Article"))
    per_thread = 15
    errors: list[BaseException] = []
    outcomes: list[bool] = []
    start = threading.Barrier(4)

    def write(thread_number: int) -> None:
        try:
            start.wait()
            for number in range(per_thread):
                item = Item(f"t{thread_number}-{number}", f"Lavoir numéro {number}", "eau")
                outcomes.append(index_document("article", item))
                if number % 5 == 4:
                    outcomes.append(remove_document("article", f"t{thread_number}-{number}"))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors
    assert all(outcomes)
    backend.forget_indexes()
    reopened = whoosh_index.open_dir(str(search_index), indexname=INDEX_NAME)
    with reopened.searcher() as searcher:
        assert searcher.doc_count() == 4 * (per_thread - per_thread // 5)
    assert search_documents(text="lavoir").total == 4 * (per_thread - per_thread // 5)


def test_index_directory_defaults_outside_media(settings):
    if hasattr(settings, "KER_SEARCH_INDEX_DIR"):
        del settings.KER_SEARCH_INDEX_DIR
    directory = backend.index_directory()
    assert directory == settings.BASE_DIR / "var" / "search-index"
    assert str(settings.MEDIA_ROOT) not in str(directory)
