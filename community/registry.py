"""Registries that higher apps feed from their AppConfig.ready(); community imports none of them."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Contribution:
    """One thing a person did, as shown on their contributor page."""

    date: datetime
    title: str
    url: str
    summary: str
    kind: str


ContributionSource = Callable[..., list[Contribution]]
_contribution_sources: list[ContributionSource] = []


def register_contribution_source(source: ContributionSource) -> None:
    """Register a callable(user, limit) returning that user's latest contributions."""
    if source not in _contribution_sources:
        _contribution_sources.append(source)


def contributions_for(user, *, limit: int = 100) -> list[Contribution]:
    """Latest contributions of a user across every registered app, newest first."""
    items: list[Contribution] = []
    for source in _contribution_sources:
        items.extend(source(user, limit))
    items.sort(key=lambda item: item.date, reverse=True)
    return items[:limit]
