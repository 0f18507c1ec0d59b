"""Demo portals of Port-Kerlann (idempotent), published through Wagtail like an editor would."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from commons import selectors as commons_selectors
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

# (title, slug, colour, tags, introduction)
PORTALS = [
    (
        "La mer et le port",
        "mer-et-port",
        "#0b4f6c",
        ("port", "mer", "pêche", "navigation"),
        "Le port de Kerlann, ses bateaux, ses marins et la vie au rythme des marées.",
    ),
    (
        "Les quartiers",
        "quartiers",
        "#6b3fa0",
        ("quartier", "commerce", "école", "marché"),
        "Le Stang, le bourg, les quais : la vie des quartiers, d'hier à aujourd'hui.",
    ),
    (
        "Patrimoine et mémoire",
        "patrimoine-et-memoire",
        "#7a4b00",
        ("patrimoine", "mémoire", "métiers", "portrait"),
        "Chapelles, lavoirs, conserveries et souvenirs d'habitants : la mémoire du territoire.",
    ),
    (
        "Communs et solidarités",
        "communs-et-solidarites",
        "#1e6b35",
        ("solidarité", "entraide", "partage", "réparation", "jardin", "alimentation", "outils"),
        "Jardins partagés, repair café, outilthèque : ce que les habitants font ensemble.",
    ),
    (
        "Fêtes et culture",
        "fetes-et-culture",
        "#b3261e",
        ("fête", "culture", "musique", "pardon"),
        "Pardons, festoù-noz et fêtes du port : la culture vivante de Port-Kerlann.",
    ),
]


def _administrator():
    return get_user_model().objects.filter(is_superuser=True).order_by("pk").first()


def load_portals_demo(stdout) -> None:
    """Five thematic portals with curated picks, and picks on the home page."""
    index = PortalIndexPage.objects.first()
    administrator = _administrator()
    created = 0
    for title, slug, colour, tags, introduction in PORTALS:
        if PortalPage.objects.filter(slug=slug).exists():
            continue
        portal = PortalPage(title=title, slug=slug, colour=colour, introduction=introduction)
        portal.tags.set(list(tags))
        articles = list(wiki_selectors.articles_for_tags(list(tags))[:2])
        commons = list(commons_selectors.commons_with_tags(list(tags))[:2])
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
