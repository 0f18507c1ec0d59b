"""Connects commons to the registries of other apps (community, search); nothing else."""

from community.moderation import register_source
from community.registry import register_contribution_source

from .moderation import CommonsModerationSource


def commons_contributions(user, limit):
    from .selectors import contributions

    return contributions(user, limit)


register_contribution_source(commons_contributions)
register_source(CommonsModerationSource())

try:
    from search.registry import register as register_search_source
except ImportError:  # search is optional for commons
    register_search_source = None

if register_search_source is not None:
    from .search_source import CommonsSearchSource

    register_search_source(CommonsSearchSource())
