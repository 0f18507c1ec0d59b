from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def size_delta(delta: int):
    """(+120) in green, (-40) in red, as on MediaWiki's history."""
    if delta > 0:
        return format_html(
            '<span class="size-plus" title="{}">(+{})</span>', _("octets ajoutés"), delta
        )
    if delta < 0:
        return format_html(
            '<span class="size-minus" title="{}">({})</span>', _("octets retirés"), delta
        )
    return format_html('<span title="{}">(0)</span>', _("taille inchangée"))
