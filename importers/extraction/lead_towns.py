"""Towns below province level as a lead's target: "nhà máy tại Biên Hòa" is a project in Đồng Nai.

News often locates a project by its town, port or airport ("thành phố Biên Hòa", "sân bay Chu
Lai", "Tuần Châu") and never names the province; the gold rules give such a lead the town's
province. The towns are reference data (`data/towns.json`), not places of the article: they
only decide a lead's target, never a place mention.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from importers.extraction.gazetteer import Gazetteer, Place
from importers.extraction.lexicon import PhraseFinder

_TOWNS_FILE = Path(__file__).parent / "data" / "towns.json"


@lru_cache(maxsize=1)
def _town_provinces() -> dict[str, str]:
    return json.loads(_TOWNS_FILE.read_text(encoding="utf-8"))["towns"]


@lru_cache(maxsize=1)
def _town_finder() -> PhraseFinder:
    """Town name → the province it is listed under (as the reference list names it)."""
    return PhraseFinder(dict(_town_provinces()))


def town_provinces(
    text: str, offset: int, gazetteer: Gazetteer, names: list[tuple[int, int]]
) -> list[tuple[int, int, Place]]:
    """(start, end, today's province) of the towns written in `text` (at body offset `offset`)
    outside the spans in `names` ("Sonadezi Biên Hòa" is a firm, not a place)."""
    found = []
    for start, end, province in _town_finder().find(text, offset):
        place = gazetteer.place_by_name(str(province))
        if place is not None and place.is_vietnamese and not any(s <= start and end <= e for s, e in names):
            found.append((start, end, place))
    return found
