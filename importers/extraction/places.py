"""Places: Vietnamese provinces (resolved to today's unit), foreign regions and countries.

Names are matched as written, capitalized and with diacritics (tone placement folded), on word
boundaries: "Gia Lai" is a place, "gia lai" inside a phrase is not, and "Quang Châu" (an
industrial park in Bắc Ninh) is not "Quảng Châu" (Guangzhou). Names that mean two places or a
place and a word (Hà Nam/Henan, "Anh" the UK/"Anh" a given name) need context to count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from importers.extraction.gazetteer import Gazetteer, Place
from importers.extraction.lexicon import load_lexicon
from importers.extraction.people import is_vietnamese_syllable
from importers.extraction.sentences import sentence_at
from importers.extraction.spans import SpanIndex
from importers.types import Mention, PlaceFound, Sentence
from leads.text import canonical_tones

_NEXT_WORD = re.compile(r"\s+([^\W\d_][\w.-]*)")
_PREV_WORD = re.compile(r"([^\W\d_][\w.]*) $")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n\"“(]\s*)$")
_PREV_WORDS = re.compile(r"([\w.]+(?:\s+[\w.]+){0,2})\s+$")
# Separators that put two place names in one list: "Hà Nam, Sơn Đông và Hà Bắc".
_LIST_GAP = re.compile(r"^\s*(?:,|và|-|–|;)\s*$")
# An opening bracket, with a unit word, between a name and the region it belongs to.
_BRACKET_GAP = re.compile(r"^\s*\(\s*(?:tỉnh|thành phố|khu tự trị)?\s*$")
# A country paired with Vietnam by its short name: "Việt - Nhật", "Hàn - Việt".
_PAIRED_BEFORE = re.compile(r"(?<!\w)Việt\s*(?:[-–]\s*)?$")
_PAIRED_AFTER = re.compile(r"\s*[-–]\s*Việt(?!\w)")


@dataclass(frozen=True)
class PlaceMatch:
    """One place mention: where it is written and which place it was resolved to."""

    place: Place
    start: int
    end: int
    text: str


def scan_place_names(body: str, gazetteer: Gazetteer) -> tuple[tuple[int, int, str], ...]:
    """(start, end, form) of every gazetteer form and every listed not-place ("Thái Bình Dương") in `body`.

    One scan serves both passes of `match_places` and tells the people rule which capitalized
    runs are names of something else.
    """
    search = canonical_tones(body)
    if len(search) != len(body):  # canonical_tones keeps lengths; guard offsets all the same
        search = body
    return tuple((m.start(), m.end(), m.group(0)) for m in gazetteer.place_pattern.finditer(search))


def match_places(
    body: str,
    gazetteer: Gazetteer,
    exclude: tuple[tuple[int, int], ...] = (),
    names: tuple[tuple[int, int, str], ...] | None = None,
) -> tuple[PlaceMatch, ...]:
    """Every place mention in `body`, in order; spans in `exclude` (people's names) are skipped.

    `names` is the body's `scan_place_names`, when the caller has it already.

    Once the context shows an ambiguous name to be foreign ("tỉnh Hà Nam (Trung Quốc)"), or the
    article names a foreign region by an unambiguous form ("Châu Hồng Hà"), the article's later
    bare uses of the name mean the same place. A name right after a surname is a given name
    ("Trần Thanh Hải" is no Qinghai), whatever place it also names.
    """
    if names is None:
        names = scan_place_names(body, gazetteer)
    raw = [name for name in names if name[2] not in gazetteer.not_places]
    candidates = [(start, end, gazetteer.places_for(form)) for start, end, form in raw]
    site = _site_pattern(tuple(gazetteer.rules["site_prefixes"]))
    matches: list[PlaceMatch] = []
    abroad: set[str] = set()  # slugs of the foreign regions the article has named
    nouns = frozenset(gazetteer.rules.get("nouns_like_surnames", ()))
    units = _site_pattern(tuple(gazetteer.rules.get("unit_prefixes", ())))
    excluded = SpanIndex(exclude)
    for index, (start, end, places) in enumerate(candidates):
        if excluded.overlapping(start, start + 1):  # a span holds `start`
            continue
        # A country after a site word still names it: "KCN Việt Nam - Singapore" (a syllable may not: "sông Hàn").
        form = raw[index][2]
        country = bool(places) and not _is_syllable(form) and all(p.kind == "country" for p in places)
        if site.search(body, max(0, start - 30), start) and not country:
            foreign = places and all(p.kind == "foreign_region" for p in places)
            if not (foreign and units.search(body, max(0, start - 30), start)):
                continue  # "KCN Quang Châu", "huyện Quảng Ninh"; but "quận Jinju" is a Korean city
        form = raw[index][2]
        if _after_surname(body, start, nouns):
            continue  # "Nguyễn Thái Bình", "Trần Hà Nam", "Lê Văn Sơn": a person's given name
        place = _choose(body, form, start, end, places, candidates, index, gazetteer)
        foreign = [p for p in places if p.kind == "foreign_region"]
        if place is not None and place.kind == "foreign_region":
            abroad.add(place.slug)
        elif named := [p for p in foreign if p.slug in abroad]:
            place = named[0]  # "tỉnh Hà Nam (Trung Quốc)" first, then "Phía Hà Nam mong muốn ..."
        if place is not None:
            matches.append(PlaceMatch(place=place, start=start, end=end, text=body[start:end]))
    return tuple(matches)


def places_found(matches: tuple[PlaceMatch, ...], sentences: tuple[Sentence, ...]) -> tuple[PlaceFound, ...]:
    """One PlaceFound per place, in order of first mention, with every mention kept."""
    grouped: dict[str, list[PlaceMatch]] = {}
    for match in matches:
        grouped.setdefault(match.place.slug, []).append(match)
    return tuple(
        PlaceFound(
            name=group[0].place.name,
            slug=slug,
            mention=group[0].text,
            country=group[0].place.country,
            kind=group[0].place.kind,
            mentions=tuple(Mention(m.start, m.end, m.text, sentence_at(sentences, m.start)) for m in group),
        )
        for slug, group in grouped.items()
    )


@lru_cache(maxsize=4)
def _site_pattern(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """Matches a site word right before a name: "KCN Quang Châu", "đường Hà Nội" (not "thành phố")."""
    words = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?<!thành )(?<!Thành )(?:{words})\s+$")


def _choose(
    body: str,
    form: str,
    start: int,
    end: int,
    places: list[Place],
    candidates: list[tuple[int, int, list[Place]]],
    index: int,
    gazetteer: Gazetteer,
) -> Place | None:
    """Pick the place a name stands for here, or None when the context says it is no place."""
    countries = [p for p in places if p.kind == "country"]
    if countries and (_bracketed(body, start, end) or _after_title(body, start, gazetteer)):
        return countries[0]  # "BP (Anh)", "Thủ tướng Lào Thongloun Sisoulith"
    paired = bool(countries) and _PAIRED_BEFORE.search(body, max(0, start - 10), start) is not None  # "Việt Mỹ"
    if _is_syllable(form) and (_next_is_capitalized(body, end) or _inside_name(body, start)) and not paired:
        return None  # "Mỹ Đình", "Viện Hàn lâm": a one-word name inside a longer proper name
    foreign = [p for p in places if p.kind == "foreign_region"]
    domestic = [p for p in places if p.is_vietnamese]
    if foreign and _foreign_context(body, end, foreign[0], candidates, index):
        return foreign[0]
    if foreign and domestic and form in gazetteer.rules.get("foreign_first_forms", ()):
        vietnamese_list = any(any(p.is_vietnamese for p in n) for n in _list_neighbours(body, candidates, index))
        return domestic[0] if vietnamese_list or body.startswith(" cũ", end) else foreign[0]
    if domestic:
        return domestic[0]
    if foreign:
        return None if gazetteer.is_ambiguous(form, foreign[0]) else foreign[0]
    if countries:
        country = countries[0]
        if gazetteer.is_ambiguous(form, country) and not _country_context(body, start, candidates, index, gazetteer):
            return None
        return country
    return None


def _bracketed(body: str, start: int, end: int) -> bool:
    """Whether the name alone fills a bracket after another name: "Công ty Plexus Cotton (Anh)"."""
    return body[max(0, start - 1) : start] == "(" and body[end : end + 1] in (")", ",")


def _after_title(body: str, start: int, gazetteer: Gazetteer) -> bool:
    """Whether a head of state or government's title stands right before the name ("Thủ tướng Lào")."""
    before = body[max(0, start - 20) : start]
    return any(before.endswith(title + " ") for title in gazetteer.rules.get("country_titles_before", ()))


def _after_surname(body: str, start: int, nouns: frozenset[str] = frozenset()) -> bool:
    """Whether a capitalized surname, itself not inside a longer name, stands right before `start`.

    `nouns` are surnames that are also nouns before a place ("Đoàn Quảng Tây": the delegation).
    """
    previous = _PREV_WORD.search(body, max(0, start - 40), start)
    if previous is None or canonical_tones(previous.group(1)) not in load_lexicon().surnames:
        return False
    if previous.group(1) in nouns:
        return False
    before = _PREV_WORD.search(body, max(0, previous.start(1) - 40), previous.start(1))
    return before is None or not before.group(1)[0].isupper() or before.group(1) in load_lexicon().honorifics


def _is_syllable(form: str) -> bool:
    """A one-syllable name ("Mỹ", "Anh", "Huế"), the kind that also starts longer names."""
    return form.isalpha() and not form.isupper() and is_vietnamese_syllable(form)


def _next_is_capitalized(body: str, end: int) -> bool:
    """Whether a capitalized word follows, other than a person's surname ("UBND TP Huế Nguyễn Văn A")."""
    following = _NEXT_WORD.match(body, end)
    if following is None or body[end] != " " or not following.group(1)[0].isupper():
        return False
    return canonical_tones(following.group(1)) not in load_lexicon().surnames


def _inside_name(body: str, start: int) -> bool:
    """Whether a capitalized word, not the first of its sentence, stands right before `start`."""
    previous = _PREV_WORD.search(body, max(0, start - 40), start)
    if previous is None or not previous.group(1)[0].isupper():
        return False
    return _SENTENCE_START.search(body, max(0, previous.start(1) - 3), previous.start(1)) is None


def _foreign_context(
    body: str,
    end: int,
    place: Place,
    candidates: list[tuple[int, int, list[Place]]],
    index: int,
) -> bool:
    """Whether the text around a name shared with Vietnam points abroad.

    "tỉnh Hà Nam (Trung Quốc)", "Hà Nam, Trung Quốc", "Thái Nguyên (Taiyuan)", or a list whose
    other members are regions of the same country ("Hà Nam, Sơn Đông và Hà Bắc").
    """
    after = body[end : end + 40]
    if place.name_en and re.match(rf"\s*\(\s*{re.escape(place.name_en)}\s*\)", after):
        return True
    if index + 1 < len(candidates) and _BRACKET_GAP.match(body[end : candidates[index + 1][0]]):
        inside = candidates[index + 1][2]  # "Văn Sơn (Vân Nam, Trung Quốc)", "(tỉnh Vân Nam)"
        if any(p.country == place.country and not p.is_vietnamese for p in inside):
            return True
    for neighbour in _list_neighbours(body, candidates, index):
        same_country = any(p.country == place.country and p.kind == "foreign_region" for p in neighbour)
        if same_country and not any(p.is_vietnamese for p in neighbour):
            return True
    return any(after.startswith(marker) or after.startswith(" " + marker) for marker in _country_markers(place))


def _country_markers(place: Place) -> list[str]:
    """The ways a country is written right after a region name: "(Trung Quốc)", ", Trung Quốc"."""
    names = {"CN": ["Trung Quốc", "TQ"], "JP": ["Nhật Bản"], "KR": ["Hàn Quốc"], "TW": ["Đài Loan"]}
    markers = []
    for name in names.get(place.country, []):
        markers += [f"({name})", f", {name}", f"của {name}", f"- {name}", f"– {name}", f"thuộc {name}"]
    return markers


def _list_neighbours(body: str, candidates: list[tuple[int, int, list[Place]]], index: int) -> list[list[Place]]:
    """The candidate places next to `index` separated only by a list separator."""
    neighbours = []
    start, end, _ = candidates[index]
    if index > 0 and _LIST_GAP.match(body[candidates[index - 1][1] : start]):
        neighbours.append(candidates[index - 1][2])
    if index + 1 < len(candidates) and _LIST_GAP.match(body[end : candidates[index + 1][0]]):
        neighbours.append(candidates[index + 1][2])
    return neighbours


def _country_context(
    body: str, start: int, candidates: list[tuple[int, int, list[Place]]], index: int, gazetteer: Gazetteer
) -> bool:
    """Whether an ambiguous country name ("Anh", "Đức", "Pháp", "Nga") is used as a country here."""
    if _PAIRED_BEFORE.search(body, max(0, start - 10), start) or _PAIRED_AFTER.match(body, candidates[index][1]):
        return True
    previous = _PREV_WORDS.search(body[max(0, start - 40) : start])
    if previous is not None:
        words = previous.group(1)
        for cue in gazetteer.rules["country_context_before"]:
            if words == cue or words.endswith(" " + cue):
                return True
    return any(any(p.kind == "country" for p in neighbour) for neighbour in _list_neighbours(body, candidates, index))
