"""Pagination: pages of a bounded size for people and dashboards; cursors over `updated_at` for sync clients.

A page costs the same however deep it is and however many records match:

- `count` is exact up to 1,000 records. Beyond that, on PostgreSQL, it is the planner's estimate
  (the row estimate of the list's query, which for a whole table is `pg_class.reltuples`), so no
  page counts a million rows; SQLite counts exactly. `next` is null exactly on the last page, and a
  page past the last is a 404, whatever `count` says: both are decided by the rows themselves.
- a page is read in two steps (a deferred join): the keys of its records first, from the filtered
  and ordered list alone, which an index serves without building any joined row it skips; then
  the records with those keys, joins and nested lists included. `page=2000` builds 50 rows, not
  100,000.

Both paginations refuse what they cannot serve (`page=abc`, `page_size=1000000000`, a forged cursor) with a 400
naming the parameter, instead of quietly falling back to a default; a page past the last is a 404.
The schema states these bounds (`page >= 1`, `1 <= page_size <= 500`), so a client generated from
it never sends what is refused.
"""

from __future__ import annotations

import re
import typing
from functools import cached_property

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import QuerySet
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
EXACT_COUNT_UP_TO = 1_000
# A planner estimate this large is trusted without counting: the error of an estimate matters less
# than counting a large set on every page (2,400 rows behind a sector + province + stage filter
# take PostgreSQL 90 ms to count at a million opportunities, the page itself 2 ms).
TRUSTED_ESTIMATE_FROM = 1_000
_ROWS_ESTIMATE = re.compile(r"rows=(\d+)")
# No table holds this many rows; a page starting past it is past the last page without asking the
# database, whose 64-bit OFFSET it would overflow (`page=613489005955341824`).
_ROWS_AT_MOST = 2**62


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


class ListPage(Page):
    """A page that knows from its own rows whether another follows (the count may be an estimate)."""

    def __init__(self, object_list, number: int, paginator: Paginator, more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more


class ListPaginator(Paginator):
    """Django's paginator with a count that stays cheap on large sets and pages read by keys first.

    See the module docstring for what `count` means. The page's rows are those of `object_list`
    with the keys read for the page, in the same order; model instances or `values()` rows with `id`.
    """

    exact_count: bool = False  # set by the pagination for `page=last`, which needs the true last page

    @cached_property
    def count(self) -> int:
        """Counted exactly when asked before a page is read (`page=last`); `page()` sets it otherwise."""
        return self._listed().count()

    def _listed(self) -> QuerySet:
        """The list's keys only: its filters and order, none of the joins or nested lists of its rows."""
        return self.object_list.prefetch_related(None).values_list("pk", flat=True)

    def validate_number(self, number) -> int:
        """A page number from 1; whether it is past the last page is for the rows to say (see `page()`)."""
        if self.exact_count:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from error
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if (number - 1) * self.per_page >= _ROWS_AT_MOST:
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def page(self, number) -> ListPage:
        """The page's rows, read by keys first; the count from the same reads, so every page costs the same queries.

        On PostgreSQL the planner's estimate comes first: a large set is not counted, a small one
        is read key by key up to `EXACT_COUNT_UP_TO + 1`, which gives both its count and the page.
        """
        number = self.validate_number(number)
        offset = (number - 1) * self.per_page
        listed = self._listed()
        window = offset + self.per_page + 1
        if self.exact_count or connections[listed.db].vendor != "postgresql":
            self.count  # noqa: B018 - counted before the page is read, as Django's paginator does
            keys = list(listed[offset:window])
        else:
            estimate = _planner_rows(listed)
            if estimate >= TRUSTED_ESTIMATE_FROM:
                self.count = estimate
                keys = list(listed[offset:window])
            else:
                leading = list(listed[: max(window, EXACT_COUNT_UP_TO + 1)])
                self.count = len(leading) if len(leading) <= EXACT_COUNT_UP_TO else max(estimate, len(leading))
                keys = leading[offset:window]
        if not keys and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        more, keys = len(keys) > self.per_page, keys[: self.per_page]
        position = {key: index for index, key in enumerate(keys)}
        rows = sorted(self.object_list.filter(pk__in=keys), key=lambda row: position[_key(row)]) if keys else []
        return ListPage(rows, number, self, more)


def _key(row: typing.Any) -> typing.Any:
    return row["id"] if isinstance(row, dict) else row.pk


def _planner_rows(queryset: QuerySet) -> int:
    """PostgreSQL's estimate of how many rows `queryset` gives: its plan's top row count (no rows are read)."""
    found = _ROWS_ESTIMATE.search(queryset.explain())
    return int(found.group(1)) if found else 0


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=2&page_size=100`: 50 records by default, at most 500 (see the module docstring for `count`)."""

    django_paginator_class = ListPaginator
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

    def get_page_number(self, request: Request, paginator: ListPaginator):
        if request.query_params.get(self.page_query_param) in self.last_page_strings:
            paginator.exact_count = True
        return super().get_page_number(request, paginator)

    def get_paginated_response_schema(self, schema: dict) -> dict:
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["description"] = str(COUNT_DESCRIPTION)
        return response


COUNT_DESCRIPTION = gettext_lazy(
    "How many records match: exact up to 1,000; beyond that an estimate on PostgreSQL. "
    "`next` is null on the last page whatever the count says."
)


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
