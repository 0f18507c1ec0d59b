"""Portals in the search index, and portal titles for the search page's portal facet."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from search.documents import SearchDocument

from .models import PortalPage


class PortalSearchSource:
    name = "portal"
    label = _("Portail")

    def iter_all(self):
        return PortalPage.objects.live().prefetch_related("tags").order_by("pk")

    def count(self) -> int:
        return PortalPage.objects.live().count()

    def is_indexable(self, obj) -> bool:
        return bool(obj.live)

    def get_key(self, obj) -> str:
        return str(obj.pk)

    def get_objects(self, keys) -> dict:
        """The objects of queued keys, in one query (the search queue applies them in batches)."""
        pks = [int(key) for key in keys if str(key).isdigit()]
        return {
            str(obj.pk): obj
            for obj in PortalPage.objects.filter(pk__in=pks).prefetch_related("tags")
        }

    def to_document(self, obj) -> SearchDocument:
        return SearchDocument(
            key=self.get_key(obj),
            type=self.name,
            title=obj.title,
            summary=strip_tags(obj.introduction)[:300],
            body=strip_tags(obj.introduction),
            tags=obj.tag_names(),
            portals=[obj.slug],
            created=obj.first_published_at,
            updated=obj.last_published_at,
            url=f"/portails/{obj.slug}/",
        )

    def facet_labels(self, field, values):
        if field != "portals":
            return {}
        return dict(PortalPage.objects.filter(slug__in=list(values)).values_list("slug", "title"))
