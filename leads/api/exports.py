"""CSV export of any filtered list: `?format=csv` (or `Accept: text/csv`).

The whole filtered list, not one page, streamed in chunks so a large export never sits in memory.
An API export reads one query planned for the whole result (on PostgreSQL a server-side cursor is
otherwise planned for its first rows, which walked the whole table in list order): flat rows from
`values_list()`, many-valued columns (sectors, contacts, aliases) joined by the database in the same
row, no model objects. Each column is a getter that also reads a model instance, which is how the
admin's export of a selection (with its admin link column) still uses the same columns.

The file starts with a UTF-8 byte-order mark, which is what makes Excel read Vietnamese ("Bắc Ninh",
"Quảng Châu") correctly instead of as mojibake. Cells that a spreadsheet would run as a formula
(starting with = or @, or a sign followed by more than a number) are prefixed with an apostrophe;
phone numbers such as "+84 24 3825 1234" stay as they are.
"""

from __future__ import annotations

import csv
import io
import operator
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connections, models, transaction
from django.db.models import Expression, Model, QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from leads.api.renderers import JSONRenderer
from leads.api.serializers.flat import Page, opportunity_display
from leads.models import Contact, Organization
from leads.permissions import may_view

BOM = "\ufeff"
CHUNK_SIZE = 500
FLAT_CHUNK_SIZE = 2000  # rows fetched from the cursor, and written, at a time
FORMULA_STARTS = ("=", "@", "\t", "\r")
SIGNS = ("+", "-")
# A leading sign followed only by these is a phone number or an amount, not a formula: "+84 24 3825 1234".
_NUMBER_LIKE = re.compile(r"[+-][0-9 ().\-]*")

Column = tuple[str, Callable[[Any], Any]]


class CSVRenderer(BaseRenderer):
    """Declares `text/csv` for content negotiation; the rows themselves are streamed by `CSVExportMixin`."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: dict | None = None) -> bytes:
        return b""


class _Echo:
    def write(self, value: str) -> str:
        return value


def cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date | Decimal | int | float):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS) or (text.startswith(SIGNS) and not _NUMBER_LIKE.fullmatch(text)):
        return f"'{text}"
    return text


def csv_rows(queryset: QuerySet, columns: list[Column]) -> Iterator[bytes]:
    """The CSV of `queryset`: flat rows when every column can read them (`FlatGetter`), else model instances."""
    if all(isinstance(getter, FlatGetter) and getter.reads_rows for _header, getter in columns):
        return _flat_csv_rows(queryset, columns)
    return _record_csv_rows(queryset, columns)


def _record_csv_rows(queryset: QuerySet, columns: list[Column]) -> Iterator[bytes]:
    writer = csv.writer(_Echo())
    yield (BOM + writer.writerow([header for header, _getter in columns])).encode("utf-8")
    for record in queryset.iterator(chunk_size=CHUNK_SIZE):
        yield writer.writerow([cell(getter(record)) for _header, getter in columns]).encode("utf-8")


def _flat_csv_rows(queryset: QuerySet, columns: list[Column]) -> Iterator[bytes]:
    """One query for the whole export, read `FLAT_CHUNK_SIZE` rows at a time and written a chunk per yield.

    Per row, the plain columns are picked in one `itemgetter` call and only those needing it are
    converted (text defused, booleans, date-times): a 10,000-row export is mostly the database's time.
    """
    getters: list[FlatGetter] = [getter for _header, getter in columns]  # type: ignore[misc]
    annotations: dict[str, Expression] = {}
    names: list[str] = []
    for getter in getters:
        annotations.update(getter.annotations())
        names.extend(getter.columns)
    names = list(dict.fromkeys(names))
    rows = queryset.prefetch_related(None).annotate(**annotations).values(*names)
    page = Page({})
    picked = operator.itemgetter(*(names[0] if getter.computed else getter.columns[0] for getter in getters))
    computed = [(position, getter) for position, getter in enumerate(getters) if getter.computed]
    converted = [(position, getter.converter(queryset.model)) for position, getter in enumerate(getters)]
    converted = [(position, convert) for position, convert in converted if convert is not _as_is]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow([header for header, _getter in columns])
    connection = connections[rows.db]
    chunk: list[list[Any]] = []
    # A server-side cursor inside a transaction, planned for all its rows rather than its first ones.
    with transaction.atomic(using=rows.db):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL cursor_tuple_fraction = 1.0")
        for row in rows.iterator(chunk_size=FLAT_CHUNK_SIZE):
            cells = list(picked(row))
            for position, getter in computed:
                cells[position] = getter.read(row, page)
            for position, convert in converted:
                cells[position] = convert(cells[position])
            chunk.append(cells)
            if len(chunk) == FLAT_CHUNK_SIZE:
                writer.writerows(chunk)
                chunk.clear()
                yield buffer.getvalue().encode("utf-8")
                buffer.seek(0)
                buffer.truncate()
    writer.writerows(chunk)
    yield buffer.getvalue().encode("utf-8")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if value.startswith(FORMULA_STARTS) or (value.startswith(SIGNS) and not _NUMBER_LIKE.fullmatch(value)):
        return f"'{value}"
    return value


def _boolean(value: Any) -> str:
    return "" if value is None else ("true" if value else "false")


def _moments() -> Callable[[Any], str]:
    """Date-times in the current time zone (looked up once per export, not per cell), to the second."""
    zone = timezone.get_current_timezone()
    return lambda value: "" if value is None else value.astimezone(zone).isoformat(timespec="seconds")


def _as_is(value: Any) -> Any:
    return value  # numbers, dates and None: the csv module writes them as `cell` would (str, or blank)


def converter_for(model_field: models.Field | None) -> Callable[[Any], Any]:
    """What `cell` does to a value of `model_field`, decided once per column instead of once per cell."""
    if isinstance(model_field, models.ForeignKey):
        model_field = model_field.target_field
    if isinstance(model_field, models.BooleanField):
        return _boolean
    if isinstance(model_field, models.DateTimeField):
        return _moments()
    if isinstance(model_field, models.CharField | models.TextField):
        return _text
    if model_field is None or isinstance(model_field, models.DateField | models.IntegerField | models.DecimalField):
        return _as_is
    return cell


class FlatGetter:
    """A column getter that reads a model instance (`__call__`) and also a flat row of `columns`.

    A plain getter's value is its first column's; a `computed` one's is `read(row)`.
    """

    columns: tuple[str, ...] = ()
    computed = False
    reads_rows = True

    def __call__(self, record: Any) -> Any:
        raise NotImplementedError

    def read(self, row: dict[str, Any], page: Page) -> Any:
        raise NotImplementedError

    def annotations(self) -> dict[str, Expression]:
        return {}

    def converter(self, model: type[Model]) -> Callable[[Any], Any]:
        return _text


class Attribute(FlatGetter):
    """Attributes followed from the record, blank when a link on the way is empty: `related("province", "name")`."""

    def __init__(self, *path: str) -> None:
        self.path = path
        self.columns = ("__".join("id" if name == "pk" else name for name in path),)

    def __call__(self, record: Any) -> Any:
        value = record
        for name in self.path:
            value = getattr(value, name, None)
            if value is None:
                return None
        return value

    def read(self, row: dict[str, Any], page: Page) -> Any:
        return row[self.columns[0]]

    def converter(self, model: type[Model]) -> Callable[[Any], Any]:
        current: Any = model
        model_field = None
        for name in self.columns[0].split("__"):
            try:
                model_field = current._meta.get_field(name)
            except Exception:  # an annotation such as evidence_count
                return _as_is
            current = model_field.related_model
        return converter_for(model_field)


def related(*path: str) -> Attribute:
    return Attribute(*path)


class Display(FlatGetter):
    """An opportunity as `str()` shows it: its title, or who → where: what."""

    computed = True

    def __init__(self) -> None:
        self.display = opportunity_display()
        self.columns = self.display.columns

    def __call__(self, record: Any) -> str:
        return str(record)

    def read(self, row: dict[str, Any], page: Page) -> str:
        return self.display.compute(row, page)


class Joined(FlatGetter):
    """The records of a many-valued relation, one attribute each, joined with "; " in the relation's order.

    Read flat, the database joins them in the export's own query (a correlated subquery per row).
    """

    def __init__(self, relation: str, attribute: str, order: tuple[str, ...]) -> None:
        self.relation, self.attribute, self.order = relation, attribute, order
        self.columns = (f"{relation}_joined",)

    def __call__(self, record: Any) -> str:
        return "; ".join(getattr(item, self.attribute) for item in getattr(record, self.relation).all())

    def read(self, row: dict[str, Any], page: Page) -> Any:
        return row[self.columns[0]]

    def annotations(self) -> dict[str, Expression]:
        return {self.columns[0]: JoinedText(self.relation, self.attribute, self.order)}


class JoinedText(Expression):
    """`; `-joined values of a related model for the outer row, in order: one subquery, both databases."""

    output_field = models.TextField()
    contains_aggregate = False

    def __init__(self, relation: str, attribute: str, order: tuple[str, ...]) -> None:
        super().__init__()
        self.relation, self.attribute, self.order = relation, attribute, order

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        quote = connection.ops.quote_name
        model = compiler.query.model
        outer = f"{quote(compiler.query.get_initial_alias())}.{quote(model._meta.pk.column)}"
        relation = model._meta.get_field(self.relation)
        target = relation.related_model
        table, column = quote(target._meta.db_table), quote(target._meta.get_field(self.attribute).column)
        order = ", ".join(f"t.{quote(target._meta.get_field(name).column)}" for name in self.order)
        if relation.many_to_many:
            through = relation.remote_field.through._meta
            link = quote(through.db_table)
            source = quote(relation.m2m_column_name())
            remote = quote(relation.m2m_reverse_name())
            key = quote(target._meta.pk.column)
            rows = f"FROM {link} m JOIN {table} t ON t.{key} = m.{remote} WHERE m.{source} = {outer}"
        else:  # a reverse foreign key, such as an organization's aliases
            rows = f"FROM {table} t WHERE t.{quote(relation.field.column)} = {outer}"
        if connection.vendor == "postgresql":
            return f"(SELECT string_agg(t.{column}, '; ' ORDER BY {order}) {rows})", []
        return f"(SELECT group_concat(v, '; ') FROM (SELECT t.{column} AS v {rows} ORDER BY {order}))", []


class OtherRecords(FlatGetter):
    """A column that reads another model's records: blank in an API export for a user who may not view
    that model, as the JSON reads them as null (`leads.api.serializers.summaries`)."""

    def __init__(self, model: type[Model], getter: Callable[[Any], Any]) -> None:
        self.model, self.getter = model, getter
        self.columns = getattr(getter, "columns", ())
        self.computed = getattr(getter, "computed", True)
        self.reads_rows = isinstance(getter, FlatGetter) and getter.reads_rows

    def __call__(self, record: Any) -> Any:
        return self.getter(record)

    def read(self, row: dict[str, Any], page: Page) -> Any:
        return self.getter.read(row, page)

    def annotations(self) -> dict[str, Expression]:
        return self.getter.annotations()

    def converter(self, model: type[Model]) -> Callable[[Any], Any]:
        return self.getter.converter(model)


class Blank(FlatGetter):
    """A column left blank (another model's records the user may not view)."""

    computed = True

    def __call__(self, record: Any) -> None:
        return None

    def read(self, row: dict[str, Any], page: Page) -> None:
        return None

    def converter(self, model: type[Model]) -> Callable[[Any], Any]:
        return _as_is


def visible_columns(columns: list[Column], user: Any) -> list[Column]:
    """`columns`, those reading records `user` may not view left blank."""
    return [
        (header, getter if not isinstance(getter, OtherRecords) or may_view(user, getter.model) else Blank())
        for header, getter in columns
    ]


def csv_response(queryset: QuerySet, columns: list[Column], name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_rows(queryset, columns), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    return response


class CSVExportMixin:
    """A list endpoint that also answers `?format=csv` with the whole filtered list, streamed."""

    csv_columns: list[Column] = []
    csv_name = "export"

    def list(self, request: Request, *args: Any, **kwargs: Any):
        if getattr(request.accepted_renderer, "format", None) == CSVRenderer.format:
            queryset = self.filter_queryset(self.get_queryset())
            return csv_response(queryset, visible_columns(self.csv_columns, request.user), self.csv_name)
        return super().list(request, *args, **kwargs)

    def get_renderers(self) -> list:
        renderers = super().get_renderers()
        if getattr(self, "action", None) == "list":
            return renderers
        return [renderer for renderer in renderers if not isinstance(renderer, CSVRenderer)]

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any):
        # Errors (a bad filter, a missing permission) are JSON even when CSV was asked for.
        if isinstance(response, Response) and getattr(request, "accepted_renderer", None).__class__ is CSVRenderer:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


OPPORTUNITY_COLUMNS: list[Column] = [
    ("id", related("pk")),
    ("title", related("title")),
    ("display", Display()),
    ("organization_id", OtherRecords(Organization, related("organization_id"))),
    ("organization", OtherRecords(Organization, related("organization", "name"))),
    ("origin_region", related("origin_region", "name")),
    ("origin_country", related("origin_country_id")),
    ("province", related("province", "name")),
    ("province_slug", related("province", "slug")),
    ("site", related("site", "name")),
    ("site_slug", related("site", "slug")),
    ("project", related("project")),
    ("primary_sector", related("primary_sector", "slug")),
    ("sectors", Joined("sectors", "slug", ("slug",))),
    ("status", related("status")),
    ("stage", related("stage")),
    ("investment_type", related("investment_type")),
    ("value", related("value")),
    ("currency", related("currency")),
    ("value_usd", related("value_usd")),
    ("land_area_ha", related("land_area_ha")),
    ("expected_jobs", related("expected_jobs")),
    ("reported_on", related("reported_on")),
    ("priority", related("priority")),
    ("likelihood", related("likelihood")),
    ("owner", related("owner", "username")),
    ("next_step", related("next_step")),
    ("next_step_on", related("next_step_on")),
    ("review_status", related("review_status")),
    ("is_imported", related("is_imported")),
    ("contacts", OtherRecords(Contact, Joined("contacts", "full_name", ("normalized_name", "id")))),
    ("evidence_count", related("evidence_count")),
    ("created_at", related("created_at")),
    ("updated_at", related("updated_at")),
]

ORGANIZATION_COLUMNS: list[Column] = [
    ("id", related("pk")),
    ("name", related("name")),
    ("aliases", Joined("aliases", "name", ("name", "id"))),
    ("kind", related("kind")),
    ("country", related("country_id")),
    ("province", related("province", "name")),
    ("region", related("region", "name")),
    ("sectors", Joined("sectors", "slug", ("slug",))),
    ("website", related("website")),
    ("opportunity_count", related("opportunity_count")),
    ("contact_count", related("contact_count")),
    ("evidence_count", related("evidence_count")),
    ("created_at", related("created_at")),
    ("updated_at", related("updated_at")),
]

CONTACT_COLUMNS: list[Column] = [
    ("id", related("pk")),
    ("full_name", related("full_name")),
    ("title", related("title")),
    ("organization_id", OtherRecords(Organization, related("organization_id"))),
    ("organization", OtherRecords(Organization, related("organization", "name"))),
    ("country", OtherRecords(Organization, related("organization", "country_id"))),
    ("email", related("email")),
    ("phone", related("phone")),
    ("review_status", related("review_status")),
    ("is_imported", related("is_imported")),
    ("evidence_count", related("evidence_count")),
    ("created_at", related("created_at")),
    ("updated_at", related("updated_at")),
]
