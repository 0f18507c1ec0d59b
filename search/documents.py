"""The one shape every source hands to the index.

Sources (wiki articles, commons, portals) describe their objects as a ``SearchDocument`` so
the search app never needs to import their models.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True, kw_only=True)
class SearchDocument:
    """A published object as the index sees it.

    ``key`` is unique within its source (a primary key or a slug that survives renames);
    ``type`` is the source name (``"article"``, ``"commons"``, ``"portal"``) and is filled in by
    the registry when left empty. ``portals`` holds portal slugs, ``tags`` tag names and
    ``commune`` the commune name exactly as it should appear in the facets. ``updated`` drives
    the drift check of ``search_check``, so it must change whenever the indexed text changes.
    """

    key: str
    title: str
    url: str
    type: str = ""
    summary: str = ""
    body: str = ""
    tags: list[str] = field(default_factory=list)
    portals: list[str] = field(default_factory=list)
    commune: str = ""
    latitude: float | None = None
    longitude: float | None = None
    created: datetime.datetime | None = None
    updated: datetime.datetime | None = None
    authors: list[str] = field(default_factory=list)
