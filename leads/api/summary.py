"""The pipeline summary (`opportunities/summary/`): counts and values in all, by stage, status, sector and province.

Each group gives its count, its stated value per currency (values in different currencies are never
added together) and `total_value_usd`, the sum of the values in US dollars at the yearly reference
rate (opportunities without one add nothing). An opportunity counts once in each of its sectors, so
the sector counts may add up to more than the total; one without sectors counts under `null`. Stages
come in pipeline order, then on hold and lost; statuses in the order an intention advances, then
those with none reported; sectors and provinces by count.

Grouped by keys only, as the database can do it over a million opportunities: on PostgreSQL the
stage, status and province groups come from one scan (`GROUPING SETS`), elsewhere from one query
each; the sectors from the link table (with the filters, for the opportunities they select); the
names of the provinces and sectors found are read afterwards from their small tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, QuerySet, Sum

from leads.choices import PIPELINE_ORDER, STATUS_ORDER, ReportedStatus, Stage
from leads.models import Opportunity, Province, Sector

GROUPED_BY = ("stage", "status", "province_id")
Group = dict[str, Any]
# One grouped row: (grouping, its key, currency, count, total value, total value in USD).
GroupedRow = tuple[str, Any, str | None, int, Decimal | None, Decimal | None]


def pipeline_summary(queryset: QuerySet) -> dict[str, Any]:
    """The summary of `queryset`'s opportunities (filtered as the list is); see the module docstring."""
    base = queryset.order_by().prefetch_related(None)
    groups: dict[str, dict[Any, Group]] = {name: {} for name in (*GROUPED_BY, "sector")}
    for grouping, key, currency, count, total, total_usd in [*_by_columns(base), *_by_sector(base)]:
        group = groups[grouping].setdefault(key, _empty())
        _add(group, count, {currency or "": total} if total is not None else {}, total_usd)

    overall = _empty()
    for group in groups["stage"].values():
        _add(overall, group["count"], group["total_value"], group["total_value_usd"])
    provinces = _names(Province, ("id", "slug", "name"), groups["province_id"])
    sectors = _names(Sector, ("id", "slug", "name_en", "name_vi"), groups["sector"])
    return {
        **_values(overall),
        "by_stage": [
            {"stage": stage, "label": str(Stage(stage).label), **_values(groups["stage"][stage])}
            for stage in (*PIPELINE_ORDER, Stage.ON_HOLD, Stage.LOST)
            if stage in groups["stage"]
        ],
        "by_status": [
            {
                "status": status or None,
                "label": str(ReportedStatus(status).label) if status else None,
                **_values(groups["status"][status]),
            }
            for status in (*STATUS_ORDER, "")
            if status in groups["status"]
        ],
        "by_sector": _by_count(groups["sector"], "sector", sectors),
        "by_province": _by_count(groups["province_id"], "province", provinces),
    }


def _by_columns(base: QuerySet) -> Iterable[GroupedRow]:
    """Stage, status and province groups of `base`, per currency."""
    columns = base.values(*GROUPED_BY, "currency", "value", "value_usd")
    connection = connections[base.db]
    if connection.vendor == "postgresql":
        try:
            sql, params = columns.query.get_compiler(using=base.db).as_sql()
        except EmptyResultSet:  # filters that can select nothing (an empty list of keys)
            return
        sets = ", ".join(f"({name}, currency)" for name in GROUPED_BY)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT GROUPING(stage), GROUPING(status), stage, status, province_id, currency, count(*), "
                f"sum(value), sum(value_usd) FROM ({sql}) o GROUP BY GROUPING SETS ({sets})",
                params,
            )
            for by_stage, by_status, stage, status, province, currency, count, total, total_usd in cursor.fetchall():
                if not by_stage:
                    yield "stage", stage, currency, count, total, total_usd
                elif not by_status:
                    yield "status", status or "", currency, count, total, total_usd
                else:
                    yield "province_id", province, currency, count, total, total_usd
        return
    for name in GROUPED_BY:
        for row in _grouped(base, name):
            key = (row[name] or "") if name == "status" else row[name]
            yield name, key, row["currency"], row["count"], row["total"], row["total_usd"]


def _by_sector(base: QuerySet) -> Iterable[GroupedRow]:
    """Sector groups of `base`: one row per opportunity and sector, or one with none.

    With filters, grouped from a fresh queryset of the opportunities they select, so that a join
    the filters made can never narrow or multiply the sectors.
    """
    source = Opportunity.objects.filter(pk__in=base.values("pk")) if base.query.has_filters() else base
    for row in _grouped(source, "sectors__id"):
        yield "sector", row["sectors__id"], row["currency"], row["count"], row["total"], row["total_usd"]


def _grouped(source: QuerySet, field: str) -> list[dict[str, Any]]:
    return list(
        source.values(field, "currency")
        .annotate(count=Count("pk"), total=Sum("value"), total_usd=Sum("value_usd"))
        .order_by()
    )


def _empty() -> Group:
    return {"count": 0, "total_value": {}, "total_value_usd": Decimal("0")}


def _add(group: Group, count: int, totals: dict[str, Decimal], total_usd: Decimal | None) -> None:
    group["count"] += count
    for currency, total in totals.items():
        group["total_value"][currency] = group["total_value"].get(currency, 0) + total
    if total_usd is not None:
        group["total_value_usd"] += total_usd


def _values(group: Group) -> dict[str, Any]:
    return {
        "count": group["count"],
        "total_value": [
            {"currency": currency, "total": total} for currency, total in sorted(group["total_value"].items())
        ],
        "total_value_usd": group["total_value_usd"],
    }


def _names(model: type, fields: tuple[str, ...], groups: dict[Any, Group]) -> dict[Any, dict[str, Any]]:
    """The summaries of the records the groups are keyed by (one small query)."""
    keys = [key for key in groups if key is not None]
    return {row["id"]: row for row in model.objects.filter(pk__in=keys).order_by().values(*fields)} if keys else {}


def _by_count(groups: dict[Any, Group], name: str, summaries: dict[Any, dict[str, Any]]) -> list[dict[str, Any]]:
    """Groups by count, ties by slug; the group of none (key None) reads as null."""

    def order(item: tuple[Any, Group]) -> tuple[int, str]:
        key, group = item
        return -group["count"], summaries[key]["slug"] if key is not None else ""

    ordered = sorted(groups.items(), key=order)
    return [{name: summaries[key] if key is not None else None, **_values(group)} for key, group in ordered]
