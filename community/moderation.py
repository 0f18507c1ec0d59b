"""The moderation framework: one review queue fed by every app.

An app describes its "things to review" with a ModerationSource and registers it from its
AppConfig.ready(). The review queue (/relecture/) lists the items of every source, renders
each one's detail (usually a diff) and calls the source's approve / reject, which are the
app's own services (so permission checks, audit log and index updates stay in one place).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class PendingItem:
    """One thing waiting for a facilitator's decision."""

    source: str  # name of the ModerationSource
    item_id: str  # identifier inside that source
    title: str
    url: str
    created_at: datetime
    author: Any = None  # a User, or None (anonymous / imported)
    author_name: str = ""
    kind_label: str = ""
    extra: dict = field(default_factory=dict)
    # Everyone whose contribution this item holds, when there are several (pending edits of
    # one article by different people); by default, the author alone.
    authors: tuple = ()

    def is_by(self, user) -> bool:
        """Whether this person contributed to the item (for "Mes contributions en attente")."""
        people = self.authors or (self.author,)
        return any(person is not None and person.pk == user.pk for person in people)

    @property
    def key(self) -> str:
        return f"{self.source}:{self.item_id}"


class ModerationSource(Protocol):
    name: str
    label: str

    def pending_items(self) -> list[PendingItem]: ...

    def render_detail(self, item: PendingItem, request) -> str: ...

    def approve(self, item_id: str, *, user, reason: str = "") -> None: ...

    def reject(self, item_id: str, *, user, reason: str = "") -> None: ...


def decision_form_id(item: PendingItem) -> str:
    """The HTML id of an item's decision form in the review queue, so that a source's detail
    can hold inputs of that form (``<input form="...">``), such as per-field choices."""
    from django.utils.text import slugify

    return f"decision-{slugify(item.source)}-{slugify(item.item_id)}"


_sources: dict[str, ModerationSource] = {}


def register_source(source: ModerationSource) -> None:
    """Add an app's pending items to the review queue (call from AppConfig.ready())."""
    _sources[source.name] = source


def sources() -> dict[str, ModerationSource]:
    return dict(_sources)


def get_source(name: str) -> ModerationSource | None:
    return _sources.get(name)


def pending_items_by(user) -> list[PendingItem]:
    """What this person wrote that still waits for a facilitator, oldest first."""
    return [item for item in pending_items() if item.is_by(user)]


def pending_items() -> list[PendingItem]:
    """Every pending item of every source, oldest first (first come, first reviewed)."""
    items: list[PendingItem] = []
    for source in _sources.values():
        items.extend(source.pending_items())
    items.sort(key=lambda item: item.created_at)
    return items
