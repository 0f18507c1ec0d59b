from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalsConfig(AppConfig):
    name = "portals"
    verbose_name = _("Portails")

    def ready(self):
        from community.cache import register_site_wide_app

        from . import registrations  # noqa: F401

        # Commons show on articles (related commons), portals and the home page.
        register_site_wide_app("commons")
