"""Connects the wiki to the registries of lower layers: contributions and the review queue
(community), and the search index (search). Signals here only feed those registries."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from community.moderation import register_source
from community.registry import register_contribution_source, register_wiki_link_resolver
from search.registry import queue_index, queue_removal, register

from .models import ArticlePage
from .moderation_sources import PendingRevisionsSource, PendingTalkSource
from .search_source import ArticleSearchSource


def wiki_contributions(user, limit):
    from .selectors import contributions

    return contributions(user, limit)


def resolve_wiki_links(html):
    from .selectors import resolve_wiki_links

    return resolve_wiki_links(html)


def _reindex(sender, instance, **kwargs):
    """Queued in the publishing transaction; the index is written after commit."""
    queue_index("article", instance.pk)


def _remove(sender, instance, **kwargs):
    queue_removal("article", instance.pk)


register_contribution_source(wiki_contributions)
register_wiki_link_resolver(resolve_wiki_links)
register_source(PendingRevisionsSource())
register_source(PendingTalkSource())
register(ArticleSearchSource())
page_published.connect(_reindex, sender=ArticlePage, dispatch_uid="ker-search-article-published")
page_unpublished.connect(
    _reindex, sender=ArticlePage, dispatch_uid="ker-search-article-unpublished"
)
post_delete.connect(_remove, sender=ArticlePage, dispatch_uid="ker-search-article-deleted")
