"""Portals in the search index, and portal titles for the search page's portal facet."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from search.documents import SearchDocument
from search.sources import LivePageSearchSource

from .models import PortalPage


class PortalSearchSource(LivePageSearchSource):
    name = "portal"
    label = _("Portail")
    model = PortalPage

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
