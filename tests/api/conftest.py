"""API fixtures: a small territory in every state a visitor must not see
(pending edit, refused edit, hidden revision, pending and unpublished commons, private contact).

The territory is built once per test module, not once per test: building it through the
services takes most of a second and the API tests only read it. It lives in a transaction
opened for the module and rolled back after its last test (as ``tests/wiki/test_demo.py`` and
Django's ``TestCase.setUpTestData`` do); each test's own transaction is a savepoint inside it,
so what a test writes is undone before the next one. Each test gets model instances fetched
afresh, and its own search index filled from the queue the build left (see ``territory``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest
from django.db import connection, models

from commons.services import commons_declare, commons_publish, commons_unpublish, commons_update
from tests.conftest import make_user, module_transaction
from wiki.services import ArticleFields, article_create, article_save
from wiki.services.moderation import revision_hide, revision_reject


@dataclass
class Territory:
    article: object
    first_revision_id: int
    hidden_revision_id: int
    live_revision_id: int
    pending_revision_id: int
    refused_article: object
    refused_revision_id: int
    commons: object
    pending_commons: object
    unpublished_commons: object
    private_commons: object
    portal: object


def _edit(page, user, body, summary, **extra):
    fields = ArticleFields.from_page(page)
    fields = ArticleFields(**{**fields.__dict__, "body": body, **extra})
    return article_save(
        page=page,
        fields=fields,
        user=user,
        base_revision_id=page.latest_revision_id,
        edit_summary=summary,
    )


def _assess_grid(commons, user):
    from commons.models import Grid
    from commons.services import assessment_save

    grid = Grid.objects.current()
    criterion = grid.criteria.first()
    level = [level for level in grid.levels.all() if level.counts][-1]
    return assessment_save(
        commons=commons,
        user=user,
        answers={criterion.key: {"level": level.key, "text": "Décisions en assemblée."}},
    )


def build_territory() -> Territory:
    from django.contrib.auth.models import Group
    from django.utils.text import slugify

    from community.policy import FACILITATOR_GROUP
    from portals.models import PortalIndexPage, PortalPage
    from wiki.models import ArticlePage

    # The people of the fixtures in tests/conftest.py (those are per test), made the same way.
    resident = make_user("maela", is_confirmed=True)
    newcomer = make_user("nouveau")
    facilitator = make_user("animatrice")
    group, _ = Group.objects.get_or_create(name=FACILITATOR_GROUP)
    facilitator.groups.add(group)
    administrator = make_user("admin", is_staff=True, is_superuser=True)

    def create_article(title, body, **fields):
        return article_create(
            fields=ArticleFields(title=title, body=body, **fields),
            user=resident,
            edit_summary="création",
        ).page

    article = create_article(
        title="Le lavoir du bourg",
        body="Le lavoir date de 1850.\n",
        summary="Un lavoir en granit.",
        tags=("patrimoine", "eau"),
        place_name="Bourg",
        latitude=48.38,
        longitude=-4.49,
    )
    first = article.live_revision_id
    hidden = _edit(article, resident, "Le lavoir date de 1850. INSULTE\n", "vandalisme").revision
    article.refresh_from_db()
    live = _edit(article, resident, "Le lavoir date de 1850.\nIl est restauré.\n", "ajout")
    revision_hide(revision_id=hidden.pk, user=facilitator, reason="insulte")
    article.refresh_from_db()
    pending = _edit(article, newcomer, "Le lavoir date de 1850.\nTEXTE EN ATTENTE\n", "attente")
    article.refresh_from_db()
    assert pending.revision.wiki_meta.status == "pending"

    other = create_article(title="La chapelle", body="Voir [[Le lavoir du bourg]].")
    refused = _edit(other, newcomer, "TEXTE REFUSÉ", "refus")
    revision_reject(page=other, user=facilitator, reason="non")

    commons = commons_declare(
        user=resident,
        name="Jardin partagé du Moulin",
        summary="Un potager cultivé ensemble.",
        duplicates_confirmed=True,
        commune="Port-Kerlann",
        latitude=48.383,
        longitude=-4.495,
    )
    commons_update(
        commons=commons,
        user=resident,
        changes={
            "tags": ["patrimoine", "jardin"],
            "shared_resources": "Outils et graines.",
            "contact_name": "Anne",
            "contact_email": "anne@example.org",
            "contact_public": True,
            "related_articles_text": "Le lavoir du bourg",
        },
        comment="compléments",
    )
    commons = commons_publish(commons=commons, user=facilitator)
    _assess_grid(commons, resident)
    private = commons_declare(
        user=resident,
        name="Atelier vélo",
        summary="Réparer ensemble.",
        duplicates_confirmed=True,
    )
    commons_update(
        commons=private,
        user=resident,
        changes={"contact_email": "secret@example.org", "contact_phone": "0600000000"},
        comment="contact",
    )
    private = commons_publish(commons=private, user=facilitator)
    pending_commons = commons_declare(
        user=newcomer,
        name="Fiche en attente",
        summary="Pas encore relue.",
        duplicates_confirmed=True,
    )
    unpublished = commons_declare(
        user=resident, name="Fiche retirée", summary="Dépubliée.", duplicates_confirmed=True
    )
    commons_publish(commons=unpublished, user=facilitator)
    unpublished = commons_unpublish(commons=unpublished, user=facilitator, reason="doublon")

    index = PortalIndexPage.objects.get()
    portal = PortalPage(title="Patrimoine", slug=slugify("Patrimoine"))
    portal.tags.set(["patrimoine"])
    index.add_child(instance=portal)
    portal.save_revision(user=administrator).publish(
        user=administrator, skip_permission_checks=True
    )
    return Territory(
        article=ArticlePage.objects.get(pk=article.pk),
        first_revision_id=first,
        hidden_revision_id=hidden.pk,
        live_revision_id=live.revision.pk,
        pending_revision_id=pending.revision.pk,
        refused_article=other,
        refused_revision_id=refused.revision.pk,
        commons=commons,
        pending_commons=pending_commons,
        unpublished_commons=unpublished,
        private_commons=private,
        portal=PortalPage.objects.get(pk=portal.pk),
    )


@pytest.fixture(scope="module")
def built_territory(django_db_setup, django_db_blocker):
    """The territory, built once for the module and rolled back after it."""
    with module_transaction(django_db_blocker):
        yield build_territory()


@pytest.fixture
def territory(db, built_territory):
    """The module's territory, with model instances fetched afresh for this test (a test that
    changes one leaves the others' alone).

    The build queued its search index changes; they are applied to this test's own empty index
    (tests/conftest.py, ``_isolated_search_index``) when the test first searches, exactly as
    when each test built the territory itself (``search.queue.catch_up_test_transaction``).
    """
    connection.ker_search_catch_up = True
    fresh = {}
    for field in dataclasses.fields(built_territory):
        value = getattr(built_territory, field.name)
        if isinstance(value, models.Model):
            fresh[field.name] = type(value)._default_manager.get(pk=value.pk)
    return dataclasses.replace(built_territory, **fresh)
