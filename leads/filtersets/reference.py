"""Filters of the read-only reference lists: sectors, places, sites, countries, exchange rates."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from leads.choices import Currency, SiteKind
from leads.filtersets.base import (
    BaseFilterSet,
    BooleanFilter,
    ChoicesFilter,
    CountriesFilter,
    KeysFilter,
    OrderingFilter,
    ProvincesFilter,
    SearchFilter,
    SlugsFilter,
    YearFilter,
)
from leads.models import Country, ExchangeRate, ForeignRegion, Province, Sector, Site


class SectorFilterSet(BaseFilterSet):
    q = SearchFilter(method="search", help_text=_("Accent-insensitive search in slugs, names and keywords."))
    ordering = OrderingFilter(columns={"slug": "slug", "name_en": "name_en"})

    class Meta:
        model = Sector
        fields: list[str] = []


class ProvinceFilterSet(BaseFilterSet):
    q = SearchFilter(method="search", help_text=_("Accent-insensitive search in slugs, names and aliases."))
    is_current = BooleanFilter(
        field_name="is_current", lookup_expr="exact", help_text=_("Today's 34 units (true) or pre-2025 units (false).")
    )
    successor = SlugsFilter(
        field_name="successor__slug",
        queryset=Province.objects.all(),
        help_text=_("Pre-2025 units merged into these provinces (slugs)."),
    )
    ordering = OrderingFilter(columns={"name": "normalized_name", "slug": "slug", "code": "code"})

    class Meta:
        model = Province
        fields: list[str] = []


class CountryFilterSet(BaseFilterSet):
    q = SearchFilter(method="search", help_text=_("Accent-insensitive search in codes, names and aliases."))
    ordering = OrderingFilter(columns={"code": "code", "name": "normalized_name"})

    class Meta:
        model = Country
        fields: list[str] = []


class ForeignRegionFilterSet(BaseFilterSet):
    q = SearchFilter(method="search", help_text=_("Accent-insensitive search in slugs, names and aliases."))
    country = CountriesFilter(field_name="country__code", help_text=_("Countries (ISO code or name)."))
    parent = SlugsFilter(
        field_name="parent__slug", queryset=ForeignRegion.objects.all(), help_text=_("Regions inside these (slugs).")
    )
    ordering = OrderingFilter(columns={"slug": "slug", "name": "normalized_name", "country": "country__code"})

    class Meta:
        model = ForeignRegion
        fields: list[str] = []


class SiteFilterSet(BaseFilterSet):
    q = SearchFilter(method="search", help_text=_("Accent-insensitive search in slugs, names and aliases."))
    province = ProvincesFilter(
        field_name="province",
        help_text="Sites in these provinces, by slug, name or alias; a pre-2025 province means today's unit.",
    )
    province_id = KeysFilter(field_name="province", queryset=Province.objects.all(), help_text=_("Province keys."))
    kind = ChoicesFilter(field_name="kind", choices=SiteKind.choices, help_text="Kinds of site.")
    ordering = OrderingFilter(
        columns={"name": "normalized_name", "slug": "slug", "province": "province__normalized_name"}
    )

    class Meta:
        model = Site
        fields: list[str] = []


class ExchangeRateFilterSet(BaseFilterSet):
    currency = ChoicesFilter(field_name="currency", choices=Currency.choices, help_text=_("Currencies of the value."))
    year = YearFilter(field_name="year", lookup_expr="exact", help_text="Reference year, e.g. 2025.")
    ordering = OrderingFilter(columns={"currency": "currency", "year": "year"})

    class Meta:
        model = ExchangeRate
        fields: list[str] = []
