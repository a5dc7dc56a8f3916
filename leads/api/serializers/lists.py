"""The list endpoints' pages, shaped by hand (`leads.api.serializers.flat`) into their serializers' JSON.

Each `FlatList` below lists its serializer's fields in the same order and builds the same nested
summaries (`leads.api.serializers.summaries`): change one, change the other, and
`tests/api/test_flat_lists.py` says where they differ.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from leads.api.serializers.flat import (
    Computed,
    FlatList,
    Many,
    Nested,
    Page,
    Summary,
    evidence_url,
    many_summaries,
    opportunity_display,
)
from leads.models import (
    Activity,
    Contact,
    Country,
    Evidence,
    ForeignRegion,
    Opportunity,
    Organization,
    OrganizationAlias,
    Province,
    Sector,
    Site,
    SourceArticle,
    StageChange,
)


def _full_name(prefix: str) -> Computed:
    """A user's `get_full_name()`: first and last name, with a space between."""
    first, last = f"{prefix}__first_name", f"{prefix}__last_name"
    return Computed("full_name", (first, last), lambda row, page: f"{row[first]} {row[last]}".strip())


SECTOR = Summary(Sector, (("id", "id"), ("slug", "slug"), ("name_en", "name_en"), ("name_vi", "name_vi")))
PROVINCE = Summary(Province, (("id", "id"), ("slug", "slug"), ("name", "name")))
COUNTRY = Summary(Country, (("code", "code"), ("name", "name"), ("name_en", "name_en")))
REGION = Summary(
    ForeignRegion,
    (("id", "id"), ("slug", "slug"), ("name", "name"), ("name_en", "name_en"), ("country", "country__code")),
)
SITE = Summary(Site, (("id", "id"), ("slug", "slug"), ("name", "name"), ("kind", "kind"), ("province", PROVINCE)))
USER = Summary(get_user_model(), (("id", "id"), ("username", "username"), ("full_name", _full_name)))
ORGANIZATION = Summary(
    Organization, (("id", "id"), ("name", "name"), ("kind", "kind"), ("country", "country_id")), guarded=True
)
CONTACT = Summary(Contact, (("id", "id"), ("full_name", "full_name"), ("title", "title")), guarded=True)
OPPORTUNITY = Summary(Opportunity, (("id", "id"), ("display", opportunity_display), ("stage", "stage")), guarded=True)
ARTICLE = Summary(
    SourceArticle,
    (("id", "id"), ("title", "title"), ("outlet", "outlet"), ("published_on", "published_on"), ("url", "url")),
    guarded=True,
)


def _opportunity_sectors(keys: list[Any], page: Page) -> Any:
    links = Opportunity.sectors.through.objects.filter(opportunity_id__in=keys).order_by("sector__slug")
    return many_summaries(links, "opportunity_id", SECTOR, "sector")


def _opportunity_contacts(keys: list[Any], page: Page) -> Any:
    links = Opportunity.contacts.through.objects.filter(opportunity_id__in=keys)
    links = links.order_by("contact__normalized_name", "contact__id")
    return many_summaries(links, "opportunity_id", CONTACT, "contact")


def _organization_sectors(keys: list[Any], page: Page) -> Any:
    links = Organization.sectors.through.objects.filter(organization_id__in=keys).order_by("sector__slug")
    return many_summaries(links, "organization_id", SECTOR, "sector")


def _organization_aliases(keys: list[Any], page: Page) -> Any:
    return (
        OrganizationAlias.objects.filter(organization_id__in=keys)
        .order_by("name", "id")
        .values_list("organization_id", "name")
    )


OPPORTUNITIES = FlatList(
    Opportunity,
    [
        "id",
        opportunity_display(),
        "title",
        Nested("organization", ORGANIZATION),
        Nested("origin_region", REGION),
        Nested("origin_country", COUNTRY),
        Nested("province", PROVINCE),
        Nested("site", SITE),
        "project",
        Nested("primary_sector", SECTOR),
        Many("sectors", _opportunity_sectors),
        "status",
        Many("contacts", _opportunity_contacts, guard=Contact),
        "stage",
        "stage_reason",
        "investment_type",
        "value",
        "currency",
        "value_usd",
        "land_area_ha",
        "expected_jobs",
        "reported_on",
        "priority",
        "likelihood",
        "expected_decision_on",
        Nested("owner", USER),
        "next_step",
        "next_step_on",
        "description",
        "review_status",
        "is_imported",
        "evidence_count",
        evidence_url("opportunity"),
        "created_at",
        "updated_at",
    ],
)

ORGANIZATIONS = FlatList(
    Organization,
    [
        "id",
        "name",
        Many("aliases", _organization_aliases),
        "kind",
        Nested("country", COUNTRY),
        Nested("province", PROVINCE),
        Nested("region", REGION),
        Many("sectors", _organization_sectors),
        "website",
        "notes",
        "opportunity_count",
        "contact_count",
        "evidence_count",
        evidence_url("organization"),
        "created_at",
        "updated_at",
    ],
)

CONTACTS = FlatList(
    Contact,
    [
        "id",
        "full_name",
        "title",
        Nested("organization", ORGANIZATION),
        "email",
        "phone",
        "notes",
        "review_status",
        "is_imported",
        "evidence_count",
        evidence_url("contact"),
        "created_at",
        "updated_at",
    ],
)

ARTICLES = FlatList(
    SourceArticle,
    [
        "id",
        "title",
        "outlet",
        "byline",
        "url",
        "published_on",
        "language",
        "origin",
        "content_hash",
        Nested("imported_by", USER),
        "imported_at",
        "extracted_at",
        "updated_at",
        "evidence_count",
        evidence_url("article"),
    ],
)

EVIDENCE = FlatList(
    Evidence,
    [
        "id",
        Nested("article", ARTICLE),
        Nested("organization", ORGANIZATION),
        Nested("contact", CONTACT),
        Nested("opportunity", OPPORTUNITY),
        "sentence",
        "sentence_start",
        "sentence_end",
        "mention",
        "mention_start",
        "mention_end",
        "created_at",
    ],
)

ACTIVITIES = FlatList(
    Activity,
    [
        "id",
        "kind",
        "subject",
        "notes",
        "occurred_at",
        Nested("opportunity", OPPORTUNITY),
        Nested("organization", ORGANIZATION),
        Nested("contact", CONTACT),
        Nested("created_by", USER),
        "created_at",
        "updated_at",
    ],
)

STAGE_CHANGES = FlatList(
    StageChange,
    [
        "id",
        Nested("opportunity", OPPORTUNITY),
        "from_stage",
        "to_stage",
        Nested("changed_by", USER),
        "changed_at",
        "note",
    ],
)
