"""Connects the wiki to the registries of lower layers (community's contributions and queue)."""

from community.moderation import register_source
from community.registry import register_contribution_source

from .moderation_sources import PendingRevisionsSource, PendingTalkSource


def wiki_contributions(user, limit):
    from .selectors import contributions

    return contributions(user, limit)


register_contribution_source(wiki_contributions)
register_source(PendingRevisionsSource())
register_source(PendingTalkSource())
