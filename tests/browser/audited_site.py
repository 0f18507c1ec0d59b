"""The pages the browser tests look at (accessibility audit, phone layout), and the small
territory they show: people, an article with history and an image, a pending edit, a commons
with an assessment, a portal.

To look at another page, add a row to AUDITED_PAGES: a name, a function that builds its URL from
the ``Site`` made by the ``site`` fixture, and who is logged in (None for a visitor).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from tests.browser.portal_helpers import publish_portal
from tests.conftest import make_user
from wiki.models import ArticlePage
from wiki.services import ArticleFields, article_save, current_revision


@dataclass
class Site:
    """What the audited pages show: people, an article with history, a pending edit, a
    commons with an assessment."""

    people: dict
    article: ArticlePage
    first_revision_id: int
    second_revision_id: int
    commons_slug: str | None
    portal_slug: str = ""


@dataclass(frozen=True)
class AuditedPage:
    name: str
    url: Callable[[Site], str]
    login_as: str | None = None  # a key of Site.people
    status: int = 200  # the answer expected (the 404 pages are audited too)


AUDITED_PAGES = [
    AuditedPage("home", lambda site: "/"),
    AuditedPage("article", lambda site: f"/wiki/{site.article.slug}/"),
    AuditedPage("article-index", lambda site: "/wiki/"),
    AuditedPage("article-edit", lambda site: f"/wiki/{site.article.slug}/modifier/", "resident"),
    AuditedPage("article-create", lambda site: "/wiki/creer/?titre=La+cale", "resident"),
    AuditedPage("history", lambda site: f"/wiki/{site.article.slug}/historique/", "facilitator"),
    AuditedPage(
        "diff",
        lambda site: (
            f"/wiki/{site.article.slug}/diff/{site.first_revision_id}/{site.second_revision_id}/"
        ),
    ),
    AuditedPage(
        "diff-side-by-side",
        lambda site: (
            f"/wiki/{site.article.slug}/diff/{site.first_revision_id}/"
            f"{site.second_revision_id}/?vue=cote"
        ),
    ),
    AuditedPage("talk", lambda site: f"/wiki/{site.article.slug}/discussion/", "resident"),
    AuditedPage("recent-changes", lambda site: "/modifications-recentes/"),
    AuditedPage("review-queue", lambda site: "/relecture/", "facilitator"),
    AuditedPage("search-results", lambda site: "/recherche/?q=lavoir"),
    AuditedPage("search-typo", lambda site: "/recherche/?q=lavoire"),
    AuditedPage("sign-up", lambda site: "/comptes/inscription/"),
    AuditedPage("log-in", lambda site: "/comptes/connexion/"),
    AuditedPage("commons-directory", lambda site: "/communs/"),
    AuditedPage("commons-record", lambda site: f"/communs/{site.commons_slug}/"),
    AuditedPage("commons-record-owner", lambda site: f"/communs/{site.commons_slug}/", "resident"),
    AuditedPage("commons-declare", lambda site: "/communs/declarer/", "resident"),
    AuditedPage(
        "commons-assessment", lambda site: f"/communs/{site.commons_slug}/evaluation/", "resident"
    ),
    AuditedPage("commons-history", lambda site: f"/communs/{site.commons_slug}/historique/"),
    AuditedPage("commons-map", lambda site: "/communs/carte/"),
    AuditedPage("portal", lambda site: f"/portails/{site.portal_slug}/"),
    AuditedPage("portal-index", lambda site: "/portails/"),
    AuditedPage("portal-health", lambda site: f"/portails/{site.portal_slug}/sante/"),
    AuditedPage("territory-health", lambda site: "/sante/"),
    # Added with issue 12: one's pending contributions, the 404 pages (a missing article offers
    # to create it), the queue filtered on commons, the map with its filters applied.
    AuditedPage("my-pending", lambda site: "/contributions-en-attente/", "newcomer"),
    AuditedPage("not-found-article", lambda site: "/wiki/le-moulin-a-maree/", status=404),
    AuditedPage("not-found", lambda site: "/nulle-part/ici/", status=404),
    AuditedPage("review-queue-commons", lambda site: "/relecture/?type=commons", "facilitator"),
    AuditedPage("commons-map-filtered", lambda site: "/communs/carte/?etiquette=jardin"),
    AuditedPage("commons-directory-filtered", lambda site: "/communs/?etiquette=jardin"),
    # Added with issue 11: tag pages (a MediaWiki category page's equivalent) and their list.
    AuditedPage("tag-page", lambda site: "/etiquettes/patrimoine/"),
    AuditedPage("tag-index", lambda site: "/etiquettes/"),
]


def build_site(resident, newcomer, facilitator, create_article) -> Site:
    """The territory behind the ``site`` fixture (tests/browser/conftest.py)."""
    create_article(title="La criée", body="La criée ouvre à cinq heures.")
    photo = _large_photo(resident)
    article = create_article(
        title="Le lavoir",
        summary="Où l'on battait le linge.",
        body="## Histoire\n\nLe lavoir du bourg fut couvert en 1902. Voir [[La criée]] et "
        "[[La cale]].\n\n"
        f"[[Image:{photo.pk}|Le lavoir en 1920]]\n\n"
        "## Aujourd'hui\n\nOn y expose des photos.\n\n"
        "| Année | Travaux | Entreprise | Coût | Financement | Remarques |\n"
        "|---|---|---|---|---|---|\n"
        "| 1902 | Couverture du bassin en ardoise | Menuiserie Le Bris | 1 200 francs "
        "| Souscription paroissiale | Charpente refaite en 1931 |\n\n"
        "## Sources\n\n"
        "Archives municipales, https://archives.example.org/fonds/lavoir-du-bourg/"
        "registre-des-deliberations-1899-1903.",
        tags=("patrimoine", "eau"),
        place_name="Bourg",
        latitude=48.38,
        longitude=-4.49,
    )
    first = current_revision(article).pk
    article = article_save(
        page=article,
        fields=replace(ArticleFields.from_page(article), body=article.body + " Restauré."),
        user=make_user("yannick", is_confirmed=True),
        base_revision_id=first,
        edit_summary="Restauration",
    ).page
    second = current_revision(article).pk
    article_save(
        page=article,
        fields=ArticleFields(title="Le lavoir", body=article.body + " Un ajout à relire."),
        user=newcomer,
        base_revision_id=second,
        edit_summary="Ajout",
    )
    _describe_tag("patrimoine", facilitator)
    return Site(
        people={"resident": resident, "newcomer": newcomer, "facilitator": facilitator},
        article=article,
        first_revision_id=first,
        second_revision_id=second,
        commons_slug=_commons_with_assessment(resident, facilitator),
        portal_slug=publish_portal(
            user=facilitator,
            title="Patrimoine et mémoire",
            slug="patrimoine",
            tags=("patrimoine",),
            featured=[article],
        ).slug,
    )


def _describe_tag(name: str, facilitator) -> None:
    """The description shown at the top of the tag's page (/etiquettes/<slug>/)."""
    from taggit.models import Tag

    from community.tag_descriptions import tag_description_save

    tag_description_save(
        user=facilitator,
        tag=Tag.objects.get(name=name),
        body="Le **patrimoine** bâti et vivant du bourg : [[Le lavoir]], les chapelles, les "
        "savoir-faire. Ajoutez l'étiquette à un article pour qu'il apparaisse ici.",
    )


def _large_photo(user):
    """A photograph much wider than a phone: it must shrink to the column."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from community.services import image_upload
    from tests.conftest import image_bytes

    upload = SimpleUploadedFile(
        "lavoir.png", image_bytes("PNG", size=(1600, 1000)), content_type="image/png"
    )
    return image_upload(
        file=upload, title="Le lavoir en 1920", author="Maëla", licence="CC BY 4.0", user=user
    )


def _commons_with_assessment(owner, facilitator) -> str:
    from commons.services import assessment_save, commons_declare, commons_publish, commons_update

    commons = commons_declare(
        user=owner,
        name="Jardin partagé du Moulin",
        summary="Un potager cultivé ensemble.",
        commune="Port-Kerlann",
        latitude=48.39,
        longitude=-4.48,
        duplicates_confirmed=True,
    )
    commons = commons_publish(commons=commons, user=facilitator)
    commons_update(
        commons=commons,
        user=owner,
        changes={
            "description": "Les légumes sont arrosés avec l'eau du [[Le lavoir|lavoir]]. "
            "Voir aussi [[La grainothèque]].",
            "tags": "jardin, potager",
        },
        comment="Description",
    )
    assessment_save(
        commons=commons,
        user=owner,
        answers={
            "sharing": {"level": "started", "text": "Outils prêtés."},
            "governance": {"level": "achieved", "text": "Assemblée mensuelle."},
        },
    )
    return commons.slug
