"""The wiki's models, one module per subject: articles (Wagtail pages, tags, wiki links),
revisions (what a wiki keeps beside Wagtail's revisions), protection, talk, watch."""

from .articles import ArticleIndexPage, ArticlePage, ArticleTag, WikiLink
from .protection import ArticleProtection, ProtectionLevel
from .revisions import RevisionMeta, RevisionOrigin, RevisionStatus
from .talk import TalkMessage
from .watch import Watch

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
