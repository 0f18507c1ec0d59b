"""Connects the wiki to the registries of lower layers (community)."""

from community.registry import register_contribution_source


def wiki_contributions(user, limit):
    from .selectors import contributions

    return contributions(user, limit)


register_contribution_source(wiki_contributions)
