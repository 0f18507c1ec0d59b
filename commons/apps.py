from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonsConfig(AppConfig):
    name = "commons"
    verbose_name = _("Communs")

    def ready(self):
        from . import registrations  # noqa: F401
