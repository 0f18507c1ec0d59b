"""``{% load structured_data %}``: JSON-LD blocks for page templates (see api/structured_data)."""

from django import template

from .. import structured_data

register = template.Library()


def _base_url(context) -> str:
    request = context.get("request")
    return request.build_absolute_uri("/").rstrip("/") if request is not None else ""


@register.simple_tag(takes_context=True)
def article_jsonld(context, page):
    if page is None or not getattr(page, "live", False):
        return ""
    return structured_data.script(structured_data.article(page, base_url=_base_url(context)))


@register.simple_tag(takes_context=True)
def portal_jsonld(context, page, articles=(), commons=()):
    return structured_data.script(
        structured_data.portal(
            page,
            base_url=_base_url(context),
            articles=list(articles or ()),
            commons=list(commons or ()),
        )
    )


@register.simple_tag(takes_context=True)
def website_jsonld(context, description=""):
    return structured_data.script(
        structured_data.website(base_url=_base_url(context), description=description)
    )
