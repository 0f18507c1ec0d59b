"""Template helpers for commons: the profile chart (server-rendered SVG) and small labels."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from ..markdown import render_description
from ..profile import Profile

register = template.Library()

BAR_HEIGHT = 22
BAR_GAP = 12
LABEL_WIDTH = 150
BAR_WIDTH = 300


@register.simple_tag
def profile_chart(profile: Profile):
    """Horizontal bars, one per criterion; the data table next to it is for screen readers."""
    if profile is None:
        return ""
    height = len(profile.rows) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    width = LABEL_WIDTH + BAR_WIDTH + 150
    bars = []
    for index, row in enumerate(profile.rows):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        filled = round(BAR_WIDTH * profile.fraction(row))
        if row.level is None:
            state, level_label = "missing", _("à remplir")
        elif not row.counts:
            state, level_label = "not-counted", row.level.label
        else:
            state, level_label = "counted", row.level.label
        bars.append(
            (
                y + BAR_HEIGHT * 0.7,
                row.criterion.label,
                LABEL_WIDTH,
                y,
                BAR_WIDTH,
                BAR_HEIGHT,
                LABEL_WIDTH,
                y,
                filled,
                BAR_HEIGHT,
                state,
                LABEL_WIDTH + BAR_WIDTH + 8,
                y + BAR_HEIGHT * 0.7,
                level_label,
            )
        )
    body = format_html_join(
        "",
        '<text x="0" y="{}" class="profile-chart__label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="profile-chart__track"/>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="profile-chart__bar '
        'profile-chart__bar--{}"/>'
        '<text x="{}" y="{}" class="profile-chart__level">{}</text>',
        bars,
    )
    return format_html(
        '<svg class="profile-chart" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-hidden="true" focusable="false">{}</svg>',
        width,
        height,
        body,
    )


@register.filter
def markdown_description(text: str):
    """Sanitised HTML of a Markdown description (python-markdown + nh3)."""
    from django.utils.safestring import mark_safe

    return mark_safe(render_description(text))  # noqa: S308 - sanitised by nh3


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
