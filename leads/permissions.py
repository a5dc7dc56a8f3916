"""Who may see and change what, beyond one model permission: the rules the admin and the API share.

- **Seeing a kind of record** (`may_view`) is what the Django admin calls it: the `view_` or the
  `change_` permission of its model (who may change a record may read it). Wherever the workspace
  shows records of another model, in the review queue, on the dashboard or nested inside an API
  response, it shows them only to a user who may view that model.
- **A won opportunity** is the agency's result: moving one to or from won needs `leads.mark_won`
  (the stage service enforces it), and so does editing or deleting one (`may_change_opportunity`,
  `may_delete_opportunity`); otherwise a colleague could rewrite or remove a win they could not record.

Permission lookups go through `user.has_perm`, which Django's `ModelBackend` caches on the user
object: after the first check of a request, the others cost no query.
"""

from __future__ import annotations

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from leads.choices import Stage
from leads.models import Opportunity

MARK_WON = "leads.mark_won"
WON_MESSAGE = _(
    "This opportunity is won: changing or deleting it needs the permission to mark opportunities won (leads.mark_won)."
)


def _permission(action: str, model: type[Model]) -> str:
    opts = model._meta
    return f"{opts.app_label}.{get_permission_codename(action, opts)}"


def may_view(user: AbstractBaseUser | AnonymousUser, model: type[Model]) -> bool:
    """Whether `user` may read records of `model`: its view or its change permission, as in the admin."""
    return user.has_perm(_permission("view", model)) or user.has_perm(_permission("change", model))


def _may_touch(user: AbstractBaseUser | AnonymousUser, opportunity: Opportunity) -> bool:
    """A won opportunity is only touched by who may mark one won: a win is not undone by an edit."""
    return opportunity.stage != Stage.WON or user.has_perm(MARK_WON)


def may_change_opportunity(user: AbstractBaseUser | AnonymousUser, opportunity: Opportunity) -> bool:
    """Whether `user` may edit `opportunity` (as stored): the change permission, and `mark_won` if it is won."""
    return user.has_perm(_permission("change", Opportunity)) and _may_touch(user, opportunity)


def may_delete_opportunity(user: AbstractBaseUser | AnonymousUser, opportunity: Opportunity) -> bool:
    """Whether `user` may delete `opportunity`: the delete permission, and `mark_won` if it is won."""
    return user.has_perm(_permission("delete", Opportunity)) and _may_touch(user, opportunity)
