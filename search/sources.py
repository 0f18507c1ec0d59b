"""Shared parts of search sources whose objects are live Wagtail pages (articles, portals)."""

from __future__ import annotations


class LivePageSearchSource:
    """A search source for the live pages of one Wagtail page model, keyed by primary key.

    Subclasses set ``name``, ``label`` and ``model`` and write ``to_document``.
    """

    model = None

    def live_pages(self):
        return self.model.objects.live().prefetch_related("tags").order_by("pk")

    def iter_all(self):
        return self.live_pages().iterator(chunk_size=500)

    def count(self) -> int:
        return self.model.objects.live().count()

    def is_indexable(self, obj) -> bool:
        return bool(obj.live)

    def get_key(self, obj) -> str:
        return str(obj.pk)

    def get_objects(self, keys) -> dict:
        """The objects of queued keys, in one query (the search queue applies them in batches)."""
        pks = [int(key) for key in keys if str(key).isdigit()]
        return {
            str(obj.pk): obj
            for obj in self.model.objects.filter(pk__in=pks).prefetch_related("tags")
        }
