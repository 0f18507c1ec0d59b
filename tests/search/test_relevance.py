"""Relevance set: French queries a resident would type, each expecting a document in the top 3.

Plurals, missing or extra accents, typos, several words and commune names, against the fixed
Port-Kerlann corpus in ``corpus.py``.
"""

import pytest

from search.selectors import search_documents

RELEVANCE_SET = [
    ("port de pêche", "port-de-peche"),
    ("ports", "port-de-peche"),
    ("pecheurs", "port-de-peche"),
    ("ecoles", "ecole-jules-ferry"),
    ("école primaire", "ecole-jules-ferry"),
    ("école de voile", "ecole-de-voile"),
    ("lavoirs", "lavoir"),
    ("lavoire", "lavoir"),
    ("lavandieres", "lavoir"),
    ("phares", "phare"),
    ("phare de kerlann", "phare"),
    ("pahre", "phare"),
    ("chapelle sainte anne", "chapelle"),
    ("chapele", "chapelle"),
    ("pardon", "pardon"),
    ("marche du samedi", "marche"),
    ("Marchés", "marche"),
    ("fete de la mer", "fete-mer"),
    ("festival musique bretonne", "festival"),
    ("festivals", "festival"),
    ("criee", "criee"),
    ("criée poisson", "criee"),
    ("bibliotheque", "mediatheque"),
    ("médiathèque", "mediatheque"),
    ("randonnée côtière", "sentier"),
    ("sentier des douaniers", "sentier"),
    ("Plouzan église", "eglise"),
    ("eglises", "eglise"),
    ("tremeur mairie", "mairie"),
    ("menhir Trémeur", "menhir"),
    ("jardins partagés", "jardin-partage"),
    ("jardin partage", "jardin-partage"),
    ("epicerie cooperative", "epicerie"),
    ("AMAP légumes", "amap"),
    ("goemon", "goemon"),
    ("algues", "goemon"),
    ("huitres", "huitres"),
    ("ostréiculture", "huitres"),
    ("moulin à marée", "moulin"),
    ("bateaux en bois", "chantier"),
    ("plages", "plage"),
    ("dunes", "dune"),
    ("crêpes", "creperie"),
    ("kig ha farz", "creperie"),
    ("cinema", "cinema"),
    ("repair cafe", "repair-cafe"),
    ("réparer vélos", "repair-cafe"),
    ("patrimoine maritime", "patrimoine-maritime"),
    ("naufrage", "naufrage"),
    ("sauveteurs snsm", "sauvetage"),
    ("conserverie sardines", "conserverie"),
    ("cale mise à l'eau", "cale"),
    ("four a pain", "four-a-pain"),
    ("boite a livres", "boite-a-livres"),
    ("voilier partagé", "voilier-partage"),
]


def test_the_relevance_set_is_large_enough():
    assert len(RELEVANCE_SET) >= 30


@pytest.mark.parametrize(("query", "expected"), RELEVANCE_SET)
def test_expected_document_in_top_three(corpus, query, expected):
    results = search_documents(text=query)
    top = [hit.url.strip("/").split("/")[-1] for hit in results.hits[:3]]
    assert expected in top, f"{query!r} -> {top}"
