"""Filters of opportunities: who, where, what, what the news reports, and the agency's own work.

Sectors are many per opportunity: `sector` matches an opportunity having any of the given sectors
among its own (the primary one included), through `EXISTS`, so a match on two sectors is still one
row and counts are never inflated; `primary_sector` matches the primary one only.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from leads.choices import (
    PIPELINE_ORDER,
    Currency,
    InvestmentType,
    Priority,
    ReportedStatus,
    ReviewStatus,
    Stage,
)
from leads.filtersets.base import (
    AmountFilter,
    BaseFilterSet,
    BooleanFilter,
    ChoicesFilter,
    CountriesFilter,
    DateFilter,
    KeysFilter,
    MomentFilter,
    OrderingFilter,
    OrganizationsFilter,
    OriginsFilter,
    ProvincesFilter,
    SearchFilter,
    SlugsFilter,
    UsersFilter,
)
from leads.models import Evidence, ForeignRegion, Opportunity, Organization, Province, Sector, Site, SourceArticle


def _rank(field: str, values: tuple[str, ...]) -> Case:
    return Case(*(When(**{field: value}, then=Value(i)) for i, value in enumerate(values)), output_field=IntegerField())


STAGE_ORDER = _rank("stage", (*PIPELINE_ORDER, Stage.ON_HOLD, Stage.LOST))
PRIORITY_ORDER = _rank("priority", (Priority.LOW, Priority.MEDIUM, Priority.HIGH))


class OpportunityFilterSet(BaseFilterSet):
    q = SearchFilter(method="search")
    sector = SlugsFilter(
        field_name="sectors__slug",
        method="filter_sector",
        queryset=Sector.objects.all(),
        help_text="Sector slugs, e.g. ai,cloud-data: opportunities with any of them among their sectors.",
    )
    sector_id = KeysFilter(
        field_name="sectors", method="filter_sector_id", queryset=Sector.objects.all(), help_text=_("Sector keys.")
    )
    primary_sector = SlugsFilter(
        field_name="primary_sector__slug", queryset=Sector.objects.all(), help_text="Primary sector slugs."
    )
    primary_sector_id = KeysFilter(
        field_name="primary_sector", queryset=Sector.objects.all(), help_text="Primary sector keys."
    )
    site = SlugsFilter(
        field_name="site__slug",
        queryset=Site.objects.all(),
        help_text="Site slugs: industrial parks, economic zones, clusters (see /api/v1/sites/).",
    )
    site_id = KeysFilter(field_name="site", queryset=Site.objects.all(), help_text="Site keys.")
    province = ProvincesFilter(
        field_name="province",
        method="filter_province",
        help_text=_(
            "Target provinces by slug, name or alias (bac-ninh, ho-chi-minh, “TP.HCM”); a pre-2025 province "
            "(bac-giang, binh-duong) means the unit it was merged into."
        ),
    )
    province_id = KeysFilter(field_name="province", queryset=Province.objects.all(), help_text=_("Province keys."))
    origin = OriginsFilter(
        field_name="origin_region",
        method="filter_origin",
        help_text=_(
            "Where the interest comes from: foreign regions by slug, name or alias (quang-tay, “Quảng Đông”, "
            "Guangxi; a region includes the cities in it) or countries (CN, “Hàn Quốc”)."
        ),
    )
    origin_region_id = KeysFilter(
        field_name="origin_region", queryset=ForeignRegion.objects.all(), help_text=_("Foreign region keys.")
    )
    country = CountriesFilter(
        field_name="organization__country",
        method="filter_country",
        help_text=_(
            "Investor countries (ISO code such as CN, or a name): the organization's country, the origin "
            "country, or the origin region's country."
        ),
    )
    stage = ChoicesFilter(field_name="stage", choices=Stage.choices, help_text=_("Stages."))
    status = ChoicesFilter(
        field_name="status", choices=ReportedStatus.choices, help_text="Reported statuses: what the news reports."
    )
    investment_type = ChoicesFilter(
        field_name="investment_type", choices=InvestmentType.choices, help_text=_("Investment types.")
    )
    priority = ChoicesFilter(field_name="priority", choices=Priority.choices, help_text=_("Priorities."))
    currency = ChoicesFilter(field_name="currency", choices=Currency.choices, help_text=_("Currencies of the value."))
    review_status = ChoicesFilter(
        field_name="review_status", choices=ReviewStatus.choices, help_text=_("Review decisions.")
    )
    owner = UsersFilter(field_name="owner", help_text=_("Owners by username; `me` is the user asking."))
    owner_id = KeysFilter(field_name="owner", queryset=get_user_model().objects.all(), help_text=_("Owner keys."))
    has_owner = BooleanFilter(
        field_name="owner", lookup_expr="isnull", exclude=True, help_text=_("Whether anyone owns the opportunity.")
    )
    organization = OrganizationsFilter(
        field_name="organization", help_text=_("Organizations by key, or by name or alias written any way.")
    )
    organization_id = KeysFilter(
        field_name="organization", queryset=Organization.objects.all(), help_text=_("Organization keys.")
    )
    article = KeysFilter(
        field_name="evidence__article",
        method="filter_article",
        queryset=SourceArticle.objects.all(),
        help_text=_("Opportunities with evidence in these articles (keys)."),
    )
    is_imported = BooleanFilter(field_name="is_imported", lookup_expr="exact", help_text=_("Found by the importer."))
    value_min = AmountFilter(
        field_name="value", lookup_expr="gte", help_text=_("Value at least this much (in the opportunity's currency).")
    )
    value_max = AmountFilter(
        field_name="value", lookup_expr="lte", help_text=_("Value at most this much (in the opportunity's currency).")
    )
    value_usd_min = AmountFilter(
        field_name="value_usd", lookup_expr="gte", help_text="Value in US dollars at least this much."
    )
    value_usd_max = AmountFilter(
        field_name="value_usd", lookup_expr="lte", help_text="Value in US dollars at most this much."
    )
    reported_after = DateFilter(
        field_name="reported_on", lookup_expr="gte", help_text="First reported on or after this date."
    )
    reported_before = DateFilter(
        field_name="reported_on", lookup_expr="lte", help_text="First reported on or before this date."
    )
    created_after = MomentFilter(field_name="created_at", lookup_expr="gte", help_text=_("Created on or after."))
    created_before = MomentFilter(field_name="created_at", lookup_expr="lte", help_text=_("Created on or before."))
    updated_after = MomentFilter(
        field_name="updated_at", lookup_expr="gte", help_text=_("Changed on or after (incremental sync).")
    )
    next_step_before = DateFilter(
        field_name="next_step_on", lookup_expr="lte", help_text=_("Next step due on or before this date.")
    )
    ordering = OrderingFilter(
        columns={
            "updated_at": "updated_at",
            "created_at": "created_at",
            "value": "value",
            "value_usd": "value_usd",
            "reported_on": "reported_on",
            "next_step_on": "next_step_on",
            "expected_decision_on": "expected_decision_on",
            "stage": STAGE_ORDER,
            "priority": PRIORITY_ORDER,
            "title": "title",
            "organization": "organization__normalized_name",
            "province": "province__normalized_name",
        }
    )

    class Meta:
        model = Opportunity
        fields: list[str] = []

    def filter_sector(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        """By the sectors' keys, read first: PostgreSQL then knows from its statistics how many links
        each sector has (through a join to the slug it guesses, and may hash a sixth of the links)."""
        if not value:
            return queryset
        keys = list(Sector.objects.filter(slug__in=value).values_list("pk", flat=True))
        return self.filter_sector_id(queryset, name, keys) if keys else queryset.none()

    def filter_province(self, queryset: QuerySet, name: str, value: list[int]) -> QuerySet:
        """The provinces' opportunities, naming only the units some opportunity points at.

        A province comes with its pre-2025 units, which leads rarely point at; one key instead of
        several lets PostgreSQL read the (province, stage, newest first) index in order and stop at
        the page's last row.
        """
        if not value:
            return queryset
        in_use = Exists(Opportunity.objects.filter(province=OuterRef("pk")))
        keys = list(Province.objects.filter(pk__in=value).filter(in_use).values_list("pk", flat=True))
        return queryset.filter(province__in=keys) if keys else queryset.none()

    def filter_sector_id(self, queryset: QuerySet, name: str, value: list[int]) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(Exists(_sectors_through().filter(opportunity=OuterRef("pk"), sector__in=value)))

    def filter_origin(self, queryset: QuerySet, name: str, value: tuple[list[int], list[str]]) -> QuerySet:
        if not value:
            return queryset
        region_keys, codes = value
        condition = Q(pk__in=[])
        if region_keys:
            condition |= Q(origin_region__in=region_keys) | Q(organization__region__in=region_keys)
        if codes:
            condition |= _investor_country(codes)
        return queryset.filter(condition)

    def filter_country(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        return queryset.filter(_investor_country(value)) if value else queryset

    def filter_article(self, queryset: QuerySet, name: str, value: list[int]) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(Exists(Evidence.objects.filter(opportunity=OuterRef("pk"), article__in=value)))


def _sectors_through() -> QuerySet:
    """The opportunity-sector links: matching through `Exists` keeps one row per opportunity."""
    return Opportunity.sectors.through.objects.all()


def _investor_country(codes: list[str]) -> Q:
    return Q(organization__country__in=codes) | Q(origin_country__in=codes) | Q(origin_region__country__code__in=codes)
