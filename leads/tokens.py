"""Who may issue and revoke API tokens, and the two writes that apply it (the admin and the command call them).

A token acts as its user: whoever holds the key may do all the user may. So issuing a token for
someone is handing out their rights, and the rule is that nobody hands out more than they hold:

- With `leads.add_apitoken` one may issue a token acting as oneself.
- A token acting as another user also needs `leads.manage_others_tokens`, and the other user must
  be active and hold no more than the issuer: only a superuser may issue a token for a superuser;
  otherwise every permission of the target (their own and their groups') must be one the issuer holds.
- Tokens are seen and revoked by the user they act as, and by everyone with `leads.manage_others_tokens`
  (`ApiToken.objects.visible_to`); revoking also needs `leads.change_apitoken`.

The target's permissions are those of today: a token follows its user, so permissions granted
to the user later reach the token too, as they reach the user's own logins.

`manage.py create_api_token` passes no issuer (`issued_by=None`): whoever runs commands on the
server already holds every right (`manage.py shell`), so there is nothing to escalate to.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from leads.models import ApiToken
from leads.models.integration import MANAGE_OTHERS_TOKENS

ADD_TOKEN = "leads.add_apitoken"
CHANGE_TOKEN = "leads.change_apitoken"


def issue_refusal(issuer: AbstractBaseUser, target: AbstractBaseUser) -> str | None:
    """Why `issuer` may not issue a token acting as `target`, in words staff understand; None if they may."""
    if not issuer.has_perm(ADD_TOKEN):
        return _("You may not create API tokens.")
    if not target.is_active:
        return _("“%(user)s” is inactive: a token acting as them would not work.") % {"user": target.get_username()}
    if target.pk == issuer.pk or issuer.is_superuser:
        return None
    if not issuer.has_perm(MANAGE_OTHERS_TOKENS):
        return _("You may only create tokens acting as yourself.")
    if target.is_superuser:
        return _("Only a superuser may create a token acting as a superuser.")
    missing = sorted(target.get_all_permissions() - issuer.get_all_permissions())
    if missing:
        return _(
            "“%(user)s” holds permissions you lack (%(permissions)s); a token acting as them would hand them out."
        ) % {"user": target.get_username(), "permissions": ", ".join(missing)}
    return None


def users_offered(issuer: AbstractBaseUser) -> QuerySet:
    """The users `issuer` may pick as a new token's user: only themselves without `leads.manage_others_tokens`.

    With it, the active users, superusers among them only for a superuser; `issue_refusal` has the last
    word on permissions, which would cost queries per user to work out for a whole list.
    """
    users = get_user_model().objects.order_by("username")
    if issuer.is_superuser:
        return users.filter(is_active=True)
    if not issuer.has_perm(MANAGE_OTHERS_TOKENS):
        return users.filter(pk=issuer.pk)
    return users.filter(is_active=True, is_superuser=False)


def api_token_issue(*, token: ApiToken, issued_by: AbstractBaseUser | None) -> str:
    """Save the new `token` if `issued_by` may issue it, and return its key: shown once, never stored.

    Raises `PermissionDenied` with the reason otherwise; the admin's form checks the same rule first,
    so staff see the reason next to the field, and this check stands even when the form is bypassed.
    """
    if issued_by is not None and (refusal := issue_refusal(issued_by, token.user)):
        raise PermissionDenied(refusal)
    return token.save_with_new_key()


def api_tokens_revoke(*, tokens: QuerySet[ApiToken], revoked_by: AbstractBaseUser | None) -> int:
    """Revoke the active tokens among `tokens` that `revoked_by` may revoke; return how many were revoked."""
    if revoked_by is not None:
        if not revoked_by.has_perm(CHANGE_TOKEN):
            raise PermissionDenied(_("You may not revoke API tokens."))
        tokens = tokens & ApiToken.objects.visible_to(revoked_by)
    return tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
