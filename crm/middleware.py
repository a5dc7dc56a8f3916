"""Project middleware: the request line is checked once for every view, and production pages carry
a Content-Security-Policy and a Permissions-Policy.

`RefuseControlCharactersMiddleware`: a query parameter or a path holding a control character (NUL,
ESC, DEL...) names nothing a person could have meant, and PostgreSQL refuses NUL in any text it is
asked to compare, which made every filter, search and slug lookup a 500. Checking here covers the
API's 39 filter parameters, `ordering`, `page`, `format`, and the admin's changelist search and
filters at once: the API answers a 400 naming the parameter in its JSON shape (a 404 for a path,
which cannot name a record), the admin Django's plain 400 page. Request bodies are checked by the
API's parsers (`leads.api.parsers`) and by Django's form fields in the admin.

`SecurityHeadersMiddleware` sends the `CONTENT_SECURITY_POLICY` and `PERMISSIONS_POLICY` settings
(set in production) on every response that does not set its own.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults

from leads.api.exceptions import API_PREFIX, error_body, page_not_found
from leads.api.parsers import control_character, control_character_errors


class RefuseControlCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if control_character(request.path):
            return page_not_found(request, ValueError("control character in the path"))
        errors = control_character_errors(
            (name, value) for name, values in request.GET.lists() for value in values or [""]
        )
        if errors:
            if request.path.startswith(API_PREFIX):
                return JsonResponse(error_body(errors), status=400, json_dumps_params={"ensure_ascii": False})
            return defaults.bad_request(request, ValueError("control character in the query string"))
        return self.get_response(request)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.headers = {
            name: value
            for name, value in (
                ("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY),
                ("Permissions-Policy", settings.PERMISSIONS_POLICY),
            )
            if value
        }

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        for name, value in self.headers.items():
            response.headers.setdefault(name, value)
        return response
