"""The gold annotations of the corpus hold facts, not third-party text, and name only known things.

Names, titles and projects under ten words are kept as written; anything longer is an offset pair
into the article (`{"at": [start, end]}`), so no sentence of an article is copied here. Slugs must be
reference data the importer knows, and statuses and investment types the CRM's own choices.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from leads.choices import InvestmentType, OrganizationKind, ReportedStatus

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "fixtures" / "corpus_gold"
REFERENCE = ROOT / "fixtures" / "reference"
FILES = sorted(path for path in GOLD.glob("*.json") if path.name != "split.json")


def reference(name: str) -> list[dict]:
    return json.loads((REFERENCE / f"{name}.json").read_text(encoding="utf-8"))


def strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict) and set(value) != {"at"}:
        for key, item in value.items():
            if key != "notes":
                yield from strings(item)


def test_the_split_is_60_test_and_120_dev_articles_and_every_one_is_annotated() -> None:
    split = json.loads((GOLD / "split.json").read_text(encoding="utf-8"))
    assert (len(split["test"]), len(split["dev"])) == (60, 120)
    assert not set(split["test"]) & set(split["dev"])
    assert sorted(split["test"] + split["dev"]) == [path.stem for path in FILES]


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_a_gold_file_holds_short_facts_and_known_slugs(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert [s for s in strings(gold) if len(re.findall(r"\w+", s)) >= 10] == []
    current = {p["slug"] for p in reference("provinces") if p["is_current"]}
    origins = {c["code"].lower() for c in reference("countries")} | {r["slug"] for r in reference("foreign_regions")}
    sectors = {s["slug"] for s in reference("sectors")}
    assert {o["kind"] for o in gold["organizations"]} <= set(OrganizationKind.values)
    assert set(gold["sectors"]) <= sectors
    for lead in gold["leads"]:
        assert lead["province"] in current | {""}
        assert lead["origin"] in origins | {""}
        assert set(lead["sectors"]) <= sectors
        assert lead["status"] in ReportedStatus.values
        assert lead["investment_type"] in InvestmentType.values
        start, end = lead["evidence"]
        assert 0 <= start < end
