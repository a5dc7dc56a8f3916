"""`manage.py benchmark_import`: how many articles per second the importer reads, extracts and saves.

The seed articles are copied into a temporary folder until there are `--articles` of them
(1,000 by default), each copy made distinct by one appended line so its content hash differs
and it is imported as a new article. Two measurements:

- extraction alone: read the folder, parse and extract every article, no database;
- full import: read, parse, extract, resolve and save every article into a throw-away database
  of the configured engine, created and migrated for the run and dropped at the end (a
  temporary SQLite file, or `crm_bench_<pid>` on PostgreSQL), so the real data is never touched.

Run it once per engine:

    python manage.py benchmark_import
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/crm python manage.py benchmark_import
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from importers.extraction import extract_article
from importers.parsing import parse_document
from importers.pipeline import import_documents
from importers.readers import read_sources
from importers.types import RawDocument

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "articles"


class Command(BaseCommand):
    help = "Measure articles per second for extraction alone and for a full import into a throw-away database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--articles", type=int, default=1000, help="How many distinct articles (default 1000).")
        parser.add_argument("--seeds", default=str(SEEDS), help="Folder of articles to copy (default the seeds).")

    def handle(self, *args: Any, articles: int, seeds: str, **options: Any) -> None:
        seed_documents = [document for document in read_sources([seeds]) if isinstance(document, RawDocument)]
        if not seed_documents or articles < 1:
            raise CommandError(f"Nothing to measure: no readable article in {seeds}, or --articles below 1.")
        with tempfile.TemporaryDirectory(prefix="crm_bench_") as workspace:
            folder = Path(workspace) / "articles"
            folder.mkdir()
            write_copies(seed_documents, articles, folder)
            extraction = timed(lambda: extract_folder(str(folder)))
            import_seconds, failed = self._import_into_throwaway_database(str(folder), Path(workspace) / "db.sqlite3")
        if failed:
            raise CommandError(f"{failed} of {articles} articles failed to import; the numbers would mean nothing.")
        engine = connection.vendor
        rows = [("extraction (read, parse, extract)", extraction), (f"full import into {engine}", import_seconds)]
        self.stdout.write(f"{articles:,} distinct articles from {len(seed_documents)} seeds")
        self.stdout.write(f"{'step':<36}{'seconds':>10}{'articles/s':>12}")
        for label, seconds in rows:
            self.stdout.write(f"{label:<36}{seconds:>10.2f}{articles / seconds:>12.1f}")

    def _import_into_throwaway_database(self, folder: str, sqlite_path: Path) -> tuple[float, int]:
        """Seconds to import the folder into a fresh, migrated database, and how many articles failed.

        Django's test-database machinery creates, migrates and drops the database; its name is
        set here so it never collides with the test suite's.
        """
        test_settings = connection.settings_dict.setdefault("TEST", {})
        test_settings["NAME"] = str(sqlite_path) if connection.vendor == "sqlite" else f"crm_bench_{os.getpid()}"
        real_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            started = time.perf_counter()
            report = import_documents(read_sources([folder]))
            return time.perf_counter() - started, len(report.failures)
        finally:
            connection.creation.destroy_test_db(real_name, verbosity=0)


def write_copies(documents: list[RawDocument], count: int, folder: Path) -> None:
    """Write `count` copies of the documents, cycling through them, each with a distinct last line."""
    for number in range(count):
        document = documents[number % len(documents)]
        text = f"{document.text.rstrip()}\n\nBản sao số {number + 1} dùng để đo tốc độ nhập bài."
        (folder / f"{number:05d}.txt").write_text(text, encoding="utf-8")


def extract_folder(folder: str) -> None:
    for document in read_sources([folder]):
        if isinstance(document, RawDocument):
            extract_article(parse_document(document))


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started
