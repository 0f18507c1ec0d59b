"""A search that finds nothing helps: create the article (signed in), browse instead, and no
empty "Affiner" block."""

import pytest

pytestmark = pytest.mark.django_db

QUERY = "Moulin de Kerhuel"


def test_no_result_offers_to_create_the_article_when_signed_in(resident_client, create_article):
    create_article(title="La criée", body="La criée ouvre à cinq heures.")

    html = resident_client.get("/recherche/", {"q": QUERY}).content.decode()

    assert "Aucun résultat." in html
    assert 'href="/wiki/creer/?titre=Moulin%20de%20Kerhuel"' in html
    assert "Créer l'article « Moulin de Kerhuel »" in html
    assert 'href="/wiki/"' in html and 'href="/portails/"' in html
    assert "Affiner" not in html


def test_no_result_asks_visitors_to_log_in_to_create_it(client, create_article):
    create_article(title="La criée", body="La criée ouvre à cinq heures.")

    html = client.get("/recherche/", {"q": QUERY}).content.decode()

    assert "Connectez-vous pour créer cet article" in html
    assert "/comptes/connexion/?next=/wiki/creer/%3Ftitre%3DMoulin%20de%20Kerhuel" in html
    assert "Affiner" not in html


def test_results_keep_the_facets_and_offer_no_creation(resident_client, create_article):
    create_article(title="La criée", body="La criée ouvre à cinq heures.", tags=("port",))

    html = resident_client.get("/recherche/", {"q": "criée"}).content.decode()

    assert "/wiki/la-criee/" in html
    assert "Affiner" in html
    assert "Créer l'article" not in html
