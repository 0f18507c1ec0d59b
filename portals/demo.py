"""Demo portals of Port-Kerlann (idempotent), published through Wagtail like an editor would.

The portals are described in ``demo/portails.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from commons import selectors as commons_selectors
from community.content_files import Fields, demo_directory, read_yaml
from wiki import selectors as wiki_selectors

from .models import (
    HomeFeaturedArticle,
    HomeFeaturedCommons,
    HomePage,
    PortalFeaturedArticle,
    PortalFeaturedCommons,
    PortalIndexPage,
    PortalPage,
)

PORTALS_FILE = "portails.yaml"
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class DemoPortal:
    """A thematic portal of ``demo/portails.yaml``; its picks are the latest tagged content."""

    title: str
    slug: str
    colour: str
    tags: tuple[str, ...]
    introduction: str


def read_demo_portals(directory: Path | str | None = None) -> list[DemoPortal]:
    """The portals of ``demo/portails.yaml``, checked as a whole before anything is written."""
    path = demo_directory(directory) / PORTALS_FILE
    data = Fields(read_yaml(path), path=path)
    portals = []
    for fields in data.items("portails", label="portail"):
        portal = DemoPortal(
            title=fields.text("titre"),
            slug=fields.text("adresse"),
            colour=fields.text("couleur"),
            tags=fields.texts("mots-clés"),
            introduction=fields.text("introduction", required=False),
        )
        fields.finish()
        if not COLOUR_RE.match(portal.colour):
            fields.error(
                f"« couleur » vaut « {portal.colour} » : on attend une couleur comme "
                '"#0b4f6c", entre guillemets.'
            )
        if slugify(portal.slug) != portal.slug:
            fields.error(
                f"« adresse » vaut « {portal.slug} » : seulement des minuscules sans accents, "
                f"des chiffres et des tirets (par exemple « {slugify(portal.slug)} »)."
            )
        if portal.slug in {other.slug for other in portals}:
            fields.error(f"l'adresse « {portal.slug} » est déjà celle d'un autre portail.")
        portals.append(portal)
    data.finish()
    return portals


def _administrator():
    return get_user_model().objects.filter(is_superuser=True).order_by("pk").first()


def load_portals_demo(stdout, portals: list[DemoPortal] | None = None) -> None:
    """Five thematic portals with curated picks, and picks on the home page."""
    portals = read_demo_portals() if portals is None else portals
    index = PortalIndexPage.objects.first()
    administrator = _administrator()
    created = 0
    for demo_portal in portals:
        if PortalPage.objects.filter(slug=demo_portal.slug).exists():
            continue
        tags = list(demo_portal.tags)
        portal = PortalPage(
            title=demo_portal.title,
            slug=demo_portal.slug,
            colour=demo_portal.colour,
            introduction=demo_portal.introduction,
        )
        portal.tags.set(tags)
        articles = list(wiki_selectors.articles_for_tags(tags)[:2])
        commons = list(commons_selectors.commons_with_tags(tags)[:2])
        portal.featured_articles = [
            PortalFeaturedArticle(article=article, sort_order=order)
            for order, article in enumerate(articles)
        ]
        portal.featured_commons = [
            PortalFeaturedCommons(commons=item, sort_order=order)
            for order, item in enumerate(commons)
        ]
        index.add_child(instance=portal)
        portal.save_revision(user=administrator, log_action=True).publish(
            user=administrator, skip_permission_checks=True
        )
        index.refresh_from_db()
        created += 1
    home = HomePage.objects.first()
    if home is not None and not home.featured_articles.exists():
        # The editorial charter is a help page, not a piece of the territory's memory.
        memory = [
            article
            for article in wiki_selectors.latest_articles(10)
            if not article.tags.filter(name__in=["aide", "charte"]).exists()
        ]
        for order, article in enumerate(memory[:3]):
            HomeFeaturedArticle.objects.create(page=home, article=article, sort_order=order)
        for order, item in enumerate(commons_selectors.latest_published(2)):
            HomeFeaturedCommons.objects.create(page=home, commons=item, sort_order=order)
    stdout.write(f"Portails de démonstration : {created} créé(s).\n")
