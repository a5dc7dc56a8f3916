"""The importer measured on real news: the frozen test split of the development corpus.

The corpus (`../shared/corpus`, third-party articles kept out of the repository) is read at
run time; its gold annotations are in `fixtures/corpus_gold/`. The floors are the figures the
rules reached on the test split when they were last changed: a change that lowers one fails
here. Outside CI a checkout without the corpus skips; in CI (`CI` set) a missing corpus fails.
"""

from __future__ import annotations

import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "fixtures" / "corpus_gold"

# F1 (accuracy for the lead_* kinds) on the 60 test articles, as last measured, rounded down.
FLOORS = {
    "vn_places": 0.96,
    "places": 0.96,
    "organizations": 0.70,
    "contacts": 0.72,
    "sectors": 0.60,
    "amounts": 0.97,
    "leads": 0.36,
    "named_leads": 0.40,
}


def require_corpus() -> None:
    if not (CORPUS / "articles").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"The corpus is missing at {CORPUS}: CI must measure the importer on it.")
        pytest.skip(f"No corpus at {CORPUS}.")


@pytest.fixture(scope="module")
def scores() -> dict:
    require_corpus()

    out = StringIO()
    call_command("evaluate_extraction", str(GOLD), "--corpus", str(CORPUS), "--split", "test", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_no_test_article_fails(scores: dict) -> None:
    assert (scores["articles"], scores["failed"]) == (60, 0)


def test_the_test_split_scores_at_least_the_floors(scores: dict) -> None:
    reached = {kind: scores["scores"][kind]["f1"] for kind in FLOORS}
    assert {kind: value for kind, value in reached.items() if value < FLOORS[kind]} == {}


def test_every_corpus_article_imports_without_failing() -> None:
    require_corpus()
    from importers.extraction import extract_article
    from importers.parsing import parse_document
    from importers.readers import read_sources

    failed = []
    for path in sorted((CORPUS / "articles").glob("*.txt")):
        for document in read_sources([str(path)]):
            try:
                extract_article(parse_document(document))
            except Exception as error:  # the test reports every article that breaks, not only the first
                failed.append(f"{path.name}: {type(error).__name__}: {error}")
    assert failed == []
