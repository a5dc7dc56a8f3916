"""Reads: every way the CRM asks for its records lives here, named in the domain's words.

Search is accent-insensitive on every database in the same way: the query is folded with
`normalize_name` and matched against columns folded the same way when the record was saved
(`normalized_name`, `search_text`); on PostgreSQL trigram indexes serve those `LIKE '%…%'`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q

from importers.text import normalize_name
from leads.choices import OPEN_STAGES, ReviewStatus

if TYPE_CHECKING:
    from leads.models import Province


class ProvinceQuerySet(models.QuerySet):
    def current(self) -> ProvinceQuerySet:
        return self.filter(is_current=True)

    def historical(self) -> ProvinceQuerySet:
        return self.filter(is_current=False)

    def matching(self, value: str) -> ProvinceQuerySet:
        """Provinces whose slug, name or alias is `value` (written any way), old or current."""
        key = normalize_name(value)
        if not key:
            return self.none()
        alias_ids = [
            province.pk
            for province in self.only("pk", "aliases")
            if any(normalize_name(alias) == key for alias in province.aliases)
        ]
        return self.filter(Q(slug=value.strip().lower()) | Q(normalized_name=key) | Q(pk__in=alias_ids))

    def resolve(self, value: str) -> Province | None:
        """Today's unit for a slug, name or alias, following the 2025 successor map.

        "bac-giang", "Bắc Giang" and "bac giang" all give Bắc Ninh; "TP.HCM" gives TP. Hồ Chí Minh.
        """
        found = self.matching(value).select_related("successor").order_by("-is_current").first()
        return found.current if found else None

    def resolve_many(self, values: list[str]) -> list[Province] | None:
        """Today's units for several values; None when any value names no province."""
        resolved = [self.resolve(value) for value in values]
        return None if any(province is None for province in resolved) else resolved


class OrganizationQuerySet(models.QuerySet):
    def with_related(self) -> OrganizationQuerySet:
        return self.select_related("country", "province", "region").prefetch_related("sectors", "aliases")

    def search(self, query: str) -> OrganizationQuerySet:
        key = normalize_name(query)
        if not key:
            return self
        from leads.models import OrganizationAlias

        alias_match = OrganizationAlias.objects.filter(organization=OuterRef("pk"), normalized_name__contains=key)
        return self.filter(Q(normalized_name__contains=key) | Exists(alias_match))

    def named(self, name: str, country: str | None = None) -> OrganizationQuerySet:
        """Organizations called `name` (by normalized name or alias), optionally in one country."""
        from leads.models import OrganizationAlias

        key = normalize_name(name)
        alias_match = OrganizationAlias.objects.filter(organization=OuterRef("pk"), normalized_name=key)
        found = self.filter(Q(normalized_name=key) | Exists(alias_match))
        return found.filter(country=country) if country else found

    def with_counts(self) -> OrganizationQuerySet:
        return self.annotate(
            opportunity_count=Count("opportunities", distinct=True),
            contact_count=Count("contacts", distinct=True),
        )


class ContactQuerySet(models.QuerySet):
    def with_related(self) -> ContactQuerySet:
        return self.select_related("organization", "organization__country")

    def search(self, query: str) -> ContactQuerySet:
        key = normalize_name(query)
        if not key:
            return self
        return self.filter(Q(search_text__contains=key) | Q(organization__normalized_name__contains=key))

    def pending_review(self) -> ContactQuerySet:
        return self.filter(is_imported=True, review_status=ReviewStatus.PENDING)


class OpportunityQuerySet(models.QuerySet):
    def open(self) -> OpportunityQuerySet:
        return self.filter(stage__in=OPEN_STAGES)

    def pending_review(self) -> OpportunityQuerySet:
        return self.filter(is_imported=True, review_status=ReviewStatus.PENDING)

    def with_related(self) -> OpportunityQuerySet:
        return self.select_related(
            "organization",
            "organization__country",
            "origin_region",
            "origin_region__country",
            "origin_country",
            "province",
            "sector",
            "owner",
        )

    def search(self, query: str) -> OpportunityQuerySet:
        key = normalize_name(query)
        if not key:
            return self
        from leads.models import OrganizationAlias

        alias_match = OrganizationAlias.objects.filter(
            organization=OuterRef("organization"), normalized_name__contains=key
        )
        return self.filter(
            Q(search_text__contains=key)
            | Q(organization__normalized_name__contains=key)
            | Exists(alias_match)
            | Q(origin_region__normalized_name__contains=key)
            | Q(origin_country__normalized_name__contains=key)
            | Q(province__normalized_name__contains=key)
            | Q(sector__normalized_name__contains=key)
        )


class SourceArticleQuerySet(models.QuerySet):
    def search(self, query: str) -> SourceArticleQuerySet:
        key = normalize_name(query)
        return self.filter(search_text__contains=key) if key else self

    def with_counts(self) -> SourceArticleQuerySet:
        return self.annotate(evidence_count=Count("evidence"))


class EvidenceQuerySet(models.QuerySet):
    def with_related(self) -> EvidenceQuerySet:
        return self.select_related("article", "organization", "contact", "opportunity")


class StageChangeQuerySet(models.QuerySet):
    def with_related(self) -> StageChangeQuerySet:
        return self.select_related("opportunity", "changed_by")


class ActivityQuerySet(models.QuerySet):
    def with_related(self) -> ActivityQuerySet:
        return self.select_related("opportunity", "organization", "contact", "created_by")
