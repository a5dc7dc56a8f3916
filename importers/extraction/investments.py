"""Investment news: what a named foreign investor's project went through, as one lead per target.

Most foreign-investment news is not an interest stated at a forum but a step of a named
company's project: a licence ("được cấp giấy chứng nhận đầu tư"), a proposal or survey ("đề
xuất", "xin phép", "khảo sát"), an MOU or contract ("ký biên bản ghi nhớ", "ký hợp đồng liên
doanh"), more capital ("tăng vốn", "đầu tư thêm"), a stake ("mua lại", "nắm 8,56% cổ phần"),
ground-breaking ("khởi công"), an opening ("khánh thành", "đi vào hoạt động") or a withdrawal
("thu hồi giấy phép"). The wording lists are `lead_<status>` in `data/cues.json`.

A sentence with such wording and a foreign investor states a claim for each investor: the
investor is a foreign company or fund the organization rule found (its country from the text
around its name, see `nationality`), or, when no firm is named, firms of a stated country ("nhà
đầu tư Singapore", "một công ty Nhật Bản"). Several investors in one sentence split it into
segments, so each gets the amount, site and project written next to it; investors listed
together ("Mitsubishi, Mitsui và Sumitomo") share theirs. A sentence that names no investor
but points back at the project ("Dự án này có tổng vốn ...") adds to the claim right before it; a
sentence listing investors ("Những nhà đầu tư này gồm A và B", "Liên doanh gồm ...") gives each of
them the step stated just before.

The claims of one investor are one lead per target province; its status is the furthest step
its sentences report as done ("sẽ khởi công" is only planned), its value the project's amount as
first written ("3.150 tỷ đồng (150 triệu USD)" is one value), its land in hectares, its jobs.
Statistics roundups, contractors, suppliers, fined firms and investments abroad state no lead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from importers.extraction.gazetteer import Gazetteer, Place, Sector
from importers.extraction.lexicon import PhraseFinder, cue_finder, load_lexicon
from importers.extraction.nationality import looks_foreign, stated_origin
from importers.extraction.organizations import OrganizationMatch
from importers.extraction.places import PlaceMatch
from importers.extraction.project_facts import (
    investment_type,
    is_stake,
    jobs,
    land_area_ha,
    project_as_written,
    project_value,
)
from importers.extraction.sentences import sentence_at
from importers.extraction.sites import SiteMatch, find_sites
from importers.extraction.tokens import Token, tokenize
from importers.types import OpportunityFound, Sentence
from leads.choices import STATUS_ORDER  # furthest last: a lead's status is the furthest step reported as done

if TYPE_CHECKING:
    from importers.extraction.opportunities import OpportunityInputs

_INVESTOR_KINDS = frozenset({"company", "fund"})
_PROVINCE_LIST_GAP = re.compile(r"^\s*(?:,|và|,\s*và)\s*(?:tỉnh|thành phố|TP\.?)?\s*$")
_LIST_GAP = re.compile(r"^\s*(?:,|và|cùng|&|cùng với|với)?\s*$")
_MAX_LINK_WORDS = 15  # words between an investor and its step in one clause
_MAX_FAR_LINK_WORDS = 40  # ... when a linking word ("cho", "là") stands right before the investor
_PLANNED_WINDOW = 3  # words before a step that may say it is only planned


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
class _Context:
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


@lru_cache(maxsize=1)
def _status_phrases() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """First word → (words, status) of the status phrases starting with it, longest first."""
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, status in status_finder().values.items():
        words = tuple(t.key.lower() for t in tokenize(phrase))
        if words:
            by_first.setdefault(words[0], []).append((words, str(status)))
    return {first: tuple(sorted(items, key=lambda i: -len(i[0]))) for first, items in by_first.items()}


def status_hits(tokens: list[Token]) -> list[tuple[int, int, object]]:
    """(start, end, status) of the status phrases in a sentence's tokens, longest first, no overlaps.

    One lower-casing pass and one dictionary lookup per word: most words start no phrase.
    """
    phrases = _status_phrases()
    words = [(t.key or t.text).lower() for t in tokens]
    hits: list[tuple[int, int, object]] = []
    index = 0
    while index < len(words):
        for candidate, status in phrases.get(words[index], ()):
            end = index + len(candidate)
            if tuple(words[index:end]) == candidate:
                hits.append((tokens[index].start, tokens[end - 1].end, status))
                index = end
                break
        else:
            index += 1
    return hits


@lru_cache(maxsize=1)
def status_finder() -> PhraseFinder:
    """Every status phrase of `cues.json` mapped to its status; "lead_neutral" phrases map to ""."""
    cues = load_lexicon().cues
    phrases: dict[str, object] = {}
    for status in STATUS_ORDER:  # a phrase listed twice keeps the furthest status
        for phrase in cues.get(f"lead_{status}", []):
            phrases[phrase] = status
    for phrase in cues.get("lead_neutral", []):
        phrases[phrase] = ""
    return PhraseFinder(phrases)


def find_investment_leads(
    inputs: OpportunityInputs, gazetteer: Gazetteer, same: dict[str, str] | None = None
) -> tuple[OpportunityFound, ...]:
    """Leads of one article from the steps its sentences report for named foreign investors.

    `same` is `same_investors` of the article's organizations, when the caller has it already.
    """
    context = _Context(inputs, gazetteer)
    starts = [s.start for s in inputs.sentences]
    context.orgs = _by_sentence(inputs.organizations, inputs.sentences, starts)
    context.places = _by_sentence(list(inputs.places), inputs.sentences, starts)
    context.same_as.update(same if same is not None else same_investors(inputs.organizations, inputs.body))
    for org in inputs.organizations:
        key = context.same_as.get(org.key, org.key)
        context.first_names.setdefault(key, org.name)
        context.first_orgs.setdefault(key, org)
    claims: list[Claim] = []
    last: tuple[int, list[Claim]] | None = None  # index of the last sentence with claims, its claims
    for index, sentence in enumerate(inputs.sentences):
        if sentence.start in inputs.captions:
            continue
        made = _sentence_claims(sentence, context)
        if not made and index > 0 and _lists_investors(sentence, inputs):
            made = _listed_claims(sentence, inputs.sentences[max(0, index - 2) : index], context)
        if not made and last is not None and last[0] == index - 1 and _points_back(sentence, inputs):
            made = [_claim(c.investor, sentence, sentence.start, sentence.end, context) for c in last[1]]
            made = [c for c in made if c.statuses or c.value or c.site]
            if not made:  # "Đây là dự án 100% vốn nước ngoài. Vốn đầu tư ... là ...": still the same project
                last = (index, last[1])
        if made:
            claims += made
            context.followed.update(c.investor.key for c in made)
            last = (index, made)
    return _leads(claims, context)


def _lists_investors(sentence: Sentence, inputs: OpportunityInputs) -> bool:
    """Whether the sentence opens by naming the investors the sentence before spoke of ("Những nhà
    đầu tư này gồm A, B và C")."""
    opening = sentence.text[:45]
    if "gồm" not in opening and " là" not in opening:
        return False  # most sentences: no list opening, no phrase lookup
    return bool(cue_finder("investor_list_openings").find(opening) or cue_finder("venture_list_openings").find(opening))


def _listed_claims(sentence: Sentence, before: tuple[Sentence, ...], context: _Context) -> list[Claim]:
    """The claims of the investors a listing sentence names, with the step, place and project of the
    nearest of the two sentences `before` it that states a step (the one that spoke of them as "6 nhà
    đầu tư Mỹ" or of their venture). An amount of a group of investors is no one's; a venture's capital,
    written up to the list, is each member's."""
    if not _may_name_investor(sentence, context):
        return []
    for previous in reversed(before):
        hits = [h for h in _status_hits(previous, context.inputs) if h[2]]
        if hits and previous.start not in context.inputs.captions:
            break
    else:
        return []
    investors = [i for i in _investors(sentence, context) if i.name]
    claims = [_claim(i, previous, previous.start, previous.end, context, hits) for i in investors]
    if cue_finder("venture_list_openings").find(sentence.text[:45]):  # "Liên doanh gồm ...": each member's
        value = project_value(previous.start, sentence.start, context.inputs, context.orgs[previous.start])
        claims = [replace(c, value=value) for c in claims]  # value is the venture's capital
    elif len(claims) > 1:  # "6 nhà đầu tư sẽ rót 1 tỷ USD": the amount of all, not each one's
        claims = [replace(c, value=None) for c in claims]
    return [replace(c, listed=True) for c in claims]


def _may_name_investor(sentence: Sentence, context: _Context) -> bool:
    """A cheap first look: a firm or a foreign place in the sentence (most sentences have neither)."""
    return any(
        o.kind in _INVESTOR_KINDS or o.name.startswith(("Ngân hàng", "Bệnh viện", "Cảng"))
        for o in context.orgs[sentence.start]
    ) or any(not p.place.is_vietnamese for p in context.places[sentence.start])


def _by_sentence(items: list, sentences: tuple[Sentence, ...], starts: list[int]) -> dict[int, list]:
    """Items (with `start`/`end`) grouped by the sentence holding them, in one pass (bisect per item)."""
    grouped: dict[int, list] = {s.start: [] for s in sentences}
    for item in items:
        index = bisect_right(starts, item.start) - 1
        if index >= 0 and item.end <= sentences[index].end:
            grouped[sentences[index].start].append(item)
    return grouped


def _sentence_claims(sentence: Sentence, context: _Context) -> list[Claim]:
    """The claims of the sentence's investors whose step the sentence states (or who already have one)."""
    inputs = context.inputs
    if not _may_name_investor(sentence, context):
        return []
    known = context.followed
    hits = [h for h in _status_hits(sentence, inputs) if h[2]]
    if not hits and not any(context.same_as.get(o.key, o.key) in known for o in context.orgs[sentence.start]):
        return []  # no step and no investor already followed: nothing to say (and nothing more to compute)
    if _abroad(sentence, context):
        return []
    investors = _investors(sentence, context)
    if not investors or (not investors[0].name and _statistics(sentence)):
        return []
    claims = []
    parts = _segments(sentence, investors)
    linked = {investor.key: [h for h in hits if _linked(sentence, investor, h)] for investor, _, _ in parts}
    for investor, start, end in parts:
        mates = [i for i, s, _ in parts if s == start]  # listed together: a step of the list is each one's
        steps = next((linked[m.key] for m in mates if linked[m.key]), [])
        if _in_passing(sentence.text[start - sentence.start : end - sentence.start]):
            continue
        if not steps and investor.key not in known:
            continue
        if investor.name and _background_example(sentence, investor):
            continue
        claim = _claim(investor, sentence, start, end, context, steps, hits)
        if not investor.name and not (claim.provinces or claim.site or claim.project or _has_sector(sentence, inputs)):
            continue  # firms of a country with nothing specific: no lead
        claims.append(claim)
    return claims


def _linked(sentence: Sentence, investor: Investor, hit: tuple[int, int, object]) -> bool:
    """Whether a step is the investor's: written after it in the same clause ("X vừa nhận giấy
    phép"), or before it with a word that hands it over ("cấp giấy phép cho X", "ký với X")."""
    text = sentence.text
    if hit[0] >= investor.end:
        between = text[investor.end - sentence.start : hit[0] - sentence.start]
        return ";" not in between and len(between.split()) <= _MAX_LINK_WORDS
    if hit[1] > investor.start:
        return False
    between = text[hit[1] - sentence.start : investor.start - sentence.start]
    words = between.split()
    if ";" in between or len(words) > _MAX_FAR_LINK_WORDS:
        return False
    links = cue_finder("investor_links_before")
    if len(words) > _MAX_LINK_WORDS:  # "chuyển nhượng ... cho đối tác nước ngoài là X"
        return bool(links.find(" ".join(words[-3:])))
    return len(words) <= 1 or bool(links.find(between))


def _status_hits(sentence: Sentence, inputs: OpportunityInputs) -> list[tuple[int, int, object]]:
    """Status phrases of the sentence outside the names of organizations, laws and events."""
    excluded = inputs.excluded.get(sentence.start, [])
    tokens = inputs.tokens.get(sentence.start)
    if tokens is None:
        tokens = tokenize(sentence.text, sentence.start)
    return [hit for hit in status_hits(tokens) if not any(s <= hit[0] and hit[1] <= e for s, e in excluded)]


def _investors(sentence: Sentence, context: _Context) -> list[Investor]:
    """The foreign organizations of the sentence, or else the countries whose firms it speaks of."""
    inputs = context.inputs
    orgs = [
        o
        for o in context.orgs[sentence.start]
        if (o.kind in _INVESTOR_KINDS or o.name.startswith(("Ngân hàng", "Bệnh viện", "Cảng")))
    ]
    orgs = [o for o in orgs if not any(p is not o and p.start <= o.start and o.end <= p.end for p in orgs)]
    orgs = [o for o in orgs if not inputs.people_index.overlapping(o.start, o.end)]
    origins: dict[int, Place] = {}
    for position, org in enumerate(orgs):
        key = context.same_as.get(org.key, org.key)
        first = context.first_orgs.get(key, org)
        origin = _foreign_origin(first, context)
        if origin is None and not _vietnamese(first):
            origin = _foreign_origin(org, context)  # "Samsung" first, then "Samsung Display (Hàn Quốc)"
        if origin is not None:
            origins[position] = origin
    _listed_with_foreign(orgs, origins, inputs.body, context)
    found: list[Investor] = []
    for position, org in enumerate(orgs):
        origin = origins.get(position)
        if origin is None or _not_an_investor(org, inputs.body):
            continue
        key = context.same_as.get(org.key, org.key)
        found.append(
            Investor(
                context.first_names.get(key, org.name), key, origin if origin.country else None, org.start, org.end
            )
        )
    if found:
        return _without_subsidiaries(found)
    return _origin_investors(sentence, context)


def _without_subsidiaries(investors: list[Investor]) -> list[Investor]:
    """ "Tập đoàn Intel ... Intel Products Việt Nam ... Intel" in one sentence: one group, one lead (the
    group's; the evaluation and staff find the subsidiary through it)."""
    owns = {i.key: own_name(i.name) for i in investors}
    return [
        i
        for i in investors
        if not any(o.key != i.key and owns[o.key] and owns[i.key].startswith(owns[o.key] + " ") for o in investors)
    ]


def same_investors(organizations: list[OrganizationMatch], body: str = "") -> dict[str, str]:
    """Org key → the key of the firm first written that it names too.

    "Công ty Điện lực Nam Hàn Quốc (KOSPO)" then "KOSPO"; "Tập đoàn Samsung" then "Samsung";
    "Tập đoàn Ngân hàng ... Citigroup" then "Citigroup"; "Công ty Kỹ nghệ thực phẩm Việt Nam (Vifon)"
    then "Vifon" (a short name in brackets after it): the firm's own name, without its head
    and legal form, is the same or ends the earlier one. A subsidiary named with "Việt Nam"
    ("Canon Việt Nam") is its own firm only when it is written so; "Coca Cola Sabco" is not
    "Coca Cola" (the shorter name does not end the longer).
    """
    same: dict[str, str] = {}
    firms: list[tuple[str, str, str]] = []  # (key, own name, alias) of the firms first written
    for org in sorted(organizations, key=lambda o: o.start):
        if org.key in same:
            continue
        own = own_name(org.name)
        match = next(
            (
                key
                for key, earlier, alias in firms
                if own == earlier or (alias and own == alias.lower()) or (earlier.endswith(" " + own) and own)
            ),
            None,
        )
        if match is None:
            bracket = re.match(r"\s*\(([^()]{2,30})\)", body[org.end : org.end + 34]) if body else None
            firms.append((org.key, own, org.alias or (bracket.group(1).strip() if bracket else "")))
            same[org.key] = org.key
        else:
            same[org.key] = match
    return same


@lru_cache(maxsize=1)
def _heads_and_tails() -> tuple[tuple[str, ...], tuple[str, ...]]:
    cues = load_lexicon().cues
    return (
        tuple(sorted((h.lower() for h in cues["investor_heads"]), key=len, reverse=True)),
        tuple(sorted((t.lower() for t in cues["investor_tails"]), key=len, reverse=True)),
    )


def own_name(name: str) -> str:
    """A firm's name without its head ("Tập đoàn", "Công ty TNHH") and legal form ("Co., Ltd")."""
    own = " ".join(name.lower().split())
    heads, tails = _heads_and_tails()
    for head in heads:
        if own.startswith(head.lower() + " "):
            own = own[len(head) + 1 :]
            break
    for tail in tails:
        if own.endswith(" " + tail):
            own = own[: -len(tail) - 1].rstrip(" ,")
            break
    return own


_UNSTATED = Place(slug="", name="", kind="country", country="")  # a foreign firm whose country the text does not say


def _foreign_origin(org: OrganizationMatch, context: _Context) -> Place | None:
    """Where a firm is from when it is foreign (`_UNSTATED` when the text does not say), else None."""
    if org.start not in context.origins:
        context.origins[org.start] = _find_foreign_origin(org, context)
    return context.origins[org.start]


def _find_foreign_origin(org: OrganizationMatch, context: _Context) -> Place | None:
    near = context.places.get(_sentence_of(org, context), [])
    origin = stated_origin(org, context.inputs.body, tuple(near), context.gazetteer)
    if origin is not None and origin.country != "VN":
        return origin
    if not looks_foreign(org.name):
        return None
    if org.country == "VN" and not _tied_abroad(org):
        return None
    return _UNSTATED


def _listed_with_foreign(
    orgs: list[OrganizationMatch], origins: dict[int, Place], body: str, context: _Context
) -> None:
    """Firms listed with a foreign investor ("như Unocal, AIG, ACE") are foreign too, from the same
    country, unless the text makes them Vietnamese; `origins` is completed in place."""
    for order in (range(1, len(orgs)), range(len(orgs) - 2, -1, -1)):
        for position in order:
            if position in origins:
                continue
            neighbour = position - 1 if order.step == 1 else position + 1
            if neighbour not in origins:
                continue
            left, right = sorted((orgs[position], orgs[neighbour]), key=lambda o: o.start)
            first = context.first_orgs.get(context.same_as.get(orgs[position].key, orgs[position].key), orgs[position])
            gap = body[left.end : right.start].strip()
            if gap in (",", "và") and (first.name.isupper() or looks_foreign(first.name)):
                origins[position] = origins[neighbour]


def _sentence_of(org: OrganizationMatch, context: _Context) -> int:
    """The start of the sentence holding `org` (its places are the ones that can state its country)."""
    sentences = context.inputs.sentences
    return sentence_at(sentences, org.start).start if sentences else 0


def _vietnamese(org: OrganizationMatch) -> bool:
    """A firm the organization rule places in Việt Nam and whose name is Vietnamese ("Vifon" later is it too)."""
    return org.country == "VN" and not looks_foreign(org.name)


def canonical_names(inputs: OpportunityInputs, same: dict[str, str]) -> dict[str, str]:
    """Each organization name → the name first written of the firm it names ("Intel" → "Tập đoàn Intel");
    `same` is `same_investors` of the article's organizations."""
    first: dict[str, str] = {}
    for org in inputs.organizations:
        first.setdefault(same.get(org.key, org.key), org.name)
    return {org.name: first[same.get(org.key, org.key)] for org in inputs.organizations}


def not_investor_names(inputs: OpportunityInputs) -> frozenset[str]:
    """Names every mention of which is a product, project or outlet ("khu công nghiệp VSIP")."""
    names: dict[str, bool] = {}
    for org in inputs.organizations:
        names[org.name] = names.get(org.name, True) and _not_an_investor(org, inputs.body)
    return frozenset(name for name, never in names.items() if never)


def _not_an_investor(org: OrganizationMatch, body: str) -> bool:
    """A product, project or news outlet written with a capital: "dự án City Gate", "tờ Nikkei"."""
    before = " ".join(body[max(0, org.start - 30) : org.start].split()[-3:])
    headed = org.name.lower().startswith(_heads_and_tails()[0])  # "dự án Công ty TNHH X": the project's firm
    if not headed and any(before.endswith(noun) for noun in cue_finder("not_investor_before").values):
        return True
    after = body[org.end : org.end + 20]
    return any(after.lstrip().startswith(words) for words in cue_finder("not_investor_after").values)


def vietnamese_names(inputs: OpportunityInputs, among: set[str]) -> frozenset[str]:
    """Names of firms and bodies named in Vietnamese ("Ngân hàng Đầu tư và Phát triển Việt Nam") and not
    placed abroad: a lead of theirs whose origin the text does not state is no foreign investor's."""
    return frozenset(
        org.name
        for org in inputs.organizations
        if org.name in among
        and "liên doanh" not in org.name.lower()
        and (
            (org.country == "VN" and not _tied_abroad(org) and not _money_name(org))  # "VNG", "Vietnam Airlines"
            or (
                org.country == ""
                and not org.name.isupper()  # "AIG", "ACE": an acronym says nothing of its nationality
                and not looks_foreign(org.name)
            )
        )
    )


def _money_name(org: OrganizationMatch) -> bool:
    """A fund or investment firm ("Vietnam Opportunity Fund"): named for Việt Nam, it invests foreign money."""
    words = org.name.lower().split()
    return org.kind == "fund" or any(word in words for word in cue_finder("money_name_words").values)


def _tied_abroad(org: OrganizationMatch) -> bool:
    """A Vietnamese-registered company counts as foreign when its name is a foreign firm's
    ("Công ty TNHH Denso Việt Nam") or a joint venture's."""
    lowered = org.name.lower()
    return "liên doanh" in lowered or lowered.endswith((" việt nam", " vn", " vietnam"))


def _origin_investors(sentence: Sentence, context: _Context) -> list[Investor]:
    """ "nhà đầu tư Singapore", "một dự án của Hàn Quốc", "do Singapore đầu tư", or the country opening
    the sentence ("Australia muốn đầu tư ..."): firms of a country."""
    text = sentence.text
    if all(p.place.is_vietnamese or p.place.slug == "vn" for p in context.places[sentence.start]):
        return []
    nouns = cue_finder("origin_nouns").find(text, sentence.start)
    found: dict[str, Investor] = {}
    for place in context.places[sentence.start]:
        if place.place.is_vietnamese:
            continue
        if place.place.slug == "vn":
            continue
        before = text[: place.start - sentence.start].rstrip()
        before = before.removesuffix("của").removesuffix("từ").rstrip()
        subject = not before.strip(' -–:"“') or before.endswith(("Phía", "phía"))
        if not subject and not any(end - sentence.start == len(before) for _, end, _ in nouns):
            continue  # "Australia muốn đầu tư ...": the country as the subject; else firms of it
        key = f"origin:{place.place.slug}"
        found.setdefault(key, Investor("", key, place.place, place.start, place.end))
    if found and _between_others(sentence, context):
        return []
    return list(found.values())


def _between_others(sentence: Sentence, context: _Context) -> bool:
    """A cooperation of others ("Trung Quốc và ASEAN") with nothing pointing at Vietnam."""
    if not cue_finder("third_parties").find(sentence.text):
        return False
    if any(p.place.country == "VN" for p in context.places[sentence.start]):
        return False
    return not cue_finder("vietnam_references").find(sentence.text)


def _segments(sentence: Sentence, investors: list[Investor]) -> list[tuple[Investor, int, int]]:
    """Each investor's part of the sentence: from its group to the next group of investors.

    Investors written as one list ("Mitsubishi, Mitsui, Sumitomo và Limtec") are one group and
    share a part; the first group's part starts with its clause (the sentence, or the text after the
    last semicolon before it).
    """
    ordered = sorted(investors, key=lambda i: i.start)
    groups: list[list[Investor]] = []
    body = sentence.text
    for investor in ordered:
        if groups:
            previous = groups[-1][-1]
            gap = body[previous.end - sentence.start : investor.start - sentence.start]
            if _LIST_GAP.match(gap) or re.match(r"^\s*\([^()]*\)\s*(?:,|và)?\s*$", gap):
                groups[-1].append(investor)
                continue
        groups.append([investor])
    parts = []
    for index, group in enumerate(groups):
        start = _clause(sentence, group[0])[0] if index == 0 else group[0].start
        end = groups[index + 1][0].start if index + 1 < len(groups) else sentence.end
        parts += [(investor, start, end) for investor in group]
    return parts


def _claim(
    investor: Investor,
    sentence: Sentence,
    start: int,
    end: int,
    context: _Context,
    hits: list[tuple[int, int, object]] | None = None,
    every: list[tuple[int, int, object]] | None = None,
) -> Claim:
    """The claim of the investor's part sentence[start:end]; `hits` are its steps (else the part's
    own, from `every` step of the sentence)."""
    inputs = context.inputs
    text = sentence.text[start - sentence.start : end - sentence.start]
    if hits is None:
        every = _status_hits(sentence, inputs) if every is None else every
        hits = [h for h in every if start <= h[0] < end]
    statuses = tuple(done_status(sentence, h) for h in _without_licensed_objects(sentence, hits) if h[2])
    every_site = context.sentence_sites(sentence)
    sites = [s for s in every_site if start <= s.start < end] or every_site
    site = sites[0] if sites else None
    provinces = _provinces(sentence, start, end, context)
    if not provinces and site is None:  # "Ban quản lý KCN Quế Võ cấp phép cho X": X's project is there
        site = next((s for s in context.named_sites(sentence) if s.province), None)
    if not provinces and site is not None and site.province is not None:
        provinces = (site.province,)
    national = not provinces and _national(sentence, start, end, inputs)
    if not provinces and not national:
        first, last = _clause(sentence, investor)  # "Sở Du lịch Hà Nội ... ký ...; Tập đoàn X ký ...": not X's
        provinces = _provinces(sentence, first, last, context)
        national = not provinces and _national(sentence, first, last, inputs)
    return Claim(
        investor=investor,
        sentence=sentence,
        statuses=statuses,
        provinces=provinces,
        national=national,
        site=site,
        project=project_as_written(text),
        value=project_value(start, end, inputs, context.orgs[sentence.start]),
        land_area_ha=land_area_ha(text),
        jobs=jobs(text),
        wording=_without_names(text, start, context.orgs[sentence.start]),
    )


_LICENSED_OBJECT_WORDS = 20  # words between a licence and the step it allows ("cấp phép cho X mở ...")


def _without_licensed_objects(sentence: Sentence, hits: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """The hits less the steps a licence written before them allows: "ký giấy phép cho ngân hàng X mở
    văn phòng đại diện" reports a licence, not an office already open."""
    kept = []
    licence_end = None
    for hit in hits:
        if hit[2] == "licensed":
            licence_end = hit[1]
        elif hit[2] in ("construction", "operating") and licence_end is not None:
            between = sentence.text[licence_end - sentence.start : hit[0] - sentence.start]
            words = between.split()
            if ";" not in between and "đã" not in words and len(words) <= _LICENSED_OBJECT_WORDS:
                continue  # "... và đã đi vào hoạt động" is a step of its own
        kept.append(hit)
    return kept


@lru_cache(maxsize=1)
def _planned_pattern() -> re.Pattern[str]:
    """The planned markers as written (lower case: "định" plans, "Bình Định" is a place)."""
    markers = sorted(load_lexicon().cues["planned_markers"], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(m) for m in markers) + r")(?!\w)")


def _without_names(text: str, offset: int, orgs: list[OrganizationMatch]) -> str:
    """`text` (starting at body offset `offset`) with organization names blanked: "Công ty cổ phần X" says
    nothing of a stake."""
    chars = list(text)
    for org in orgs:
        for position in range(max(org.start - offset, 0), min(org.end - offset, len(chars))):
            chars[position] = " "
    return "".join(chars)


def done_status(sentence: Sentence, hit: tuple[int, int, object]) -> str:
    """The hit's status, or "interest" when the words right before it say it is only planned."""
    status = str(hit[2])
    if status in ("interest", "proposal"):
        return status
    window = " ".join(sentence.text[: hit[0] - sentence.start].split()[-_PLANNED_WINDOW:])
    if not _planned_pattern().search(window):
        return status
    if status == "withdrawn" and cue_finder("revocation_proposed").find(window):
        return status  # "đề nghị thu hồi giấy phép": a revocation proposed counts
    return "interest"


def _clause(sentence: Sentence, investor: Investor) -> tuple[int, int]:
    """The body span of the clause (between semicolons) that names the investor."""
    text = sentence.text
    at = investor.start - sentence.start
    before = text.rfind(";", 0, max(at, 0))
    after = text.find(";", max(at, 0))
    return sentence.start + before + 1, sentence.start + (after if after != -1 else len(text))


def _provinces(sentence: Sentence, start: int, end: int, context: _Context) -> tuple[Place, ...]:
    """The target provinces written in body[start:end]: the first, and those listed with it ("tại các
    tỉnh Nghệ An, Quảng Ngãi và Cần Thơ"). Places inside a foreign organization's name are where it
    comes from, not where it invests; a province named elsewhere in the sentence is context."""
    foreign = [  # and a province in a firm's name ("Công ty Cổ phần Nhà Hòa Bình") is part of a name
        (o.start, o.end)
        for o in context.orgs[sentence.start]
        if o.country not in ("VN", "") or o.kind in _INVESTOR_KINDS
    ]
    here = [
        p
        for p in context.places[sentence.start]
        if start <= p.start
        and p.end <= end
        and p.place.is_vietnamese
        and not any(s <= p.start and p.end <= e for s, e in foreign)
    ]
    body = context.inputs.body
    here = [p for p in here if not _event_place(body, p, sentence, start, end, context.inputs)]
    listed = here[:1]
    for place in here[1:]:
        if not _PROVINCE_LIST_GAP.match(context.inputs.body[listed[-1].end : place.start]):
            break
        listed.append(place)
    return tuple(dict.fromkeys(p.place for p in listed))


_DATELINE = re.compile(r"(?:\d{4}|\d{1,2}/\d{1,2})\s*,?\s*(?:tại|ở)\s*$")


def _event_place(
    body: str, place: PlaceMatch, sentence: Sentence, start: int, end: int, inputs: OpportunityInputs
) -> bool:
    """Whether the province is where an event took place, not the target: after "diễn ra tại",
    "tổ chức tại", or a dateline ("Ngày 28/2 tại Hà Nội, X công bố ... tại thị trường Việt Nam")
    when the part names the whole country as the target."""
    before = body[max(start, place.start - 30) : place.start]
    if any(
        e == place.start - 1 or e == place.start
        for _, e, _ in cue_finder("event_place_markers").find(before, place.start - len(before))
    ):
        return True
    return bool(_DATELINE.search(before)) and _national(sentence, start, end, inputs)


def _national(sentence: Sentence, start: int, end: int, inputs: OpportunityInputs) -> bool:
    """Whether the part names Việt Nam as the target ("mở rộng đầu tư tại thị trường Việt Nam"),
    outside the names of organizations ("Honda Việt Nam")."""
    excluded = inputs.excluded.get(sentence.start, [])
    for s, e, _ in cue_finder("lead_national").find(sentence.text, sentence.start):
        if not (start <= s and e <= end) or any(a <= s and e <= b for a, b in excluded):
            continue
        before = " ".join(sentence.text[: s - sentence.start].split()[-2:])
        if not cue_finder("national_partners").find(before):
            return True
    return False


def _points_back(sentence: Sentence, inputs: OpportunityInputs) -> bool:
    """Whether a sentence naming no investor speaks of the project or investor just named."""
    if "\n" in inputs.body[max(0, sentence.start - 2) : sentence.start]:
        # a new paragraph starts a new subject, unless it opens on the project ("Dự án này ...")
        return any(
            s == sentence.start
            for s, _, _ in cue_finder("lead_opening_anaphors").find(sentence.text[:40], sentence.start)
        )
    return bool(cue_finder("lead_anaphors").find(sentence.text[:80]))


def _abroad(sentence: Sentence, context: _Context) -> bool:
    """An investment in a foreign country: a foreign place after "tại", "ở", "sang", and no Vietnamese one."""
    here = context.places[sentence.start]
    if any(p.place.country == "VN" for p in here) or re.search(r"(?<!\w)VN(?!\w)", sentence.text):
        return False
    markers = cue_finder("abroad_markers").find(sentence.text, sentence.start)
    return any(any(p.start - e in (1, 2) for _, e, _ in markers) for p in here)


def _statistics(sentence: Sentence) -> bool:
    return bool(cue_finder("statistics").find(sentence.text))


_EXAMPLE_LIST = re.compile(r"(?<!\w)như\s+(?:[^,.;:]{1,40},\s*)*$")  # "như X, Y, " right before the investor
_LIST_REST = re.compile(r"(?:\s*,\s*[^,.;:…]{1,40})*\s*(?:…|\.\.\.)?\s*")  # the rest of the list
_PRESENCE_WINDOW = 40  # characters before "như" that may say the examples already operate here


def _background_example(sentence: Sentence, investor: Investor) -> bool:
    """An investor given as an example of firms that already operate here ("những doanh nghiệp đã đầu
    tư vào VN như X, Y"): background, not a new intention."""
    at = investor.start - sentence.start
    before = sentence.text[max(0, at - 120) : at]
    listed = _EXAMPLE_LIST.search(before)
    if listed is None:
        return False
    presence = cue_finder("existing_presence")
    if presence.find(before[max(0, listed.start() - _PRESENCE_WINDOW) : listed.start()]):
        return True
    after = _LIST_REST.match(sentence.text, investor.end - sentence.start)  # "..., Y… đang hoạt động"
    rest = sentence.text[after.end() : after.end() + _PRESENCE_WINDOW] if after else ""
    return any(rest.startswith(phrase) for phrase in presence.values)


def _in_passing(text: str) -> bool:
    return bool(cue_finder("in_passing").find(text))


def _has_sector(sentence: Sentence, inputs: OpportunityInputs) -> bool:
    return bool(inputs.hits.get(sentence.start))


@lru_cache(maxsize=4)
def _sector_finder(sectors: tuple[Sector, ...]) -> PhraseFinder:
    return PhraseFinder({keyword: sector.slug for sector in sectors for keyword in sector.keywords})


def _leads(claims: list[Claim], context: _Context) -> tuple[OpportunityFound, ...]:
    """One lead per investor and target province.

    A province only a sentence that states no step of the investor names ("Samsung có nhà máy
    ở Thái Nguyên") is no target of its own: that claim joins the investor's first lead.
    """
    by_investor: dict[str, list[Claim]] = {}
    for claim in claims:
        by_investor.setdefault(claim.investor.key, []).append(claim)
    fallback = _article_province(context)
    leads = []
    for group in by_investor.values():
        targets = list(dict.fromkeys(p for c in group if c.statuses for p in c.provinces))
        if not targets:
            targets = list(dict.fromkeys(p for c in group for p in c.provinces))[:1]
        if not targets:  # firms of a country need a province; a named firm's may be the story's
            national = any(c.national for c in group)
            if group[0].investor.name:
                province, site = (
                    (None, None)
                    if national or not _project_step(group, context)
                    else _context_province(group[0].sentence, context)
                )
            else:
                province, site = None if national else fallback, None
            leads.append(_lead(group, province, context, site))
            continue
        for position, province in enumerate(targets):
            mine = [
                c for c in group if province in c.provinces or (position == 0 and not set(c.provinces) & set(targets))
            ]
            leads.append(_lead(mine, province, context))
    return tuple(leads)


_PROJECT_STEPS = frozenset({"proposal", "licensed", "capital_increase", "construction", "operating"})


def _project_step(claims: list[Claim], context: _Context) -> bool:
    """Whether the claims report a step of a project on the ground (a licence, a plant built or opened),
    which has a place, unlike a cooperation or a wish that may be nationwide. A stake in a company
    ("mua 10% cổ phần") or a fund's investment has no place of its own."""
    if any(is_stake(c.wording) for c in claims):
        return False
    first = context.first_orgs.get(claims[0].investor.key)
    if first is not None and first.kind == "fund":
        return False
    return any(c.project or c.value or c.listed for c in claims)


def _context_province(sentence: Sentence, context: _Context) -> tuple[Place | None, SiteMatch | None]:
    """The target of a named firm's sentence that names no province and not Việt Nam: the province
    last named earlier in its paragraph ("Tỉnh Quảng Ngãi ... . Tập đoàn X đăng ký đầu tư ..."), else
    the title's only province. (The article's only province is no default: a named firm's general
    statement in a provincial story is often nationwide.) A site last named ("Khu kinh tế Dung
    Quất ... . Tập đoàn X đăng ký ...") gives its province and is the project's site."""
    body = context.inputs.body
    places = _vietnamese_places(context)
    paragraph = body.rfind("\n", 0, sentence.start) + 1
    earlier: list[tuple[int, Place, SiteMatch | None]] = [
        (p.start, p.place, None)
        for p in places[: bisect_right([p.start for p in places], sentence.start)]
        if p.start >= paragraph
    ]
    earlier += _paragraph_sites(sentence, paragraph, context)
    if earlier:
        _, place, site = max(earlier, key=lambda item: item[0])
        return place, site
    title_end = body.find("\n")
    in_title = list(dict.fromkeys(p.place for p in places if title_end != -1 and p.end <= title_end))
    return (in_title[0] if len(in_title) == 1 else None), None


def _paragraph_sites(
    sentence: Sentence, paragraph: int, context: _Context
) -> list[tuple[int, Place, SiteMatch | None]]:
    """(start, province) of the sites with a known province written in the paragraph before the
    sentence ("Khu kinh tế Dung Quất" gives Quảng Ngãi), those in a board's name too."""
    found = []
    for earlier in context.inputs.sentences:
        if earlier.start >= sentence.start:
            break
        if earlier.end > paragraph:
            found += [
                (s.start, s.province, s) for s in context.all_sites(earlier) if s.province and s.start >= paragraph
            ]
    return found


def _vietnamese_places(context: _Context) -> list[PlaceMatch]:
    """The article's Vietnamese provinces in order, outside the names of foreign firms (found once)."""
    if context.vietnamese_places is None:
        foreign = context.inputs.foreign_organization_index
        context.vietnamese_places = sorted(
            (
                p
                for p in context.inputs.places
                if p.place.is_vietnamese
                and not any(o.start <= p.start and p.end <= o.end for o in foreign.overlapping(p.start, p.end))
            ),
            key=lambda p: p.start,
        )
    return context.vietnamese_places


def _article_province(context: _Context) -> Place | None:
    """The article's only Vietnamese province, when it names one only."""
    inputs = context.inputs
    vietnamese = list(dict.fromkeys(p.place for p in inputs.places if p.place.is_vietnamese))
    return vietnamese[0] if len(vietnamese) == 1 else None


def _lead(
    claims: list[Claim], province: Place | None, context: _Context, context_site: SiteMatch | None = None
) -> OpportunityFound:
    """The lead of the claims toward `province`; `context_site` is the site the province came from
    when no claim names one."""
    first = claims[0]
    investor = next((c.investor for c in claims if c.investor.origin is not None), first.investor)
    statuses = [s for c in claims for s in c.statuses]
    status = max(statuses, key=STATUS_ORDER.index) if statuses else "interest"
    value = next((c.value for c in claims if c.value is not None), None)
    site = next(
        (c.site for c in claims if c.site is not None and (province is None or _site_in(c.site, province))),
        context_site,
    )
    sentences = list(dict.fromkeys(c.sentence for c in claims))
    wording = " ".join(c.wording for c in claims)
    project = next((c.project for c in claims if c.project), "")
    return OpportunityFound(
        evidence=sentences[0],
        sectors=_sectors(sentences, context),
        organization=investor.name,
        origin=investor.origin.name if investor.origin else "",
        origin_slug=investor.origin.slug if investor.origin else "",
        province=province.name if province else "",
        province_slug=province.slug if province else "",
        site=site.text if site else "",
        site_slug=site.record.slug if site and site.record else "",
        project=project,
        investment_type=investment_type(wording, status, project),
        status=status,
        value=value[0] if value else None,
        currency=value[1] if value else "",
        land_area_ha=next((c.land_area_ha for c in claims if c.land_area_ha is not None), None),
        jobs=next((c.jobs for c in claims if c.jobs is not None), None),
        other_evidence=tuple(sentences[1:]),
    )


def _site_in(site: SiteMatch, province: Place) -> bool:
    return site.province is None or site.province == province


def _sectors(sentences: list[Sentence], context: _Context) -> tuple[str, ...]:
    """The sectors named in the lead's sentences in order, a factory's "manufacturing" after the sector of
    what it makes ("nhà máy linh kiện điện tử": electronics, manufacturing)."""
    inputs = context.inputs
    slugs: list[str] = []
    finder = _sector_finder(context.gazetteer.sectors)
    factory = frozenset(w.lower() for w in cue_finder("factory_words").values)
    only_factories = True
    for sentence in sentences:
        for hit in inputs.hits.get(sentence.start, []):
            slugs.append(hit.slug)
            if hit.slug == "manufacturing" and hit.text.lower() not in factory:
                only_factories = False
    if not slugs:  # steps ("khánh thành nhà máy ...") are no sector cue: the evidence's own keywords
        evidence = sentences[0]
        excluded = inputs.excluded.get(evidence.start, [])
        slugs = [
            str(slug)
            for start, end, slug in finder.find(evidence.text, evidence.start)
            if not any(s <= start and end <= e for s, e in excluded)
        ]
    ordered = list(dict.fromkeys(slugs))
    if "manufacturing" in ordered and len(ordered) > 1 and only_factories:
        ordered.remove("manufacturing")
        ordered.append("manufacturing")
    return tuple(ordered)
