"""What the investment-lead rule knows of one article while it reads it: the investors, their claims
and the per-sentence lookups every step of the rule shares.

Kept apart from `investments` (which reads the sentences) so that `investors`, `lead_status` and
`lead_targets` can take the same context without importing the rule itself.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from importers.extraction.gazetteer import Gazetteer, Place
from importers.extraction.organizations import OrganizationMatch
from importers.extraction.places import PlaceMatch
from importers.extraction.sites import SiteMatch, find_sites
from importers.types import Sentence

if TYPE_CHECKING:
    from importers.extraction.opportunities import OpportunityInputs

INVESTOR_KINDS = frozenset({"company", "fund"})


@dataclass(frozen=True)
class Investor:
    """Who states a claim: a foreign organization (`name`), or firms of a country (`name` empty)."""

    name: str
    key: str  # groups the claims of one investor
    origin: Place | None
    start: int
    end: int


@dataclass(frozen=True)
class Claim:
    """What one sentence (or the part of it about one investor) says of that investor's project."""

    investor: Investor
    sentence: Sentence
    statuses: tuple[str, ...]  # steps reported as done, in order written
    provinces: tuple[Place, ...]
    national: bool  # the part names no province but Việt Nam: the target is the whole country
    site: SiteMatch | None
    project: str
    value: tuple[Decimal, str] | None
    land_area_ha: Decimal | None
    jobs: int | None
    wording: str  # the text of the segment, for the investment type
    listed: bool = False  # named by a list of the investors of a project ("Những nhà đầu tư này gồm ...")


@dataclass
class LeadContext:
    inputs: OpportunityInputs
    gazetteer: Gazetteer
    first_names: dict[str, str] = field(default_factory=dict)  # investor key → the name first written
    same_as: dict[str, str] = field(default_factory=dict)  # org key → the key of the investor it names
    first_orgs: dict[str, OrganizationMatch] = field(default_factory=dict)  # investor key → its first mention
    orgs: dict[int, list[OrganizationMatch]] = field(default_factory=dict)  # sentence start → its organizations
    places: dict[int, list[PlaceMatch]] = field(default_factory=dict)  # sentence start → its places
    sites: dict[int, list[SiteMatch]] = field(default_factory=dict)  # sentence start → its sites (found once)
    origins: dict[int, Place | None] = field(default_factory=dict)  # org mention start → its foreign origin
    followed: set[str] = field(default_factory=set)  # keys of the investors claimed by the sentences so far
    vietnamese_places: list[PlaceMatch] | None = None  # `_vietnamese_places`, found once

    def all_sites(self, sentence: Sentence) -> list[SiteMatch]:
        """Every site written in the sentence, those inside organization names too (found once)."""
        if sentence.start not in self.sites:
            self.sites[sentence.start] = find_sites(sentence.text, self.gazetteer, sentence.start)
        return self.sites[sentence.start]

    def sentence_sites(self, sentence: Sentence) -> list[SiteMatch]:
        """The sites outside organization names: "Ban quản lý các KCN Bắc Ninh" names a body, not a site."""
        names = [(o.start, o.end) for o in self.orgs.get(sentence.start, [])]
        return [s for s in self.all_sites(sentence) if not _inside(s, names)]

    def named_sites(self, sentence: Sentence) -> list[SiteMatch]:
        """The sites inside organization names ("Ban quản lý Khu CNC Hòa Lạc"): no site of the project,
        but the province of the body that licenses it."""
        names = [(o.start, o.end) for o in self.orgs.get(sentence.start, [])]
        return [s for s in self.all_sites(sentence) if _inside(s, names)]


def _inside(site: SiteMatch, names: list[tuple[int, int]]) -> bool:
    return any(s < site.end and site.start < e for s, e in names)


def by_sentence(items: list, sentences: tuple[Sentence, ...], starts: list[int]) -> dict[int, list]:
    """Items (with `start`/`end`) grouped by the sentence holding them, in one pass (bisect per item)."""
    grouped: dict[int, list] = {s.start: [] for s in sentences}
    for item in items:
        index = bisect_right(starts, item.start) - 1
        if index >= 0 and item.end <= sentences[index].end:
            grouped[sentences[index].start].append(item)
    return grouped
