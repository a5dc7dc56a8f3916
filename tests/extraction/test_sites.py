"""Sites: an industrial park or zone named after its site word, and the province it gives a lead."""

import json

from importers.extraction.gazetteer import load_gazetteer
from importers.extraction.sites import find_sites, load_sites, site_lookup_key


def sites(text, reference=None):
    return [
        (s.text, s.province.slug if s.province else "") for s in find_sites(text, load_gazetteer(), reference=reference)
    ]


def test_a_park_named_after_a_chinese_city_is_found_in_vietnam_through_the_reference_list(tmp_path):
    (tmp_path / "sites.json").write_text(
        json.dumps(
            [
                {
                    "slug": "kcn-quang-chau",
                    "name": "KCN Quang Châu",
                    "kind": "industrial_park",
                    "province": "bac-ninh",
                    "former_province": "bac-giang",
                    "aliases": ["Khu công nghiệp Quang Châu"],
                }
            ]
        ),
        encoding="utf-8",
    )
    reference = load_sites(tmp_path)
    text = "Nhà máy mới của tập đoàn đặt tại Khu công nghiệp Quang Châu, huyện Việt Yên."
    assert sites(text, reference) == [("Khu công nghiệp Quang Châu", "bac-ninh")]


def test_a_missing_or_broken_reference_list_still_finds_the_site(tmp_path):
    assert load_sites(tmp_path) == {}
    (tmp_path / "sites.json").write_text("[{", encoding="utf-8")
    load_sites.cache_clear()
    assert load_sites(tmp_path) == {}
    assert sites("Dự án đặt tại KCN Quế Võ với tổng vốn 20 triệu USD.", {}) == [("KCN Quế Võ", "")]


def test_a_province_inside_the_name_or_in_brackets_after_it_gives_the_province():
    assert sites("Dự án được cấp phép tại Khu công nghệ cao TP.HCM vào tháng trước.", {}) == [
        ("Khu công nghệ cao TP.HCM", "ho-chi-minh")
    ]
    assert sites("Nhà máy nằm ở khu công nghiệp Tràng Duệ (Hải Phòng).", {}) == [
        ("khu công nghiệp Tràng Duệ", "hai-phong")
    ]


def test_a_site_word_without_a_name_is_no_site():
    assert sites("Tỉnh có 12 khu công nghiệp đang hoạt động và các khu chế xuất mới.", {}) == []


def test_a_name_with_a_dash_and_a_number_is_one_site():
    assert sites("Dự án nằm trong Khu công nghiệp Việt Nam - Singapore II tại Bình Dương.", {}) == [
        ("Khu công nghiệp Việt Nam - Singapore II", "")
    ]


def test_the_short_and_the_long_site_words_share_a_key():
    assert site_lookup_key("Khu công nghiệp Quế Võ") == site_lookup_key("KCN Quế Võ") == "kcn que vo"
