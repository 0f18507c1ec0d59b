"""How published commons appear in the site search (registered into search.registry)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from .markdown import plain_text
from .models import Commons, Status


class CommonsSearchSource:
    name = "commons"
    label = gettext_lazy("Commun")

    def iter_all(self):
        return (
            Commons.objects.filter(status=Status.PUBLISHED)
            .prefetch_related("needs", "owners")
            .iterator(chunk_size=200)
        )

    def count(self) -> int:
        return Commons.objects.filter(status=Status.PUBLISHED).count()

    def is_indexable(self, obj: Commons) -> bool:
        return obj.status == Status.PUBLISHED

    def get_key(self, obj: Commons) -> str:
        return str(obj.pk)

    def get_objects(self, keys) -> dict:
        """The objects of queued keys, in one query (the search queue applies them in batches)."""
        pks = [int(key) for key in keys if str(key).isdigit()]
        return {
            str(obj.pk): obj
            for obj in Commons.objects.filter(pk__in=pks).prefetch_related("needs", "owners")
        }

    def to_document(self, obj: Commons):
        from community.registry import themes_for_tags
        from search.documents import SearchDocument

        needs = [need.name for need in obj.needs.all()]
        body = "\n".join(
            part
            for part in (
                plain_text(obj.description),
                obj.shared_resources,
                obj.community,
                obj.how_to_join,
                " ".join(needs),
            )
            if part
        )
        return SearchDocument(
            key=self.get_key(obj),
            type=self.name,
            title=obj.name,
            url=obj.get_absolute_url(),
            summary=obj.summary,
            body=body,
            tags=obj.tag_names(),
            portals=themes_for_tags(obj.tag_names()),
            commune=obj.commune,
            latitude=obj.latitude,
            longitude=obj.longitude,
            created=obj.published_at or obj.created_at,
            updated=obj.updated_at,
            authors=[owner.get_username() for owner in obj.owners.all()],
        )
