"""Article titles and their slugs: one rule so links, URLs and duplicates agree."""

from django.utils.text import slugify

# Slugs used by the wiki's own pages under /wiki/ (never article slugs).
RESERVED_SLUGS = frozenset(
    {"creer", "hasard", "apercu", "televerser", "nouvelles-pages", "nettoyage"}
)
MAX_TITLE_LENGTH = 200
# Articles are pages of Wagtail's tree under its one /wiki/ index page (made by the migrations),
# served by Wagtail, not by a URLconf name reverse() knows: their address is built here from
# the slug wherever no page object is at hand (links in rendered text, cache purges, redirects
# of renamed articles, sitemaps). With a page object, use ``page.url`` or ``{% pageurl %}``.
WIKI_PREFIX = "/wiki/"  # literal path: the documented, stable address of the wiki's index page


def article_path(slug: str) -> str:
    """The address of the article with this slug: ``/wiki/<slug>/``."""
    return f"{WIKI_PREFIX}{slug}/"


def normalise_title(title: str) -> str:
    """Collapse whitespace and trim; the first letter is kept as typed."""
    return " ".join((title or "").split())


def slug_for(title: str) -> str:
    """The URL slug of a title: 'Le lavoir de Kerlann' -> 'le-lavoir-de-kerlann'.

    Accents are folded (École -> ecole) so that links typed without accents still resolve.
    """
    return slugify(normalise_title(title))[:255]
