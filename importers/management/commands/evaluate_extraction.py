"""`manage.py evaluate_extraction GOLD_FOLDER`: score the extraction rules against gold annotations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from importers.evaluation import ACCURACIES, KINDS, EvaluationReport, evaluate, load_gold_files, resolve_spans
from importers.extraction import extract_article, extraction_to_preview
from importers.parsing import parse_document
from importers.readers import read_sources
from importers.types import ReadError


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # pure extraction: no database, nothing the checks guard
    help = (
        "Run read → parse → extract on the article of each gold file and print precision, recall "
        "and F1 per kind of finding (micro-averaged over the files), and the accuracy of the value, "
        "site and status of the leads found."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="Folder of gold annotations (*.json), e.g. fixtures/gold/.")
        parser.add_argument(
            "--corpus",
            help="Folder of the corpus whose articles/NNNN.txt the gold files' `id` name, e.g. ../shared/corpus.",
        )
        parser.add_argument(
            "--split", choices=("test", "dev"), help="Only the gold files the folder's split.json lists under it."
        )
        parser.add_argument("--json", action="store_true", help="Print the scores as one JSON object.")
        parser.add_argument(
            "--verbose", action="store_true", help="List the false positives and false negatives of each file."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["folder"])
        if not folder.is_dir():
            raise CommandError(f"No folder of gold annotations at {folder}.")
        if options["split"] and not (folder / "split.json").is_file():
            raise CommandError(f"No split.json in {folder}: --split needs one.")
        corpus = Path(options["corpus"]) if options["corpus"] else None
        if corpus is not None and not (corpus / "articles").is_dir():
            raise CommandError(f"No corpus articles at {corpus / 'articles'}.")
        gold_files = load_gold_files(folder, options["split"] or "")
        if not gold_files:
            raise CommandError(f"No gold annotations (*.json) in {folder}.")
        pairs, errors = [], {}
        for path, gold in gold_files:
            source = str(corpus / "articles" / f"{gold['id']}.txt") if corpus and "id" in gold else gold.get("source")
            if not source:
                raise CommandError(f"{path.name} names no article (`source`), and no --corpus gives its `id` one.")
            preview, error, text = _preview(source)
            if error:
                errors[gold.get("source") or gold.get("id", "")] = error
                self.stderr.write(f"{path.name}: {source}: {error}")
            pairs.append((preview, resolve_spans(gold, text)))
        report = evaluate(pairs, errors=errors)
        if options["json"]:
            self.stdout.write(json.dumps(_as_json(report, len(gold_files), len(errors)), indent=2))
        else:
            self._write_table(report, len(gold_files), len(errors))
        if options["verbose"]:
            self._write_misses(report)

    def _write_table(self, report: EvaluationReport, files: int, failed: int) -> None:
        self.stdout.write(f"{files} articles, {failed} failed")
        self.stdout.write(f"{'kind':<15}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}{'F1':>7}")
        for kind in KINDS:
            score = report.scores[kind]
            if kind in ACCURACIES:
                self.stdout.write(
                    f"{kind:<15}{score.tp:>5}{'':>5}{score.fn:>5}{'':>11}{'':>8}{score.recall:>7.3f}  (accuracy)"
                )
                continue
            self.stdout.write(
                f"{kind:<15}{score.tp:>5}{score.fp:>5}{score.fn:>5}"
                f"{score.precision:>11.3f}{score.recall:>8.3f}{score.f1:>7.3f}"
            )

    def _write_misses(self, report: EvaluationReport) -> None:
        for file in report.files:
            self.stdout.write(self.style.MIGRATE_HEADING(f"\n{file.source}"))
            for kind, comparison in file.comparisons.items():
                for item in comparison.false_positives:
                    self.stdout.write(f"  FP {kind}: {item}")
                for item in comparison.false_negatives:
                    self.stdout.write(f"  FN {kind}: {item}")


def _as_json(report: EvaluationReport, files: int, failed: int) -> dict[str, Any]:
    return {
        "articles": files,
        "failed": failed,
        "scores": {
            kind: {
                "tp": score.tp,
                "fp": score.fp,
                "fn": score.fn,
                "precision": round(score.precision, 4),
                "recall": round(score.recall, 4),
                "f1": round(score.f1, 4),
            }
            for kind, score in report.scores.items()
        },
    }


def _preview(source: str) -> tuple[dict[str, Any] | None, str, str]:
    """The preview of the article at `source` (relative to the project when not found as given),
    the error that stopped it, and the file's text (gold offsets point into it)."""
    path = Path(source)
    if not path.is_absolute() and not path.exists():
        path = Path(settings.BASE_DIR) / source
    text = path.read_bytes().decode("utf-8", errors="replace") if path.is_file() else ""
    documents = list(read_sources([str(path)]))
    if not documents:
        return None, "The source holds no article.", text
    document = documents[0]
    if isinstance(document, ReadError):
        return None, document.message, text
    try:
        return extraction_to_preview(extract_article(parse_document(document))), "", text
    except Exception as error:  # a rule that breaks on one article must be counted, not stop the run
        return None, f"Extraction failed: {type(error).__name__}: {error}", text
