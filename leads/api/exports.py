"""CSV export of any filtered list: `?format=csv` (or `Accept: text/csv`).

The whole filtered list, not one page, streamed row by row from `.iterator()` so a large export
never sits in memory. The file starts with a UTF-8 byte-order mark, which is what makes Excel
read Vietnamese ("Bắc Ninh", "Quảng Châu") correctly instead of as mojibake. Cells that a
spreadsheet would run as a formula (starting with = or @, or a sign followed by more than a
number) are prefixed with an apostrophe; phone numbers such as "+84 24 3825 1234" stay as they are.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Model, QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from leads.models import Contact, Organization
from leads.permissions import may_view

BOM = "\ufeff"
CHUNK_SIZE = 500
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
    writer = csv.writer(_Echo())
    yield (BOM + writer.writerow([header for header, _getter in columns])).encode("utf-8")
    for record in queryset.iterator(chunk_size=CHUNK_SIZE):
        yield writer.writerow([cell(getter(record)) for _header, getter in columns]).encode("utf-8")


class OtherRecords:
    """A column that reads another model's records: blank in an API export for a user who may not view
    that model, as the JSON reads them as null (`leads.api.serializers.summaries`)."""

    def __init__(self, model: type[Model], getter: Callable[[Any], Any]) -> None:
        self.model, self.getter = model, getter

    def __call__(self, record: Any) -> Any:
        return self.getter(record)


def visible_columns(columns: list[Column], user: Any) -> list[Column]:
    """`columns`, those reading records `user` may not view left blank."""
    return [
        (header, getter if not isinstance(getter, OtherRecords) or may_view(user, getter.model) else _blank)
        for header, getter in columns
    ]


def _blank(record: Any) -> None:
    return None


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


def related(*path: str) -> Callable[[Any], Any]:
    """A getter following attributes, blank when a link on the way is empty: related("province", "name")."""

    def get(record: Any) -> Any:
        value = record
        for name in path:
            value = getattr(value, name, None)
            if value is None:
                return None
        return value

    return get


OPPORTUNITY_COLUMNS: list[Column] = [
    ("id", related("pk")),
    ("title", related("title")),
    ("display", str),
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
    ("sectors", lambda record: "; ".join(sector.slug for sector in record.sectors.all())),
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
    ("contacts", OtherRecords(Contact, lambda record: "; ".join(c.full_name for c in record.contacts.all()))),
    ("evidence_count", related("evidence_count")),
    ("created_at", related("created_at")),
    ("updated_at", related("updated_at")),
]

ORGANIZATION_COLUMNS: list[Column] = [
    ("id", related("pk")),
    ("name", related("name")),
    ("aliases", lambda record: "; ".join(alias.name for alias in record.aliases.all())),
    ("kind", related("kind")),
    ("country", related("country_id")),
    ("province", related("province", "name")),
    ("region", related("region", "name")),
    ("sectors", lambda record: "; ".join(sector.slug for sector in record.sectors.all())),
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
