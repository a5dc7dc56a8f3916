"""The reference data (provinces, foreign regions, countries, sectors) as lookups for extraction.

The same JSON files seed the database, so a name staff add to `fixtures/reference/` is found
in articles too. Loading and compiling happen once per process (`load_gazetteer` is cached):
a 10 KB article must not pay for reading 100 KB of reference data.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from leads.reference_data import REFERENCE_DIR
from leads.text import canonical_tones, normalize_name

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Place:
    """A place as the extraction reports it: today's unit for Vietnamese provinces."""

    slug: str
    name: str
    kind: str  # "province", "city", "foreign_region", "country"
    country: str
    region_kind: str = ""  # the reference kind of a foreign region ("city", "province", ...)
    parent: str = ""  # slug of the enclosing foreign region, if any
    name_en: str = ""

    @property
    def is_vietnamese(self) -> bool:
        return self.country == "VN" and self.kind != "country"


@dataclass(frozen=True)
class Sector:
    slug: str
    name_en: str
    name_vi: str
    keywords: tuple[str, ...]


@dataclass
class Gazetteer:
    """Every surface form of every place, and the sector keywords, ready for matching."""

    places_by_form: dict[str, list[Place]] = field(default_factory=dict)
    places_by_slug: dict[str, Place] = field(default_factory=dict)
    places_by_key: dict[str, Place] = field(default_factory=dict)
    place_pattern: re.Pattern[str] = field(default_factory=lambda: re.compile(r"(?!)"))
    not_places: frozenset[str] = frozenset()
    # (form, slug) pairs where the form also means something else: "Hà Nam" (Henan or the
    # former Vietnamese province), "Anh" (the UK or a given name), the alias "Nhật" (Japan or
    # part of "Chủ Nhật", "Minh Nhật"). Aliases such as "Henan" or "Vương quốc Anh" are
    # unambiguous and are not listed.
    ambiguous_forms: frozenset[tuple[str, str]] = frozenset()
    sectors: tuple[Sector, ...] = ()
    # The kind of unit ("province" or "city") each Vietnamese form names as written: "Bà Rịa - Vũng
    # Tàu" was a province even though today's unit (TP. Hồ Chí Minh) is a city.
    unit_kinds: dict[str, str] = field(default_factory=dict)
    rules: dict[str, list[str]] = field(default_factory=dict)

    def places_for(self, form: str) -> list[Place]:
        """Candidate places for a form as matched in the (tone-canonical) text."""
        return self.places_by_form.get(form, [])

    def is_ambiguous(self, form: str, place: Place) -> bool:
        return (form, place.slug) in self.ambiguous_forms

    def place_by_name(self, name: str) -> Place | None:
        """The place whose name or alias folds to the same key as `name` (for evaluation and resolution)."""
        return self.places_by_key.get(normalize_name(name))


def _read(directory: Path, name: str) -> list[dict]:
    path = directory / name
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def _add_form(forms: dict[str, list[Place]], form: str, place: Place) -> None:
    """Register `form` (and its capitalized variant when it starts lower-case, "nước Anh")."""
    variants = {canonical_tones(form.strip())}
    if form[:1].islower():
        variants.add(canonical_tones(form[:1].upper() + form[1:]))
    for variant in variants:
        places = forms.setdefault(variant, [])
        if all(p.slug != place.slug for p in places):
            places.append(place)


@lru_cache(maxsize=4)
def load_gazetteer(reference_dir: Path = REFERENCE_DIR) -> Gazetteer:
    """Build the gazetteer from the reference files in `reference_dir` (cached per directory)."""
    forms: dict[str, list[Place]] = {}
    ambiguous: set[tuple[str, str]] = set()
    unit_kinds: dict[str, str] = {}
    by_slug: dict[str, Place] = {}
    provinces = _read(reference_dir, "provinces.json")
    current = {
        p["slug"]: Place(slug=p["slug"], name=p["name"], kind=p["kind"], country="VN")
        for p in provinces
        if p.get("is_current")
    }
    by_slug.update(current)
    # Current units first, so a form shared by a unit and its pre-2025 namesake lists today's first.
    for record in sorted(provinces, key=lambda p: not p.get("is_current")):
        place = current.get(record["slug"]) or current.get(record.get("successor") or "")
        if place is None:
            continue
        # "Tỉnh Hà Nam" is not registered as a form: the bare name matches, and the prefix is
        # context ("tỉnh Hà Nam (Trung Quốc)" is Henan), not part of the mention.
        full_name = record.get("full_name", "")
        if full_name in (f"Tỉnh {record['name']}", f"Thành phố {record['name']}"):
            full_name = ""
        for form in [record["name"], full_name, *record.get("aliases", [])]:
            if form:
                _add_form(forms, form, place)
                unit_kinds.setdefault(canonical_tones(form.strip()), record["kind"])
    for record in _read(reference_dir, "foreign_regions.json"):
        place = Place(
            slug=record["slug"],
            name=record["name"],
            kind="foreign_region",
            country=record["country"],
            region_kind=record.get("kind", ""),
            parent=record.get("parent") or "",
            name_en=record.get("name_en", ""),
        )
        by_slug[place.slug] = place
        if record.get("ambiguous"):
            ambiguous.add((canonical_tones(record["name"]), place.slug))
        for form in [record["name"], *record.get("aliases", [])]:
            _add_form(forms, form, place)
    for record in _read(reference_dir, "countries.json"):
        place = Place(
            slug=record["code"].lower(),
            name=record["name"],
            kind="country",
            country=record["code"],
            name_en=record.get("name_en", ""),
        )
        by_slug[place.slug] = place
        if record.get("ambiguous"):
            ambiguous.add((canonical_tones(record["name"]), place.slug))
        for form in [record["name"], *record.get("aliases", [])]:
            _add_form(forms, form, place)
    rules = json.loads((DATA_DIR / "places.json").read_text(encoding="utf-8"))
    for form in rules.get("ambiguous_forms", []):  # "Nhật": Japan, or "Chủ Nhật", "Minh Nhật"
        ambiguous.update((canonical_tones(form), place.slug) for place in forms.get(canonical_tones(form), []))
    not_places = frozenset(canonical_tones(n) for n in rules["not_places"])
    alternatives = sorted({*forms, *not_places}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w./])(?:" + "|".join(re.escape(f) for f in alternatives) + r")(?![\w+])")
    sectors = tuple(
        Sector(slug=s["slug"], name_en=s["name_en"], name_vi=s["name_vi"], keywords=tuple(s["keywords"]))
        for s in _read(reference_dir, "sectors.json")
    )
    by_key: dict[str, Place] = {}
    for form, places in forms.items():
        by_key.setdefault(normalize_name(form), places[0])
    return Gazetteer(
        places_by_form=forms,
        places_by_key=by_key,
        places_by_slug=by_slug,
        place_pattern=pattern,
        not_places=not_places,
        ambiguous_forms=frozenset(ambiguous),
        sectors=sectors,
        unit_kinds=unit_kinds,
        rules={k: v for k, v in rules.items() if isinstance(v, list)},
    )
