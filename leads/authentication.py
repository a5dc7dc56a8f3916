"""Token authentication for integrations: `Authorization: Token <key>`.

Tokens are `leads.ApiToken` rows that staff create and revoke in the admin. The database holds only
the hash of each key, so the presented key is hashed and looked up by its hash. A revoked token, an
unknown key or a token whose user is inactive gets 401. `last_used_at` is refreshed at most once
a minute, so a busy integration does not cost a write per request.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from leads.models import ApiToken

LAST_USED_PRECISION = timedelta(minutes=1)
MAX_KEY_LENGTH = 40


class ApiTokenAuthentication(BaseAuthentication):
    """Authenticate with an `ApiToken`; `request.auth` is the token, so permissions can see `read_only`."""

    keyword = "Token"

    def authenticate(self, request: Request) -> tuple | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as “Authorization: Token <key>”."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from error
        return self.authenticate_credentials(key)

    def authenticate_credentials(self, key: str) -> tuple:
        # A key longer than any issued one is refused before it costs a hash.
        token = ApiToken.objects.with_key(key) if len(key) <= MAX_KEY_LENGTH else None
        now = timezone.now()
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is not valid."))
        if token.revoked_at is not None and token.revoked_at <= now:
            raise exceptions.AuthenticationFailed(_("This token has been revoked."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The user this token acts as is inactive."))
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword
