"""Scoring extraction previews against hand-made gold annotations (`fixtures/gold/*.json`).

The targets of the extraction rules are stated as F1 per kind of finding, micro-averaged over
the gold files, so this module decides what counts as the same finding:

- places by slug (and `vn_places`: the Vietnamese provinces and cities among them);
- sectors by slug; amounts by (value, currency);
- organizations by folded name, the gold's aliases counting as its name;
- contacts by folded full name AND folded title (the organization is not required);
- opportunities by (organization, or origin when there is none; province; sector), with
  provinces compared as places ("TP.HCM" is "TP. Hồ Chí Minh") and organizations by the gold's
  name or one of its aliases, as organizations are.

Names are folded with :func:`leads.text.normalize_name`. Pure: no Django, no database.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from importers.extraction.gazetteer import Gazetteer, load_gazetteer
from leads.text import normalize_name

KINDS = ("places", "vn_places", "organizations", "contacts", "sectors", "amounts", "opportunities")


@dataclass
class KindScore:
    """True/false positives and false negatives of one kind, summed over files."""

    kind: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Comparison:
    """One kind in one file: the counts and what was wrong, as short readable labels."""

    tp: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)


@dataclass
class FileReport:
    source: str
    comparisons: dict[str, Comparison]
    error: str = ""


@dataclass
class EvaluationReport:
    scores: dict[str, KindScore]
    files: list[FileReport]


def load_gold_files(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    """Every gold annotation in `folder` (`*.json`), in name order."""
    return [(path, json.loads(path.read_text(encoding="utf-8"))) for path in sorted(folder.glob("*.json"))]


def evaluate(
    pairs: Iterable[tuple[dict[str, Any] | None, dict[str, Any]]],
    gazetteer: Gazetteer | None = None,
    *,
    errors: dict[str, str] | None = None,
) -> EvaluationReport:
    """Score (preview, gold) pairs; a missing preview (the article could not be read) scores nothing found."""
    gazetteer = gazetteer or load_gazetteer()
    scores = {kind: KindScore(kind) for kind in KINDS}
    files = []
    for preview, gold in pairs:
        comparisons = compare(preview or {}, gold, gazetteer)
        for kind, comparison in comparisons.items():
            score = scores[kind]
            score.tp += comparison.tp
            score.fp += len(comparison.false_positives)
            score.fn += len(comparison.false_negatives)
        source = gold.get("source", "")
        files.append(FileReport(source, comparisons, (errors or {}).get(source, "")))
    return EvaluationReport(scores, files)


def compare(preview: dict[str, Any], gold: dict[str, Any], gazetteer: Gazetteer) -> dict[str, Comparison]:
    """Compare one article's preview with its gold annotation, kind by kind."""

    def province(name: str) -> str:
        place = gazetteer.place_by_name(name) if name else None
        return place.slug if place else normalize_name(name)

    def vietnamese(place: dict[str, Any]) -> bool:
        return place.get("country") == "VN" and place.get("kind") != "country"

    # A gold organization's aliases name it in opportunity keys too ("KoCham" is "Hiệp hội Doanh
    # nghiệp Hàn Quốc tại Việt Nam").
    canonical = {
        normalize_name(form): normalize_name(org.get("name", ""))
        for org in gold.get("organizations", [])
        for form in [org.get("name", ""), *org.get("aliases", [])]
        if form
    }

    def opportunity(item: dict[str, Any]) -> tuple[str, ...]:
        who = normalize_name(item.get("organization") or item.get("origin") or "")
        return (canonical.get(who, who), province(item.get("province") or ""), item.get("sector", ""))

    def amount(item: dict[str, Any]) -> tuple[str, ...]:
        value = Decimal(str(item.get("value")))
        return (str(value.normalize()), item.get("currency", ""))

    def both(kind: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return preview.get(kind, []), gold.get(kind, [])

    places, gold_places = both("places")
    return {
        "places": _match_keys(places, gold_places, lambda p: (p.get("slug", ""),)),
        "vn_places": _match_keys(
            [p for p in places if vietnamese(p)],
            [p for p in gold_places if vietnamese(p)],
            lambda p: (p.get("slug", ""),),
        ),
        "organizations": _match_organizations(*both("organizations")),
        "contacts": _match_keys(
            *both("contacts"),
            lambda c: (normalize_name(c.get("full_name", "")), normalize_name(c.get("title", ""))),
        ),
        "sectors": _match_keys(*both("sectors"), lambda s: (s.get("slug", ""),)),
        "amounts": _match_keys(*both("amounts"), amount),
        "opportunities": _match_keys(*both("opportunities"), opportunity),
    }


def _match_keys(
    predicted: list[dict[str, Any]], expected: list[dict[str, Any]], key: Callable[[dict[str, Any]], tuple[str, ...]]
) -> Comparison:
    """Match findings by key; each key counts once on each side (duplicates are not extra hits)."""
    predicted_keys = list(dict.fromkeys(key(p) for p in predicted))
    expected_keys = list(dict.fromkeys(key(e) for e in expected))
    expected_set, predicted_set = set(expected_keys), set(predicted_keys)
    return Comparison(
        tp=len(predicted_set & expected_set),
        false_positives=[" | ".join(k) for k in predicted_keys if k not in expected_set],
        false_negatives=[" | ".join(k) for k in expected_keys if k not in predicted_set],
    )


def _match_organizations(predicted: list[dict[str, Any]], expected: list[dict[str, Any]]) -> Comparison:
    """An organization is found when its folded name equals the gold name or one of its aliases."""
    names = {
        index: {normalize_name(n) for n in [gold.get("name", ""), *gold.get("aliases", [])]}
        for index, gold in enumerate(expected)
    }
    matched: set[int] = set()
    comparison = Comparison()
    for item in dict.fromkeys(normalize_name(p.get("name", "")) for p in predicted):
        hit = next((i for i, forms in names.items() if item in forms and i not in matched), None)
        if hit is None:
            if not any(item in forms for forms in names.values()):  # a second spelling of a found one is no error
                comparison.false_positives.append(item)
            continue
        matched.add(hit)
        comparison.tp += 1
    comparison.false_negatives = [expected[i].get("name", "") for i in names if i not in matched]
    return comparison
