"""`fixtures/reference/sites.json`: Vietnam's industrial parks, zones and clusters, checked like the provinces.

Every site names today's unit and the pre-2025 one it was in (one province merged into the
other); the pre-2025 district it lies in is re-checked against the maintained package
`vietnamadminunits` (its table of the 63 provinces and their districts before 2025).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path

import pytest

from leads.choices import SiteKind
from leads.text import normalize_name

REFERENCE = Path(__file__).resolve().parent.parent / "fixtures" / "reference"
SITES = json.loads((REFERENCE / "sites.json").read_text(encoding="utf-8"))
PROVINCES = {p["slug"]: p for p in json.loads((REFERENCE / "provinces.json").read_text(encoding="utf-8"))}


def test_slugs_names_and_aliases_are_unique_even_folded():
    assert len({site["slug"] for site in SITES}) == len(SITES)
    forms = [normalize_name(form) for site in SITES for form in {site["name"], *site["aliases"]}]
    assert sorted(form for form in set(forms) if forms.count(form) > 1) == []


def test_every_site_is_in_todays_unit_and_in_the_pre_2025_unit_that_became_it():
    for site in SITES:
        current, former = PROVINCES[site["province"]], PROVINCES[site["former_province"]]
        assert current["is_current"], site["slug"]
        assert not former["is_current"] and former["successor"] == site["province"], site["slug"]
        assert site["kind"] in SiteKind.values


def test_no_alias_is_a_bare_province_name():
    provinces = {normalize_name(name) for p in PROVINCES.values() for name in (p["name"], *p["aliases"])}
    assert [a for site in SITES for a in site["aliases"] if normalize_name(a) in provinces] == []


def test_a_park_named_after_a_chinese_city_is_a_park_in_vietnam():
    quang_chau = next(site for site in SITES if "KCN Quang Châu" in site["aliases"])
    assert (quang_chau["province"], quang_chau["former_province"]) == ("bac-ninh", "bac-giang")


def test_every_district_is_a_district_of_its_pre_2025_province_in_vietnamadminunits():
    try:
        import vietnamadminunits
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("vietnamadminunits (a dev extra) is not installed")
    database = Path(vietnamadminunits.__file__).parent / "data" / "dataset.db"
    districts: dict[str, set[str]] = {}
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT DISTINCT provinceShort, districtShort, district FROM admin_units_legacy")
        for province, short, full in rows:
            names = districts.setdefault(normalize_name(province), set())
            names.add(normalize_name(short))
            names.add(normalize_name(re.sub(r"^(Huyện|Quận|Thị [xX]ã|Thành phố)\s+", "", full)))
    checked = [site for site in SITES if site["district"]]
    wrong = [
        (site["slug"], site["district"])
        for site in checked
        if normalize_name(site["district"])
        not in districts.get(normalize_name(PROVINCES[site["former_province"]]["name"].replace("TP. ", "")), set())
    ]
    assert wrong == []
    assert len(checked) >= 0.95 * len(SITES)
