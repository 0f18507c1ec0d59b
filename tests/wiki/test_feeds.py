"""Atom feeds are valid for feed readers: URI ids, one id per feed and per person, rel=self."""

from __future__ import annotations

import feedparser
import pytest

from tests.atom_rules import atom_problems
from wiki.models import Watch


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom_problems(response.content) == []
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def assert_uri(value: str):
    assert value.startswith(("http://", "https://", "tag:")), value


@pytest.mark.django_db
def test_recent_changes_feed_has_uri_ids_and_a_self_link_with_the_query(client, create_article):
    create_article(title="Le lavoir", body="Le lavoir du bourg.")
    create_article(title="La chapelle", body="La chapelle.")
    feed = parse(client, "/modifications-recentes/flux/?masquer_mineures=1")
    assert_uri(feed.feed.id)
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == ["http://testserver/modifications-recentes/flux/?masquer_mineures=1"]
    ids = [entry.id for entry in feed.entries]
    assert len(ids) == 2 and len(set(ids)) == 2
    for entry_id in ids:
        assert_uri(entry_id)
        assert "/historique/" in entry_id
    plain = parse(client, "/modifications-recentes/flux/")
    assert plain.feed.id != feed.feed.id


@pytest.mark.django_db
def test_each_person_has_their_own_watchlist_feed_id(client, create_article, resident, newcomer):
    page = create_article(title="Le lavoir", body="Le lavoir du bourg.")
    feed_ids = []
    for person in (resident, newcomer):
        Watch.objects.create(user=person, page=page)
        person.feed_token = f"jeton-prive-{person.username}"
        person.save(update_fields=["feed_token"])
        feed = parse(client, f"/suivi/flux/{person.feed_token}/")
        assert_uri(feed.feed.id)
        assert person.feed_token not in feed.feed.id  # the private token never leaks in the id
        assert len(feed.entries) == 1
        feed_ids.append(feed.feed.id)
    assert feed_ids[0] != feed_ids[1]


@pytest.mark.django_db
def test_article_history_feed_lists_only_its_approved_edits(client, create_article, newcomer):
    from wiki.services import ArticleFields, article_save

    page = create_article(title="Le lavoir", body="Le lavoir du bourg.")
    create_article(title="La chapelle", body="Autre article.")
    fields = ArticleFields.from_page(page)
    article_save(
        page=page,
        fields=ArticleFields(**{**fields.__dict__, "body": "EN ATTENTE"}),
        user=newcomer,
        base_revision_id=page.latest_revision_id,
        edit_summary="attente",
    )
    feed = parse(client, f"/wiki/{page.slug}/historique/flux/")
    assert [entry.title for entry in feed.entries] == ["Le lavoir"]
    assert "attente" not in str(feed.entries)
    assert feed.feed.title.startswith("Le lavoir")
    assert client.get("/wiki/inconnu/historique/flux/").status_code == 404


@pytest.mark.django_db
def test_new_commons_feed_lists_published_commons_only(client, resident, facilitator):
    from commons.services import commons_declare, commons_publish

    published = commons_declare(
        user=resident, name="Jardin du Moulin", summary="Un potager.", duplicates_confirmed=True
    )
    commons_publish(commons=published, user=facilitator)
    commons_declare(
        user=resident, name="Fiche en attente", summary="Pas relue.", duplicates_confirmed=True
    )
    feed = parse(client, "/communs/flux/")
    assert [entry.title for entry in feed.entries] == ["Jardin du Moulin"]
    assert feed.entries[0].id == "http://testserver/communs/jardin-du-moulin/"
    assert_uri(feed.feed.id)


def test_the_atom_rules_reject_what_the_w3c_validator_reported():
    """The check itself fails on the feeds the W3C validator refused (ids that are not URIs)."""
    broken = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ker</title><id>ker-recent</id>
<updated>2026-11-29 08:00</updated><link href="http://testserver/"/>
<entry><title>Le lavoir</title><id>ker-revision-117</id><updated>2026-11-29T08:00:00Z</updated>
<link href="http://testserver/wiki/le-lavoir/"/></entry>
<entry><title>Le lavoir</title><id>ker-revision-117</id><updated>2026-11-29T08:00:00Z</updated>
</entry></feed>"""
    problems = atom_problems(broken)
    assert "feed: id 'ker-recent' is not an absolute IRI" in problems
    assert "entry 1: id 'ker-revision-117' is not an absolute IRI" in problems
    assert "feed: <updated> '2026-11-29 08:00' is not an RFC 3339 date" in problems
    assert "feed: no rel=self link" in problems
    assert "entry 1: no author (and none on the feed)" in problems
    assert "entry 2: neither content nor an alternate link" in problems
    assert "entries share an id" in problems
