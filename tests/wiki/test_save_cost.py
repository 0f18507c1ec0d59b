"""What one edit save costs in SQL queries (issue 10 §2: saves faster than MediaWiki's).

The save still writes, in the request, the revision, its metadata, the backlinks and the audit
log, and queues the search index; these tests pin how many queries that takes, so that a
change adding a query per save (a policy asked twice, a page read again) fails here.
"""

import dataclasses
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.models import PageLogEntry

from search.models import IndexTask
from tests.wiki_forms import edit_form_data
from wiki.models import ArticlePage, RevisionMeta, WikiLink
from wiki.services import ArticleFields, article_save

pytestmark = pytest.mark.django_db

# Through the test client, logged in, the search worker running (production): the session and
# its user, the policy (block, protection), the page read and locked, the revision, the
# metadata, the publication, Wagtail's log entries (one statement), the backlinks, the
# watchers, the queued index updates.
EDIT_SAVE_MAX_QUERIES = 51


@pytest.fixture
def worker_running(settings):
    """A search worker applies the queue: requests only queue their index updates."""
    settings.KER_SEARCH_QUEUE_MODE = "worker"


def test_edit_save_through_http_stays_within_its_query_budget(
    worker_running, resident_client, create_article, django_assert_max_num_queries
):
    create_article(title="Le port")
    page = create_article(body="Le lavoir, près du [[Le port|port]].")
    IndexTask.objects.all().delete()

    with django_assert_max_num_queries(EDIT_SAVE_MAX_QUERIES):
        response = resident_client.post(
            reverse("wiki:edit", args=[page.slug]),
            edit_form_data(
                page,
                body="Le lavoir, près du [[Le port|port]] et de [[La cale]].",
                edit_summary="la cale",
            ),
        )

    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.body == "Le lavoir, près du [[Le port|port]] et de [[La cale]]."
    assert page.live_revision_id == page.latest_revision_id
    links = WikiLink.objects.filter(source=page).values_list("target_slug", flat=True)
    assert sorted(links) == ["la-cale", "le-port"]
    meta = RevisionMeta.objects.get(revision_id=page.live_revision_id)
    assert (meta.edit_summary, meta.status, meta.size_delta) == ("la cale", "approved", 18)
    actions = set(
        PageLogEntry.objects.filter(revision_id=page.live_revision_id).values_list(
            "action", flat=True
        )
    )
    assert actions == {"wagtail.edit", "wagtail.publish"}
    assert IndexTask.objects.filter(key=str(page.pk)).exists()


def test_edit_that_renames_is_published_as_wagtail_publishes_it(
    worker_running, resident_client, create_article, django_capture_on_commit_callbacks
):
    page = create_article(title="Le lavoir", body="Le lavoir du bourg.")
    first_published_at = page.first_published_at

    with django_capture_on_commit_callbacks(execute=True):
        response = resident_client.post(
            reverse("wiki:edit", args=[page.slug]),
            edit_form_data(page, title="Le lavoir du bourg", body="Le lavoir, rue de l'Eau."),
        )

    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=page.pk)
    revision = page.latest_revision
    assert page.live_revision_id == revision.pk
    assert (page.title, page.draft_title, page.slug) == (
        "Le lavoir du bourg",
        "Le lavoir du bourg",
        "le-lavoir-du-bourg",
    )
    assert page.url_path.endswith("/le-lavoir-du-bourg/")
    assert page.live and not page.has_unpublished_changes
    assert page.first_published_at == first_published_at
    assert page.last_published_at >= revision.created_at
    assert revision.content["body"] == page.body == "Le lavoir, rue de l'Eau."
    entries = {entry.action: entry.data for entry in PageLogEntry.objects.filter(revision=revision)}
    assert set(entries) == {"wagtail.edit", "wagtail.rename", "wagtail.publish"}
    assert entries["wagtail.rename"]["title"] == {"old": "Le lavoir", "new": "Le lavoir du bourg"}
    assert resident_client.get("/wiki/le-lavoir/").status_code == 301


def test_edit_with_a_missing_cover_image_is_refused_without_saving(resident, create_article):
    """Publishing skips re-checking only what the edit kept: the image it sets is checked."""
    page = create_article()
    latest_revision_id = page.latest_revision_id
    fields = ArticleFields.from_page(page)

    with pytest.raises(ValidationError) as refused:
        article_save(
            page=page,
            fields=dataclasses.replace(fields, body="Autre texte.", cover_image_id=987654),
            user=resident,
            base_revision_id=page.live_revision_id,
        )

    assert "cover_image" in refused.value.message_dict
    page.refresh_from_db()
    assert (page.body, page.latest_revision_id) == ("Le lavoir du bourg.", latest_revision_id)


def log_of(revision, *, old_title: str, new_title: str) -> list[tuple]:
    """A revision's log entries, in order, as Wagtail's history reads them (titles as OLD and
    NEW, so that two articles' entries compare)."""

    def titles(value: str) -> str:
        return value.replace(new_title, "NEW").replace(old_title, "OLD")

    return [
        (
            entry.action,
            titles(entry.label),
            titles(json.dumps(entry.data, sort_keys=True)),
            entry.user_id,
            entry.page_id == revision.object_id_int,
            entry.content_type_id,
            entry.content_changed,
            entry.deleted,
            entry.uuid,
        )
        for entry in PageLogEntry.objects.filter(revision=revision).order_by("timestamp", "pk")
    ]


@pytest.mark.parametrize("renamed", [False, True])
def test_an_edit_logs_what_wagtails_own_save_and_publication_log(
    renamed, resident, resident_client, create_article, django_capture_on_commit_callbacks
):
    """The edit save writes Wagtail's log entries itself, in one statement: the same entries
    as `save_revision(log_action=True)` then Wagtail's publication, rename included."""
    ours = create_article(title="Le lavoir", body="Le lavoir du bourg.")
    wagtails = create_article(title="La fontaine", body="La fontaine du bourg.")
    our_title = "Le lavoir du bourg" if renamed else "Le lavoir"
    wagtails_title = "La fontaine du bourg" if renamed else "La fontaine"

    with django_capture_on_commit_callbacks(execute=True):
        response = resident_client.post(
            reverse("wiki:edit", args=[ours.slug]),
            edit_form_data(ours, title=our_title, body="Rue de l'Eau."),
        )
    assert response.status_code == 302
    draft = wagtails.get_latest_revision_as_object()
    draft.title = wagtails_title
    draft.body = "Rue de l'Eau."
    revision = draft.save_revision(user=resident, log_action=True)
    PublishPageRevisionAction(revision, user=resident).execute(skip_permission_checks=True)

    ours = ArticlePage.objects.get(pk=ours.pk)
    ours.live_revision.object_id_int = ours.pk
    revision.object_id_int = wagtails.pk
    expected = log_of(revision, old_title="La fontaine", new_title=wagtails_title)
    assert [entry[0] for entry in expected] == (
        ["wagtail.edit", "wagtail.rename", "wagtail.publish"]
        if renamed
        else ["wagtail.edit", "wagtail.publish"]
    )
    assert log_of(ours.live_revision, old_title="Le lavoir", new_title=our_title) == expected
    assert ours.title == our_title
