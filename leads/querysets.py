"""Reads: every way the CRM asks for its records lives here, named in the domain's words.

Search is accent-insensitive on every database in the same way: the query is folded with
`normalize_name` and matched against columns folded the same way when the record was saved
(`normalized_name`, `search_text`: see `leads.models.search`); on PostgreSQL trigram indexes serve
those `LIKE '%…%'`.
"""

from __future__ import annotations

from decimal import Decimal
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


class SiteQuerySet(ReferenceQuerySet):
    def with_related(self) -> SiteQuerySet:
        return self.select_related("province", "former_province")


class ExchangeRateQuerySet(models.QuerySet):
    def to_usd(self, value: Decimal | None, currency: str, year: int) -> Decimal | None:
        """`value` in `currency` as US dollars at the stored rate of `year` (see `leads.money.to_usd`)."""
        from leads.money import to_usd

        if value is None or not currency or currency == "USD":
            return to_usd(value, currency, year, {})
        rates = {currency: {row.year: row.units_per_usd for row in self.filter(currency=currency)}}
        return to_usd(value, currency, year, rates)


class OrganizationQuerySet(models.QuerySet):
    def with_related(self) -> OrganizationQuerySet:
        return self.select_related("country", "province", "region").prefetch_related("sectors", "aliases")

    def search(self, query: str) -> OrganizationQuerySet:
        """Organizations whose name or one of whose aliases says `query`, accent-insensitively (one column)."""
        key = normalize_name(query)
        return self.filter(search_text__contains=key) if key else self

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
        """Contacts whose name, title or organization's name says `query`, accent-insensitively (one column)."""
        key = normalize_name(query)
        return self.filter(search_text__contains=key) if key else self

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
        """Everything a list shows of an opportunity, whatever the page size: joins, plus one query for sectors."""
        return self.select_related(
            "organization",
            "organization__country",
            "origin_region",
            "origin_region__country",
            "origin_country",
            "province",
            "site",
            "site__province",
            "primary_sector",
            "owner",
        ).prefetch_related("sectors")

    def search(self, query: str) -> OpportunityQuerySet:
        """Opportunities whose own text (title, project, next step, description) says `query`, accent-insensitively,
        or whose organization (or one of its aliases), origin, province, site or any of their sectors is named so.

        One condition on one column that holds all of those names (`leads.models.search`), which a
        trigram index serves on PostgreSQL.
        """
        key = normalize_name(query)
        return self.filter(search_text__contains=key) if key else self


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
            | Q(contact__in=_contacts_saying(key))
        )


def _contacts_saying(key: str) -> models.QuerySet:
    """Contacts whose own name or title (not their organization's name) holds the folded `key`."""
    from leads.models import Contact
    from leads.models.search import OwnText

    return Contact.objects.alias(own_text=OwnText("search_text")).filter(own_text__contains=key).values("pk")


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
