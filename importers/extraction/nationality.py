"""Where an investor is from, as the text says it, and whether it is foreign at all.

The press states a company's nationality around its name: in brackets ("Tập đoàn Doosan (Hàn
Quốc)"), with "của" ("Công ty S Lien Holdings của Singapore"), before it ("nhà đầu tư Singapore
X", "quỹ đầu tư Nhật Bản Genesia Ventures") or through its capital ("Công ty Figra Việt Nam (100%
vốn Nhật Bản)", "có vốn đầu tư Trung Quốc"). A Vietnamese-registered subsidiary counts as
foreign when the text ties it to foreign capital. A company whose country the text does not
state is taken as foreign when its name is not Vietnamese ("Kolon Industries Inc", "Creed
Group"): Vietnamese firms are named with Vietnamese syllables or Vietnamese brand stems
("Vinamilk", "Petrovietnam"), listed in `cues.json` under `vietnamese_name_stems`.
"""

from __future__ import annotations

import re

from importers.extraction.gazetteer import Gazetteer, Place
from importers.extraction.lexicon import cue_finder, load_lexicon
from importers.extraction.organizations import OrganizationMatch
from importers.extraction.person_names import is_vietnamese_syllable
from importers.extraction.places import PlaceMatch
from leads.text import strip_diacritics

_AFTER_GAP = re.compile(
    r"^\s*(?:\(\s*|,?\s*(?:của|thuộc|đến từ|từ)\s+"
    r"|(?:cũng\s+)?(?:được|do)\s+(?:các\s+|một\s+)?(?:nhà đầu tư|công ty|tập đoàn|doanh nghiệp|đối tác)\s+(?:của\s+)?)$"
)  # "(Hàn Quốc)", "của Singapore", "thuộc Nhật Bản", "được nhà đầu tư Singapore đầu tư"
# "(100% vốn Nhật Bản)", "có vốn đầu tư Hàn Quốc", "liên doanh Việt Nam - Trung Quốc": capital words
# between the name and the country.
_CAPITAL_GAP = re.compile(
    r"^\s*[(,]?\s*(?:là\s+)?(?:công ty\s+|doanh nghiệp\s+)?(?:có\s+)?(?:100\s*%\s*)?vốn(?:\s+đầu\s+tư)?"
    r"(?:\s+nước\s+ngoài\s+của)?\s+$",
    re.IGNORECASE,
)
_MAX_AFTER = 60  # characters after a name where its country may still be written
_MAX_BEFORE = 40  # ... and before it ("quỹ đầu tư Nhật Bản Genesia Ventures")
_WORD = re.compile(r"[^\W\d_]+")


def stated_origin(
    org: OrganizationMatch, body: str, places: tuple[PlaceMatch, ...], gazetteer: Gazetteer
) -> Place | None:
    """The foreign country or region the text gives for `org`, else the country its name shows."""
    for place in places:
        if place.place.is_vietnamese or place.place.slug == "vn":
            continue
        if org.end <= place.start <= org.end + _MAX_AFTER:
            gap = body[org.end : place.start]
            if _AFTER_GAP.match(gap) or _CAPITAL_GAP.match(gap):
                return place.place
    before = [p for p in places if org.start - _MAX_BEFORE <= p.end <= org.start and not p.place.is_vietnamese]
    for place in reversed(before):
        gap = body[place.end : org.start]
        if place.place.slug != "vn" and len(gap.split()) <= 3 and not any(ch in gap for ch in ",;.()"):
            words = body[max(0, place.start - _MAX_BEFORE) : place.start].lower()
            if any(words.rstrip().endswith(noun) for noun in cue_finder("investor_nouns").values):
                return place.place  # "nhà đầu tư Singapore X", "tập đoàn sữa hàng đầu Hà Lan Campina"
    bracket = re.match(r"\s*\(\s*([^()]{2,20}?)\s*\)", body[org.end : org.end + 25])
    if bracket:  # "(Nhật)": a short form the place rule leaves alone as ambiguous
        countries = [p for p in gazetteer.places_for(bracket.group(1)) if p.kind == "country" and p.slug != "vn"]
        if countries:
            return countries[0]
    if org.country and org.country != "VN":
        return gazetteer.places_by_slug.get(org.country.lower())
    return None


def looks_foreign(name: str) -> bool:
    """Whether a company's name, its country unstated, is not a Vietnamese name.

    Its head ("Công ty", "Tập đoàn TNHH") aside, a word that is no Vietnamese syllable and no
    acronym ("Kolon", "Creed", "Temasek") makes it foreign, unless it starts with a Vietnamese
    brand stem ("Vinamilk", "Vietcombank", "Petrovietnam"); English words every company name may
    hold ("Group", "Investment": "An Gia Investment" is Vietnamese) say nothing.
    """
    lexicon = load_lexicon()
    stems = tuple(s.lower() for s in lexicon.cues.get("vietnamese_name_stems", []))
    generic = frozenset(lexicon.cues.get("generic_company_words", []))
    for word in _WORD.findall(name):
        if word.isupper() or word[0].islower() or len(word) < 3 or is_vietnamese_syllable(word) or word in generic:
            continue
        if not strip_diacritics(word).lower().startswith(stems):
            return True
    return False
