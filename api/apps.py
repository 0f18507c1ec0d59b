from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read-only REST API: what a visitor may see, as JSON, for other sites and tools."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = _("API de lecture")
