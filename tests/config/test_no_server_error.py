"""Odd and hostile inputs on public URLs never produce a server error."""

import pytest

pytestmark = pytest.mark.django_db

BIG = "9" * 30


@pytest.fixture
def article(create_article):
    return create_article(title="Le port", body="Le port de [[Kerlann]].")


@pytest.mark.parametrize(
    "url",
    [
        f"/wiki/le-port/diff/{BIG}/1/",
        f"/wiki/le-port/historique/{BIG}/",
        "/wiki/le-port/historique/?page=abc",
        "/wiki/?page=99999999999999999999",
        "/wiki/?lettre=%00",
        "/wiki/creer/?titre=%00",
        "/recherche/?q=%00",
        "/recherche/?q=" + "a" * 10000,
        "/recherche/?q=title:(port&page=-1",
        "/recherche/suggestions/?q=%22",
        "/modifications-recentes/?utilisateur=" + "x" * 500 + "&page=zz",
        "/modifications-recentes/flux/?masquer_mineures=%00",
        "/communs/?critere=x&niveau=y&tri=zzz&page=abc",
        f"/communs/{BIG}/",
        "/carte.geojson?portail=%00",
        "/contributeurs/%00/",
        "/suivi/flux/%00/",
        "/signaler/?url=javascript:alert(1)",
        "/sante/?x=%00",
    ],
)
def test_odd_get_requests_never_fail(client, article, url):
    assert client.get(url).status_code < 500


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (f"/wiki/le-port/historique/{BIG}/restaurer/", {}),
        ("/wiki/apercu/", {"body": "a\x00b" * 1000}),
        ("/wiki/creer/", {"title": "Nul\x00", "body": "a\x00b"}),
        ("/wiki/le-port/modifier/", {"title": "Le port", "body": "x", "base_revision_id": BIG}),
        ("/wiki/le-port/discussion/", {"body": "x", "parent_id": BIG}),
        ("/relecture/decision/", {"source": "wiki", "item_id": BIG, "decision": "approve"}),
        ("/communs/declarer/", {"name": "x\x00", "summary": "y"}),
        ("/signaler/", {"url": "/wiki/le-port/", "reason": "x" * 5000}),
    ],
)
def test_odd_posts_never_fail(resident_client, article, url, data):
    assert resident_client.post(url, data).status_code < 500


@pytest.mark.parametrize(
    "url", ["/contributeurs/%00/", "/suivi/flux/%00/", "/carte.geojson?portail=%00", "/?q=%00"]
)
def test_nul_characters_are_refused_with_400(client, db, url):
    assert client.get(url).status_code == 400
