"""Writes of the portals app: keeping the search index in step with portal scopes."""

from commons import selectors as commons_selectors
from search.registry import queue_index
from wiki import selectors as wiki_selectors


def reindex_items_with_tags(tag_names) -> int:
    """Queue the articles and commons carrying these tags for re-indexing (their portals
    changed); the search queue applies them in batches after commit."""
    tag_names = [name for name in tag_names if name]
    articles = wiki_selectors.articles_for_tags(tag_names).values_list("pk", flat=True)
    commons = commons_selectors.commons_with_tags(tag_names).values_list("pk", flat=True)
    return queue_index("article", list(articles)) + queue_index("commons", list(commons))
