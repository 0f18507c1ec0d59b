"""Writes of the portals app: keeping the search index in step with portal scopes."""

from commons import selectors as commons_selectors
from search.registry import index_document
from wiki import selectors as wiki_selectors


def reindex_items_with_tags(tag_names) -> int:
    """Re-index the articles and commons carrying these tags (their portals changed)."""
    tag_names = [name for name in tag_names if name]
    count = 0
    for article in wiki_selectors.articles_for_tags(tag_names).prefetch_related("tags"):
        index_document("article", article)
        count += 1
    for commons in commons_selectors.commons_with_tags(tag_names):
        index_document("commons", commons)
        count += 1
    return count
