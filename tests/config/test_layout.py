"""What every page shares: the language switch in the header, a favicon, French short dates, and
French alphabetical order (École sorts with E)."""

import re

import pytest

pytestmark = pytest.mark.django_db

FRENCH_SHORT_DATE = re.compile(
    r"\b\d{1,2} (jan\.|fév\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4}\b"
)


def _header(html: str) -> str:
    return html.split('<header class="site-header">')[1].split("</header>")[0]


def test_language_switch_is_in_the_header_and_switches(client):
    header = _header(client.get("/wiki/").content.decode())
    assert 'name="language" value="en"' in header
    assert ">English</button>" in header

    response = client.post("/langue/", {"language": "en", "next": "/wiki/"})
    assert response.status_code == 302
    header = _header(client.get("/wiki/").content.decode())
    assert 'name="language" value="fr"' in header
    assert ">Français</button>" in header


def test_pages_have_a_favicon(client):
    html = client.get("/").content.decode()
    match = re.search(r'<link rel="icon" href="([^"]+)"', html)
    assert match and match.group(1).endswith("favicon.svg")


def test_history_shows_french_short_dates(client, create_article):
    article = create_article(title="La cale", body="La cale du Passage.")

    html = client.get(f"/wiki/{article.slug}/historique/").content.decode()

    assert FRENCH_SHORT_DATE.search(html), "no French short date in the history"
    assert not re.search(r"\b\d{1,2} (Jan|Feb|Fév|Mar|Apr|Avr|Nov|Oct|Dec|Déc) \d{4}\b", html)


def test_article_index_sorts_accented_titles_as_french_readers_expect(client, create_article):
    for title in (
        "Zostère",
        "École Jules-Ferry",
        "Église Saint-Tugdual",
        "Abri du marin",
        "Ecluse",
    ):
        create_article(title=title, body=f"{title}, un lieu du territoire.")

    html = client.get("/wiki/").content.decode()
    positions = [
        html.index(f">{title}</a>")
        for title in ("Abri du marin", "Ecluse", "École Jules-Ferry", "Église Saint-Tugdual")
    ]
    assert positions == sorted(positions)
    assert html.index(">Église Saint-Tugdual</a>") < html.index(">Zostère</a>")


def test_commons_directory_sorts_accented_names_as_french_readers_expect(
    client, resident, facilitator
):
    from commons.services import commons_declare, commons_publish

    for name in ("Zone de gratuité", "Épicerie solidaire", "Atelier vélo", "Entraide"):
        commons = commons_declare(
            user=resident,
            name=name,
            summary=f"{name} du quartier.",
            commune="Port-Kerlann",
            duplicates_confirmed=True,
        )
        commons_publish(commons=commons, user=facilitator)

    html = client.get("/communs/").content.decode()
    positions = [
        html.index(name) for name in ("Atelier vélo", "Entraide", "Épicerie solidaire", "Zone")
    ]
    assert positions == sorted(positions)
