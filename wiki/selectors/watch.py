"""Reads of watchlists: the changes to the articles a person follows."""

from __future__ import annotations

from ..models import ArticlePage, Watch
from .history import recent_changes


def watchlist_changes(user):
    """Recent approved changes to the articles a person follows."""

    page_ids = Watch.objects.filter(user=user).values_list("page_id", flat=True)
    return recent_changes(include_pending=False).filter(page_id__in=page_ids)


def is_watching(user, page: ArticlePage) -> bool:

    if user is None or not user.is_authenticated:
        return False
    return Watch.objects.filter(user=user, page=page).exists()
