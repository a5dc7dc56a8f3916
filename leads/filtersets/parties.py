"""Filters of organizations and contacts."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from leads.choices import OrganizationKind, ReviewStatus
from leads.filtersets.base import (
    BaseFilterSet,
    BooleanFilter,
    ChoicesFilter,
    CountriesFilter,
    KeysFilter,
    MomentFilter,
    OrderingFilter,
    OrganizationsFilter,
    OriginsFilter,
    ProvincesFilter,
    SearchFilter,
    SlugsFilter,
)
from leads.models import Contact, ForeignRegion, Opportunity, Organization, Province, Sector


class OrganizationFilterSet(BaseFilterSet):
    q = SearchFilter(method="search")
    kind = ChoicesFilter(field_name="kind", choices=OrganizationKind.choices, help_text=_("Kinds of organization."))
    country = CountriesFilter(field_name="country", help_text=_("Countries (ISO code such as CN, or a name)."))
    province = ProvincesFilter(
        field_name="province", help_text=_("Home provinces by slug, name or alias; pre-2025 names resolve.")
    )
    province_id = KeysFilter(field_name="province", queryset=Province.objects.all(), help_text=_("Province keys."))
    region = OriginsFilter(
        field_name="region", method="filter_region", help_text=_("Home regions abroad by slug, name or alias.")
    )
    region_id = KeysFilter(
        field_name="region", queryset=ForeignRegion.objects.all(), help_text=_("Foreign region keys.")
    )
    sector = SlugsFilter(
        field_name="sectors__slug",
        method="filter_sector",
        queryset=Sector.objects.all(),
        help_text=_("Organizations working in any of these sectors (slugs)."),
    )
    sector_id = KeysFilter(
        field_name="sectors", method="filter_sector_id", queryset=Sector.objects.all(), help_text=_("Sector keys.")
    )
    has_opportunities = BooleanFilter(
        field_name="opportunities", method="filter_has_opportunities", help_text=_("Whether any opportunity names it.")
    )
    created_after = MomentFilter(field_name="created_at", lookup_expr="gte", help_text=_("Created on or after."))
    created_before = MomentFilter(field_name="created_at", lookup_expr="lte", help_text=_("Created on or before."))
    updated_after = MomentFilter(
        field_name="updated_at", lookup_expr="gte", help_text=_("Changed on or after (incremental sync).")
    )
    ordering = OrderingFilter(
        columns={
            "name": "normalized_name",
            "kind": "kind",
            "country": "country__code",
            "created_at": "created_at",
            "updated_at": "updated_at",
            "opportunity_count": "opportunity_count",
        }
    )

    class Meta:
        model = Organization
        fields: list[str] = []

    def filter_region(self, queryset: QuerySet, name: str, value: tuple[list[int], list[str]]) -> QuerySet:
        if not value:
            return queryset
        region_keys, codes = value
        return queryset.filter(Q(region__in=region_keys) | Q(country__in=codes))

    def filter_sector(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        if not value:
            return queryset
        through = Organization.sectors.through.objects.filter(organization=OuterRef("pk"), sector__slug__in=value)
        return queryset.filter(Exists(through))

    def filter_sector_id(self, queryset: QuerySet, name: str, value: list[int]) -> QuerySet:
        if not value:
            return queryset
        through = Organization.sectors.through.objects.filter(organization=OuterRef("pk"), sector__in=value)
        return queryset.filter(Exists(through))

    def filter_has_opportunities(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        found = Exists(Opportunity.objects.filter(organization=OuterRef("pk")))
        return queryset.filter(found if value else ~found)


class ContactFilterSet(BaseFilterSet):
    q = SearchFilter(method="search")
    organization = OrganizationsFilter(
        field_name="organization", help_text=_("Organizations by key, or by name or alias written any way.")
    )
    organization_id = KeysFilter(
        field_name="organization", queryset=Organization.objects.all(), help_text=_("Organization keys.")
    )
    country = CountriesFilter(
        field_name="organization__country", help_text=_("Countries of the contact's organization (ISO code or name).")
    )
    review_status = ChoicesFilter(
        field_name="review_status", choices=ReviewStatus.choices, help_text=_("Review decisions.")
    )
    is_imported = BooleanFilter(field_name="is_imported", lookup_expr="exact", help_text=_("Found by the importer."))
    created_after = MomentFilter(field_name="created_at", lookup_expr="gte", help_text=_("Created on or after."))
    updated_after = MomentFilter(
        field_name="updated_at", lookup_expr="gte", help_text=_("Changed on or after (incremental sync).")
    )
    ordering = OrderingFilter(
        columns={
            "full_name": "normalized_name",
            "organization": "organization__normalized_name",
            "created_at": "created_at",
            "updated_at": "updated_at",
        }
    )

    class Meta:
        model = Contact
        fields: list[str] = []
