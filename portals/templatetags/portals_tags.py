"""Server-rendered SVG for community health (no JavaScript, with a table for screen readers)."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()

WIDTH, HEIGHT, MARGIN = 640, 220, 28


@register.simple_tag
def creations_chart(months):
    """Grouped bars: articles and commons created per month."""
    if not months:
        return ""
    top = max([1] + [max(month.articles, month.commons) for month in months])
    slot = (WIDTH - 2 * MARGIN) / len(months)
    bar = max(2.0, slot / 2 - 2)
    bars = []
    for position, month in enumerate(months):
        x = MARGIN + position * slot
        for offset, (value, css) in enumerate(
            ((month.articles, "bar-articles"), (month.commons, "bar-commons"))
        ):
            height = (HEIGHT - 2 * MARGIN) * value / top
            bars.append(
                (
                    css,
                    round(x + offset * (bar + 1), 1),
                    round(HEIGHT - MARGIN - height, 1),
                    round(bar, 1),
                    round(height, 1),
                    f"{month.label} : {value}",
                )
            )
        # The month under its bars; the year under January and under the first month.
        bars.append(("label", round(x, 1), HEIGHT - 14, 0, 0, month.short_label))
        if position == 0 or month.month.endswith("-01"):
            bars.append(("label", round(x, 1), HEIGHT - 2, 0, 0, month.month[:4]))
    shapes = format_html_join(
        "",
        '<rect class="{}" x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>',
        [row for row in bars if row[0] != "label"],
    )
    labels = format_html_join(
        "",
        '<text class="chart-label" x="{}" y="{}">{}</text>',
        [(row[1], row[2], row[5]) for row in bars if row[0] == "label"],
    )
    return format_html(
        '<svg class="health-chart" viewBox="0 0 {} {}" role="img" aria-label="{}">'
        '<line class="chart-axis" x1="{}" y1="{}" x2="{}" y2="{}"></line>{}{}'
        '<text class="chart-label" x="4" y="16">{}</text></svg>',
        WIDTH,
        HEIGHT,
        _("Articles et communs créés par mois (détail dans le tableau)"),
        MARGIN,
        HEIGHT - MARGIN,
        WIDTH - MARGIN,
        HEIGHT - MARGIN,
        shapes,
        labels,
        top,
    )
