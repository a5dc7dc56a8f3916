"""List pages shaped by hand from flat rows: the same JSON as the serializers, at a fraction of the cost.

A DRF serializer builds its fields again for every nested summary it renders (about 170 per page of
opportunities), which made the list endpoints spend most of their time in Python. A `FlatList`
instead reads each page's records by their keys in one `values()` query with the joins its summaries
need, plus one query per many-valued field (sectors, contacts, aliases) for the whole page, and shapes the documented
JSON directly: the serializer stays what the schema documents, what writes go through and what one
record reads as, and `tests/api/test_flat_lists.py` checks the two agree field for field.

Values are converted as the serializers convert them (date-times as RFC 3339 in the current time
zone, dates as ISO 8601, decimals as strings with the column's places), the converter chosen once
per column from its model field. Summaries of organizations, contacts, opportunities and articles
read as null for a user who may not view that model, as `leads.api.serializers.summaries` rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework import serializers

from leads.api.fields import RFC3339DateTimeField
from leads.api.serializers.summaries import may_view_in

Convert = Callable[[Any], Any]
Row = dict[str, Any]

_DATETIME = RFC3339DateTimeField()


def _date(value: Any) -> Any:
    return value if isinstance(value, str) else value.isoformat()


def column_converter(model: type[Model], column: str) -> Convert | None:
    """How the serializers show the value of `column` (a `values()` path from `model`); None: as it is."""
    current: Any = model
    model_field = None
    for part in column.split("__"):
        try:
            model_field = current._meta.get_field(part)
        except Exception:  # an annotation (a count): shown as it is
            return None
        current = model_field.related_model
    if isinstance(model_field, models.DateTimeField):
        return _DATETIME.to_representation
    if isinstance(model_field, models.DateField):
        return _date
    if isinstance(model_field, models.DecimalField):
        return serializers.DecimalField(
            max_digits=model_field.max_digits, decimal_places=model_field.decimal_places
        ).to_representation
    return None


@dataclass
class Page:
    """What shaping one page needs from its request, worked out once per page, not per row."""

    context: dict[str, Any]
    language: str = field(default_factory=lambda: get_language() or "")
    urls: dict[str, str] = field(default_factory=dict)

    def visible(self, model: type[Model]) -> bool:
        return may_view_in(self.context, model)

    def absolute(self, url_name: str) -> str:
        """`url_name`'s URL, absolute when there is a request, as `EvidenceLinksMixin` builds it."""
        if url_name not in self.urls:
            url = reverse(url_name)
            request = self.context.get("request")
            self.urls[url_name] = request.build_absolute_uri(url) if request else url
        return self.urls[url_name]


@dataclass(frozen=True)
class Summary:
    """A related record nested as a small object, read from the joined columns under one prefix.

    `keys` maps each JSON key to a column of `model` (a path such as `country__code`), to a nested
    `Summary` (under that key's relation) or to a function of the prefix giving a `Computed` value
    (an opportunity's `display`). It reads as null when its first column is (no related record),
    or, when `guarded`, for a user who may not view `model`.
    """

    model: type[Model]
    keys: tuple[tuple[str, str | Summary | Callable[[str], Computed]], ...]
    guarded: bool = False

    def bind(self, prefix: str) -> BoundSummary:
        entries: list[tuple[str, int, Any]] = []
        columns: list[str] = []
        for key, source in self.keys:
            if isinstance(source, Summary):
                nested = source.bind(f"{prefix}__{key}")
                entries.append((key, 1, nested))
                columns.extend(nested.columns)
            elif isinstance(source, str):
                column = f"{prefix}__{source}"
                entries.append((key, 0, (column, column_converter(self.model, source))))
                columns.append(column)
            else:
                computed = source(prefix)
                entries.append((key, 2, computed.compute))
                columns.extend(computed.columns)
        return BoundSummary(self.model if self.guarded else None, columns[0], entries, columns)


@dataclass(frozen=True)
class BoundSummary:
    """A `Summary` under one prefix: its columns, and how each JSON key is read from them."""

    guard: type[Model] | None
    link: str
    entries: list[tuple[str, int, Any]]  # (key, 0 a column and its converter | 1 a summary | 2 computed, payload)
    columns: list[str]

    def read(self, row: Row, page: Page) -> dict[str, Any] | None:
        if row[self.link] is None or (self.guard is not None and not page.visible(self.guard)):
            return None
        shaped: dict[str, Any] = {}
        for key, kind, payload in self.entries:
            if kind == 0:
                value = row[payload[0]]
                shaped[key] = value if payload[1] is None or value is None else payload[1](value)
            elif kind == 1:
                shaped[key] = payload.read(row, page)
            else:
                shaped[key] = payload(row, page)
        return shaped


@dataclass(frozen=True)
class Nested:
    """A JSON key holding a `Summary` of the record's relation `relation` (the key itself by default)."""

    key: str
    summary: Summary
    relation: str = ""


@dataclass(frozen=True)
class Computed:
    """A JSON key computed from some columns of the row (a display text, a link)."""

    key: str
    columns: tuple[str, ...]
    compute: Callable[[Row, Page], Any]


@dataclass(frozen=True)
class Many:
    """A JSON key holding a list read for the whole page by one query: `fetch(keys)` gives (record key, item)
    pairs in the list's order. Null as a whole for a user who may not view `guard`."""

    key: str
    fetch: Callable[[list[Any], Page], Iterable[tuple[Any, Any]]]
    guard: type[Model] | None = None


Entry = str | Nested | Computed | Many


class FlatList:
    """How one list endpoint reads its page as flat rows and shapes each row into its serializer's JSON.

    `entries` follow the serializer's `fields` in order: a column name (shown under its own name),
    a `Nested` summary, a `Computed` value or a `Many` list.
    """

    def __init__(self, model: type[Model], entries: Sequence[Entry], key: str = "id") -> None:
        self.model, self.key = model, key
        self.keys = [entry if isinstance(entry, str) else entry.key for entry in entries]
        columns: list[str] = [key]
        # (JSON key, kind, payload): 0 a column and its converter, 1 a summary, 2 computed, 3 many.
        self._plan: list[tuple[str, int, Any]] = []
        self._many: list[Many] = []
        for entry in entries:
            if isinstance(entry, str):
                columns.append(entry)
                self._plan.append((entry, 0, (entry, column_converter(model, entry))))
            elif isinstance(entry, Nested):
                bound = entry.summary.bind(entry.relation or entry.key)
                columns.extend(bound.columns)
                self._plan.append((entry.key, 1, bound))
            elif isinstance(entry, Computed):
                columns.extend(entry.columns)
                self._plan.append((entry.key, 2, entry.compute))
            else:
                self._many.append(entry)
                self._plan.append((entry.key, 3, entry))
        self.columns = list(dict.fromkeys(columns))

    def rows(self, queryset: QuerySet, keys: Sequence[Any]) -> list[Row]:
        """The records of `queryset` with these keys as flat rows (joins for the summaries, no model objects),
        in the order of `keys`.

        `queryset` is the endpoint's unfiltered one (its annotations, such as counts): the page's keys
        were chosen by the filters already, and a query that differs only by its keys is planned
        once per connection (prepared statements), whatever the filters were.
        """
        position = {key: index for index, key in enumerate(keys)}
        found = queryset.prefetch_related(None).order_by().filter(pk__in=keys).values(*self.columns)
        return sorted(found, key=lambda row: position[row[self.key]])

    def shape(self, rows: Sequence[Row], context: dict[str, Any]) -> list[dict[str, Any]]:
        page = Page(context)
        keys = [row[self.key] for row in rows]
        lists: dict[str, dict[Any, list] | None] = {}
        for many in self._many:
            if many.guard is not None and not page.visible(many.guard):
                lists[many.key] = None
                continue
            grouped: dict[Any, list] = {}
            if keys:
                for record_key, item in many.fetch(keys, page):
                    grouped.setdefault(record_key, []).append(item)
            lists[many.key] = grouped
        return [self._shape_row(row, page, lists) for row in rows]

    def _shape_row(self, row: Row, page: Page, lists: dict[str, dict[Any, list] | None]) -> dict[str, Any]:
        shaped: dict[str, Any] = {}
        for key, kind, payload in self._plan:
            if kind == 0:
                value = row[payload[0]]
                shaped[key] = value if payload[1] is None or value is None else payload[1](value)
            elif kind == 1:
                shaped[key] = payload.read(row, page)
            elif kind == 2:
                shaped[key] = payload(row, page)
            else:
                grouped = lists[key]
                shaped[key] = None if grouped is None else grouped.get(row[self.key], [])
        return shaped


def evidence_url(filter_name: str) -> Computed:
    """`evidence_url`: the evidence list filtered to this record (`EvidenceLinksMixin`)."""
    return Computed(
        "evidence_url", ("id",), lambda row, page: f"{page.absolute('api:evidence-list')}?{filter_name}={row['id']}"
    )


def many_summaries(rows: QuerySet, owner: str, summary: Summary, relation: str) -> Iterable[tuple[Any, Any]]:
    """(owner key, summary) pairs from `rows` (a queryset of a link table or a related model, filtered and
    ordered): the summary read from the columns under `relation`."""
    bound = summary.bind(relation)
    page = Page({})
    for row in rows.values(owner, *bound.columns):
        yield row[owner], bound.read(row, page)


def opportunity_display(prefix: str = "") -> Computed:
    """`display` of an opportunity (`Opportunity.__str__`): its title, or who → where: what."""
    p = f"{prefix}__" if prefix else ""
    columns = (
        "title", "project", "organization_id", "organization__name", "origin_region_id", "origin_region__name",
        "origin_country_id", "origin_country__name", "province_id", "province__name", "site_id", "site__name",
        "primary_sector_id", "primary_sector__name_en", "primary_sector__name_vi",
    )  # fmt: skip
    c = {name: p + name for name in columns}

    def display(row: Row, page: Page) -> str:
        if row[c["title"]]:
            return row[c["title"]]
        if row[c["organization_id"]] is not None:
            who = row[c["organization__name"]]
        elif row[c["origin_region_id"]] is not None:
            who = row[c["origin_region__name"]]
        elif row[c["origin_country_id"]] is not None:
            who = row[c["origin_country__name"]]
        else:
            who = "?"
        where = row[c["province__name"]] if row[c["province_id"]] is not None else _("nationwide")
        if row[c["site_id"]] is not None:
            where = f"{where}, {row[c['site__name']]}"
        if row[c["project"]]:
            what = row[c["project"]]
        elif row[c["primary_sector_id"]] is not None:
            what = row[c["primary_sector__name_vi"] if page.language == "vi" else c["primary_sector__name_en"]]
        else:
            what = "-"
        return f"{who} → {where}: {what}"

    return Computed("display", tuple(c.values()), display)
