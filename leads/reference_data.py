"""Load the reference data shipped in `fixtures/reference/` into the database.

Used by the data migration (with the migration's historical models) and by the
`load_reference_data` command (with the live models), hence the `apps` argument. Historical
models have no custom `save()`, so the folded names are computed here explicitly.

Records staff may have edited are never overwritten unless `refresh=True` is asked for, and
nothing is ever deleted.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps as global_apps

from leads.text import normalize_name

# The shipped reference files; the importer's gazetteers read the same folder.
REFERENCE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "reference"


def read_reference(name: str, directory: Path = REFERENCE_DIR) -> list[dict[str, Any]]:
    path = directory / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def load_reference_data(
    apps=global_apps, *, directory: Path = REFERENCE_DIR, refresh: bool = False, sites_and_rates: bool = True
) -> Counter:
    """Create missing countries, sectors, provinces, foreign regions, sites and exchange rates; counts per kind.

    `sites_and_rates=False` is for the migration that ran before those tables existed.
    """
    counts: Counter = Counter()
    Country = apps.get_model("leads", "Country")
    Sector = apps.get_model("leads", "Sector")
    Province = apps.get_model("leads", "Province")
    ForeignRegion = apps.get_model("leads", "ForeignRegion")

    def upsert(model, lookup: dict[str, Any], values: dict[str, Any], label: str):
        obj, created = model.objects.get_or_create(**lookup, defaults=values)
        if created:
            counts[f"{label} created"] += 1
        elif refresh:
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
            counts[f"{label} refreshed"] += 1
        else:
            counts[f"{label} kept"] += 1
        return obj

    for row in read_reference("countries", directory):
        upsert(
            Country,
            {"code": row["code"]},
            {
                "name": row["name"],
                "name_en": row.get("name_en", ""),
                "aliases": row.get("aliases", []),
                "normalized_name": normalize_name(f"{row['name']} {row.get('name_en', '')}"),
            },
            "countries",
        )
    for row in read_reference("sectors", directory):
        upsert(
            Sector,
            {"slug": row["slug"]},
            {
                "name_en": row["name_en"],
                "name_vi": row["name_vi"],
                "keywords": row.get("keywords", []),
                "normalized_name": normalize_name(f"{row['name_en']} {row['name_vi']}"),
            },
            "sectors",
        )
    provinces = sorted(read_reference("provinces", directory), key=lambda row: not row["is_current"])
    by_slug: dict[str, Any] = {}
    for row in provinces:
        successor = by_slug.get(row["successor"]) if row.get("successor") else None
        by_slug[row["slug"]] = upsert(
            Province,
            {"slug": row["slug"]},
            {
                "code": row.get("code") or "",
                "name": row["name"],
                "full_name": row.get("full_name", ""),
                "kind": row["kind"],
                "is_current": row["is_current"],
                "successor": successor,
                "aliases": row.get("aliases", []),
                "normalized_name": normalize_name(row["name"]),
            },
            "provinces",
        )
    regions = read_reference("foreign_regions", directory)
    countries = {country.code: country for country in Country.objects.all()}
    created_regions: dict[str, Any] = {}
    # Parents before children, whatever order the file is in.
    pending = list(regions)
    while pending:
        ready = [row for row in pending if not row.get("parent") or row["parent"] in created_regions]
        if not ready:
            raise ValueError(f"foreign_regions.json: unknown parent in {[row['slug'] for row in pending]}")
        for row in ready:
            created_regions[row["slug"]] = upsert(
                ForeignRegion,
                {"slug": row["slug"]},
                {
                    "name": row["name"],
                    "name_en": row.get("name_en", ""),
                    "country": countries[row["country"]],
                    "kind": row["kind"],
                    "parent": created_regions.get(row.get("parent") or ""),
                    "aliases": row.get("aliases", []),
                    "ambiguous": row.get("ambiguous", False),
                    "normalized_name": normalize_name(row["name"]),
                },
                "foreign regions",
            )
        pending = [row for row in pending if row["slug"] not in created_regions]
    if sites_and_rates:
        load_sites_and_rates(apps, directory=directory, refresh=refresh, counts=counts)
    return counts


def load_sites_and_rates(
    apps=global_apps, *, directory: Path = REFERENCE_DIR, refresh: bool = False, counts: Counter | None = None
) -> Counter:
    """Create missing sites and exchange rates (the provinces they name must be loaded already)."""
    counts = Counter() if counts is None else counts
    Province = apps.get_model("leads", "Province")
    Site = apps.get_model("leads", "Site")
    ExchangeRate = apps.get_model("leads", "ExchangeRate")
    provinces = {province.slug: province for province in Province.objects.all()}

    def upsert(model, lookup: dict[str, Any], values: dict[str, Any], label: str) -> None:
        obj, created = model.objects.get_or_create(**lookup, defaults=values)
        if created:
            counts[f"{label} created"] += 1
        elif refresh:  # saved, not updated: a renamed site's search column and its opportunities' follow
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
            counts[f"{label} refreshed"] += 1
        else:
            counts[f"{label} kept"] += 1

    for row in read_reference("sites", directory):
        upsert(
            Site,
            {"slug": row["slug"]},
            {
                "name": row["name"],
                "kind": row["kind"],
                "province": provinces[row["province"]],
                "former_province": provinces.get(row.get("former_province") or ""),
                "aliases": row.get("aliases", []),
                "normalized_name": normalize_name(row["name"]),
            },
            "sites",
        )
    for row in read_reference("exchange_rates", directory):
        upsert(
            ExchangeRate,
            {"currency": row["currency"], "year": row["year"]},
            {"units_per_usd": Decimal(str(row["units_per_usd"]))},
            "exchange rates",
        )
    return counts
