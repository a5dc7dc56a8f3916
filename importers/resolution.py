"""The `resolve` step: match what an article names to the records already in the database.

Lookups are batched so an article costs the same few queries however often a name repeats:
reference data (sectors, provinces, foreign regions, countries) is read once per import run
into a `ReferenceData`, and the organizations and contacts an article names are read with one
query per kind (two for organizations: names and aliases) into dicts keyed by the folded name.
The functions that choose among candidates are pure, so the matching rules are tested without
a database.

Matching rules, in the order they are tried:

- Organization: the folded name (`normalize_name`) equals an organization's name or one of its
  aliases. The country decides among several candidates: the same country first, then one with
  no country; an article that states no country takes a candidate from any country. An
  organization of another stated country is a different organization ("Bộ Công Thương" of
  Việt Nam is not a Laotian ministry of the same name).
- Contact: the folded full name within the resolved organization. A person the article ties
  to no organization is the one contact of that name, when there is exactly one; a person the
  article ties to an organization is also the one contact of that name who has none yet.
- Opportunity: one intention of one investor (organization, else origin) toward one province.
  Among the imported opportunities of that investor and province, the one with the same
  project; a lead that names no project is the one without a project, else the oldest there; a
  named project also joins one whose project shares most of its telling words ("nhà máy sản xuất
  lốp xe" and "nhà máy lốp xe" are one plant), else one that had none yet. Otherwise it is a second intention there. The
  `opportunity_unique_imported_intention` constraint backs (investor, province, project).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import NamedTuple

from django.db.models import Q

from leads.models import (
    Contact,
    Country,
    ForeignRegion,
    Opportunity,
    Organization,
    OrganizationAlias,
    Province,
    Sector,
    Site,
)
from leads.text import normalize_name


@dataclass(frozen=True)
class ReferenceData:
    """The reference tables as dicts, read once per import run with five queries."""

    sectors: dict[str, Sector]
    sites: dict[str, Site]
    provinces: dict[str, Province]  # slug (current or pre-2025) → today's unit
    regions: dict[str, ForeignRegion]  # slug → region
    region_names: dict[str, ForeignRegion]  # folded name, English name or alias → region
    countries: dict[str, Country]  # ISO code → country
    country_names: dict[str, Country]  # folded name, English name or alias → country

    @classmethod
    def load(cls) -> ReferenceData:
        provinces = Province.objects.select_related("successor")
        regions = list(ForeignRegion.objects.select_related("country"))
        countries = list(Country.objects.all())
        return cls(
            sectors={sector.slug: sector for sector in Sector.objects.all()},
            sites={site.slug: site for site in Site.objects.all()},
            provinces={province.slug: province.current for province in provinces},
            regions={region.slug: region for region in regions},
            region_names=_by_names(regions),
            countries={country.code: country for country in countries},
            country_names=_by_names(countries),
        )

    def sector(self, slug: str) -> Sector | None:
        return self.sectors.get(slug)

    def site(self, slug: str) -> Site | None:
        return self.sites.get(slug) if slug else None

    def province(self, slug: str) -> Province | None:
        """Today's unit for a province slug; an old unit's slug gives its successor."""
        return self.provinces.get(slug)

    def country(self, code: str) -> Country | None:
        return self.countries.get(code.upper()) if code else None

    def origin(self, slug: str, name: str) -> tuple[ForeignRegion | None, Country | None]:
        """The foreign region, else the country, an opportunity's origin names.

        The extraction gives a region's slug ("quang-tay") or a country's lower-case ISO code
        ("cn"); the name as written is the fallback when the slug is unknown here.
        """
        if slug in self.regions:
            return self.regions[slug], None
        if slug and slug.upper() in self.countries:
            return None, self.countries[slug.upper()]
        key = normalize_name(name)
        if key in self.region_names:
            return self.region_names[key], None
        return None, self.country_names.get(key)


def _by_names(records: Iterable[ForeignRegion | Country]) -> dict[str, ForeignRegion | Country]:
    """Index records by their folded name, English name and aliases; the first record wins a clash."""
    index: dict[str, ForeignRegion | Country] = {}
    for record in records:
        for name in (record.name, record.name_en, *record.aliases):
            key = normalize_name(name)
            if key:
                index.setdefault(key, record)
    return index


def organizations_named(keys: Iterable[str]) -> dict[str, list[Organization]]:
    """Organizations whose folded name or alias is one of `keys`, grouped by that key.

    Two queries whatever the number of keys. Within a key, organizations matched by their own
    name come before those matched by an alias, each in creation order.
    """
    keys = sorted(set(keys) - {""})
    found: dict[str, list[Organization]] = defaultdict(list)
    if not keys:
        return found
    for organization in Organization.objects.filter(normalized_name__in=keys).order_by("pk"):
        found[organization.normalized_name].append(organization)
    aliases = OrganizationAlias.objects.filter(normalized_name__in=keys).select_related("organization")
    for alias in aliases.order_by("organization_id"):
        if alias.organization not in found[alias.normalized_name]:
            found[alias.normalized_name].append(alias.organization)
    return found


def pick_organization(candidates: list[Organization], country_code: str) -> Organization | None:
    """The candidate that is the organization an article names with this country ("" if unstated)."""
    if not country_code:
        return candidates[0] if candidates else None
    same = [candidate for candidate in candidates if candidate.country_id == country_code]
    unstated = [candidate for candidate in candidates if candidate.country_id is None]
    return (same or unstated or [None])[0]


def contacts_named(keys: Iterable[str]) -> dict[str, list[Contact]]:
    """Contacts whose folded full name is one of `keys`, grouped by it, oldest first. One query."""
    keys = sorted(set(keys) - {""})
    found: dict[str, list[Contact]] = defaultdict(list)
    for contact in Contact.objects.filter(normalized_name__in=keys).order_by("pk") if keys else ():
        found[contact.normalized_name].append(contact)
    return found


def pick_contact(candidates: list[Contact], organization_id: int | None) -> Contact | None:
    """The candidate that is the person an article names, tied to `organization_id` (None if untied)."""
    same = [candidate for candidate in candidates if candidate.organization_id == organization_id]
    if same:
        return same[0]
    if organization_id is None:
        return candidates[0] if len(candidates) == 1 else None
    untied = [candidate for candidate in candidates if candidate.organization_id is None]
    return untied[0] if len(untied) == 1 else None


class InvestorTarget(NamedTuple):
    """Who (organization, or origin region or country) and where (province): what one intention is toward.

    The fields are named after the opportunity's columns: `_exactly` uses them as lookups.
    """

    organization_id: int | None
    origin_region_id: int | None
    origin_country_id: str | None
    province_id: int | None


def investor_target(opportunity: Opportunity) -> InvestorTarget:
    return InvestorTarget(
        opportunity.organization_id,
        opportunity.origin_region_id,
        opportunity.origin_country_id,
        opportunity.province_id,
    )


def imported_opportunities(targets: Iterable[InvestorTarget]) -> dict[InvestorTarget, list[Opportunity]]:
    """The imported opportunities (any stage or review status) of each investor and target, oldest first.

    One query asking for exactly these investor and target tuples (a missing part as NULL), served
    by the partial index `opportunity_imported_target`: a looser filter ("these organizations or none, these
    provinces or none") read every origin-only lead of a province, thousands of rows per
    article in a large database, and made the import slow down as the database grew.
    """
    targets = set(targets)
    if not targets:
        return {}
    candidates = Opportunity.objects.filter(reduce(or_, map(_exactly, targets)), is_imported=True).order_by("pk")
    found: dict[InvestorTarget, list[Opportunity]] = defaultdict(list)
    for opportunity in candidates:
        found[investor_target(opportunity)].append(opportunity)
    return found


def _exactly(target: InvestorTarget) -> Q:
    """The opportunities of this investor and target: each column equal, or NULL where the target has None.

    The tuple's field names are the opportunity's columns, so they are the lookups.
    """
    return Q(
        *(
            Q(**{column: value}) if value is not None else Q(**{f"{column}__isnull": True})
            for column, value in target._asdict().items()
        )
    )


def pick_opportunity(candidates: list[Opportunity], project_key: str) -> Opportunity | None:
    """The candidate (same investor and target) that is the intention of a lead with this project.

    The same project (for a lead without one: the one without one, else the oldest); for a named
    project, one whose project shares at least half its telling words, else one that had none.
    None: a distinct project there.
    """
    if not candidates:
        return None
    same = [candidate for candidate in candidates if candidate.project_key == project_key]
    if same or not project_key:
        return (same or candidates)[0]
    unnamed = [candidate for candidate in candidates if not candidate.project_key]
    similar = [candidate for candidate in candidates if _same_project(candidate.project_key, project_key)]
    return (similar or unnamed or [None])[0]


# Words every project name has: "dự án nhà máy sản xuất ..." says nothing of which plant it is.
_GENERIC_PROJECT_WORDS = frozenset(
    {
        "du",
        "an",
        "nha",
        "may",
        "san",
        "xuat",
        "che",
        "bien",
        "cua",
        "tai",
        "va",
        "cac",
        "mot",
        "khu",
        "cong",
        "ty",
        "dau",
        "tu",
        "xay",
        "dung",
    }
)


def _same_project(left: str, right: str) -> bool:
    """Whether two folded project names share at least half the telling words of the shorter one."""
    a, b = set(left.split()) - _GENERIC_PROJECT_WORDS, set(right.split()) - _GENERIC_PROJECT_WORDS
    return bool(a and b) and len(a & b) * 2 >= min(len(a), len(b))
