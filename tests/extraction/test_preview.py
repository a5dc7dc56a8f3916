"""The preview contract of design.md: keys, JSON types, and the seeds against their gold."""

import json
from pathlib import Path

from importers.evaluation import evaluate, load_gold_files
from importers.extraction import extract_article, extraction_to_preview
from importers.parsing import parse_document
from importers.readers import read_sources
from tests.extraction.helpers import preview

ROOT = Path(__file__).resolve().parents[2]


def test_the_preview_has_the_contract_keys_and_is_plain_json():
    result = preview("Tập đoàn Hyosung (Hàn Quốc) mong muốn đầu tư 2,5 triệu USD vào năng lượng tái tạo tại Bắc Giang.")
    assert set(result) >= {
        "source",
        "article",
        "organizations",
        "contacts",
        "places",
        "sectors",
        "amounts",
        "opportunities",
    }
    assert set(result["article"]) == {"title", "published_on", "content_hash", "language"}
    assert result["amounts"] == [{"mention": "2,5 triệu USD", "value": 2500000, "currency": "USD"}]
    assert set(result["opportunities"][0]) >= {
        "organization",
        "origin",
        "province",
        "site",
        "project",
        "sectors",
        "investment_type",
        "status",
        "stage",
        "value",
        "currency",
        "value_usd",
        "evidence",
        "evidence_start",
        "evidence_end",
    }
    lead = result["opportunities"][0]
    assert (lead["sectors"], lead["value"], lead["currency"], lead["value_usd"]) == (
        ["renewable-energy"],
        2500000,
        "USD",
        2500000,
    )
    assert result["places"][-1] == {
        "name": "Bắc Ninh",
        "mention": "Bắc Giang",
        "country": "VN",
        "kind": "province",
        "slug": "bac-ninh",
    }
    json.dumps(result)


def test_a_fractional_amount_is_a_float_and_dates_are_iso():
    import datetime as dt

    result = preview("Ngày 17/9, quỹ cam kết 1,5 USD.", dt.date(2025, 9, 18))
    assert result["amounts"][0]["value"] == 1.5
    assert result["article"]["published_on"] == "2025-09-18"
    assert result["dates"] == [{"mention": "Ngày 17/9", "value": "2025-09-17"}]


def test_the_seed_articles_meet_the_targets_against_their_gold():
    pairs = []
    for _, gold in load_gold_files(ROOT / "fixtures" / "gold"):
        document = next(iter(read_sources([str(ROOT / gold["source"])])))
        pairs.append((extraction_to_preview(extract_article(parse_document(document))), gold))
    scores = evaluate(pairs).scores
    targets = {"vn_places": 0.98, "amounts": 0.98, "sectors": 0.95, "contacts": 0.9, "organizations": 0.85}
    assert {kind: scores[kind].f1 >= target for kind, target in targets.items()} == dict.fromkeys(targets, True)
