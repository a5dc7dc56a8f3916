"""Filters for every list the CRM offers, one FilterSet per model, shared by the API (and the admin where it fits).

One module per concern: `fields` (parsing and checking each parameter), `base` (the filter
classes and the base FilterSet), `opportunities`, `parties` (organizations, contacts),
`articles` (articles, evidence), `history` (activities, stage changes, deletions) and
`reference` (sectors, provinces, sites, countries, foreign regions, exchange rates). Import
the FilterSets from here: `from leads.filtersets import OpportunityFilterSet`.

Conventions, so that integrators can guess a parameter before reading the schema:

- Foreign keys come in pairs: `sector` takes slugs, `sector_id` takes keys. Several values are
  allowed, repeated (`?stage=qualified&stage=contacted`) or comma-separated (`?stage=qualified,contacted`).
- Provinces are looked up by slug, name or alias, written any way, and a pre-2025 province resolves
  to today's unit: `bac-giang`, `Bắc Giang` and `bac giang` all mean Bắc Ninh.
- `*_after` means "on or after" and `*_before` "on or before"; dates (`2025-09-18`) and date-times
  (`2025-09-18T08:30:00+07:00`) are both accepted; a bare date in a `*_before` includes that whole day.
- `q` is one accent-insensitive search box: "quang chau", "Quảng Châu" and "QUANG CHAU" are the same.
- `ordering` takes one or more columns, `-` for descending; blanks sort last; ties are broken by key.
- A value the filter cannot use is an error naming the parameter (the API answers 400), never
  silently ignored: an unknown sector slug, a malformed date, `has_owner=maybe`.
"""

from leads.filtersets.articles import EvidenceFilterSet, SourceArticleFilterSet
from leads.filtersets.base import BaseFilterSet
from leads.filtersets.history import ActivityFilterSet, DeletedRecordFilterSet, StageChangeFilterSet
from leads.filtersets.opportunities import OpportunityFilterSet
from leads.filtersets.parties import ContactFilterSet, OrganizationFilterSet
from leads.filtersets.reference import (
    CountryFilterSet,
    ExchangeRateFilterSet,
    ForeignRegionFilterSet,
    ProvinceFilterSet,
    SectorFilterSet,
    SiteFilterSet,
)

__all__ = [
    "ActivityFilterSet",
    "BaseFilterSet",
    "ContactFilterSet",
    "CountryFilterSet",
    "DeletedRecordFilterSet",
    "EvidenceFilterSet",
    "ExchangeRateFilterSet",
    "ForeignRegionFilterSet",
    "OpportunityFilterSet",
    "OrganizationFilterSet",
    "ProvinceFilterSet",
    "SectorFilterSet",
    "SiteFilterSet",
    "SourceArticleFilterSet",
    "StageChangeFilterSet",
]
