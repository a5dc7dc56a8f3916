"""What integrations need besides the domain: API tokens and the deleted-records feed for sync."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token_key() -> str:
    return secrets.token_hex(20)


class ApiToken(models.Model):
    """A token an integration authenticates with; created and revoked by staff, optionally read-only."""

    key = models.CharField(_("key"), max_length=40, unique=True, default=new_token_key, editable=False)
    name = models.CharField(_("name"), max_length=100, help_text=_("Which integration uses it."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("acts as"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    read_only = models.BooleanField(_("read-only"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class DeletedRecord(models.Model):
    """A tombstone: sync clients learn from it that a record they copied is gone."""

    model = models.CharField(_("model"), max_length=50, db_index=True)
    object_id = models.BigIntegerField(_("object id"))
    deleted_at = models.DateTimeField(_("deleted"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("deleted record")
        verbose_name_plural = _("deleted records")
        ordering = ["deleted_at", "id"]

    def __str__(self) -> str:
        return f"{self.model} #{self.object_id}"
