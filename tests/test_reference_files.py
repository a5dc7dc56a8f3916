"""Pins the reference data shipped in fixtures/reference (pure: reads the JSON files, no database)."""

import json
import re
import unicodedata
from pathlib import Path

import pytest

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "reference"

PROVINCE_KEYS = {"slug", "code", "name", "full_name", "kind", "is_current", "successor", "aliases"}
FOREIGN_REGION_KEYS = {"slug", "name", "name_en", "country", "kind", "parent", "aliases", "ambiguous"}
COUNTRY_KEYS = {"code", "name", "name_en", "aliases", "ambiguous"}
FOREIGN_REGION_KINDS = {"province", "autonomous_region", "municipality", "special_administrative_region", "city"}
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# Resolution 202/2025/QH15, in force 1 July 2025: every one of the 63 pre-merger units and the unit that
# replaced it (the 11 unchanged units point at themselves under a "-pre-2025" slug).
# Checked against vietnamadminunits 1.0.4 (converter_2025.json DICT_PROVINCE and its ward-level tables).
OLD_TO_NEW = [
    # the 11 units that were not merged
    ("cao-bang-pre-2025", "cao-bang"),
    ("dien-bien-pre-2025", "dien-bien"),
    ("ha-noi-pre-2025", "ha-noi"),
    ("ha-tinh-pre-2025", "ha-tinh"),
    ("hue-pre-2025", "hue"),
    ("lai-chau-pre-2025", "lai-chau"),
    ("lang-son-pre-2025", "lang-son"),
    ("nghe-an-pre-2025", "nghe-an"),
    ("quang-ninh-pre-2025", "quang-ninh"),
    ("son-la-pre-2025", "son-la"),
    ("thanh-hoa-pre-2025", "thanh-hoa"),
    # 52 units merged into 23
    ("ha-giang", "tuyen-quang"),
    ("tuyen-quang-pre-2025", "tuyen-quang"),
    ("lao-cai-pre-2025", "lao-cai"),
    ("yen-bai", "lao-cai"),
    ("bac-kan", "thai-nguyen"),
    ("thai-nguyen-pre-2025", "thai-nguyen"),
    ("hoa-binh", "phu-tho"),
    ("phu-tho-pre-2025", "phu-tho"),
    ("vinh-phuc", "phu-tho"),
    ("bac-giang", "bac-ninh"),
    ("bac-ninh-pre-2025", "bac-ninh"),
    ("hai-duong", "hai-phong"),
    ("hai-phong-pre-2025", "hai-phong"),
    ("hung-yen-pre-2025", "hung-yen"),
    ("thai-binh", "hung-yen"),
    ("ha-nam", "ninh-binh"),
    ("nam-dinh", "ninh-binh"),
    ("ninh-binh-pre-2025", "ninh-binh"),
    ("quang-binh", "quang-tri"),
    ("quang-tri-pre-2025", "quang-tri"),
    ("da-nang-pre-2025", "da-nang"),
    ("quang-nam", "da-nang"),
    ("kon-tum", "quang-ngai"),
    ("quang-ngai-pre-2025", "quang-ngai"),
    ("binh-dinh", "gia-lai"),
    ("gia-lai-pre-2025", "gia-lai"),
    ("dak-lak-pre-2025", "dak-lak"),
    ("phu-yen", "dak-lak"),
    ("khanh-hoa-pre-2025", "khanh-hoa"),
    ("ninh-thuan", "khanh-hoa"),
    ("binh-thuan", "lam-dong"),
    ("dak-nong", "lam-dong"),
    ("lam-dong-pre-2025", "lam-dong"),
    ("binh-phuoc", "dong-nai"),
    ("dong-nai-pre-2025", "dong-nai"),
    ("long-an", "tay-ninh"),
    ("tay-ninh-pre-2025", "tay-ninh"),
    ("ba-ria-vung-tau", "ho-chi-minh"),
    ("binh-duong", "ho-chi-minh"),
    ("ho-chi-minh-pre-2025", "ho-chi-minh"),
    ("dong-thap-pre-2025", "dong-thap"),
    ("tien-giang", "dong-thap"),
    ("ben-tre", "vinh-long"),
    ("tra-vinh", "vinh-long"),
    ("vinh-long-pre-2025", "vinh-long"),
    ("an-giang-pre-2025", "an-giang"),
    ("kien-giang", "an-giang"),
    ("can-tho-pre-2025", "can-tho"),
    ("hau-giang", "can-tho"),
    ("soc-trang", "can-tho"),
    ("bac-lieu", "ca-mau"),
    ("ca-mau-pre-2025", "ca-mau"),
]

CURRENT_CITIES = {"ha-noi", "hue", "hai-phong", "da-nang", "ho-chi-minh", "can-tho"}

# Official two-digit codes in force since 1 July 2025 (several merged units took a partner's old code).
CURRENT_CODES = {
    "ha-noi": "01",
    "tuyen-quang": "08",
    "lao-cai": "15",
    "thai-nguyen": "19",
    "phu-tho": "25",
    "bac-ninh": "24",
    "hai-phong": "31",
    "quang-tri": "44",
    "hue": "46",
    "da-nang": "48",
    "gia-lai": "52",
    "ho-chi-minh": "79",
    "tay-ninh": "80",
    "can-tho": "92",
    "ca-mau": "96",
}

# How the press writes a place -> the current unit it must resolve to (through successor for old units).
PRESS_NAMES = {
    "TP.HCM": "ho-chi-minh",
    "TP HCM": "ho-chi-minh",
    "TPHCM": "ho-chi-minh",
    "TP. HCM": "ho-chi-minh",
    "TP. Hồ Chí Minh": "ho-chi-minh",
    "Thành phố Hồ Chí Minh": "ho-chi-minh",
    "Sài Gòn": "ho-chi-minh",
    "Bình Dương": "ho-chi-minh",
    "Bà Rịa - Vũng Tàu": "ho-chi-minh",
    "BR-VT": "ho-chi-minh",
    "Thủ đô Hà Nội": "ha-noi",
    "TP. Hà Nội": "ha-noi",
    "Hà Nội": "ha-noi",
    "Thừa Thiên Huế": "hue",
    "TT-Huế": "hue",
    "Huế": "hue",
    "Bắc Giang": "bac-ninh",
    "Bắc Ninh": "bac-ninh",
    "Bình Định": "gia-lai",
    "Quảng Nam": "da-nang",
    "Hải Dương": "hai-phong",
    "Long An": "tay-ninh",
    "Thanh Hoá": "thanh-hoa",
    "Khánh Hoà": "khanh-hoa",
}

# Chinese cities the importer must know, with the region they belong to.
REQUIRED_CHINESE_CITIES = {
    "Thâm Quyến": "quang-dong",
    "Quảng Châu": "quang-dong",
    "Đông Quan": "quang-dong",
    "Phật Sơn": "quang-dong",
    "Châu Hải": "quang-dong",
    "Nam Ninh": "quang-tay",
    "Bằng Tường": "quang-tay",
    "Phòng Thành Cảng": "quang-tay",
    "Khâm Châu": "quang-tay",
    "Bắc Hải": "quang-tay",
    "Côn Minh": "van-nam",
    "Hà Khẩu": "van-nam",
    "Hạ Môn": "phuc-kien",
    "Hàng Châu": "chiet-giang",
    "Ninh Ba": "chiet-giang",
    "Tô Châu": "giang-to",
    "Nam Kinh": "giang-to",
    "Vũ Hán": "ho-bac",
    "Thành Đô": "tu-xuyen",
    "Tây An": "thiem-tay",
    "Thanh Đảo": "son-dong",
    "Đại Lý": "van-nam",
    "Hồng Hà": "van-nam",
    "Văn Sơn": "van-nam",
    "Ngọc Khê": "van-nam",
    "Lệ Giang": "van-nam",
    "Tây Song Bản Nạp": "van-nam",
    "Sùng Tả": "quang-tay",
    "Bách Sắc": "quang-tay",
    "Liễu Châu": "quang-tay",
    "Quế Lâm": "quang-tay",
    "Ngô Châu": "quang-tay",
    "Ngọc Lâm": "quang-tay",
    "Hạ Châu": "quang-tay",
    "Sán Đầu": "quang-dong",
    "Trạm Giang": "quang-dong",
    "Huệ Châu": "quang-dong",
    "Trung Sơn": "quang-dong",
    "Giang Môn": "quang-dong",
    "Nam Dương": "ha-nam-cn",
    "Trịnh Châu": "ha-nam-cn",
    "Tế Nam": "son-dong",
    "Yên Đài": "son-dong",
    "Ôn Châu": "chiet-giang",
    "Hợp Phì": "an-huy",
    "Trường Sa": "ho-nam",
    "Thạch Gia Trang": "ha-bac",
}

# design.md, "Names that mean two places", plus the other Chinese names that are also a Vietnamese
# province or district-level unit (Trùng Khánh and Đông Hưng are districts of Cao Bằng and Thái Bình,
# Mai Châu and Lạc Dương of Hòa Bình and Lâm Đồng) or a common Vietnamese given name ("Nguyễn Văn Sơn",
# "Lê Hồng Hà"): those count as places only where the text points abroad.
AMBIGUOUS_CHINESE_NAMES = {
    "Hà Nam": "ha-nam-cn",
    "Thái Nguyên": "thai-nguyen-cn",
    "Tây Ninh": "tay-ninh-cn",
    "Sơn Tây": "son-tay",
    "Trường Sa": "truong-sa",
    "Trùng Khánh": "trung-khanh",
    "Đông Hưng": "dong-hung",
    "Mai Châu": "mai-chau",
    "Lạc Dương": "lac-duong",
    "Hồng Hà": "hong-ha",
    "Văn Sơn": "van-son",
    "Trung Sơn": "trung-son",
    "Ngọc Lâm": "ngoc-lam",
    "Lệ Giang": "le-giang",
    "Hà Bắc": "ha-bac",  # Hebei, and the Vietnamese province split in 1997
}

REQUIRED_COUNTRIES = {
    "CN": "Trung Quốc",
    "KR": "Hàn Quốc",
    "JP": "Nhật Bản",
    "SG": "Singapore",
    "TW": "Đài Loan",
    "HK": "Hồng Kông",
    "US": "Hoa Kỳ",
    "NL": "Hà Lan",
    "TH": "Thái Lan",
    "MY": "Malaysia",
    "GB": "Anh",
    "FR": "Pháp",
    "DE": "Đức",
    "IN": "Ấn Độ",
    "AU": "Úc",
    "CA": "Canada",
    "ID": "Indonesia",
    "VG": "Quần đảo Virgin thuộc Anh",
    "WS": "Samoa",
    "LA": "Lào",
    "KH": "Campuchia",
    "RU": "Nga",
    "VN": "Việt Nam",
}


def load(name):
    return json.loads((REFERENCE_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def provinces():
    return load("provinces.json")


@pytest.fixture(scope="module")
def by_slug(provinces):
    return {p["slug"]: p for p in provinces}


@pytest.fixture(scope="module")
def regions():
    return load("foreign_regions.json")


@pytest.fixture(scope="module")
def countries():
    return load("countries.json")


def current_unit_for(name, provinces, by_slug):
    """Resolve a written name the way the importer does: exact name or alias, then follow the successor."""
    hits = {p["slug"] for p in provinces if name == p["name"] or name in p["aliases"]}
    current = {by_slug[s]["successor"] or s for s in hits}
    assert len(current) == 1, f"{name!r} resolves to {sorted(current)}"
    return current.pop()


# ---------------------------------------------------------------- provinces


def test_every_province_record_has_exactly_the_documented_keys(provinces):
    for p in provinces:
        assert set(p) == PROVINCE_KEYS, p["slug"]


def test_there_are_exactly_34_current_units_of_which_the_6_centrally_run_cities(provinces):
    current = [p for p in provinces if p["is_current"]]
    assert len(current) == 34
    assert {p["slug"] for p in current if p["kind"] == "city"} == CURRENT_CITIES
    assert {p["kind"] for p in current} == {"city", "province"}


# Units older than the 63: the 2003–2006 press names them, and they resolve to today's unit too.
OLDER_UNITS = {"ha-tay": "ha-noi", "ha-bac-vn": "bac-ninh"}  # merged into Hà Nội in 2008; split in 1997


def test_there_are_exactly_63_pre_2025_units_and_the_two_older_ones(provinces):
    old = {p["slug"] for p in provinces if not p["is_current"]}
    assert len(old - set(OLDER_UNITS)) == 63
    assert set(OLDER_UNITS) <= old


def test_slugs_are_unique_lowercase_ascii_and_hyphenated(provinces):
    slugs = [p["slug"] for p in provinces]
    assert len(slugs) == len(set(slugs))
    for slug in slugs:
        assert SLUG_RE.match(slug), slug


def test_current_units_have_no_successor_and_old_units_have_one(provinces):
    for p in provinces:
        if p["is_current"]:
            assert p["successor"] is None, p["slug"]
        else:
            assert p["successor"], p["slug"]


def test_every_successor_exists_and_is_a_current_unit(provinces, by_slug):
    for p in provinces:
        if not p["is_current"]:
            assert by_slug[p["successor"]]["is_current"], p["slug"]


def test_every_pre_2025_province_points_at_its_successor(provinces):
    assert len(OLD_TO_NEW) == 63
    actual = {p["slug"]: p["successor"] for p in provinces if not p["is_current"]}
    assert actual == {**dict(OLD_TO_NEW), **OLDER_UNITS}


def test_every_current_unit_has_at_least_one_predecessor_and_23_of_them_absorbed_others(provinces):
    predecessors = {}
    for old, new in OLD_TO_NEW:
        predecessors.setdefault(new, []).append(old)
    assert set(predecessors) == {p["slug"] for p in provinces if p["is_current"]}
    assert sum(1 for olds in predecessors.values() if len(olds) > 1) == 23
    assert sum(len(olds) for olds in predecessors.values() if len(olds) > 1) == 52


def test_an_old_unit_named_like_its_successor_has_the_pre_2025_slug(provinces, by_slug):
    for p in provinces:
        if p["is_current"]:
            continue
        same_name = p["name"] == by_slug[p["successor"]]["name"]
        assert p["slug"].endswith("-pre-2025") == same_name, p["slug"]
        if same_name:
            assert p["slug"] == f"{p['successor']}-pre-2025"


def test_codes_are_two_digit_strings_and_current_codes_are_unique(provinces):
    for p in provinces:
        if p["slug"] == "ha-bac-vn":  # split in 1997, before the code list the others are checked against
            assert p["code"] is None
            continue
        assert re.fullmatch(r"\d\d", p["code"]), p["slug"]
    for group in (True, False):
        codes = [p["code"] for p in provinces if p["is_current"] is group and p["code"]]
        assert len(codes) == len(set(codes))


def test_current_units_carry_the_codes_in_force_since_july_2025(by_slug):
    for slug, code in CURRENT_CODES.items():
        assert by_slug[slug]["code"] == code, slug
    assert by_slug["bac-giang"]["code"] == "24"
    assert by_slug["bac-ninh-pre-2025"]["code"] == "27"


def test_names_and_full_names_follow_the_house_style(by_slug):
    assert by_slug["ho-chi-minh"]["name"] == "TP. Hồ Chí Minh"
    assert by_slug["ho-chi-minh"]["full_name"] == "Thành phố Hồ Chí Minh"
    assert by_slug["bac-ninh"]["full_name"] == "Tỉnh Bắc Ninh"
    assert by_slug["hue"]["name"] == "Huế"
    assert by_slug["ba-ria-vung-tau"]["name"] == "Bà Rịa - Vũng Tàu"
    for p in by_slug.values():
        prefix = "Thành phố " if p["kind"] == "city" else "Tỉnh "
        assert p["full_name"].startswith(prefix), p["slug"]


def test_press_names_resolve_to_the_expected_current_unit(provinces, by_slug):
    for name, slug in PRESS_NAMES.items():
        assert current_unit_for(name, provinces, by_slug) == slug, name


def test_no_alias_is_shared_by_two_provinces_or_repeats_a_name(provinces):
    names = {p["name"] for p in provinces}
    seen = {}
    for p in provinces:
        for alias in p["aliases"]:
            assert alias not in names, (p["slug"], alias)
            assert alias not in seen, (p["slug"], seen.get(alias), alias)
            seen[alias] = p["slug"]


def test_a_bare_ho_chi_minh_is_not_an_alias_because_it_also_names_the_president(provinces):
    for p in provinces:
        assert "Hồ Chí Minh" not in p["aliases"]
        assert p["name"] != "Hồ Chí Minh"


def test_the_mapping_agrees_with_vietnamadminunits(provinces):
    package = pytest.importorskip("vietnamadminunits")
    data_dir = Path(package.__file__).parent / "data"
    merged = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    new = json.loads((data_dir / "parser_from_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    old = json.loads((data_dir / "parser_legacy.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    new_code = {key: new[key]["provinceCode"] for key in merged}
    expected = {(old[o]["provinceCode"], new_code[n]) for n, olds in merged.items() for o in olds}
    ours = {p["slug"]: p for p in provinces}
    actual = {
        (p["code"], ours[p["successor"]]["code"])
        for p in provinces
        if not p["is_current"] and p["slug"] not in OLDER_UNITS  # the package knows only the 63
    }
    assert actual == expected


# ---------------------------------------------------------- foreign regions


def test_every_foreign_region_record_has_exactly_the_documented_keys(regions):
    for r in regions:
        assert set(r) == FOREIGN_REGION_KEYS, r["slug"]
        assert r["kind"] in FOREIGN_REGION_KINDS, r["slug"]
        assert isinstance(r["ambiguous"], bool), r["slug"]


def test_foreign_region_slugs_are_unique_lowercase_ascii_and_hyphenated(regions):
    slugs = [r["slug"] for r in regions]
    assert len(slugs) == len(set(slugs))
    for slug in slugs:
        assert SLUG_RE.match(slug), slug


def test_no_slug_is_shared_between_provinces_and_foreign_regions(provinces, regions):
    assert not {p["slug"] for p in provinces} & {r["slug"] for r in regions}


def test_china_has_its_31_mainland_provincial_level_divisions(regions):
    top = [r for r in regions if r["country"] == "CN" and r["kind"] != "city"]
    kinds = [r["kind"] for r in top]
    assert kinds.count("province") == 22
    assert kinds.count("autonomous_region") == 5
    assert kinds.count("municipality") == 4
    assert len(top) == 31
    assert all(r["parent"] is None for r in top)


def test_hong_kong_macau_and_taiwan_are_countries_not_chinese_regions(regions, countries):
    codes = {c["code"] for c in countries}
    assert {"HK", "MO", "TW"} <= codes
    names = {r["name"] for r in regions if r["country"] == "CN"}
    assert not names & {"Hồng Kông", "Ma Cao", "Đài Loan"}
    assert not any(r["kind"] == "special_administrative_region" for r in regions)


def test_every_foreign_city_with_a_parent_points_at_a_region_of_the_same_country(regions):
    by_slug = {r["slug"]: r for r in regions}
    for r in regions:
        if r["parent"] is None:
            continue
        parent = by_slug[r["parent"]]
        assert parent["kind"] != "city", r["slug"]
        assert parent["country"] == r["country"], r["slug"]


def test_every_chinese_city_has_a_parent_province(regions):
    for r in regions:
        if r["country"] == "CN" and r["kind"] == "city":
            assert r["parent"], r["slug"]


def test_the_main_chinese_cities_are_known_with_their_province(regions):
    by_name = {r["name"]: r for r in regions if r["country"] == "CN"}
    for name, parent in REQUIRED_CHINESE_CITIES.items():
        assert by_name[name]["kind"] == "city", name
        assert by_name[name]["parent"] == parent, name
    for name in ("Bắc Kinh", "Thượng Hải", "Thiên Tân", "Trùng Khánh"):
        assert by_name[name]["kind"] == "municipality", name


def test_guangxi_is_known_by_its_full_and_short_names(regions):
    guangxi = next(r for r in regions if r["slug"] == "quang-tay")
    assert guangxi["name"] == "Quảng Tây"
    assert guangxi["name_en"] == "Guangxi"
    assert guangxi["kind"] == "autonomous_region"
    assert {"Khu tự trị dân tộc Choang Quảng Tây", "Guangxi"} <= set(guangxi["aliases"])


def test_chinese_names_that_also_mean_a_vietnamese_place_are_flagged_ambiguous(regions):
    by_name = {r["name"]: r for r in regions if r["country"] == "CN"}
    for name, slug in AMBIGUOUS_CHINESE_NAMES.items():
        assert by_name[name]["slug"] == slug, name
        assert by_name[name]["ambiguous"] is True, name
    flagged = {r["name"] for r in regions if r["ambiguous"] and r["country"] == "CN"}
    assert flagged == set(AMBIGUOUS_CHINESE_NAMES)


def test_korea_has_its_17_first_level_divisions(regions):
    korean = {r["slug"] for r in regions if r["country"] == "KR" and r["parent"] is None}
    assert len(korean) == 17, sorted(korean)
    assert {"seoul", "busan", "gyeonggi", "gyeongsangnam", "jeollanam", "chungcheongbuk", "jeju", "sejong"} <= korean


def test_every_japanese_prefecture_is_known(regions):
    japanese = {r["slug"] for r in regions if r["country"] == "JP" and r["parent"] is None}
    assert len(japanese) == 47, len(japanese)


def test_a_foreign_name_equal_to_a_vietnamese_province_name_is_flagged_ambiguous(provinces, regions):
    vietnamese = {p["name"] for p in provinces} | {a for p in provinces for a in p["aliases"]}
    for r in regions:
        if {r["name"], *r["aliases"]} & vietnamese:
            assert r["ambiguous"], r["slug"]


def test_every_foreign_region_belongs_to_a_known_country(regions, countries):
    codes = {c["code"] for c in countries}
    for r in regions:
        assert r["country"] in codes, r["slug"]


def test_foreign_region_names_and_aliases_are_not_shared(regions):
    seen = {}
    for r in regions:
        for text in (r["name"], *r["aliases"]):
            assert text not in seen, (r["slug"], seen.get(text), text)
            seen[text] = r["slug"]


# ---------------------------------------------------------------- countries


def test_every_country_record_has_exactly_the_documented_keys(countries):
    for c in countries:
        assert set(c) == COUNTRY_KEYS, c["code"]
        assert re.fullmatch(r"[A-Z]{2}", c["code"]), c["code"]
        assert isinstance(c["ambiguous"], bool), c["code"]


def test_country_codes_are_unique(countries):
    codes = [c["code"] for c in countries]
    assert len(codes) == len(set(codes))


def test_the_main_investor_countries_are_present_with_their_vietnamese_names(countries):
    by_code = {c["code"]: c for c in countries}
    for code, name in REQUIRED_COUNTRIES.items():
        assert by_code[code]["name"] == name, code


def test_common_press_names_of_countries_are_aliases(countries):
    by_code = {c["code"]: c for c in countries}
    assert {"Mỹ", "USA"} <= set(by_code["US"]["aliases"])
    assert "Trung Hoa" in by_code["CN"]["aliases"]
    assert "Hàn" in by_code["KR"]["aliases"]
    assert {"Vương quốc Anh", "nước Anh"} <= set(by_code["GB"]["aliases"])
    assert "Australia" in by_code["AU"]["aliases"]


def test_country_names_that_are_ordinary_words_are_flagged_ambiguous(countries):
    by_code = {c["code"]: c for c in countries}
    for code in ("GB", "FR", "DE", "RU"):
        assert by_code[code]["ambiguous"] is True, code
    for code in ("CN", "KR", "JP", "US", "VN"):
        assert by_code[code]["ambiguous"] is False, code


def test_country_names_and_aliases_are_not_shared(countries):
    seen = {}
    for c in countries:
        for text in (c["name"], *c["aliases"]):
            assert text not in seen, (c["code"], seen.get(text), text)
            seen[text] = c["code"]


# ---------------------------------------------------------------- all files


@pytest.mark.parametrize("name", ["provinces.json", "foreign_regions.json", "countries.json"])
def test_reference_file_is_pretty_printed_nfc_utf8(name):
    text = (REFERENCE_DIR / name).read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("name", ["provinces.json", "foreign_regions.json", "countries.json"])
def test_reference_strings_are_trimmed_and_not_empty(name):
    for record in load(name):
        for value in record.values():
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str):
                    assert text and text == text.strip() and "  " not in text, (name, text)


def test_provinces_are_sorted_current_first_then_by_slug(provinces):
    keys = [(not p["is_current"], p["slug"]) for p in provinces]
    assert keys == sorted(keys)


def test_foreign_regions_are_sorted_by_country_then_slug(regions):
    keys = [(r["country"], r["slug"]) for r in regions]
    assert keys == sorted(keys)


def test_countries_are_sorted_by_code(countries):
    codes = [c["code"] for c in countries]
    assert codes == sorted(codes)
