from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Communauté")

    def ready(self):
        from .moderation import register_source
        from .moderation_sources import ReportsSource

        register_source(ReportsSource())
        from . import cache

        cache.connect()
