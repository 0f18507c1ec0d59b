"""Links of the results page: facets and sort keep the other parameters and reset the page."""

from __future__ import annotations

from django import template
from django.http import QueryDict

register = template.Library()


def _link(query: QueryDict, **changes: str | None) -> str:
    params = query.copy()
    params.pop("page", None)
    for name, value in changes.items():
        if value:
            params[name] = value
        else:
            params.pop(name, None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def facet_url(context: template.Context, parameter: str, value: str, active: bool) -> str:
    """Add the facet filter, or remove it when it is the active one (a toggle)."""
    return _link(context["request"].GET, **{parameter: None if active else value})


@register.simple_tag(takes_context=True)
def without_filter_url(context: template.Context, parameter: str) -> str:
    return _link(context["request"].GET, **{parameter: None})


@register.simple_tag(takes_context=True)
def suggestion_url(context: template.Context, text: str) -> str:
    return _link(context["request"].GET, q=text)
