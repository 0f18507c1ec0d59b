"""The read API shows exactly what a visitor may see, with stable ids, caching and limits."""

from __future__ import annotations

import pytest


def results(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response.json()["results"]


def test_root_lists_every_resource_and_docs_page_is_french_with_curl(client, db):
    root = client.get("/api/v1/").json()
    assert set(root) >= {"articles", "commons", "grid", "portals", "recent_changes", "search"}
    docs = client.get("/api/")
    assert docs.status_code == 200
    text = docs.content.decode()
    assert "curl" in text and "API et données ouvertes" in text and "ODbL" in text


def test_openapi_schema_is_served_and_lists_only_the_public_api(client, db):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    import yaml

    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/articles/{key}/" in schema["paths"]
    assert all(path.startswith("/api/v1/") for path in schema["paths"])


def test_article_detail_gives_live_text_never_the_pending_edit(client, territory):
    article = territory.article
    data = client.get(f"/api/v1/articles/{article.slug}/").json()
    assert data["markdown"] == "Le lavoir date de 1850.\nIl est restauré.\n"
    assert "restauré" in data["html"]
    assert "ATTENTE" not in data["markdown"] and "ATTENTE" not in data["html"]
    assert data["tags"] == ["patrimoine", "eau"]
    assert data["place"] == {"name": "Bourg", "latitude": 48.38, "longitude": -4.49}
    assert data["portals"][0]["slug"] == "patrimoine"
    assert data["authors"] == ["maela"]
    assert data["licence"]["name"] == "CC BY-SA 4.0"
    assert [link["slug"] for link in data["backlinks"]] == ["la-chapelle"]
    assert data["urls"]["source"].endswith(f"/wiki/{article.slug}/source/")
    # The numeric id is a stable alias of the slug.
    by_id = client.get(f"/api/v1/articles/{article.pk}/").json()
    assert by_id["slug"] == article.slug


def test_article_list_filters_by_tag_portal_bbox_date_and_text(client, territory):
    slugs = lambda url: [item["slug"] for item in results(client, url)]  # noqa: E731
    assert set(slugs("/api/v1/articles/")) == {"le-lavoir-du-bourg", "la-chapelle"}
    assert slugs("/api/v1/articles/?tag=PATRIMOINE") == ["le-lavoir-du-bourg"]
    assert slugs("/api/v1/articles/?portal=patrimoine") == ["le-lavoir-du-bourg"]
    assert slugs("/api/v1/articles/?bbox=-4.6,48.3,-4.4,48.5") == ["le-lavoir-du-bourg"]
    assert slugs("/api/v1/articles/?bbox=0,0,1,1") == []
    assert slugs("/api/v1/articles/?q=restauré") == ["le-lavoir-du-bourg"]
    assert slugs("/api/v1/articles/?q=ATTENTE") == []  # the pending text is never searched
    assert slugs("/api/v1/articles/?q=chapelle") == ["la-chapelle"]
    assert len(slugs("/api/v1/articles/?modified_since=2000-01-01")) == 2
    assert slugs("/api/v1/articles/?modified_since=2999-01-01T00:00:00Z") == []
    assert client.get("/api/v1/articles/?bbox=abc").status_code == 400
    assert client.get("/api/v1/articles/?modified_since=hier").status_code == 400
    assert client.get("/api/v1/articles/?portal=inconnu").status_code == 400


def test_revisions_exclude_pending_refused_and_hidden_ones(client, territory):
    slug = territory.article.slug
    ids = [item["id"] for item in results(client, f"/api/v1/articles/{slug}/revisions/")]
    assert ids == [territory.live_revision_id, territory.first_revision_id]
    one = client.get(f"/api/v1/articles/{slug}/revisions/{territory.first_revision_id}/")
    assert one.status_code == 200 and one.json()["markdown"] == "Le lavoir date de 1850.\n"
    for hidden in (territory.hidden_revision_id, territory.pending_revision_id):
        assert client.get(f"/api/v1/articles/{slug}/revisions/{hidden}/").status_code == 404
        assert client.get(f"/wiki/{slug}/source/?revision={hidden}").status_code == 404
    refused = territory.refused_article.slug
    assert (
        client.get(f"/api/v1/articles/{refused}/revisions/{territory.refused_revision_id}/")
    ).status_code == 404
    changes = results(client, "/api/v1/recent-changes/")
    change_ids = {item["revision_id"] for item in changes}
    assert territory.live_revision_id in change_ids
    assert not change_ids & {
        territory.hidden_revision_id,
        territory.pending_revision_id,
        territory.refused_revision_id,
    }


def test_diff_between_two_public_revisions_only(client, territory):
    slug = territory.article.slug
    first, live = territory.first_revision_id, territory.live_revision_id
    diff = client.get(f"/api/v1/articles/{slug}/diff/{first}/{live}/").json()
    assert "+Il est restauré.\n" in diff["unified_diff"]
    hidden = territory.hidden_revision_id
    assert client.get(f"/api/v1/articles/{slug}/diff/{first}/{hidden}/").status_code == 404
    pending = territory.pending_revision_id
    assert client.get(f"/api/v1/articles/{slug}/diff/{live}/{pending}/").status_code == 404


def test_source_view_serves_markdown_as_plain_text(client, territory):
    slug = territory.article.slug
    response = client.get(f"/wiki/{slug}/source/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == "Le lavoir date de 1850.\nIl est restauré.\n"
    old = client.get(f"/wiki/{slug}/source/?revision={territory.first_revision_id}")
    assert old.content.decode() == "Le lavoir date de 1850.\n"
    assert client.head(f"/wiki/{slug}/source/").status_code == 200
    assert client.get("/wiki/inconnu/source/").status_code == 404
    assert client.get(f"/wiki/{slug}/source/?revision=abc").status_code == 404


def test_commons_show_published_records_and_public_contact_only(client, territory):
    ids = {item["id"] for item in results(client, "/api/v1/commons/")}
    assert ids == {territory.commons.slug, territory.private_commons.slug}
    for hidden in (territory.pending_commons, territory.unpublished_commons):
        assert client.get(f"/api/v1/commons/{hidden.slug}/").status_code == 404
        assert client.get(f"/api/v1/commons/{hidden.pk}/").status_code == 404
    record = client.get(f"/api/v1/commons/{territory.commons.slug}/").json()
    assert record["contact"]["email"] == "anne@example.org"
    assert record["shared_resources"] == "Outils et graines."
    assert record["related_articles"][0]["title"] == "Le lavoir du bourg"
    assert record["portals"] == ["patrimoine"]
    answer = record["assessment"]["answers"][0]
    assert record["assessment"]["grid"]["version"] == 1
    assert answer["level"] and answer["text"] == "Décisions en assemblée."
    private = client.get(f"/api/v1/commons/{territory.private_commons.pk}/")
    assert private.status_code == 200
    assert private.json()["contact"] is None
    assert b"secret@example.org" not in private.content


def test_commons_list_filters_include_grid_levels(client, territory):
    record = client.get(f"/api/v1/commons/{territory.commons.slug}/").json()
    answer = record["assessment"]["answers"][0]
    url = f"/api/v1/commons/?criterion={answer['criterion']}&level={answer['level']}"
    assert [item["id"] for item in results(client, url)] == [territory.commons.slug]
    assert [i["id"] for i in results(client, "/api/v1/commons/?tag=jardin")] == [
        territory.commons.slug
    ]
    assert results(client, "/api/v1/commons/?commune=Ailleurs") == []


def test_grid_portals_and_search(client, territory):
    grids = client.get("/api/v1/grid/").json()
    assert grids[0]["is_current"] and grids[0]["criteria"] and grids[0]["levels"]
    assert client.get(f"/api/v1/grid/{grids[0]['version']}/").status_code == 200
    assert client.get("/api/v1/grid/999/").status_code == 404
    portal = client.get("/api/v1/portals/patrimoine/").json()
    assert [a["id"] for a in portal["articles"]] == [territory.article.slug]
    assert [c["id"] for c in portal["commons"]] == [territory.commons.slug]
    found = client.get("/api/v1/search/?q=lavoir").json()
    assert found["total"] >= 1
    assert {facet["parameter"] for facet in found["facets"]} >= {"type"}
    assert all(hit["url"].startswith("http") for hit in found["results"])
    assert "ATTENTE" not in str(found)


def test_cursor_pagination_walks_every_record_once(client, territory):
    seen, url = [], "/api/v1/articles/?limit=1"
    while url:
        data = client.get(url).json()
        seen.extend(item["slug"] for item in data["results"])
        url = data["next"]
    assert sorted(seen) == ["la-chapelle", "le-lavoir-du-bourg"]


def test_conditional_get_answers_304_and_head_works(client, territory):
    url = f"/api/v1/articles/{territory.article.slug}/"
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    for path in ("/api/v1/", url, "/api/v1/commons/", "/api/v1/search/?q=lavoir"):
        assert client.head(path).status_code == 200
    assert client.post("/api/v1/articles/").status_code == 405


def test_cors_is_open_for_the_api_only(client, territory):
    response = client.get("/api/v1/articles/", HTTP_ORIGIN="https://ailleurs.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    page = client.get("/communs/", HTTP_ORIGIN="https://ailleurs.example")
    assert "Access-Control-Allow-Origin" not in page


@pytest.mark.django_db
def test_anonymous_clients_get_429_with_retry_after(client, settings):
    settings.KER_API_ANON_RATE = "3/min"
    statuses = [client.get("/api/v1/grid/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/grid/")
    assert int(refused["Retry-After"]) > 0
    assert "detail" in refused.json()
