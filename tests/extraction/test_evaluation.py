"""Scoring: what counts as the same finding, and micro-averaged precision, recall and F1."""

from importers.evaluation import KindScore, compare, evaluate
from importers.extraction.gazetteer import load_gazetteer

GOLD = {
    "source": "a.txt",
    "organizations": [
        {"name": "UBND TP.HCM", "kind": "local_authority", "aliases": ["Ủy ban nhân dân TP. Hồ Chí Minh"]}
    ],
    "contacts": [{"full_name": "Nguyễn Lộc Hà", "title": "Phó chủ tịch UBND TP.HCM", "organization": "UBND TP.HCM"}],
    "places": [
        {"slug": "ho-chi-minh", "country": "VN", "kind": "city"},
        {"slug": "cn", "country": "CN", "kind": "country"},
    ],
    "sectors": [{"slug": "ai"}, {"slug": "iot"}],
    "amounts": [{"mention": "gần 3 tỉ USD", "value": 3000000000, "currency": "USD"}],
    "opportunities": [{"organization": "", "origin": "Trung Quốc", "province": "TP. Hồ Chí Minh", "sector": "ai"}],
}


def test_names_titles_and_provinces_are_compared_folded():
    preview = {
        "organizations": [{"name": "Ủy ban nhân dân TP. Hồ Chí Minh"}],
        "contacts": [{"full_name": "NGUYỄN LỘC HÀ", "title": "Phó Chủ tịch UBND TP. HCM", "organization": ""}],
        "places": [{"slug": "ho-chi-minh", "country": "VN", "kind": "city"}, {"slug": "cn", "country": "CN"}],
        "sectors": [{"slug": "ai"}, {"slug": "iot"}],
        "amounts": [{"value": 3000000000.0, "currency": "USD"}],
        "opportunities": [{"organization": "", "origin": "Trung Quốc", "province": "TP.HCM", "sector": "ai"}],
    }
    comparisons = compare(preview, GOLD, load_gazetteer())
    assert {kind: (c.tp, len(c.false_positives), len(c.false_negatives)) for kind, c in comparisons.items()} == {
        "places": (2, 0, 0),
        "vn_places": (1, 0, 0),
        "organizations": (1, 0, 0),
        "contacts": (1, 0, 0),
        "sectors": (2, 0, 0),
        "amounts": (1, 0, 0),
        "opportunities": (1, 0, 0),
    }


def test_a_contact_with_the_right_name_and_a_wrong_title_is_wrong():
    preview = {"contacts": [{"full_name": "Nguyễn Lộc Hà", "title": "Phó chủ tịch"}]}
    contacts = compare(preview, GOLD, load_gazetteer())["contacts"]
    assert (contacts.tp, contacts.false_positives, contacts.false_negatives) == (
        0,
        ["nguyen loc ha | pho chu tich"],
        ["nguyen loc ha | pho chu tich ubnd tp hcm"],
    )


def test_an_opportunity_is_keyed_by_its_organization_when_it_has_one():
    gold = {
        "opportunities": [
            {"organization": "Hội Hữu nghị", "origin": "Quảng Châu", "province": "Hà Nội", "sector": "railways"}
        ]
    }
    by_origin = {
        "opportunities": [{"organization": "", "origin": "Quảng Châu", "province": "Hà Nội", "sector": "railways"}]
    }
    assert compare(by_origin, gold, load_gazetteer())["opportunities"].tp == 0


def test_scores_are_micro_averaged_over_files():
    preview = {"sectors": [{"slug": "ai"}, {"slug": "trade"}]}
    report = evaluate([(preview, GOLD), (None, {"source": "b.txt", "sectors": [{"slug": "ai"}]})])
    sectors = report.scores["sectors"]
    assert (sectors.tp, sectors.fp, sectors.fn) == (1, 1, 2)
    assert round(sectors.precision, 3) == 0.5
    assert round(sectors.recall, 3) == 0.333
    assert round(sectors.f1, 3) == 0.4


def test_nothing_expected_and_nothing_found_is_a_perfect_score():
    assert KindScore("amounts").f1 == 1.0


def test_an_opportunity_organization_written_as_a_gold_alias_is_the_same_organization():
    gold = {
        "organizations": [{"name": "Hiệp hội Doanh nghiệp Hàn Quốc tại Việt Nam", "aliases": ["KoCham"]}],
        "opportunities": [
            {"organization": "Hiệp hội Doanh nghiệp Hàn Quốc tại Việt Nam", "province": "Đồng Nai", "sector": "trade"}
        ],
    }
    preview = {"opportunities": [{"organization": "KoCham", "province": "Đồng Nai", "sector": "trade"}]}
    opportunities = compare(preview, gold, load_gazetteer())["opportunities"]
    assert (opportunities.tp, opportunities.false_positives, opportunities.false_negatives) == (1, [], [])
