"""Pagination: pages of a bounded size for people and dashboards; cursors over `updated_at` for sync clients.

Both refuse what they cannot serve (`page=abc`, `page_size=1000000000`, a forged cursor) with a 400
naming the parameter, instead of quietly falling back to a default; a page past the last is a 404.
The schema states these bounds (`page >= 1`, `1 <= page_size <= 500`), so a client generated from
it never sends what is refused.
"""

from __future__ import annotations

import re

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
SYNC_PAGE_SIZE = 200
PAGE_SIZE_BOUNDS = {"minimum": 1, "maximum": MAX_PAGE_SIZE}
_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")


def _with_bounds(parameters: list[dict], bounds: dict[str, dict]) -> list[dict]:
    """DRF's description of the pagination parameters, with the bounds this API enforces."""
    return [
        {**parameter, "schema": {**parameter["schema"], **bounds.get(parameter["name"], {})}}
        for parameter in parameters
    ]


def _page_size(request: Request, default: int) -> int:
    raw = request.query_params.get("page_size")
    if raw is None or raw == "":
        return default
    if not _WHOLE_NUMBER.fullmatch(raw) or int(raw) < 1:
        raise ValidationError({"page_size": [_("Give a whole number from 1 to %(max)d.") % {"max": MAX_PAGE_SIZE}]})
    if int(raw) > MAX_PAGE_SIZE:
        raise ValidationError({"page_size": [_("At most %(max)d records per page.") % {"max": MAX_PAGE_SIZE}]})
    return int(raw)


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=2&page_size=100`: 50 records by default, at most 500."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_query_description = gettext_lazy("A page number, from 1; a page past the last one is a 404.")
    page_size_query_description = gettext_lazy("Records per page, from 1 to 500 (50 when not given).")

    def get_page_size(self, request: Request) -> int:
        return _page_size(request, self.page_size)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        bounds = {self.page_query_param: {"minimum": 1}, self.page_size_query_param: PAGE_SIZE_BOUNDS}
        return _with_bounds(super().get_schema_operation_parameters(view), bounds)

    def paginate_queryset(self, queryset, request: Request, view=None):
        raw = request.query_params.get(self.page_query_param)
        if raw not in (None, "", *self.last_page_strings) and (not _WHOLE_NUMBER.fullmatch(raw) or int(raw) < 1):
            raise ValidationError({self.page_query_param: [_("Give a page number: a whole number from 1.")]})
        return super().paginate_queryset(queryset, request, view)


class SyncCursorPagination(pagination.CursorPagination):
    """Walk a whole table in the order records last changed: follow `next` until it is null.

    The view names the column (`sync_field`, default `updated_at`); ties are broken by key. A record
    changed during the walk moves to the end and is seen again, so nothing is missed.
    """

    page_size = SYNC_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    invalid_cursor_message = gettext_lazy("This cursor is not valid; start again without one.")
    page_size_query_description = gettext_lazy("Records per page, from 1 to 500 (200 when not given).")

    def get_page_size(self, request: Request) -> int:
        return _page_size(request, self.page_size)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return _with_bounds(
            super().get_schema_operation_parameters(view), {self.page_size_query_param: PAGE_SIZE_BOUNDS}
        )

    def get_ordering(self, request: Request, queryset, view) -> tuple[str, str]:
        return (getattr(view, "sync_field", "updated_at"), "pk")

    def decode_cursor(self, request: Request):
        try:
            cursor = super().decode_cursor(request)
        except Exception as error:  # DRF raises NotFound; a bad cursor is the client's input, so 400.
            raise ValidationError({self.cursor_query_param: [str(self.invalid_cursor_message)]}) from error
        if cursor is not None and cursor.position is not None:
            try:
                valid = parse_datetime(cursor.position) is not None
            except ValueError:
                valid = False
            if not valid:
                raise ValidationError({self.cursor_query_param: [str(self.invalid_cursor_message)]})
        return cursor
