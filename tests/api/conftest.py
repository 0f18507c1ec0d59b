"""API fixtures: a small territory in every state a visitor must not see
(pending edit, refused edit, hidden revision, pending and unpublished commons, private contact)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from commons.services import commons_declare, commons_publish, commons_unpublish, commons_update
from wiki.services import ArticleFields, article_save
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


@pytest.fixture
def territory(db, create_article, resident, newcomer, facilitator, administrator, assess_grid):
    from django.utils.text import slugify

    from portals.models import PortalIndexPage, PortalPage
    from wiki.models import ArticlePage

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
    assess_grid(commons, resident)
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


@pytest.fixture
def assess_grid(db):
    from commons.models import Grid
    from commons.services import assessment_save

    def run(commons, user):
        grid = Grid.objects.current()
        criterion = grid.criteria.first()
        level = [level for level in grid.levels.all() if level.counts][-1]
        return assessment_save(
            commons=commons,
            user=user,
            answers={criterion.key: {"level": level.key, "text": "Décisions en assemblée."}},
        )

    return run
