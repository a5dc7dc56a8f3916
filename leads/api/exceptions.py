"""Errors as JSON a person can read: `{"detail": "...", "errors": {"parameter": ["..."]}}`.

`detail` is always one sentence that can be shown as is; `errors` (validation errors only) names
each field or query parameter that was wrong. Django's own `ValidationError` (raised by services
and `full_clean()`) becomes a 400 like DRF's, and deleting a record that others still point at
becomes a 409 that says what to do instead.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("This record is still in use.")
    default_code = "conflict"


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=serializers.as_serializer_error(exc))
    elif isinstance(exc, ProtectedError | RestrictedError):
        blockers = {obj._meta.verbose_name_plural for obj in list(exc.args[1])[:50]}
        exc = Conflict(
            _("It cannot be deleted while %(what)s point at it; reassign them first (or merge organizations).")
            % {"what": ", ".join(sorted(str(name) for name in blockers))}
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _as_errors(response.data)
        response.data = {"detail": _summary(errors), "errors": errors}
    elif not (isinstance(response.data, dict) and "detail" in response.data):
        response.data = {"detail": _flatten(response.data)[0] if _flatten(response.data) else str(exc)}
    return response


def _as_errors(data: Any) -> dict[str, Any]:
    if isinstance(data, dict):
        return {("non_field_errors" if key == NON_FIELD_ERRORS else key): value for key, value in data.items()}
    return {"non_field_errors": data if isinstance(data, list) else [data]}


def _flatten(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [message for item in value.values() for message in _flatten(item)]
    if isinstance(value, list):
        return [message for item in value for message in _flatten(item)]
    return [str(value)]


def _summary(errors: dict[str, Any]) -> str:
    parts = []
    for name, value in errors.items():
        messages = " ".join(_flatten(value))
        parts.append(messages if name == "non_field_errors" else f"{name}: {messages}")
    return " ".join(part if part.endswith((".", "?", "!")) else f"{part}." for part in parts) or _("Invalid input.")
