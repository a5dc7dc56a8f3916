"""Reads: every way the CRM asks for its records lives here, named in the domain's words.

Search is accent-insensitive on every database in the same way: the query is folded with
`normalize_name` and matched against columns folded the same way when the record was saved
(`normalized_name`, `search_text`); on PostgreSQL trigram indexes serve those `LIKE '%…%'`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q

from leads.choices import OPEN_STAGES, ReviewStatus
from leads.text import normalize_name

if TYPE_CHECKING:
    from leads.models import Province


class ReferenceQuerySet(models.QuerySet):
    """Reference data: small tables whose other names live in JSON lists, matched in Python.

    A few hundred rows at most, so reading the lists is cheaper than a JSON query that
    differs between SQLite and PostgreSQL.
    """

    listed_names: tuple[str, ...] = ("aliases",)

    def search(self, query: str) -> ReferenceQuerySet:
        key = normalize_name(query)
        if not key:
            return self
        listed = [
            record.pk
            for record in self.model.objects.only("pk", *self.listed_names)
            if any(key in normalize_name(name) for name in self._listed(record))
        ]
        return self.filter(Q(normalized_name__contains=key) | Q(pk__in=listed) | self.code_match(key))

    def code_match(self, key: str) -> Q:
        return Q(slug__contains=key.replace(" ", "-"))

    def _listed(self, record: models.Model) -> list[str]:
        names: list[str] = []
        for field_name in self.listed_names:
            value = getattr(record, field_name)
            names.extend(value if isinstance(value, list) else [value])
        return names


class CountryQuerySet(ReferenceQuerySet):
    def code_match(self, key: str) -> Q:
        return Q(code__iexact=key)


class ForeignRegionQuerySet(ReferenceQuerySet):
    listed_names = ("name_en", "aliases")


class SectorQuerySet(ReferenceQuerySet):
    listed_names = ("keywords",)


class ProvinceQuerySet(ReferenceQuerySet):
    def current(self) -> ProvinceQuerySet:
        return self.filter(is_current=True)

    def historical(self) -> ProvinceQuerySet:
        return self.filter(is_current=False)

    def resolve_all(self, values: list[str]) -> tuple[list[Province], list[str]]:
        """Today's units for slugs, names or aliases written any way, and the values that name none.

        One query whatever the number of values: the 97 units are read once and indexed by slug,
        folded name and folded alias; a pre-2025 unit gives its successor, and where an old and
        a current unit share a name the current one wins.
        """
        index: dict[str, Province] = {}
        for province in self.select_related("successor").order_by("is_current"):
            for key in (province.slug, province.normalized_name, *map(normalize_name, province.aliases)):
                if key:
                    index[key] = province.current
        found, unknown = [], []
        for value in values:
            province = index.get(value.strip().lower()) or index.get(normalize_name(value))
            if province is None:
                unknown.append(value)
            else:
                found.append(province)
        return found, unknown

    def resolve(self, value: str) -> Province | None:
        """Today's unit for a slug, name or alias, following the 2025 successor map.

        "bac-giang", "Bắc Giang" and "bac giang" all give Bắc Ninh; "TP.HCM" gives TP. Hồ Chí Minh.
        """
        found, _unknown = self.resolve_all([value])
        return found[0] if found else None


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
        from leads.models import Contact, Opportunity

        return self.annotate(
            opportunity_count=related_count(Opportunity, "organization"),
            contact_count=related_count(Contact, "organization"),
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

    def live(self) -> OpportunityQuerySet:
        """Opportunities staff have not rejected: what the pipeline counts."""
        return self.exclude(review_status=ReviewStatus.REJECTED)

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
        from leads.models import Evidence

        return self.annotate(evidence_count=related_count(Evidence, "article"))


class EvidenceQuerySet(models.QuerySet):
    def with_related(self) -> EvidenceQuerySet:
        return self.select_related("article", "organization", "contact", "opportunity")

    def search(self, query: str) -> EvidenceQuerySet:
        """Evidence whose sentence says `query`, or whose article does (accent-insensitively)."""
        key = normalize_name(query)
        if not key:
            return self
        return self.filter(Q(sentence__icontains=query.strip()) | Q(article__search_text__contains=key))


class StageChangeQuerySet(models.QuerySet):
    def with_related(self) -> StageChangeQuerySet:
        return self.select_related("opportunity", "changed_by")

    def search(self, query: str) -> StageChangeQuerySet:
        """Moves whose note says `query`, or whose opportunity matches it."""
        if not normalize_name(query):
            return self
        from leads.models import Opportunity

        return self.filter(
            Q(note__icontains=query.strip()) | Q(opportunity__in=Opportunity.objects.search(query).values("pk"))
        )


class ActivityQuerySet(models.QuerySet):
    def with_related(self) -> ActivityQuerySet:
        return self.select_related("opportunity", "organization", "contact", "created_by")

    def search(self, query: str) -> ActivityQuerySet:
        """Activities whose subject or notes say `query`, or whose opportunity, organization or contact match it."""
        key = normalize_name(query)
        if not key:
            return self
        from leads.models import Opportunity, Organization

        text = query.strip()
        return self.filter(
            Q(subject__icontains=text)
            | Q(notes__icontains=text)
            | Q(opportunity__in=Opportunity.objects.search(query).values("pk"))
            | Q(organization__in=Organization.objects.search(query).values("pk"))
            | Q(contact__search_text__contains=key)
        )


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
            score = trigram_similarity(names[pk], names[other])
            if score >= threshold:
                pairs.append((pk, other, score))
    pairs.sort(key=lambda pair: (-pair[2], pair[0], pair[1]))
    return pairs[:limit]


def related_count(model: type[models.Model], field: str):
    """How many `model` rows point at the outer row through `field`, as a correlated subquery.

    For list annotations (`evidence_count`, `opportunity_count`): unlike `Count()` over joins it
    needs no GROUP BY over every selected column and several counts do not multiply each other.
    """
    from django.db.models import IntegerField, Subquery
    from django.db.models.functions import Coalesce

    rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def opportunities_summary(queryset: models.QuerySet) -> dict:
    """Counts and stated value (per currency) of `queryset`'s opportunities, by stage, sector and province.

    Three grouped queries whatever the size; pipeline stages come in pipeline order, then on hold and lost.
    Values in different currencies are never added together.
    """
    from django.db.models import Sum

    from leads.choices import PIPELINE_ORDER, Stage

    base = queryset.order_by().prefetch_related(None)

    def grouped(*fields: str) -> list[dict]:
        return list(base.values(*fields, "currency").annotate(count=Count("pk"), total=Sum("value")).order_by())

    def fold(rows: list[dict], key) -> dict:
        groups: dict = {}
        for row in rows:
            group = groups.setdefault(key(row), {"count": 0, "total_value": {}})
            group["count"] += row["count"]
            if row["total"] is not None:
                currency = row["currency"] or ""
                group["total_value"][currency] = group["total_value"].get(currency, 0) + row["total"]
        return groups

    def amounts(totals: dict) -> list[dict]:
        return [{"currency": currency, "total": total} for currency, total in sorted(totals.items())]

    by_stage = fold(grouped("stage"), lambda row: row["stage"])
    order = [*PIPELINE_ORDER, Stage.ON_HOLD, Stage.LOST]
    all_totals: dict = {}
    for group in by_stage.values():
        for currency, total in group["total_value"].items():
            all_totals[currency] = all_totals.get(currency, 0) + total

    sector_fields = ("sector__id", "sector__slug", "sector__name_en", "sector__name_vi")
    by_sector = fold(grouped(*sector_fields), lambda row: tuple(row[name] for name in sector_fields))
    province_fields = ("province__id", "province__slug", "province__name")
    by_province = fold(grouped(*province_fields), lambda row: tuple(row[name] for name in province_fields))

    return {
        "count": sum(group["count"] for group in by_stage.values()),
        "total_value": amounts(all_totals),
        "by_stage": [
            {
                "stage": stage,
                "label": str(Stage(stage).label),
                "count": by_stage[stage]["count"],
                "total_value": amounts(by_stage[stage]["total_value"]),
            }
            for stage in order
            if stage in by_stage
        ],
        "by_sector": [
            {
                "sector": dict(zip(("id", "slug", "name_en", "name_vi"), key, strict=True)) if key[0] else None,
                "count": group["count"],
                "total_value": amounts(group["total_value"]),
            }
            for key, group in sorted(by_sector.items(), key=lambda item: (-item[1]["count"], item[0][1] or ""))
        ],
        "by_province": [
            {
                "province": dict(zip(("id", "slug", "name"), key, strict=True)) if key[0] else None,
                "count": group["count"],
                "total_value": amounts(group["total_value"]),
            }
            for key, group in sorted(by_province.items(), key=lambda item: (-item[1]["count"], item[0][1] or ""))
        ],
    }
