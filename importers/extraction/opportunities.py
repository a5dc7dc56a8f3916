"""Opportunities: statements of interest or proposals, joined to who, where and what.

A sentence with an interest cue ("mong muốn hợp tác", "đề xuất", "kêu gọi", "quan tâm", "kế
hoạch đầu tư", "mời gọi") and a sector after it states an interest of each party toward each
target province; the interests of one party toward one province are one opportunity, whose
sectors are every sector its sentences name:

- the party is each foreign organization, or else each foreign region or country, named in the
  sentence or through a person's position ("ông Viên Hoàng, Giám đốc Sở ... Quảng Tây"); a
  sentence that names none ("Các tập đoàn ... đánh giá cao tiềm năng hợp tác") speaks of the
  article's main foreign country, or of the foreign region last named when it says "hai địa
  phương";
- the target is each Vietnamese province of the sentence (today's unit), nationwide when it
  says "Việt Nam", or the province last named when it points back ("TP", "hai bên");
- a cooperation between other parties ("Trung Quốc và ASEAN") is no lead for Vietnam.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property

from importers.extraction.gazetteer import Gazetteer, Place
from importers.extraction.lead_targets import story_province
from importers.extraction.lexicon import cue_finder
from importers.extraction.organizations import OrganizationMatch
from importers.extraction.places import PlaceMatch
from importers.extraction.sectors import SectorHit
from importers.extraction.spans import SpanIndex
from importers.extraction.tokens import Token
from importers.types import AmountFound, OpportunityFound, Sentence

# Words that turn the cue after them into a noun phrase: the act, the trend, the potential of
# cooperating, which the writer assesses; nobody states an interest.
_NOMINALIZERS = frozenset({"việc", "sự", "xu hướng", "mở ra", "là"})


@dataclass(frozen=True)
class PersonMention:
    """Where a contact is named, and the organization their position names (if any)."""

    start: int
    end: int
    organization: OrganizationMatch | None


@dataclass(frozen=True)
class _Party:
    organization: str
    origin: Place | None


@dataclass(frozen=True)
class OpportunityInputs:
    """What the other rules found in the article, as the opportunity rule needs it."""

    sentences: tuple[Sentence, ...]
    hits: dict[int, list[SectorHit]]  # sentence start → sector keywords that count
    organizations: list[OrganizationMatch]
    places: tuple[PlaceMatch, ...]
    people: list[PersonMention]
    amounts: tuple[AmountFound, ...]
    excluded: dict[int, list[tuple[int, int]]]  # sentence start → spans of names, laws, events
    captions: frozenset[int] = frozenset()  # starts of sentences on photo-caption lines
    body: str = ""  # the text the sentences slice (paragraph breaks are its newlines)
    tokens: dict[int, list[Token]] = field(default_factory=dict)  # sentence start → its tokens, when known
    title_provinces: tuple[Place, ...] = ()  # the provinces of a title read apart from the body
    title: str = ""  # the text of that title (empty when the body starts with it)

    # The mentions by where they lie: rules ask per sentence, and scanning them all each time made
    # long articles quadratic (see `spans`).
    @cached_property
    def organization_index(self) -> SpanIndex[OrganizationMatch]:
        return SpanIndex(self.organizations)

    @cached_property
    def foreign_organization_index(self) -> SpanIndex[OrganizationMatch]:
        return SpanIndex(o for o in self.organizations if o.country not in ("VN", ""))

    @cached_property
    def people_index(self) -> SpanIndex[PersonMention]:
        return SpanIndex(self.people)

    @cached_property
    def place_index(self) -> SpanIndex[PlaceMatch]:
        return SpanIndex(self.places)

    @cached_property
    def vietnamese_place_index(self) -> SpanIndex[PlaceMatch]:
        return SpanIndex(p for p in self.places if p.place.is_vietnamese)

    @cached_property
    def foreign_region_index(self) -> SpanIndex[PlaceMatch]:
        return SpanIndex(p for p in self.places if p.place.kind == "foreign_region")

    @cached_property
    def first_mentions(self) -> dict[str, OrganizationMatch]:
        """Organization key → its first mention."""
        first: dict[str, OrganizationMatch] = {}
        for org in self.organizations:
            first.setdefault(org.key, org)
        return first

    @cached_property
    def stated_countries(self) -> dict[str, str]:
        """Organization key → the first country one of its mentions states."""
        countries: dict[str, str] = {}
        for org in self.organizations:
            if org.country:
                countries.setdefault(org.key, org.country)
        return countries

    @cached_property
    def only_province(self) -> Place | None:
        """The article's Vietnamese place, when it names only one (not only as a venue: `story_province`)."""
        return story_province(list(self.vietnamese_place_index.items), self.body)

    @cached_property
    def amount_index(self) -> SpanIndex[AmountFound]:
        return SpanIndex(self.amounts)


def find_opportunities(inputs: OpportunityInputs, gazetteer: Gazetteer) -> tuple[OpportunityFound, ...]:
    """Opportunities of one article, one per (party, province): its sectors in the order named, the first
    sentence stating it as evidence and the later ones as further evidence."""
    found: dict[tuple[str, str], OpportunityFound] = {}
    main_country = _main_foreign_country(inputs.places, gazetteer)
    previous: tuple[Sentence, list[_Party], list[Place | None]] | None = None  # the last sentence that made one
    for sentence in inputs.sentences:
        hits = inputs.hits.get(sentence.start, [])
        if sentence.start in inputs.captions:
            continue  # a caption repeats the body; the body's sentence is the evidence
        cues = [
            c
            for c in cue_finder("opportunity_cues").find(sentence.text, sentence.start)
            if not any(s <= c[0] and c[1] <= e for s, e in inputs.excluded.get(sentence.start, []))
            and not _nominalized(sentence, c[0])
        ]
        if not hits or not cues:
            continue
        sectors = list(dict.fromkeys(h.slug for h in hits if h.start >= cues[0][0] or h.subject))
        if not sectors or _between_others(sentence, inputs):
            continue
        pointed = _pronoun_party(sentence, inputs, gazetteer) or _demonstrative_party(sentence, inputs, gazetteer)
        if pointed or _has_actor(sentence, inputs):
            named = _parties(sentence, inputs, gazetteer)
            if pointed and not any(p.organization for p in named):
                named = []  # "Ông cho biết các nhà đầu tư Trung Quốc quan tâm": his organization, not the country
            parties = (
                named
                or pointed
                or _antecedent_party(sentence, inputs, gazetteer)
                or _fallback_parties(sentence, inputs, main_country)
            )
            provinces = _provinces(sentence, inputs)
        elif previous is not None and _continues(sentence, previous[0], inputs):
            _, parties, provinces = previous  # "Đồng thời, mở rộng hợp tác về ...": the same proposal
        else:
            continue
        previous = (sentence, parties, provinces)
        value, currency = _value(sentence, inputs.amount_index)
        for party in parties:
            who = party.organization or (party.origin.name if party.origin else "")
            if not who:
                continue
            for province in provinces:
                key = (who, province.slug if province else "")
                known = found.get(key)
                if known is None:
                    found[key] = OpportunityFound(
                        evidence=sentence,
                        sectors=tuple(sectors),
                        organization=party.organization,
                        origin=party.origin.name if party.origin else "",
                        origin_slug=party.origin.slug if party.origin else "",
                        province=province.name if province else "",
                        province_slug=province.slug if province else "",
                        investment_type="cooperation",
                        status="interest",
                        value=value,
                        currency=currency,
                    )
                    continue
                more = tuple(s for s in sectors if s not in known.sectors)
                evidence = known.other_evidence + ((sentence,) if sentence != known.evidence else ())
                found[key] = replace(known, sectors=known.sectors + more, other_evidence=tuple(dict.fromkeys(evidence)))
    return tuple(found.values())


def _continues(sentence: Sentence, earlier: Sentence, inputs: OpportunityInputs) -> bool:
    """Whether a sentence without a subject goes on with the proposal of the sentence right before it.

    "Đồng thời, mở rộng hợp tác về kho vận, đào tạo nghề ...", in the same paragraph as
    "Phó Thị trưởng Côn Minh kiến nghị đẩy mạnh hợp tác với Lào Cai về đường sắt ...".
    """
    index = inputs.sentences.index(sentence)
    if index == 0 or inputs.sentences[index - 1] != earlier or "\n" in inputs.body[earlier.end : sentence.start]:
        return False
    starts = cue_finder("continuations").find(sentence.text, sentence.start)
    return any(start == sentence.start for start, _, _ in starts)


def _nominalized(sentence: Sentence, cue_start: int) -> bool:
    """Whether a cue is a topic, not a statement: "việc tăng cường hợp tác ... có ý nghĩa"."""
    before = sentence.text[: cue_start - sentence.start].split()
    return bool(before) and (before[-1].lower() in _NOMINALIZERS or " ".join(before[-2:]).lower() in _NOMINALIZERS)


def _has_actor(sentence: Sentence, inputs: OpportunityInputs) -> bool:
    """Whether someone states the interest: a person, organization, place, firms, or "hai bên"."""
    for index in (inputs.organization_index, inputs.people_index, inputs.place_index):
        if index.within(sentence.start, sentence.end):
            return True
    if cue_finder("business_nouns").find(sentence.text):
        return True
    for start, _, _ in cue_finder("province_anaphors").find(sentence.text):
        if not sentence.text[:start].rstrip().endswith("giữa"):
            return True
    return False


def _between_others(sentence: Sentence, inputs: OpportunityInputs) -> bool:
    """A cooperation of others ("Trung Quốc và ASEAN") with nothing pointing at Vietnam."""
    if not cue_finder("third_parties").find(sentence.text):
        return False
    if any(p.place.country == "VN" for p in inputs.place_index.within(sentence.start, sentence.end)):
        return False
    return not cue_finder("vietnam_references").find(sentence.text)


def _parties(sentence: Sentence, inputs: OpportunityInputs, gazetteer: Gazetteer) -> list[_Party]:
    """Foreign organizations, then foreign regions and countries not already standing for one."""
    orgs = inputs.organization_index.within(sentence.start, sentence.end)
    foreign = [o for o in orgs if o.country != "VN" and (o.country or o.kind == "company")]
    for person in inputs.people_index.within(sentence.start, sentence.end):
        org = person.organization
        if org is not None and org.country != "VN" and (org.country or org.kind == "company"):
            foreign.append(org)
    foreign = [o for o in foreign if not any(p is not o and p.start <= o.start and o.end <= p.end for p in foreign)]
    parties: list[_Party] = []
    covered: set[str] = set()
    named: list[str] = []
    for org in dict.fromkeys(foreign):
        words = f" {org.name} "
        if any(f" {n} " in words or words in f" {n} " for n in named):
            continue  # "Intel" and "Intel Products Việt Nam" in one sentence: one group, one lead
        named.append(org.name)
        origin = _origin_of(org, inputs, gazetteer)
        parties.append(_Party(org.name, origin))
        covered.add(org.country)
        if origin is not None:
            covered.add(origin.slug)
    written = [
        p
        for p in inputs.place_index.within(sentence.start, sentence.end)
        if p.place.country != "VN" and not any(o.start <= p.start and p.end <= o.end for o in orgs)
    ]
    places = [p.place for p in written if not _as_location(p, written, inputs.body)]
    for place in dict.fromkeys(p for p in places if p.kind == "foreign_region"):
        if place.slug not in covered:
            parties.append(_Party("", place))
            covered.update({place.slug, place.country})
    for place in dict.fromkeys(p for p in places if p.kind == "country"):
        if place.country not in covered:
            parties.append(_Party("", place))
            covered.add(place.country)
    return parties


_LOCATION_BEFORE = re.compile(r"(?:((?:[^\s,.;:]+\s+){1,4})(?:tại|ở|sang)|tiêu chuẩn(?:\s+[^\s,.;:]+){0,3}\s+của)\s*$")


_PLACE_LIST_GAP = re.compile(r"^\s*(?:,|và|hay|hoặc)\s*$")


def _as_location(place: PlaceMatch, written: list[PlaceMatch], body: str) -> bool:
    """Whether a foreign country is written as where something is or as a standard, not as a party:
    "mở rộng sản xuất tại Thái Lan", "theo tiêu chuẩn của Nhật, Hàn Quốc" (the places listed with the
    first share its role). Firms "tại Nhật Bản" ("doanh nghiệp công nghệ tại X") are still its firms."""
    first = place
    for earlier in reversed([p for p in written if p.end <= place.start]):
        if not _PLACE_LIST_GAP.match(body[earlier.end : first.start]):
            break
        first = earlier
    found = _LOCATION_BEFORE.search(body[max(0, first.start - 60) : first.start])
    if found is None:
        return False
    return not (found.group(1) and cue_finder("business_nouns").find(found.group(1)))


def _origin_of(org: OrganizationMatch, inputs: OpportunityInputs, gazetteer: Gazetteer) -> Place | None:
    """The region an organization comes from: the last foreign region in or right after its name."""
    regions = inputs.foreign_region_index.starting_in(org.start, org.end + 4)
    if regions:
        return regions[-1].place
    return gazetteer.places_by_slug.get(org.country.lower()) if org.country else None


def _antecedent_party(sentence: Sentence, inputs: OpportunityInputs, gazetteer: Gazetteer) -> list[_Party]:
    """ "Tập đoàn kinh doanh chủ yếu ngành dệt may và mong muốn ...": a bare head as the subject
    points back at the last foreign organization named with that head."""
    text = sentence.text
    connective = cue_finder("continuations").find(text)
    rest = text[connective[0][1] :].lstrip(" ,") if connective and connective[0][0] == 0 else text
    cues = cue_finder("opportunity_cues").find(text)
    members = [end for _, end, _ in cue_finder("member_nouns").find(text)]
    heads = [
        h
        for h in cue_finder("organization_anaphors").find(text)
        if h[0] == len(text) - len(rest)
        or (any(text[end : h[0]] == " " for end in members) and (not cues or h[1] <= cues[0][0]))
    ]  # "Tập đoàn kinh doanh ..." opening the sentence; "Sau buổi khảo sát, các thành viên tập đoàn đề xuất ..."
    if not heads:
        return []
    head = text[heads[0][0] : heads[0][1]].lower()
    following = text[heads[0][1] :].split(maxsplit=1)
    if not following or not following[0][0].islower():
        return []  # "Tập đoàn Hoa Thịnh ...": a name, not a pointer back
    earlier = inputs.organization_index.latest_first_ending_by(sentence.start)
    last = next((o for o in earlier if o.name.lower().startswith(head + " ")), None)
    if last is None:
        return []
    # The organization as first written: a later short form may have lost its "(Trung Quốc)".
    first = inputs.first_mentions[last.key]
    country = inputs.stated_countries.get(first.key, "")
    if country in ("VN", ""):
        return []
    return [_Party(first.name, _origin_of(replace(first, country=country), inputs, gazetteer))]


def _foreign_party(org: OrganizationMatch, inputs: OpportunityInputs, gazetteer: Gazetteer) -> list[_Party]:
    """The party of a foreign organization pointed back at, as first written (with its stated country)."""
    first = inputs.first_mentions[org.key]
    country = inputs.stated_countries.get(first.key, "")
    if country == "VN" or not (country or first.kind == "company"):
        return []
    return [_Party(first.name, _origin_of(replace(first, country=country), inputs, gazetteer))]


def _pronoun_party(sentence: Sentence, inputs: OpportunityInputs, gazetteer: Gazetteer) -> list[_Party]:
    """ "Ông cho biết Tập đoàn quan tâm ...": the sentence speaks for the person named last, so for
    that person's foreign organization."""
    subjects = cue_finder("pronoun_subjects").find(sentence.text)
    if not subjects or subjects[0][0] != 0:
        return []
    following = sentence.text[subjects[0][1] :].split(maxsplit=1)
    if not following or not following[0][:1].islower():
        return []  # "Bà Rịa", "Ông Dũng": a name, not a pronoun
    last = inputs.people_index.latest_start_ending_by(sentence.start)
    if last is None:
        return []
    return _foreign_party(last.organization, inputs, gazetteer) if last.organization is not None else []


def _demonstrative_party(sentence: Sentence, inputs: OpportunityInputs, gazetteer: Gazetteer) -> list[_Party]:
    """ "Doanh nghiệp này mong muốn ...": the foreign organization named last (with that head, for
    "công ty này", "tập đoàn này")."""
    found = cue_finder("demonstrative_subjects").find(sentence.text)
    cues = cue_finder("opportunity_cues").find(sentence.text)
    if not found or (cues and found[0][0] > cues[0][0]):
        return []
    head = sentence.text[found[0][0] : found[0][1]].lower().removesuffix(" này")
    specific = head in cue_finder("organization_anaphors").values
    for org in inputs.organization_index.latest_first_ending_by(sentence.start):
        if specific and not org.name.lower().startswith(head + " "):
            continue
        party = _foreign_party(org, inputs, gazetteer)
        if party:
            return party
    return []


def _fallback_parties(sentence: Sentence, inputs: OpportunityInputs, main_country: Place | None) -> list[_Party]:
    """A sentence that names no foreign party: "hai địa phương" → the region last named (or, when none is
    named before it, the one the article names most), else the main country."""
    if cue_finder("locality_anaphors").find(sentence.text):
        region = inputs.foreign_region_index.last_ending_by(sentence.start)
        if region is not None:
            return [_Party("", region.place)]
        named = Counter(p.place for p in inputs.places if p.place.kind == "foreign_region")
        if named:  # "Lãnh đạo hai bên ..." before the body names the partner: the region it names most
            return [_Party("", named.most_common(1)[0][0])]
    return [_Party("", main_country)] if main_country is not None else []


def _main_foreign_country(places: tuple[PlaceMatch, ...], gazetteer: Gazetteer) -> Place | None:
    """The foreign country the article speaks of most (its regions count for it)."""
    counts = Counter(p.place.country for p in places if p.place.country != "VN")
    if not counts:
        return None
    return gazetteer.places_by_slug.get(counts.most_common(1)[0][0].lower())


def _provinces(sentence: Sentence, inputs: OpportunityInputs) -> list[Place | None]:
    """Target provinces of the sentence; [None] for nationwide.

    In order: the Vietnamese provinces the sentence names; nationwide when it speaks of Việt Nam
    or "hai nước"; the province of a Vietnamese speaker's organization; the province last named
    when the sentence points back ("TP", "tỉnh", "hai bên"); the article's only province.
    """
    here = [
        p.place
        for p in inputs.vietnamese_place_index.within(sentence.start, sentence.end)
        if not any(
            o.start <= p.start and p.end <= o.end for o in inputs.foreign_organization_index.overlapping(p.start, p.end)
        )
    ]
    if here:
        return list(dict.fromkeys(here))
    named = [(o.start, o.end) for o in inputs.organization_index.within(sentence.start, sentence.end)]
    national = cue_finder("national_references").find(sentence.text, sentence.start)
    if any(not any(s <= start and end <= e for s, e in named) for start, end, _ in national):
        return [None]
    speakers = [
        p.place
        for person in inputs.people_index.within(sentence.start, sentence.end)
        if person.organization is not None
        for p in inputs.vietnamese_place_index.within(person.organization.start, person.organization.end)
    ]
    if speakers:  # "Ông Gấu (Chủ tịch UBND tỉnh Bắc Giang) đề nghị ...": the province he speaks for
        return [speakers[0]]
    if cue_finder("province_anaphors").find(sentence.text):
        earlier = inputs.vietnamese_place_index.last_ending_by(sentence.start)
        if earlier is not None:
            return [earlier.place]
    if inputs.only_province is not None:  # a provincial story: its province is the target
        return [inputs.only_province]
    return [None]


def _value(sentence: Sentence, amounts: SpanIndex[AmountFound]) -> tuple[Decimal | None, str]:
    """The amount stated in the sentence, when it states exactly one."""
    here = amounts.within(sentence.start, sentence.end)
    if len(here) == 1:
        return here[0].value, here[0].currency
    return None, ""
