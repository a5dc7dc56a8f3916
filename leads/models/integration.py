"""What integrations need besides the domain: API tokens and the deleted-records feed for sync."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

#: Lets a user see, create and revoke tokens acting as someone else (`leads.tokens` says for whom).
MANAGE_OTHERS_TOKENS = "leads.manage_others_tokens"
PREFIX_LENGTH = 8


def new_token_key() -> str:
    """160 random bits as 40 hex characters: what a client sends in `Authorization: Token <key>`."""
    return secrets.token_hex(20)


def hash_token_key(key: str) -> str:
    """The SHA-256 of `key` in hex: what the database keeps instead of the key.

    A fast hash is enough here, unlike for passwords: a key is 160 random bits, not words a person
    chose, so nobody holding the table can guess keys faster than by trying 2^160 of them, and a
    slow key-derivation function would only cost every API request its CPU time. An unsalted hash
    also lets authentication find the token through the column's unique index.
    """
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def issue(self, *, user, name: str, read_only: bool = False) -> tuple[ApiToken, str]:
        """Create a token acting as `user` and return it with its key, the only time the key exists in clear.

        No permission check: staff's requests go through `leads.tokens.api_token_issue`, which applies
        the rule on whom one may issue a token for.
        """
        token = self.model(user=user, name=name, read_only=read_only)
        return token, token.save_with_new_key()

    def with_key(self, key: str) -> ApiToken | None:
        """The token whose key is `key` (revoked or not), with its user; None for an unknown key."""
        digest = hash_token_key(key)
        token = self.select_related("user").filter(key_hash=digest).first()
        # The lookup compares in the database; compare again in constant time so a match is not a shortcut.
        return token if token is not None and hmac.compare_digest(token.key_hash, digest) else None

    def visible_to(self, user) -> ApiTokenQuerySet:
        """The tokens `user` may see and revoke: their own, or everyone's with `leads.manage_others_tokens`."""
        return self if user.has_perm(MANAGE_OTHERS_TOKENS) else self.filter(user=user)


class ApiToken(models.Model):
    """A token an integration authenticates with; created and revoked by staff, optionally read-only.

    Only the key's hash is stored (`hash_token_key`), with its first characters (`prefix`) so staff
    can tell tokens apart in lists and revoke one by name. The key itself is shown once, when the
    token is issued, and cannot be read back by anyone afterwards: a lost key means a new token.
    """

    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        _("key prefix"),
        max_length=PREFIX_LENGTH,
        editable=False,
        help_text=_("The first characters of the key, to tell tokens apart; the key itself is never shown again."),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("Which integration uses it."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("acts as"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    read_only = models.BooleanField(_("read-only"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    #: The key in clear: set in memory on the token `save_with_new_key` saved, never stored.
    key: str | None = None

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]
        permissions = [("manage_others_tokens", _("Can see, create and revoke API tokens acting as other users"))]
        constraints = [
            # A token made with `create()` instead of `issue()` would have no key anyone could send.
            models.CheckConstraint(condition=~models.Q(key_hash="") & ~models.Q(prefix=""), name="apitoken_has_key")
        ]

    def __str__(self) -> str:
        return self.name

    def save_with_new_key(self) -> str:
        """Give this new token a key, save it and return the key (also kept in memory as `self.key`)."""
        key = new_token_key()
        self.key_hash, self.prefix, self.key = hash_token_key(key), key[:PREFIX_LENGTH], key
        self.full_clean()
        self.save()
        return key


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
