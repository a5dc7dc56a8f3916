"""An organization mention as the rules hand it on: its kind, its country and the key that groups
two spellings of one organization ("UBND Hà Nội" and "Ủy ban nhân dân Thành phố Hà Nội").
"""

from __future__ import annotations

from dataclasses import dataclass

from importers.extraction.gazetteer import Gazetteer
from importers.extraction.org_context import OrganizationContext
from importers.extraction.tokens import tokenize
from leads.text import normalize_name

# Words for the kind of unit before a place name, dropped from keys: "UBND Thành phố Hà Nội".
_PLACE_TYPE_WORDS = ("Thành phố", "thành phố", "TP.", "TP", "Tp.", "tỉnh", "Tỉnh")


@dataclass(frozen=True)
class OrganizationMatch:
    """One organization mention. `key` groups mentions of the same organization."""

    name: str
    kind: str
    country: str
    start: int
    end: int
    key: str
    alias: str = ""  # an abbreviation written in brackets after the name: "(FIA)"


def organization_match(
    name: str, kind: str, start: int, end: int, alias: str, context: OrganizationContext
) -> OrganizationMatch:
    lexicon = context.lexicon
    for phrase, override in lexicon.kind_overrides.items():
        if phrase.lower() in name.lower():
            kind = override
    return OrganizationMatch(
        name=name,
        kind=kind,
        country=_country(name, kind, start, end, context),
        start=start,
        end=end,
        key=_company_key(organization_key(name, context.gazetteer, lexicon.abbreviations), kind),
        alias=alias,
    )


def _country(name: str, kind: str, start: int, end: int, context: OrganizationContext) -> str:
    """The organization's country: from a place in its name, a "(Trung Quốc)" after it, or its kind.

    A consulate belongs to the country named first ("Tổng Lãnh sự quán Việt Nam tại Quảng
    Châu" is Vietnam's); another body to the last foreign place in its name.
    """
    inside = [p.place for p in context.place_index.within(start, end)]
    if kind == "company":
        known = [c for c in context.lexicon.companies if c in name.split() or f" {c} " in f" {name} "]
        if known:  # "Công ty TNHH Samsung Display Việt Nam" is Korean-owned
            return context.lexicon.companies[max(known, key=len)]
    if kind == "consulate" and inside:
        return inside[0].country
    foreign = [p for p in inside if p.country != "VN"]
    if foreign:
        return foreign[-1].country
    following = [
        p.place
        for p in context.place_index.starting_in(end + 1, end + 7)
        if context.body[end : p.start].strip() in ("(", "của", "(Trung Quốc) của")
    ]
    if following and following[0].country != "VN":
        return following[0].country
    if inside:
        return "VN"
    return "VN" if kind in ("government", "local_authority") else ""


def _company_key(key: str, kind: str) -> str:
    """A company's Vietnamese subsidiary is a company of its own: "Toyota Việt Nam" keeps apart from
    "Toyota" (keys ending in "vn" meet the key without it, as "Bộ X Việt Nam" meets "Bộ X")."""
    return f"{key} subsidiary" if kind == "company" and key.endswith(" vn") else key


def organization_key(name: str, gazetteer: Gazetteer, abbreviations: dict[str, str]) -> str:
    """The key under which two spellings of one organization meet.

    Abbreviations are expanded ("UBND" → "Ủy ban nhân dân"), a place is reduced to its slug
    ("TP.HCM", "Thành phố Hồ Chí Minh" → "ho-chi-minh") and the words "Thành phố"/"tỉnh" before
    it are dropped: "UBND Hà Nội" and "Ủy ban nhân dân Thành phố Hà Nội" share a key.
    """
    search = name
    for match in reversed(list(gazetteer.place_pattern.finditer(name))):
        places = gazetteer.places_for(match.group(0))
        if places:
            search = search[: match.start()] + f" {places[0].slug} " + search[match.end() :]
    words = []
    for token in tokenize(search):
        words.append(abbreviations.get(token.text, token.text))
    text = " ".join(words)
    for word in _PLACE_TYPE_WORDS:
        text = text.replace(f"{word} ", " ")
    return normalize_name(text)
