"""`manage.py import_articles PATH...`: import articles from files, folders, globs or stdin (`-`)."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from importers.pipeline import STATUSES, ImportReport, SourceOutcome, import_documents
from importers.readers import read_sources
from importers.saving import KINDS

# A progress bar is worth drawing from this many documents on, and only on a terminal.
PROGRESS_MIN_DOCUMENTS = 5


class Command(BaseCommand):
    help = (
        "Import news articles (text, HTML, JSON, JSON Lines, RSS/Atom) into organizations, contacts and "
        "opportunities with evidence. A file that cannot be read is reported and the others still import; "
        "the exit status is 1 when any failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="A file, a folder, a glob pattern, or - for stdin."
        )
        parser.add_argument("--dry-run", action="store_true", help="Extract and show the result; write nothing.")
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print one JSON object per article (JSON Lines) instead of the summary: with --dry-run, "
            "the preview contract of docs/design.md; errors as {source, error}.",
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Re-run extraction on articles imported before and rebuild what came from them; "
            "what staff edited by hand is kept.",
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=settings.IMPORT_MAX_BYTES,
            help="Refuse files larger than this (default the IMPORT_MAX_BYTES setting, 5 MiB).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        documents = list(read_sources(options["paths"], max_bytes=options["max_bytes"]))
        show_progress = len(documents) >= PROGRESS_MIN_DOCUMENTS and self.stderr.isatty()
        with tqdm(total=len(documents), unit="article", file=sys.stderr, disable=not show_progress) as bar:

            def progress(outcome: SourceOutcome) -> None:
                bar.update(1)
                if options["json"]:
                    self.stdout.write(json.dumps(outcome.as_json(), ensure_ascii=False, default=str))

            report = import_documents(
                documents, update=options["update"], dry_run=options["dry_run"], on_progress=progress
            )
        if not options["json"]:
            self._write_summary(report, dry_run=options["dry_run"])
        failed = len(report.failures)
        if failed:
            done = "previewed" if options["dry_run"] else "imported"
            raise CommandError(f"{failed} of {len(report.outcomes)} sources failed; the others were {done}.")

    def _write_summary(self, report: ImportReport, *, dry_run: bool) -> None:
        """Errors one line each on stderr, then the summary table on stdout."""
        for outcome in report.failures:
            self.stderr.write(f"{outcome.source}: {outcome.error}")
        if dry_run:
            for outcome in report.outcomes:
                if outcome.preview is not None:
                    self.stdout.write(_preview_line(outcome))
            self.stdout.write(
                f"Dry run, nothing was saved: {report.articles['preview']} previewed, "
                f"{report.articles['failed']} failed."
            )
            return
        articles = report.articles
        self.stdout.write("Articles: " + ", ".join(f"{articles[status]} {status}" for status in STATUSES))
        created, matched = report.created, report.matched
        width = max(len(kind) for kind in KINDS)
        self.stdout.write(f"{'':{width}}  {'created':>7}  {'matched':>7}")
        for kind in KINDS:
            self.stdout.write(f"{kind:{width}}  {created[kind]:>7}  {matched[kind]:>7}")
        style = self.style.ERROR if articles["failed"] else self.style.SUCCESS
        self.stdout.write(style("Import finished with errors." if articles["failed"] else "Import finished."))


def _preview_line(outcome: SourceOutcome) -> str:
    """One line per previewed article: what a real import would save from it."""
    preview = outcome.preview or {}
    counts = ", ".join(f"{len(preview.get(kind, []))} {kind}" for kind in KINDS)
    return f"{outcome.source}: {counts}"
