"""Connects portals to the lower layers: themes for residents' edit forms (community), the
portal documents of the search index, re-indexing when a portal's tags change, and the search
results page in the anonymous page cache (community), kept under the index's version."""

from django.core.cache import cache
from django.db.models.signals import post_delete, pre_delete
from wagtail.signals import page_published, page_unpublished

from community.cache import register_cacheable_view, register_version
from community.registry import Theme, register_theme_provider
from search.registry import queue_index, queue_removal, register
from search.selectors import RESULTS_CACHE_SECONDS, results_version

from .models import PortalPage
from .search_source import PortalSearchSource

THEMES_CACHE_KEY = "ker:portals:themes"


def portal_themes() -> list[Theme]:
    themes = cache.get(THEMES_CACHE_KEY)
    if themes is None:
        themes = [
            Theme(slug=portal.slug, title=portal.title, tags=tuple(portal.tag_names()))
            for portal in PortalPage.objects.live().order_by("title").prefetch_related("tags")
        ]
        cache.set(THEMES_CACHE_KEY, themes, 300)
    return themes


def _tags_of_revision(revision) -> set[str]:
    from taggit.models import Tag

    if revision is None:
        return set()
    ids = [item.get("tag") for item in revision.content.get("tagged_items", []) if item.get("tag")]
    return set(Tag.objects.filter(pk__in=ids).values_list("name", flat=True))


def _portal_changed(sender, instance, revision=None, **kwargs):
    """A portal's scope changed: its document, and those of the items it (no longer) holds."""
    from .services import reindex_items_with_tags

    cache.delete(THEMES_CACHE_KEY)
    portal = PortalPage.objects.get(pk=instance.pk)
    queue_index("portal", portal.pk)
    previous = None
    if revision is not None:
        try:
            previous = revision.get_previous()
        except revision.DoesNotExist:
            previous = None
    reindex_items_with_tags(set(portal.tag_names()) | _tags_of_revision(previous))


def _portal_deleting(sender, instance, **kwargs):
    """Remember the portal's tags: once its rows are gone, nothing says which items it held."""
    instance._ker_deleted_tags = set(instance.tag_names())


def _portal_deleted(sender, instance, **kwargs):
    """A deleted portal leaves the index, and the items it held lose it from their facet."""
    from .services import reindex_items_with_tags

    cache.delete(THEMES_CACHE_KEY)
    queue_removal("portal", instance.pk)
    reindex_items_with_tags(getattr(instance, "_ker_deleted_tags", set()))


register_theme_provider(portal_themes)
register(PortalSearchSource())
page_published.connect(_portal_changed, sender=PortalPage, dispatch_uid="ker-portal-published")
page_unpublished.connect(_portal_changed, sender=PortalPage, dispatch_uid="ker-portal-unpublished")
pre_delete.connect(_portal_deleting, sender=PortalPage, dispatch_uid="ker-portal-deleting")
post_delete.connect(_portal_deleted, sender=PortalPage, dispatch_uid="ker-portal-deleted")
# The search results page, for anonymous visitors, from the page cache until the index changes
# (its facets name portals: a publication renews it too), for as long as the results cache
# keeps a page: anyone can ask for new searches, which must not fill the cache for long.
register_version("search", results_version)
register_cacheable_view(
    "search:search", lists=True, versions=["search"], max_seconds=RESULTS_CACHE_SECONDS
)
