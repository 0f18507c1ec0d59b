"""History, old revisions, diffs, revert, recent changes and the Atom feed."""

import pytest
from django.urls import reverse

from wiki.models import RevisionMeta
from wiki.services import ArticleFields, article_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited_article(create_article, other_resident):
    page = create_article(title="Le phare", body="Le phare est blanc.\n\nIl éclaire la baie.\n")
    article_save(
        page=page,
        fields=ArticleFields(
            title="Le phare", body="Le phare est rouge et blanc.\n\nIl éclaire la baie.\n"
        ),
        user=other_resident,
        base_revision_id=page.latest_revision_id,
        edit_summary="couleurs",
    )
    page.refresh_from_db()
    return page


def revisions(page):
    return list(RevisionMeta.objects.filter(page=page).order_by("created_at", "revision_id"))


def test_history_lists_every_revision_with_author_summary_and_size(client, edited_article):
    html = client.get(reverse("wiki:history", args=[edited_article.slug])).content.decode()
    assert "maela" in html and "yannick" in html
    assert "couleurs" in html
    assert 'class="size-plus"' in html
    assert html.count('name="de"') == 2


def test_old_revision_is_viewable(client, edited_article):
    first = revisions(edited_article)[0]
    response = client.get(reverse("wiki:revision", args=[edited_article.slug, first.revision_id]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le phare est blanc." in html
    assert (
        "Ce n&#x27;est pas la version publiée" in html or "Ce n'est pas la version publiée" in html
    )


def test_diff_inline_and_side_by_side(client, edited_article):
    first, second = revisions(edited_article)
    url = reverse("wiki:diff", args=[edited_article.slug, first.revision_id, second.revision_id])
    inline = client.get(url).content.decode()
    assert "<ins>" in inline and "rouge" in inline
    side = client.get(url + "?vue=cote").content.decode()
    assert "diff-side" in side and "changed-right" in side


def test_history_compare_form_redirects_to_the_diff(client, edited_article):
    first, second = revisions(edited_article)
    response = client.get(
        reverse("wiki:history", args=[edited_article.slug]),
        {"de": second.revision_id, "a": first.revision_id},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wiki:diff", args=[edited_article.slug, first.revision_id, second.revision_id]
    )


def test_diff_of_revisions_of_another_article_is_404(client, edited_article, create_article):
    other = create_article(title="Autre", body="x")
    first = revisions(edited_article)[0]
    url = reverse("wiki:diff", args=[other.slug, first.revision_id, other.latest_revision_id])
    assert client.get(url).status_code == 404


def test_revert_creates_a_new_revision_with_automatic_summary(resident_client, edited_article):
    first = revisions(edited_article)[0]
    response = resident_client.post(
        reverse("wiki:revert", args=[edited_article.slug, first.revision_id])
    )
    assert response.status_code == 302
    edited_article.refresh_from_db()
    assert edited_article.body == "Le phare est blanc.\n\nIl éclaire la baie.\n"
    latest = revisions(edited_article)[-1]
    assert len(revisions(edited_article)) == 3
    assert latest.edit_summary.startswith("Retour à la version du")
    assert latest.reverted_to_id == first.revision_id


def test_visitor_cannot_revert(client, edited_article):
    first = revisions(edited_article)[0]
    response = client.post(reverse("wiki:revert", args=[edited_article.slug, first.revision_id]))
    assert response.status_code == 302
    assert len(revisions(edited_article)) == 2


def test_revert_to_a_foreign_revision_changes_nothing(
    resident_client, edited_article, create_article
):
    other = create_article(title="Autre", body="x")
    response = resident_client.post(
        reverse("wiki:revert", args=[edited_article.slug, other.latest_revision_id])
    )
    assert response.status_code == 302
    assert len(revisions(edited_article)) == 2


def test_recent_changes_filters(client, edited_article, create_article, other_resident):
    page = create_article(title="La cale", body="Une cale.")
    article_save(
        page=page,
        fields=ArticleFields(title="La cale", body="Une cale de halage."),
        user=other_resident,
        base_revision_id=page.latest_revision_id,
        minor=True,
        edit_summary="précision mineure",
    )
    html = client.get("/modifications-recentes/").content.decode()
    assert "précision mineure" in html and "couleurs" in html
    html = client.get("/modifications-recentes/?masquer_mineures=on").content.decode()
    assert "précision mineure" not in html and "couleurs" in html
    html = client.get("/modifications-recentes/?utilisateur=maela").content.decode()
    assert "couleurs" not in html and "La cale" in html
    html = client.get("/modifications-recentes/?nouvelles=on").content.decode()
    assert "couleurs" not in html and "précision mineure" not in html
    html = client.get("/wiki/nouvelles-pages/").content.decode()
    assert "La cale" in html and "couleurs" not in html


def test_recent_changes_atom_feed(client, edited_article):
    response = client.get("/modifications-recentes/flux/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<feed" in body and "Le phare" in body and "couleurs" in body


def test_random_article_redirects_to_an_article(client, edited_article):
    response = client.get("/wiki/hasard/")
    assert response.status_code == 302 and response["Location"] == edited_article.url


def test_index_lists_articles_a_to_z_with_letter_filter(client, create_article):
    create_article(title="Zostères", body="x")
    create_article(title="Abri du marin", body="x")
    html = client.get("/wiki/").content.decode()
    assert html.index("Abri du marin") < html.index("Zostères")
    html = client.get("/wiki/?lettre=Z").content.decode()
    assert "Zostères" in html and "Abri du marin" not in html


def test_article_page_shows_toc_authors_and_licence(client, create_article):
    body = "## Origines\ntexte\n## Usages\ntexte\n## Aujourd'hui\ntexte\n"
    page = create_article(title="La cale", body=body, summary="Une cale de halage.")
    html = client.get(page.url).content.decode()
    assert "Sommaire" in html and 'href="#origines"' in html
    assert "maela" in html
    assert "CC BY-SA 4.0" in html
    assert "Une cale de halage." in html
    assert 'aria-current="page">Lire' in html


@pytest.mark.parametrize(
    "url",
    [
        "/wiki/inexistant/historique/",
        "/wiki/inexistant/modifier/",
        "/wiki/inexistant/diff/1/2/",
        "/wiki/inexistant/historique/99/",
        "/wiki/inexistant/",
    ],
)
def test_unknown_articles_are_404_not_500(client, url):
    assert client.get(url).status_code == 404


def test_rendered_html_is_cached_per_revision(
    client, create_article, django_assert_max_num_queries
):
    page = create_article(title="Cache", body="Voir [[A]], [[B]], [[C]] et [[D]].")
    client.get(page.url)
    with django_assert_max_num_queries(14):
        response = client.get(page.url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "filters",
    [{}, {"include_pending": False}, {"hide_minor": True}, {"unpatrolled_only": True}],
)
def test_recent_changes_read_the_revisions_in_index_order(filters):
    """The newest local edits come from an index in their order (wiki_revmeta_recent), not from
    sorting every revision of the wiki: the cost of the list must not grow with the wiki."""
    from django.db import connection

    from wiki.selectors.history import recent_changes

    query = recent_changes(**filters)[:50]
    sql, params = query.query.sql_with_params()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = " | ".join(row[-1] for row in cursor.fetchall())
        assert "wiki_revmeta_recent" in plan, plan
        assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
    else:
        # PostgreSQL picks its plan from the table's statistics: the index must be there, in
        # the order of the list.
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(
                cursor, RevisionMeta._meta.db_table
            )
        index = constraints["wiki_revmeta_recent"]
        assert index["columns"] == ["origin", "created_at", "revision_id"]
        assert index["orders"] == ["ASC", "DESC", "DESC"]


def test_recent_changes_stop_at_their_newest_edits_and_count_no_further(
    client, edited_article, create_article, monkeypatch
):
    """Like MediaWiki's (90 days), the list keeps the newest edits only (5,000): counting its
    pages reads no more than that, however big the wiki; older edits stay in each history."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wiki.views import history

    create_article(title="La cale", body="Une cale.")
    create_article(title="Le môle", body="Un môle.")  # 4 edits in all, the phare's 2 oldest
    html = client.get("/modifications-recentes/").content.decode()
    assert "couleurs" in html and "Le môle" in html
    assert "les plus anciennes sont dans l'historique" not in html

    monkeypatch.setattr(history, "RECENT_CHANGES_MAX", 3)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/modifications-recentes/").content.decode()
    assert "Le môle" in html and "La cale" in html and "couleurs" in html
    assert html.count('href="/wiki/le-phare/historique/"') == 1  # its creation is left out
    assert "les plus anciennes sont dans l'historique de chaque article" in html
    counts = [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]
    assert counts and all("LIMIT 3" in sql for sql in counts), counts
    assert client.get("/modifications-recentes/?page=2").status_code == 200
    history_html = client.get(reverse("wiki:history", args=["le-phare"])).content.decode()
    for meta in revisions(edited_article):
        assert reverse("wiki:revision", args=["le-phare", meta.revision_id]) in history_html
