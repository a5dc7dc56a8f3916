"""Who may do what through the API: Django's model permissions, read-only tokens, and per-action rules.

- Reading needs the `view_<model>` permission, writing `add_`/`change_`/`delete_<model>`, as in the admin.
- A workflow action states the permissions it needs in the viewset's `action_permissions`
  (moving a stage needs `change_opportunity`; marking one won also needs `leads.mark_won`,
  which the stage service itself enforces).
- A won opportunity is changed, moved, reviewed or deleted only by a user who may mark one won
  (`leads.permissions`, the rule the admin applies too): otherwise 403, saying so.
- A read-only token may only use safe methods (GET, HEAD, OPTIONS), whatever its user may do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions

from leads.choices import Stage
from leads.models import ApiToken, Opportunity
from leads.permissions import WON_MESSAGE, may_change_opportunity, may_delete_opportunity

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView

VIEW = "%(app_label)s.view_%(model_name)s"


class ModelPermissions(permissions.DjangoModelPermissions):
    """Django model permissions, including `view_` for reads, and explicit permissions for workflow actions."""

    perms_map = {
        "GET": [VIEW],
        "OPTIONS": [VIEW],
        "HEAD": [VIEW],
        "POST": ["%(app_label)s.add_%(model_name)s"],
        "PUT": ["%(app_label)s.change_%(model_name)s"],
        "PATCH": ["%(app_label)s.change_%(model_name)s"],
        "DELETE": ["%(app_label)s.delete_%(model_name)s"],
    }

    def has_permission(self, request: Request, view: APIView) -> bool:
        action_permissions = getattr(view, "action_permissions", {}).get(getattr(view, "action", None))
        if action_permissions is None:
            return super().has_permission(request, view)
        user = request.user
        return bool(user and user.is_authenticated and user.has_perms(action_permissions))

    def has_object_permission(self, request: Request, view: APIView, obj: object) -> bool:
        if request.method in permissions.SAFE_METHODS or not isinstance(obj, Opportunity):
            return True
        allowed = may_delete_opportunity if request.method == "DELETE" else may_change_opportunity
        if allowed(request.user, obj):
            return True
        if obj.stage == Stage.WON:
            raise exceptions.PermissionDenied(WON_MESSAGE)
        return False


class ReadOnlyTokenPermission(permissions.BasePermission):
    message = _("This API token is read-only: it may only read (GET, HEAD, OPTIONS).")

    def has_permission(self, request: Request, view: APIView) -> bool:
        token = request.auth
        return not (isinstance(token, ApiToken) and token.read_only and request.method not in permissions.SAFE_METHODS)
