"""OpenAPI schema details drf-spectacular cannot guess: token auth, nested-read/key-write fields, error shapes.

- `Authorization: Token <key>` appears as the `tokenAuth` security scheme (Swagger UI's "Authorize").
- Fields that read as a nested summary and write as a key or slug get a response schema (the
  summary component) and a request schema (integer or string) of their own.
- Every operation documents its error responses with the one `Error` shape
  (`{"detail": "...", "errors": {...}}`): 400 where input is read, 401, 403, 404 on one record or a page
  past the last, 413 on writes, 429.
- A read-only URL that may be blank documents "" as well as its format (an article without a URL).
- Workflow actions that honour the list filters (the pipeline summary) list them too.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.utils import OpenApiResponse

from leads.api.fields import NestedKeyField, NestedSlugField

ERROR_DESCRIPTIONS = {
    "400": "Invalid input: `errors` names each parameter or field that was wrong.",
    "401": "No credentials, or a token that is unknown or revoked.",
    "403": "Authenticated, but not allowed: missing model permission, read-only token, or `leads.mark_won`.",
    "404": "No such record (on a list: a page past the last one).",
    "409": "The record is still in use and cannot be deleted.",
    "413": "The body is larger than the server accepts (DATA_UPLOAD_MAX_MEMORY_SIZE, 10 MB).",
    "429": "Too many requests for this token; retry after the `Retry-After` seconds.",
}


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "leads.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict:
        definition = build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")
        definition["description"] = (
            "An API token issued by staff in the admin, sent as `Authorization: Token <key>`. "
            "Read-only tokens may only use GET, HEAD and OPTIONS."
        )
        return definition


class _NestedFieldExtension(OpenApiSerializerFieldExtension):
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict:
        if direction == "request":
            return dict(self.target.write_schema)
        component = auto_schema.resolve_serializer(self.target.summary, direction)
        return component.ref


class NestedSlugFieldExtension(_NestedFieldExtension):
    target_class = NestedSlugField


class NestedKeyFieldExtension(_NestedFieldExtension):
    target_class = NestedKeyField


def _reads_blank(field: Any) -> bool:
    """Whether a read-only field reads as "" at times: the text field behind it may be blank."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if not field.read_only or model is None or not field.source or "." in field.source:
        return False
    try:
        model_field = model._meta.get_field(field.source)
    except FieldDoesNotExist:
        return False
    return isinstance(model_field, models.CharField) and model_field.blank


class AutoSchema(openapi.AutoSchema):
    def _insert_field_validators(self, field: Any, schema: dict) -> None:
        """A read-only URL that may be blank reads as "" when there is none, which `format: uri` alone refuses.

        drf-spectacular documents "" for writable fields that allow blank; DRF drops `allow_blank` from
        read-only ones, so the model field says it instead, in the same `oneOf` shape.
        """
        super()._insert_field_validators(field, schema)
        if schema.get("type") == "string" and "format" in schema and "oneOf" not in schema and _reads_blank(field):
            outer = {"readOnly", "nullable", "description", "title"}
            inner = {key: schema.pop(key) for key in list(schema) if key not in outer}
            schema["oneOf"] = [inner, {"type": "string", "maxLength": 0}]

    def _is_list_view(self, serializer: Any = None) -> bool:
        if getattr(self.view, "action", None) == "sync":
            return True
        return super()._is_list_view(serializer)

    def get_paginated_name(self, serializer_name: str) -> str:
        if getattr(self.view, "action", None) == "sync":
            return f"Sync{serializer_name}Page"
        return super().get_paginated_name(serializer_name)

    def _get_filter_parameters(self) -> list:
        parameters = super()._get_filter_parameters()
        if getattr(self.view, "action", None) == "sync":  # always ordered by the sync column
            parameters = [parameter for parameter in parameters if parameter["name"] != "ordering"]
        return parameters

    def get_filter_backends(self) -> list:
        if getattr(self.view, "action", None) in getattr(self.view, "filtered_actions", ()):
            return getattr(self.view, "filter_backends", [])
        return super().get_filter_backends()

    def _get_response_bodies(self, direction: str = "response") -> dict:
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        from leads.api.serializers import ErrorSerializer

        codes = ["401", "403", "429"]
        if self.method in ("POST", "PUT", "PATCH") or self._is_list_view() or self.get_filter_backends():
            codes.append("400")
        if "{" in self.path or (self._is_list_view() and self._get_paginator() is not None):
            codes.append("404")
        if self.method in ("POST", "PUT", "PATCH"):
            codes.append("413")
        if self.method == "DELETE":
            codes.append("409")
        for code in sorted(codes):
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(response=ErrorSerializer, description=ERROR_DESCRIPTIONS[code]), code
                )
        return responses
