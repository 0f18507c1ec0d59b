"""Thin views of the wiki pages (one module per subject)."""

from .articles import (
    article_create_view,
    article_edit_view,
    backlinks_view,
    preview_view,
    random_view,
    upload_view,
)
from .history import diff_view, history_view, recent_changes_view, revert_view, revision_view
from .moderation import cleanup_view, hide_view, patrol_view, protect_view, rollback_view
from .talk import talk_view
from .watch import watch_view, watchlist_feed_token_view, watchlist_view

__all__ = [
    "article_create_view",
    "article_edit_view",
    "backlinks_view",
    "cleanup_view",
    "diff_view",
    "hide_view",
    "history_view",
    "patrol_view",
    "preview_view",
    "protect_view",
    "random_view",
    "recent_changes_view",
    "revert_view",
    "revision_view",
    "rollback_view",
    "talk_view",
    "upload_view",
    "watch_view",
    "watchlist_feed_token_view",
    "watchlist_view",
]
