"""Scoring extraction previews against hand-made gold annotations.

Two collections of gold files share one format: the seeds' (`fixtures/gold/`, whose `source`
names the article) and the development corpus's (`fixtures/corpus_gold/`, whose `id` names an
article of `../shared/corpus/articles/` and whose `split.json` freezes a test split). The
targets of the extraction rules are stated as F1 per kind of finding, micro-averaged over the
files, so this module decides what counts as the same finding:

- places by slug (and `vn_places`: the Vietnamese provinces and cities among them);
- sectors by slug; amounts by (value, currency);
- organizations by folded name, the gold's aliases counting as its name;
- contacts by folded full name AND folded title (the organization is not required);
- leads by who → where: the investor organization (its gold name, an alias, or the group it
  belongs to), or the origin region or country when the gold names no firm; and the target
  province (today's unit, nationwide when empty). `named_leads` is the same over the gold
  leads that name their investor. Matched leads are then compared field by field: `value`
  (amount and currency), `site` and `status` count as right or wrong (an accuracy, in `tp`
  and `fn`).

Gold strings of ten words or more are written as `{"at": [start, end]}` into the article file
(the texts are third-party and stay out of the repository); `resolve_spans` turns them back
into text. Names are folded with :func:`leads.text.normalize_name`. Pure: no Django, no database.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from importers.extraction.gazetteer import Gazetteer, load_gazetteer
from importers.extraction.sites import site_lookup_key
from leads.text import normalize_name

KINDS = (
    "places",
    "vn_places",
    "organizations",
    "contacts",
    "sectors",
    "amounts",
    "leads",
    "named_leads",
    "lead_value",
    "lead_site",
    "lead_status",
)
# Kinds that are accuracies over matched leads: tp right, fn wrong, no false positives.
ACCURACIES = ("lead_value", "lead_site", "lead_status")


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


def load_gold_files(folder: Path, split: str = "") -> list[tuple[Path, dict[str, Any]]]:
    """Every gold annotation in `folder` (`*.json` but `split.json`), in name order.

    `split` ("test" or "dev") keeps the files whose `id` the folder's `split.json` lists under it.
    """
    wanted: set[str] | None = None
    if split:
        splits = json.loads((folder / "split.json").read_text(encoding="utf-8"))
        wanted = set(splits[split])
    files = []
    for path in sorted(folder.glob("*.json")):
        if path.name == "split.json" or (wanted is not None and path.stem not in wanted):
            continue
        files.append((path, json.loads(path.read_text(encoding="utf-8"))))
    return files


def resolve_spans(value: Any, text: str) -> Any:
    """`value` with every `{"at": [start, end]}` replaced by that slice of `text`, recursively."""
    if isinstance(value, dict):
        if set(value) == {"at"}:
            start, end = value["at"]
            return text[start:end]
        return {key: resolve_spans(item, text) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve_spans(item, text) for item in value]
    return value


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
        source = gold.get("source") or gold.get("id", "")
        files.append(FileReport(source, comparisons, (errors or {}).get(source, "")))
    return EvaluationReport(scores, files)


def compare(preview: dict[str, Any], gold: dict[str, Any], gazetteer: Gazetteer) -> dict[str, Comparison]:
    """Compare one article's preview with its gold annotation, kind by kind."""

    def vietnamese(place: dict[str, Any]) -> bool:
        return place.get("country") == "VN" and place.get("kind") != "country"

    def amount(item: dict[str, Any]) -> tuple[str, ...]:
        return (_number(item.get("value")), item.get("currency", ""))

    def both(kind: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return preview.get(kind, []), gold.get(kind, [])

    places, gold_places = both("places")
    comparisons = {
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
        "sectors": _match_keys(
            [{"slug": s} for s in _sector_slugs(preview.get("sectors", []))],
            [{"slug": s} for s in _sector_slugs(gold.get("sectors", []))],
            lambda s: (s["slug"],),
        ),
        "amounts": _match_keys(*both("amounts"), amount),
    }
    comparisons.update(_compare_leads(preview, gold, gazetteer))
    return comparisons


def _sector_slugs(items: list[Any]) -> list[str]:
    """Sector slugs whether written as slugs (corpus gold) or as `{"slug": ...}` (previews, seed gold)."""
    return [item if isinstance(item, str) else item.get("slug", "") for item in items]


def _number(value: Any) -> str:
    try:
        return str(Decimal(str(value)).normalize())
    except (InvalidOperation, ValueError):
        return str(value)


@dataclass(frozen=True)
class _Lead:
    """A lead as scored: who (the folded forms that name it), where, and the fields compared."""

    who: frozenset[str]
    label: str
    province: str
    named: bool
    value: tuple[str, str] | None
    site: str
    status: str


def _compare_leads(preview: dict[str, Any], gold: dict[str, Any], gazetteer: Gazetteer) -> dict[str, Comparison]:
    """Leads matched who → where, then their value, site and status compared."""
    canonical: dict[str, str] = {}
    for org in gold.get("organizations", []):
        forms = [normalize_name(form) for form in [org.get("name", ""), *org.get("aliases", [])] if form]
        for form in forms:
            canonical.setdefault(form, forms[0])
    expected = [_lead(item, canonical, gazetteer) for item in gold_leads(gold)]
    predicted = [_lead(item, canonical, gazetteer) for item in predicted_leads(preview)]
    unmatched = list(predicted)
    pairs: list[tuple[_Lead, _Lead]] = []
    missed: list[_Lead] = []
    for lead in expected:
        hit = next((p for p in unmatched if p.province == lead.province and p.who & lead.who), None)
        if hit is None:
            missed.append(lead)
            continue
        unmatched.remove(hit)
        pairs.append((lead, hit))

    def accuracy(right: Callable[[_Lead, _Lead], bool], label: Callable[[_Lead], str]) -> Comparison:
        comparison = Comparison()
        for wanted, found in pairs:
            if right(wanted, found):
                comparison.tp += 1
            else:
                comparison.false_negatives.append(f"{wanted.label}: {label(found)} instead of {label(wanted)}")
        return comparison

    return {
        "leads": Comparison(
            tp=len(pairs),
            false_positives=[lead.label for lead in unmatched],
            false_negatives=[lead.label for lead in missed],
        ),
        "named_leads": Comparison(
            tp=sum(1 for wanted, _ in pairs if wanted.named),
            false_positives=[lead.label for lead in unmatched if lead.named],
            false_negatives=[lead.label for lead in missed if lead.named],
        ),
        "lead_value": accuracy(lambda w, f: w.value == f.value, lambda lead: " ".join(lead.value or ("none",))),
        "lead_site": accuracy(lambda w, f: w.site == f.site, lambda lead: lead.site or "no site"),
        "lead_status": accuracy(lambda w, f: w.status == f.status, lambda lead: lead.status or "no status"),
    }


def gold_leads(gold: dict[str, Any]) -> list[dict[str, Any]]:
    """The gold's leads; a seed gold written per sector (`opportunities`) is grouped per who → where."""
    if "leads" in gold:
        return list(gold["leads"])
    return _grouped_by_target(gold.get("opportunities", []))


def predicted_leads(preview: dict[str, Any]) -> list[dict[str, Any]]:
    """The preview's leads; a preview written one row per sector (before leads were one per
    intention) is grouped per who → where, as its leads would have been counted."""
    rows = preview.get("opportunities", [])
    if rows and all("sectors" in row for row in rows):
        return list(rows)
    return _grouped_by_target(rows)


def _grouped_by_target(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rows:
        key = (normalize_name(row.get("organization", "")), row.get("origin", ""), row.get("province", ""))
        lead = groups.setdefault(key, {**row, "sectors": []})
        sector = row.get("sector")
        if sector and sector not in lead["sectors"]:
            lead["sectors"].append(sector)
    return list(groups.values())


def _lead(item: dict[str, Any], canonical: dict[str, str], gazetteer: Gazetteer) -> _Lead:
    def place_slug(value: str) -> str:
        if not value:
            return ""
        place = gazetteer.places_by_slug.get(value) or gazetteer.place_by_name(value)
        return place.slug if place else normalize_name(value)

    names = {normalize_name(item.get(key) or "") for key in ("organization", "group")} - {""}
    origin = item.get("origin_slug") or item.get("origin") or ""
    who = frozenset(canonical.get(name, name) for name in names) or frozenset({f"origin:{place_slug(origin)}"})
    province = place_slug(item.get("province") or "")
    value = item.get("value")
    return _Lead(
        who=who,
        label=f"{' / '.join(sorted(who))} -> {province or 'nationwide'}",
        province=province,
        named=bool(names),
        value=(_number(value), item.get("currency") or "") if value is not None else None,
        site=site_lookup_key(item.get("site") or ""),
        status=item.get("status") or "",
    )


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
