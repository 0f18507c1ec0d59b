"""Connects commons to the registries of other apps (community, search); nothing else."""

from community.moderation import register_source
from community.registry import (
    RelatedLink,
    register_article_relations,
    register_contribution_source,
)

from .moderation import CommonsModerationSource


def commons_contributions(user, limit):
    from .selectors import contributions

    return contributions(user, limit)


def commons_for_article(slug):
    """Published commons that name this wiki article among their related articles."""
    from django.utils.translation import gettext

    from .selectors import commons_for_article_slug

    return [
        RelatedLink(title=commons.name, url=commons.get_absolute_url(), kind=gettext("Commun"))
        for commons in commons_for_article_slug(slug)
    ]


register_contribution_source(commons_contributions)
register_article_relations(commons_for_article)
register_source(CommonsModerationSource())

try:
    from search.registry import register as register_search_source
except ImportError:  # search is optional for commons
    register_search_source = None

if register_search_source is not None:
    from .search_source import CommonsSearchSource

    register_search_source(CommonsSearchSource())
