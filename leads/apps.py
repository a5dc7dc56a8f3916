from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadsConfig(AppConfig):
    """The CRM's domain: reference data, organizations, contacts, opportunities and their evidence."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "leads"
    verbose_name = _("Investment leads")

    def ready(self) -> None:
        from leads import audit, signals

        signals.connect()
        audit.register()
