"""Template helpers for commons: the profile chart (server-rendered HTML bars) and small labels."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from ..markdown import render_description
from ..profile import Profile

register = template.Library()


@register.simple_tag
def profile_chart(profile: Profile):
    """One row per criterion: its label, a bar, the level reached. Labels are HTML text, so
    they wrap instead of being cut off; the bar is a tiny SVG (no inline style, for the CSP).
    The data table next to it is what screen readers get (the chart is hidden from them)."""
    if profile is None:
        return ""
    rows = []
    for row in profile.rows:
        if row.level is None:
            state, level_label = "missing", _("à remplir")
        elif not row.counts:
            state, level_label = "not-counted", row.level.label
        else:
            state, level_label = "counted", row.level.label
        rows.append((row.criterion.label, round(100 * profile.fraction(row)), state, level_label))
    body = format_html_join(
        "",
        '<div class="profile-chart__row"><span class="profile-chart__label">{}</span>'
        '<svg class="profile-chart__bars" viewBox="0 0 100 10" preserveAspectRatio="none" '
        'focusable="false"><rect width="100" height="10" class="profile-chart__track"/>'
        '<rect width="{}" height="10" class="profile-chart__bar profile-chart__bar--{}"/></svg>'
        '<span class="profile-chart__level">{}</span></div>',
        rows,
    )
    return format_html('<div class="profile-chart" aria-hidden="true">{}</div>', body)


@register.filter
def markdown_description(text: str):
    """Sanitised HTML of a Markdown description (python-markdown + nh3), its [[links]] to
    articles resolved as in articles."""
    from django.utils.safestring import mark_safe

    from ..wikilinks import description_with_wiki_links

    html = description_with_wiki_links(render_description(text))
    return mark_safe(html)  # noqa: S308 - sanitised by nh3, links built from escaped text


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def jsonld(data):
    """A schema.org block, escaped like json_script so no text can close the script element."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder
    from django.utils.safestring import mark_safe

    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.filter
def coordinate(value) -> str:
    """One format for coordinates everywhere: decimal point, 5 decimals ("48.38300")."""
    if value is None or value == "":
        return ""
    try:
        return f"{float(value):.5f}"
    except (TypeError, ValueError):
        return ""


@register.simple_tag
def map_settings_script(element_id: str = "ker-map-settings"):
    """The map settings (tiles, attribution, default centre) as a json_script for ker-map.js."""
    from django.utils.html import json_script

    from ..views.directory import map_settings

    return json_script(map_settings(), element_id)
