"""Where a lead is for: the province its investor's part of the sentence names (and those listed with
it), a site's or a town's province, the whole country ("tại thị trường Việt Nam"), or, for a
named firm's project whose sentence names none, the province its paragraph or title last named.

A province where an event took place ("diễn ra tại Hà Nội", a dateline) or inside a foreign
firm's name is no target.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from importers.extraction.gazetteer import Place
from importers.extraction.lead_context import INVESTOR_KINDS, Investor, LeadContext
from importers.extraction.lead_towns import town_provinces
from importers.extraction.lexicon import cue_finder
from importers.extraction.places import PlaceMatch
from importers.extraction.sites import SiteMatch, find_sites
from importers.types import Sentence

if TYPE_CHECKING:
    from importers.extraction.opportunities import OpportunityInputs

_PROVINCE_LIST_GAP = re.compile(r"^\s*(?:,|và|,\s*và)\s*(?:tỉnh|thành phố|TP\.?)?\s*$")


def clause(sentence: Sentence, investor: Investor) -> tuple[int, int]:
    """The body span of the clause (between semicolons) that names the investor."""
    text = sentence.text
    at = investor.start - sentence.start
    before = text.rfind(";", 0, max(at, 0))
    after = text.find(";", max(at, 0))
    return sentence.start + before + 1, sentence.start + (after if after != -1 else len(text))


def part_provinces(sentence: Sentence, start: int, end: int, context: LeadContext) -> tuple[Place, ...]:
    """The target provinces written in body[start:end]: the first, and those listed with it ("tại các
    tỉnh Nghệ An, Quảng Ngãi và Cần Thơ"). Places inside a foreign organization's name are where it
    comes from, not where it invests; a province named elsewhere in the sentence is context."""
    foreign = [  # and a province in a firm's name ("Công ty Cổ phần Nhà Hòa Bình") is part of a name
        (o.start, o.end)
        for o in context.orgs[sentence.start]
        if o.country not in ("VN", "") or o.kind in INVESTOR_KINDS
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


def town_province(sentence: Sentence, start: int, end: int, context: LeadContext) -> tuple[Place, ...]:
    """The province of the first town of the part outside names ("nhà máy tại thành phố Biên Hòa"),
    for a part that reports a step: a town in a background sentence is no target."""
    names = [(o.start, o.end) for o in context.orgs[sentence.start]]
    towns = town_provinces(context.inputs.body[start:end], start, context.gazetteer, names)
    return (towns[0][2],) if towns else ()


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
    return bool(_DATELINE.search(before)) and national_target(sentence, start, end, inputs)


def national_target(sentence: Sentence, start: int, end: int, inputs: OpportunityInputs) -> bool:
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


def context_province(sentence: Sentence, context: LeadContext) -> tuple[Place | None, SiteMatch | None]:
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
    in_title = list(dict.fromkeys(context.inputs.title_provinces))  # a title the body does not repeat
    if not in_title:
        title_end = body.find("\n")
        in_title = list(dict.fromkeys(p.place for p in places if title_end != -1 and p.end <= title_end))
    if not in_title:  # "KCN Dung Quất thêm hai dự án": the title's site, and its province
        title = context.inputs.title or body[: max(body.find("\n"), 0)]
        return _title_site(title, context) if title else (None, None)
    return (in_title[0] if len(in_title) == 1 else None), None


def _title_site(title: str, context: LeadContext) -> tuple[Place | None, SiteMatch | None]:
    """The province and site of the title's only site with a known province, from the list of sites or
    the town it is named after ("KCN Dung Quất"): a headline naming a zone speaks of the projects the
    body lists there."""
    located = []
    for site in find_sites(title, context.gazetteer, 0):
        towns = town_provinces(site.text, 0, context.gazetteer, []) if site.province is None else []
        province = site.province or (towns[0][2] if towns else None)
        if province is not None:
            located.append((province, site))
    provinces = list(dict.fromkeys(province for province, _ in located))
    return located[0] if len(provinces) == 1 else (None, None)


def _paragraph_sites(
    sentence: Sentence, paragraph: int, context: LeadContext
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


def _vietnamese_places(context: LeadContext) -> list[PlaceMatch]:
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


def article_province(context: LeadContext) -> Place | None:
    """The article's only Vietnamese province, when it names one only (see `story_province`)."""
    inputs = context.inputs
    return story_province([p for p in inputs.places if p.place.is_vietnamese], inputs.body)


def story_province(vietnamese: list[PlaceMatch], body: str) -> Place | None:
    """The one province a story is about: the article names only one, and not only as where a meeting
    took place or a delegation went ("Hôm qua tại Hà Nội, đại diện 21 công ty Mỹ ...", "sẽ thăm Hà
    Nội"). A capital named only as the venue of national talks is no target of the firms met there."""
    provinces = list(dict.fromkeys(p.place for p in vietnamese))
    if len(provinces) != 1 or all(venue(body, p) for p in vietnamese):
        return None
    return provinces[0]


_VENUE = re.compile(
    r"(?:(?:\d{4}|\d{1,2}[/.]\d{1,2}|qua|nay)\s*,?\s*(?:tại|ở)|(?:tới|đến)?\s*thăm(?: và làm việc tại)?)\s*$"
)


def venue(body: str, place: PlaceMatch) -> bool:
    """Whether the place is written as where an event was held or a visit went: after a date and
    "tại" ("chiều qua tại", "ngày 25/6 tại"), after "thăm", or after an event's "diễn ra tại"."""
    before = body[max(0, place.start - 30) : place.start]
    if _VENUE.search(before):
        return True
    return any(e == len(before) or e == len(before) - 1 for _, e, _ in cue_finder("event_place_markers").find(before))
