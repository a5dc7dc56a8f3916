"""Errors as JSON a person can read: `{"detail": "...", "errors": {"parameter": ["..."]}}`.

`detail` is always one sentence that can be shown as is; `errors` (validation errors only) names
each field or query parameter that was wrong. Django's own `ValidationError` (raised by services
and `full_clean()`) becomes a 400 like DRF's, and deleting a record that others still point at
becomes a 409 that says what to do instead. A body too large is a 413 naming the limit.
Concurrent writers (`leads.api.preconditions`): a stale `If-Match` is a 412 carrying the current
`ETag`; a record changed, merged or deleted by another writer at the same moment is a 409.

Errors that happen outside DRF's views (no such URL, a body Django refuses before any view runs,
a bug) reach Django's error handlers; `bad_request`, `permission_denied`, `page_not_found` and
`server_error` (wired in `crm/urls.py`) answer in the same JSON shape for paths under `/api/`,
because an integration parses JSON, and with Django's HTML pages everywhere else (the admin).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import OperationalError
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import defaults
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from leads.api.preconditions import etag
from leads.models.versioning import StaleRecord, VersionMismatch
from leads.services import RecordGone

API_PREFIX = "/api/"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("This record is still in use.")
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    """412: the record is not at the version `If-Match` names; `etag` is the one it is at."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"

    def __init__(self, error: VersionMismatch) -> None:
        super().__init__(
            _(
                "This %(model)s changed since the version your If-Match names; it is now %(etag)s. "
                "Nothing was saved: read it again and resend your change with its new ETag."
            )
            % {"model": error.record._meta.verbose_name, "etag": etag(error.record)}
        )
        self.etag = etag(error.record)


# PostgreSQL's "deadlock detected" and "could not serialize access": another transaction won the race.
WRITE_CONFLICT_STATES = {"40P01", "40001"}


def _concurrency_error(exc: Exception) -> Exception:
    """A 412 or 409 for what another writer did at the same moment; `exc` itself otherwise."""
    if isinstance(exc, VersionMismatch):
        return PreconditionFailed(exc)
    if isinstance(exc, StaleRecord):
        return Conflict(str(exc))
    if isinstance(exc, RecordGone):
        return Conflict(" ".join(exc.messages))
    if isinstance(exc, OperationalError) and getattr(exc.__cause__, "sqlstate", None) in WRITE_CONFLICT_STATES:
        return Conflict(_("Another request changed the same records at the same moment; nothing was saved. Try again."))
    return exc


class PayloadTooLarge(exceptions.APIException):
    """413: more than a limit allows (bytes of a body or a file, articles in one import); `field` names the input."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The request is too large.")
    default_code = "too_large"

    def __init__(self, detail: str | None = None, *, field: str | None = None) -> None:
        super().__init__(detail)
        self.field = field


def body_too_large_message() -> str:
    return _("The request body is larger than %(mb).0f MB, the limit; send less at a time.") % {
        "mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
    }


def error_body(errors: dict[str, list[str]]) -> dict[str, Any]:
    """The body of a 400 naming each parameter or field at fault, as DRF views answer it."""
    return {"detail": _summary(errors), "errors": errors}


def exception_handler(exc: Exception, context: dict) -> Response | None:
    exc = _concurrency_error(exc)
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge(body_too_large_message())
    elif isinstance(exc, DjangoValidationError):
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
    if isinstance(exc, PreconditionFailed):
        response["ETag"] = exc.etag
    if isinstance(exc, exceptions.ValidationError):
        response.data = error_body(_as_errors(response.data))
    elif isinstance(exc, PayloadTooLarge) and exc.field:
        response.data = {"detail": str(exc.detail), "errors": {exc.field: [str(exc.detail)]}}
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


# ---------------------------------------------------------------------------------------------
# Django's error handlers (crm/urls.py): JSON under /api/, HTML elsewhere
# ---------------------------------------------------------------------------------------------


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _json(detail: str, status_code: int) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status_code, json_dumps_params={"ensure_ascii": False})


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A request Django refused before any view (a body over DATA_UPLOAD_MAX_MEMORY_SIZE is a 413)."""
    too_big = isinstance(exception, RequestDataTooBig)
    if _is_api(request):
        detail = body_too_large_message() if too_big else _("The request could not be read.")
        return _json(detail, 413 if too_big else 400)
    if too_big:
        title = _("Request too large (413)")
        page = format_html("<!doctype html><title>{0}</title><h1>{0}</h1><p>{1}</p>", title, body_too_large_message())
        return HttpResponse(page, status=413)
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _json(_("You do not have permission to perform this action."), 403)
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _json(_("No such record or address in the API; see /api/v1/docs/."), 404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """A bug: the person gets one sentence (the traceback goes to the log, never to the client)."""
    if _is_api(request):
        return _json(_("Something went wrong on the server; the error was logged. Please try again later."), 500)
    return defaults.server_error(request)
