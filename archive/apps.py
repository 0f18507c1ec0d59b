from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    """The whole site as one open archive (site_dump), and back (site_restore)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "archive"
    verbose_name = _("Sauvegarde et restauration")
