"""Sites: industrial parks, export-processing zones, economic zones, hi-tech parks and clusters.

A site is written as a site word and a proper name ("KCN Quế Võ", "Khu công nghệ cao Hòa Lạc",
"Khu công nghiệp Việt Nam - Singapore II"). It is where a project is, so it gives the project's
province: through the reference list `fixtures/reference/sites.json` when it knows the site
(that list says "KCN Quang Châu" is in Bắc Ninh, never Guangzhou), else through a Vietnamese
province written inside its name ("Khu công nghệ cao TP.HCM") or in brackets right after it
("Khu công nghệ cao Hòa Lạc (Hà Tây)"). The list may be missing or partial: the finder then
still finds the site as written, only without a slug.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from importers.extraction.gazetteer import Gazetteer, Place
from leads.reference_data import REFERENCE_DIR
from leads.text import canonical_tones, normalize_name

# Site words, longest first; "khu công nghệ cao" before "khu công nghiệp" is settled by length.
_SITE_WORDS = (
    "Khu công nghiệp",
    "Khu chế xuất",
    "Khu kinh tế",
    "Khu công nghệ cao",
    "Khu CNC",
    "Cụm công nghiệp",
    "KCN",
    "KCX",
    "KKT",
    "KCNC",
    "CCN",
)
_LONG_WORDS = tuple(w for w in _SITE_WORDS if " " in w)
_SHORT_WORDS = tuple(w for w in _SITE_WORDS if " " not in w)
_SITE_WORD = re.compile(
    r"(?<![\w])(?:(?i:"
    + "|".join(re.escape(w) for w in sorted(_LONG_WORDS, key=len, reverse=True))
    + r")|"
    + "|".join(re.escape(w) for w in sorted(_SHORT_WORDS, key=len, reverse=True))
    + r")(?![\w])"
)
# The words after the site word: a capitalized word, a number or roman numeral ("VSIP II",
# "Nhơn Trạch 3"), joined by spaces or dashes ("Việt Nam - Singapore").
_WORD = re.compile(r"\s*([-–]\s*)?([^\s,;:()\[\]\"“”!?]+)")
_ROMAN = re.compile(r"^(?:[IVX]{1,4}|\d+[A-Za-z]?)$")
_MAX_NAME_WORDS = 8
# A bracketed province right after the site: "(Hà Tây)", "(tỉnh Bắc Giang)".
_BRACKET = re.compile(r"\s*\(\s*(?:tỉnh|thành phố|TP\.?)?\s*([^()]{2,30}?)\s*\)")
# Words that end a site name although capitalized: the next sentence part or an organization.
_NAME_STOPS = frozenset({"Công", "Tập", "Ban", "UBND", "Ủy", "Sở", "Bộ", "Tổng", "Ông", "Bà", "Theo", "Ngày", "Tại"})


@dataclass(frozen=True)
class SiteRecord:
    """A site of the reference list."""

    slug: str
    name: str
    kind: str
    province: str  # today's unit (slug)


@dataclass(frozen=True)
class SiteMatch:
    """A site as written in the text, its reference record (if known) and its province."""

    text: str
    start: int
    end: int
    record: SiteRecord | None
    province: Place | None


@lru_cache(maxsize=4)
def load_sites(reference_dir: Path = REFERENCE_DIR) -> dict[str, SiteRecord]:
    """The reference sites by folded name and alias; empty when the file is missing or unreadable."""
    path = reference_dir / "sites.json"
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found: dict[str, SiteRecord] = {}
    if not isinstance(records, list):
        return found
    for item in records:
        if not isinstance(item, dict) or not item.get("name"):
            continue
        record = SiteRecord(
            slug=str(item.get("slug", "")),
            name=str(item["name"]),
            kind=str(item.get("kind", "")),
            province=str(item.get("province") or ""),
        )
        for form in [record.name, *(item.get("aliases") or [])]:
            if isinstance(form, str) and form:
                found.setdefault(site_lookup_key(form), record)
    return found


def site_lookup_key(name: str) -> str:
    """A site's name folded, its site word reduced to one short form ("Khu công nghiệp X" = "KCN X")."""
    key = normalize_name(name)
    for words, short in (
        ("khu cong nghiep", "kcn"),
        ("khu che xuat", "kcx"),
        ("khu kinh te", "kkt"),
        ("khu cong nghe cao", "kcnc"),
        ("khu cnc", "kcnc"),
        ("cum cong nghiep", "ccn"),
    ):
        if key == words or key.startswith(words + " "):
            return short + key[len(words) :]
    return key


def find_sites(
    text: str, gazetteer: Gazetteer, offset: int = 0, reference: dict[str, SiteRecord] | None = None
) -> list[SiteMatch]:
    """Every site named in `text` (offsets shifted by `offset`), with its province when it can be told.

    `reference` is the site list by lookup key (`load_sites()` unless given).
    """
    reference = load_sites() if reference is None else reference
    found = []
    for match in _SITE_WORD.finditer(text):
        end = _name_end(text, match.end())
        if end == match.end():
            continue  # "các khu công nghiệp", "khu công nghiệp này": no name, no site
        written = text[match.start() : end]
        record = reference.get(site_lookup_key(written))
        province = gazetteer.places_by_slug.get(record.province) if record and record.province else None
        if province is None:
            province = _province_in(text[match.end() : end], gazetteer) or _province_after(text, end, gazetteer)
        found.append(SiteMatch(written, match.start() + offset, end + offset, record, province))
    return found


def _name_end(text: str, position: int) -> int:
    """Where the proper name after a site word ends: at the first word that is not part of a name."""
    end = position
    for _ in range(_MAX_NAME_WORDS):
        word = _WORD.match(text, end)
        if word is None:
            break
        token = word.group(2).rstrip(".")
        if not token or not (token[0].isupper() or _ROMAN.match(token)) or token in _NAME_STOPS:
            break
        if end > position and token in _NAME_STOPS:
            break
        end = word.start(2) + len(token)
    return end


def _province_in(name: str, gazetteer: Gazetteer) -> Place | None:
    """A Vietnamese province written inside the site's name ("Khu công nghệ cao TP.HCM")."""
    search = canonical_tones(name)
    for match in gazetteer.place_pattern.finditer(search if len(search) == len(name) else name):
        for place in gazetteer.places_for(match.group(0)):
            if place.is_vietnamese:
                return place
    return None


def _province_after(text: str, end: int, gazetteer: Gazetteer) -> Place | None:
    bracket = _BRACKET.match(text, end)
    if bracket is None:
        return None
    places = [p for p in gazetteer.places_for(canonical_tones(bracket.group(1))) if p.is_vietnamese]
    return places[0] if places else None
