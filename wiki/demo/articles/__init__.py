"""Every article of the demo territory of Port-Kerlann, in the order residents wrote them.

Themes live in their own modules; the order below interleaves them so that recent changes
mix the harbour, the town and its memories, as on a real wiki.
"""

from itertools import chain, zip_longest

from ..scenario import DemoArticle
from . import memoire, mer, patrimoine, ville


def _interleave(*groups: list[DemoArticle]) -> list[DemoArticle]:
    rows = zip_longest(*groups)
    return [article for article in chain.from_iterable(rows) if article is not None]


ARTICLES: list[DemoArticle] = _interleave(
    ville.ARTICLES, mer.ARTICLES, patrimoine.ARTICLES, memoire.ARTICLES
)

__all__ = ["ARTICLES"]
