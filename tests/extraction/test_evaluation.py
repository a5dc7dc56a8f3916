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
    "leads": [{"organization": "", "origin": "cn", "province": "ho-chi-minh", "sectors": ["ai"], "status": "interest"}],
}


def test_names_titles_and_provinces_are_compared_folded():
    preview = {
        "organizations": [{"name": "Ủy ban nhân dân TP. Hồ Chí Minh"}],
        "contacts": [{"full_name": "NGUYỄN LỘC HÀ", "title": "Phó Chủ tịch UBND TP. HCM", "organization": ""}],
        "places": [{"slug": "ho-chi-minh", "country": "VN", "kind": "city"}, {"slug": "cn", "country": "CN"}],
        "sectors": [{"slug": "ai"}, {"slug": "iot"}],
        "amounts": [{"value": 3000000000.0, "currency": "USD"}],
        "opportunities": [
            {"organization": "", "origin": "Trung Quốc", "province": "TP.HCM", "sectors": ["ai"], "status": "interest"}
        ],
    }
    comparisons = compare(preview, GOLD, load_gazetteer())
    assert {kind: (c.tp, len(c.false_positives), len(c.false_negatives)) for kind, c in comparisons.items()} == {
        "places": (2, 0, 0),
        "vn_places": (1, 0, 0),
        "organizations": (1, 0, 0),
        "contacts": (1, 0, 0),
        "sectors": (2, 0, 0),
        "amounts": (1, 0, 0),
        "leads": (1, 0, 0),
        "named_leads": (0, 0, 0),
        "lead_value": (1, 0, 0),
        "lead_site": (1, 0, 0),
        "lead_status": (1, 0, 0),
    }


def test_a_contact_with_the_right_name_and_a_wrong_title_is_wrong():
    preview = {"contacts": [{"full_name": "Nguyễn Lộc Hà", "title": "Phó chủ tịch"}]}
    contacts = compare(preview, GOLD, load_gazetteer())["contacts"]
    assert (contacts.tp, contacts.false_positives, contacts.false_negatives) == (
        0,
        ["nguyen loc ha | pho chu tich"],
        ["nguyen loc ha | pho chu tich ubnd tp hcm"],
    )


def test_a_lead_is_keyed_by_its_organization_when_it_has_one():
    gold = {"leads": [{"organization": "Hội Hữu nghị", "origin": "quang-chau", "province": "ha-noi"}]}
    by_origin = {"opportunities": [{"organization": "", "origin": "Quảng Châu", "province": "Hà Nội", "sectors": []}]}
    comparison = compare(by_origin, gold, load_gazetteer())
    assert (comparison["leads"].tp, comparison["named_leads"].false_negatives) == (0, ["hoi huu nghi -> ha-noi"])


def test_a_lead_of_a_subsidiary_matches_the_group_it_belongs_to_and_its_facts_are_compared():
    gold = {
        "leads": [
            {
                "organization": "Công ty TNHH Minh Quang Việt Nam",
                "group": "Tập đoàn Minh Quang",
                "province": "bac-ninh",
                "site": "KCN Quế Võ",
                "status": "licensed",
                "value": 120000000,
                "currency": "USD",
            }
        ]
    }
    preview = {
        "opportunities": [
            {
                "organization": "Tập đoàn Minh Quang",
                "province": "Bắc Ninh",
                "site": "Khu công nghiệp Quế Võ",
                "sectors": ["electronics"],
                "status": "proposal",
                "value": 120000000.0,
                "currency": "USD",
            }
        ]
    }
    comparison = compare(preview, gold, load_gazetteer())
    assert [comparison[kind].tp for kind in ("leads", "named_leads", "lead_value", "lead_site")] == [1, 1, 1, 1]
    assert comparison["lead_status"].false_negatives == [
        "cong ty tnhh minh quang viet nam / tap doan minh quang -> bac-ninh: proposal instead of licensed"
    ]


def test_preview_rows_written_one_per_sector_count_as_one_lead_per_investor_and_target():
    gold = {"leads": [{"organization": "", "origin": "cn", "province": "", "sectors": ["ai", "iot"]}]}
    preview = {
        "opportunities": [
            {"organization": "", "origin": "Trung Quốc", "province": "", "sector": "ai"},
            {"organization": "", "origin": "Trung Quốc", "province": "", "sector": "iot"},
        ]
    }
    leads = compare(preview, gold, load_gazetteer())["leads"]
    assert (leads.tp, leads.false_positives, leads.false_negatives) == (1, [], [])


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
        "leads": [{"organization": "Hiệp hội Doanh nghiệp Hàn Quốc tại Việt Nam", "province": "dong-nai"}],
    }
    preview = {"opportunities": [{"organization": "KoCham", "province": "Đồng Nai", "sectors": ["trade"]}]}
    leads = compare(preview, gold, load_gazetteer())["leads"]
    assert (leads.tp, leads.false_positives, leads.false_negatives) == (1, [], [])
