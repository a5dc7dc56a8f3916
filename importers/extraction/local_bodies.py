"""Provincial bodies named without their place: "UBND tỉnh", "Tỉnh ủy", "Sở Công Thương".

Every province has a People's Committee, a Party committee and departments, and the press names
them by what they are, leaving the province to the context. Saved as written, "UBND tỉnh" would
be one organization standing for all 34. So such a name is qualified with the province the
article makes unambiguous, as the article writes it ("UBND tỉnh" → "UBND tỉnh Bắc Ninh",
"Tỉnh ủy" → "Tỉnh ủy Hải Dương"), looked for in this order:

- the province named right after it, possibly after other such bodies ("Tỉnh ủy, HĐND, UBND
  tỉnh Bắc Ninh");
- the only Vietnamese province of its sentence;
- the only Vietnamese province of the article (title, lead and body).

A body says which kind of unit it belongs to when it can ("tỉnh", "Tỉnh ủy" for a province;
"thành phố", "Thành ủy" for a city): the provinces of that kind are preferred. When the province
stays ambiguous the body is dropped: no organization at all is better than a merged one. The
mention keeps its span, so evidence still shows the text as written. A foreign body names its own
place ("Sở Thương mại Quảng Tây") and is left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from importers.extraction.gazetteer import Gazetteer, Place
from importers.extraction.lexicon import Lexicon
from importers.extraction.organizations import OrganizationMatch, organization_key
from importers.extraction.places import PlaceMatch
from importers.extraction.spans import SpanIndex
from importers.types import Sentence
from leads.text import canonical_tones, normalize_name

# Unit words a bare name may end with ("UBND tỉnh"), and the prefixes a written place may carry.
_UNIT_END = re.compile(r"\s(?:tỉnh|Tỉnh|thành phố|Thành phố|TP\.?)$")
_PLACE_PREFIX = re.compile(r"^(?:TP\.?\s*|Tp\.?\s*|Thành phố\s+|thành phố\s+|Tỉnh\s+|tỉnh\s+|Thủ đô\s+)")
# What may stand between a body and the province it belongs to: "Tỉnh ủy, HĐND, UBND tỉnh Bắc Ninh".
_LIST_GAP = re.compile(r"\s*(?:,|và|;|\()?\s*(?:(?:tỉnh|thành phố)\s+)?")


@dataclass(frozen=True)
class WrittenPlace:
    """A Vietnamese province as one mention writes it (`start` is None outside the body, e.g. in the title)."""

    form: str
    place: Place
    start: int | None = None
    end: int | None = None


def qualify_local_bodies(
    matches: list[OrganizationMatch],
    places: tuple[PlaceMatch, ...],
    sentences: tuple[Sentence, ...],
    body: str,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    elsewhere: tuple[WrittenPlace, ...] = (),
) -> list[OrganizationMatch]:
    """`matches` with each bare provincial body named after its province, or left out when that is unclear.

    `elsewhere`: the Vietnamese provinces the article writes outside `body` (its title).
    """
    matches = _fullest_national_names(matches)
    place_index = SpanIndex(places)
    bare = [m for m in matches if is_bare_local_body(m, place_index, lexicon)]
    if not bare:
        return matches
    written = tuple(WrittenPlace(p.text, p.place, p.start, p.end) for p in places if p.place.is_vietnamese) + tuple(
        elsewhere
    )
    context = _Context(matches, bare, written, sentences, body, gazetteer)
    # The article's own full form of a body it also names bare: "UBND thành phố" is the "UBND TP HCM" written later.
    written_in_full = {m.key: m.name for m in reversed(matches) if id(m) not in context.bare}
    qualified: list[OrganizationMatch] = []
    for match in matches:
        if id(match) not in context.bare:
            qualified.append(match)
            continue
        chosen = _province_of(match, context)
        if chosen is not None:
            name = qualified_name(match.name, chosen)
            key = organization_key(name, gazetteer, lexicon.abbreviations)
            name = written_in_full.get(key, name)
            qualified.append(replace(match, name=name, key=key, country="VN"))
    return qualified


def _fullest_national_names(matches: list[OrganizationMatch]) -> list[OrganizationMatch]:
    """Mentions of a body named after the fullest form the article writes: "Chính phủ" is "Chính
    phủ Việt Nam" when the article writes that too, whichever comes first, and "FIA" alone is the
    "Cục Đầu tư nước ngoài (FIA)" it abbreviates."""
    fullest: dict[str, OrganizationMatch] = {}
    for match in matches:
        for suffix in (" vn", " viet nam"):
            if match.key.endswith(suffix):
                fullest.setdefault(match.key[: -len(suffix)], match)
    by_alias = {normalize_name(m.alias): m for m in matches if m.alias}
    if not fullest and not by_alias:
        return matches
    renamed = []
    for match in matches:
        target = fullest.get(match.key) or by_alias.get(normalize_name(match.name))
        if target is not None and target.key in fullest:
            target = fullest[target.key]
        renamed.append(replace(match, name=target.name, key=target.key) if target is not None else match)
    return renamed


def is_bare_local_body(match: OrganizationMatch, places: SpanIndex[PlaceMatch], lexicon: Lexicon) -> bool:
    """Whether a Vietnamese provincial body is named without any province or region."""
    if match.country not in ("VN", ""):
        return False
    if any(p.place.kind != "country" for p in places.within(match.start, match.end)):
        return False
    folded = f" {normalize_name(match.name)} "
    if " tinh uy " in folded or " thanh uy " in folded or _UNIT_END.search(match.name):
        return True
    return any(folded.startswith(f" {head} ") for head in _folded_heads(lexicon.provincial_heads))


@lru_cache(maxsize=4)
def _folded_heads(heads: tuple[str, ...]) -> tuple[str, ...]:
    """The heads folded once per lexicon, not once per organization of every article."""
    return tuple(normalize_name(h) for h in heads)


def qualified_name(name: str, written: WrittenPlace) -> str:
    """ "UBND tỉnh" + "Bắc Ninh" → "UBND tỉnh Bắc Ninh"; "UBND thành phố" + "TP.HCM" → "UBND thành phố Hồ Chí Minh"."""
    form = written.form
    if _UNIT_END.search(name):
        stripped = _PLACE_PREFIX.sub("", form)
        if stripped != form:
            form = stripped if not stripped.isupper() else _PLACE_PREFIX.sub("", written.place.name)
    return f"{name} {form}"


class _Context:
    """The article's bodies and provinces, looked up by offset: a scan per body made long articles quadratic."""

    def __init__(
        self,
        matches: list[OrganizationMatch],
        bare: list[OrganizationMatch],
        written: tuple[WrittenPlace, ...],
        sentences: tuple[Sentence, ...],
        body: str,
        gazetteer: Gazetteer,
    ) -> None:
        self.bare = {id(m) for m in bare}
        self.written, self.sentences, self.body, self.gazetteer = written, sentences, body, gazetteer
        self.sentence_starts = [s.start for s in sentences]
        in_body = [w for w in written if w.start is not None]
        self.written_in_body = SpanIndex((w.start, w.end, w) for w in in_body)
        self.written_at: dict[int, WrittenPlace] = {}
        self.written_ending: dict[int, WrittenPlace] = {}
        for w in in_body:
            self.written_at.setdefault(w.start, w)
            self.written_ending.setdefault(w.end, w)
        self.match_at: dict[int, OrganizationMatch] = {}
        for m in matches:
            self.match_at.setdefault(m.start, m)
        self.article_province: dict[str, WrittenPlace | None] = {}  # unit kind → the article's only province

    def sentence_of(self, offset: int) -> Sentence | None:
        index = bisect_right(self.sentence_starts, offset) - 1
        sentence = self.sentences[index] if index >= 0 else None
        return sentence if sentence is not None and offset < sentence.end else None


def _province_of(match: OrganizationMatch, context: _Context) -> WrittenPlace | None:
    following = _named_right_after(match, context)
    if following is not None:
        return following
    unit = _unit_kind(match.name)
    sentence = context.sentence_of(match.start)
    if sentence is not None:
        here = [item[2] for item in context.written_in_body.starting_in(sentence.start, sentence.end)]
        chosen = _only_province(here, unit, context.gazetteer, strict=True)
        if chosen is not None:
            return chosen
    if unit not in context.article_province:
        context.article_province[unit] = _only_province(list(context.written), unit, context.gazetteer)
    return context.article_province[unit]


def _named_right_after(match: OrganizationMatch, context: _Context) -> WrittenPlace | None:
    """The province written right after the body, past other bodies of a list and unit words."""
    position = match.end
    for _ in range(8):
        gap = _LIST_GAP.match(context.body, position)
        position = gap.end() if gap else position
        place = context.written_at.get(position)
        if place is not None:
            return place
        following = context.match_at.get(position)
        if following is None:
            return None
        if id(following) not in context.bare:  # "..., UBND tỉnh Bắc Ninh": the list ends with its province
            return context.written_ending.get(following.end)
        position = following.end
    return None


def _unit_kind(name: str) -> str:
    """ "province" for "UBND tỉnh", "Tỉnh ủy"; "city" for "UBND thành phố", "Thành ủy"; else ""."""
    folded = f" {normalize_name(name)} "
    if " tinh " in folded:
        return "province"
    if any(f" {words} " in folded for words in ("thanh pho", "thanh uy", "tp")):
        return "city"
    return ""


def _only_province(
    candidates: list[WrittenPlace], unit: str, gazetteer: Gazetteer, *, strict: bool = False
) -> WrittenPlace | None:
    """The written form of the one province among `candidates`, of the body's kind of unit when some are.

    `strict`: only provinces of that kind count ("Tỉnh ủy" in a sentence that names only a city
    belongs to the province the article is about, not to that city).
    """
    if unit:
        of_kind = [w for w in candidates if gazetteer.unit_kinds.get(canonical_tones(w.form)) == unit]
        candidates = of_kind if of_kind or strict else candidates
    if len({w.place.slug for w in candidates}) != 1:
        return None
    counts = Counter(w.form for w in candidates)
    best = max(counts.values())
    return next(w for w in candidates if counts[w.form] == best)
