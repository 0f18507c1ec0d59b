"""Article titles and their slugs: one rule so links, URLs and duplicates agree."""

from django.utils.text import slugify

# Slugs used by the wiki's own pages under /wiki/ (never article slugs).
RESERVED_SLUGS = frozenset(
    {"creer", "hasard", "apercu", "televerser", "nouvelles-pages", "nettoyage"}
)
MAX_TITLE_LENGTH = 200


def normalise_title(title: str) -> str:
    """Collapse whitespace and trim; the first letter is kept as typed."""
    return " ".join((title or "").split())


def slug_for(title: str) -> str:
    """The URL slug of a title: 'Le lavoir de Kerlann' -> 'le-lavoir-de-kerlann'.

    Accents are folded (École -> ecole) so that links typed without accents still resolve.
    """
    return slugify(normalise_title(title))[:255]
