"""French analysis: plurals, accents both ways and stop words match as a French reader expects."""

import pytest

from search.analysis import french_analyzer
from search.selectors import search_documents
from search.services import index_rebuild


def terms(text: str) -> list[str]:
    return [token.text for token in french_analyzer()(text)]


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("ecoles", "École"),
        ("écoles", "ecole"),
        ("lavoirs", "lavoir"),
        ("LAVOIR", "lavoirs"),
        ("criee", "criée"),
        ("marches", "Marché"),
        ("fetes", "fête"),
        ("eglise", "Église"),
        ("bibliotheques", "bibliothèque"),
    ],
)
def test_plural_and_accent_variants_share_a_term(typed, written):
    assert terms(typed) == terms(written)


def test_french_stop_words_are_dropped_with_or_without_accents():
    assert terms("le lavoir de la commune et à côté") == terms("lavoir commune côté")
    assert terms("a la") == []


def test_ete_is_kept_because_it_is_also_the_season():
    assert terms("fête de l'été") == ["fet", "ete"]


def test_elisions_are_split_off():
    assert terms("l'école d'Anne") == terms("école Anne")


def test_search_for_ecoles_finds_ecole(corpus):
    titles = [hit.title for hit in search_documents(text="ecoles").hits]
    assert "École Jules-Ferry" in titles


def test_search_with_accents_finds_unaccented_text(search_index):
    from search import registry

    from .corpus import FakeSource, Item

    registry.register(
        FakeSource("article", "Article", [Item("a", "Ecole sans accent", "texte brut")])
    )
    index_rebuild()
    assert [hit.title for hit in search_documents(text="écoles").hits] == ["Ecole sans accent"]


def test_a_query_of_stop_words_only_finds_nothing(corpus):
    assert search_documents(text="le la les de").total == 0
