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


def trigrams(text: str) -> frozenset[str]:
    """The trigrams PostgreSQL's `pg_trgm` makes of `text`: each word padded "  word "."""
    words = "".join(char if char.isalnum() else " " for char in text.lower()).split()
    return frozenset(padded[i : i + 3] for word in words for padded in [f"  {word} "] for i in range(len(padded) - 2))


def trigram_similarity(left: str, right: str) -> float:
    """`pg_trgm`'s `similarity()`: shared trigrams over all trigrams of the two texts."""
    a, b = trigrams(left), trigrams(right)
    return len(a & b) / len(a | b) if a and b else 0.0


def organization_duplicate_pairs(*, threshold: float = 0.5, limit: int = 100) -> list[tuple[int, int, float]]:
    """Pairs of organizations whose normalized names look alike: (id, other id, similarity), best first.

    On PostgreSQL `pg_trgm` compares the folded names (its `%` operator is served by the
    trigram index on `normalized_name`; thresholds under its default 0.3 are raised to it).
    Elsewhere the same trigram similarity is computed in Python over candidates that share a
    trigram, which is fine for the size of a local SQLite database.
    """
    from django.db import connection

    from leads.models import Organization

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT a.id, b.id, similarity(a.normalized_name, b.normalized_name) AS score
                FROM leads_organization a
                JOIN leads_organization b ON a.id < b.id AND a.normalized_name %% b.normalized_name
                WHERE similarity(a.normalized_name, b.normalized_name) >= %s
                ORDER BY score DESC, a.id, b.id
                LIMIT %s
                """,
                [threshold, limit],
            )
            return [(left, right, float(score)) for left, right, score in cursor.fetchall()]

    names = dict(Organization.objects.values_list("pk", "normalized_name"))
    grams = {pk: trigrams(name) for pk, name in names.items()}
    by_gram: dict[str, list[int]] = {}
    for pk, pk_grams in grams.items():
        for gram in pk_grams:
            by_gram.setdefault(gram, []).append(pk)
    pairs: list[tuple[int, int, float]] = []
    for pk, pk_grams in grams.items():
        candidates = {other for gram in pk_grams for other in by_gram[gram] if other > pk}
        for other in candidates:
            shared = len(pk_grams & grams[other])
            score = shared / (len(pk_grams) + len(grams[other]) - shared)
            if score >= threshold:
                pairs.append((pk, other, score))
    pairs.sort(key=lambda pair: (-pair[2], pair[0], pair[1]))
    return pairs[:limit]
