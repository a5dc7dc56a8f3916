"""Request bodies the API reads: JSON, forms and multipart, refused in words when they are hostile.

What a person or an integration sends is text: names, notes, slugs. Control characters have no
place in it (PostgreSQL cannot even store NUL in a text column, so it used to be a 500), nor do
lone surrogates (JSON can spell `"\\ud800"`, which no database can encode). Every string of a body,
keys included, is checked here once for every endpoint, and the answer is a 400 naming the field,
as a validation error would. JSON nested deeper than any body of this API needs is refused before
it can exhaust Python's recursion limit. The size of a body is bounded by Django itself
(`DATA_UPLOAD_MAX_MEMORY_SIZE`, a 413: see `leads.api.exceptions`).

The same rule covers query strings and paths in `crm.middleware`, so it lives here once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError

# C0 controls except tab, line feed and carriage return; DEL; lone UTF-16 surrogates.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# The API's bodies are flat records with lists of keys or slugs (depth 2); 32 leaves room for any
# honest client and stays far below the recursion limit.
MAX_JSON_DEPTH = 32
MAX_REPORTED_FIELDS = 10


def control_character(text: str) -> str | None:
    """The first character of `text` that text may not hold, or None."""
    match = CONTROL_CHARACTERS.search(text)
    return match.group() if match else None


def control_character_message(character: str) -> str:
    return _("Contains the control character U+%(code)04X; text may hold tabs and line breaks, no other control.") % {
        "code": ord(character)
    }


def printable(name: str) -> str:
    """A field or parameter name fit to be shown back, control characters written as escapes."""
    return CONTROL_CHARACTERS.sub(lambda match: f"\\u{ord(match.group()):04x}", name)


def control_character_errors(items: Iterator[tuple[str, str]]) -> dict[str, list[str]]:
    """`{name: [message]}` for each (name, text) pair whose name or text holds a control character."""
    errors: dict[str, list[str]] = {}
    for name, text in items:
        character = control_character(name) or control_character(text)
        if character is not None and printable(name) not in errors:
            errors[printable(name)] = [control_character_message(character)]
            if len(errors) >= MAX_REPORTED_FIELDS:
                break
    return errors


def _json_strings(value: Any) -> Iterator[tuple[str, str]]:
    """Each string of a parsed JSON value as (path, text), keys too; ParseError past MAX_JSON_DEPTH.

    Iterative, so the walk itself costs no recursion whatever the input.
    """
    stack: list[tuple[str, Any, int]] = [("", value, 0)]
    while stack:
        path, item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth >= MAX_JSON_DEPTH:
                raise ParseError(_too_deep())
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            for key, child in pairs:
                child_path = f"{path}[{key}]" if isinstance(item, list) else f"{path}.{key}" if path else key
                if isinstance(key, str):
                    yield child_path, key
                stack.append((child_path, child, depth + 1))
        elif isinstance(item, str):
            yield path or "non_field_errors", item


def _too_deep() -> str:
    return _("The JSON is nested more than %(depth)d levels deep; no request of this API needs that.") % {
        "depth": MAX_JSON_DEPTH
    }


def _refuse_control_characters(items: Iterator[tuple[str, str]]) -> None:
    errors = control_character_errors(items)
    if errors:
        raise ValidationError(errors)


def _form_strings(data: QueryDict) -> Iterator[tuple[str, str]]:
    for name, values in data.lists():
        for text in values:
            yield name, text if isinstance(text, str) else ""


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing deep nesting (400) and control characters (400 naming the field)."""

    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(_too_deep()) from error
        _refuse_control_characters(_json_strings(data))
        return data


class FormParser(parsers.FormParser):
    """DRF's form parser, refusing control characters in any field (400 naming the field)."""

    def parse(self, stream, media_type=None, parser_context=None) -> QueryDict:
        data = super().parse(stream, media_type, parser_context)
        _refuse_control_characters(_form_strings(data))
        return data


class MultiPartParser(parsers.MultiPartParser):
    """DRF's multipart parser, refusing control characters in the form fields (files are the importer's)."""

    def parse(self, stream, media_type=None, parser_context=None) -> parsers.DataAndFiles:
        parsed = super().parse(stream, media_type, parser_context)
        _refuse_control_characters(_form_strings(parsed.data))
        return parsed
