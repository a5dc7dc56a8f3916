"""`manage.py evaluate_extraction GOLD_FOLDER`: score the extraction rules against gold annotations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from importers.evaluation import KINDS, EvaluationReport, evaluate, load_gold_files
from importers.extraction import extract_article, extraction_to_preview
from importers.parsing import parse_document
from importers.readers import read_sources
from importers.types import ReadError


class Command(BaseCommand):
    help = (
        "Run read → parse → extract on the article named by each gold file's `source` and print "
        "precision, recall and F1 per kind of finding (micro-averaged over the files)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="Folder of gold annotations (*.json), e.g. fixtures/gold/.")
        parser.add_argument(
            "--verbose", action="store_true", help="List the false positives and false negatives of each file."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["folder"])
        if not folder.is_dir():
            raise CommandError(f"No folder of gold annotations at {folder}.")
        gold_files = load_gold_files(folder)
        if not gold_files:
            raise CommandError(f"No gold annotations (*.json) in {folder}.")
        pairs, errors = [], {}
        for path, gold in gold_files:
            source = gold.get("source", "")
            preview, error = _preview(source)
            if error:
                errors[source] = error
                self.stderr.write(f"{path.name}: {source}: {error}")
            pairs.append((preview, gold))
        report = evaluate(pairs, errors=errors)
        self._write_table(report)
        if options["verbose"]:
            self._write_misses(report)

    def _write_table(self, report: EvaluationReport) -> None:
        self.stdout.write(f"{'kind':<15}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}{'F1':>7}")
        for kind in KINDS:
            score = report.scores[kind]
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


def _preview(source: str) -> tuple[dict[str, Any] | None, str]:
    """The preview of the article at `source` (relative to the project when not found as given)."""
    path = Path(source)
    if not path.is_absolute() and not path.exists():
        path = Path(settings.BASE_DIR) / source
    documents = list(read_sources([str(path)]))
    if not documents:
        return None, "The source holds no article."
    document = documents[0]
    if isinstance(document, ReadError):
        return None, document.message
    return extraction_to_preview(extract_article(parse_document(document))), ""
