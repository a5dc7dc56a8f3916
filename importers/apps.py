from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportersConfig(AppConfig):
    """Reading and extraction; holds the import and evaluation management commands."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "importers"
    verbose_name = _("Importers")
