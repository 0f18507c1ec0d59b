"""Articles and what the wiki keeps beside Wagtail's pages (one module per subject)."""

from .articles import (
    ArticleIndexPage,
    ArticlePage,
    ArticleProtection,
    ArticleTag,
    ProtectionLevel,
    RevisionMeta,
    RevisionOrigin,
    RevisionStatus,
    TalkMessage,
    Watch,
    WikiLink,
)

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleProtection",
    "ArticleTag",
    "ProtectionLevel",
    "RevisionMeta",
    "RevisionOrigin",
    "RevisionStatus",
    "TalkMessage",
    "Watch",
    "WikiLink",
]
