from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WikiConfig(AppConfig):
    name = "wiki"
    verbose_name = _("Wiki")

    def ready(self):
        from community.text import register_markup

        from . import cache, registrations  # noqa: F401
        from .markdown import WIKI_MARKUP

        cache.connect()
        # Links, images, footnotes and anchors: let their HTML through the shared sanitiser.
        register_markup(WIKI_MARKUP)
