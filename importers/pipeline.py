"""The importer end to end: documents in, an `ImportReport` out.

`import_documents` runs parse → extract → resolve → save on each document, one transaction per
article, and never stops for one bad source: a document that cannot be read, parsed,
extracted or saved becomes a failed outcome with a one-sentence error, and nothing of it is
left in the database. The management command, the admin import page and the API's
`POST /api/v1/articles/import/` all call these functions, so an upload and a folder import
behave the same:

    import_documents(documents, *, user=None, update=False, dry_run=False, on_progress=None) -> ImportReport
    import_text(text, *, filename="", user=None, update=False, dry_run=False) -> ImportReport
    import_bytes(data, filename="", *, user=None, update=False, dry_run=False) -> ImportReport

A dry run reads the database for nothing and writes nothing: each outcome carries the preview
dict of design.md's contract instead of saved records.

`import_text` and `import_bytes` serve a person waiting for the answer (the API, the admin), so
they are bounded: a file over `IMPORT_MAX_BYTES` is a read error, and one holding more than
`IMPORT_MAX_ARTICLES` articles raises `TooManyArticles` before anything is saved (a feed's or
JSON Lines file's entries are counted before they are parsed), for the caller to refuse in its
own words. `import_documents` (the command) has no limit.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from importers.extraction import extract_article, extraction_to_preview
from importers.parsing import parse_document
from importers.readers import TooManyArticles, read_bytes
from importers.resolution import ReferenceData
from importers.saving import KINDS, ArticleOutcome, User, find_imported, save_extraction
from importers.types import RawDocument, ReadError

logger = logging.getLogger(__name__)

TEXT_SOURCE = "<text>"
UPLOAD_SOURCE = "<upload>"
STATUSES = ("new", "unchanged", "updated", "failed")
NO_ARTICLE_TEXT = "The document has no article text, only its date line or other metadata."


def check_article_limit(count: int) -> None:
    """Raise `TooManyArticles` when `count` articles are more than one synchronous import may hold."""
    limit = settings.IMPORT_MAX_ARTICLES
    if count > limit:
        raise TooManyArticles(count, limit)


@dataclass
class SourceOutcome:
    """What happened to one document: saved (with the `ArticleOutcome`), previewed, or failed."""

    source: str
    status: str  # "new", "unchanged", "updated", "failed" or, in a dry run, "preview"
    error: str = ""
    saved: ArticleOutcome | None = None
    preview: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        """The line a `--json` run prints: the preview, the error, or what was saved."""
        if self.error:
            return {"source": self.source, "error": self.error}
        if self.preview is not None:
            return self.preview
        assert self.saved is not None
        return {
            "source": self.source,
            "status": self.status,
            "article_id": self.saved.article.pk,
            "created": {kind: self.saved.created[kind] for kind in KINDS},
            "matched": {kind: self.saved.matched[kind] for kind in KINDS},
        }


@dataclass
class ImportReport:
    """Every document's outcome, in order, and the totals the summary table shows."""

    outcomes: list[SourceOutcome] = field(default_factory=list)

    @property
    def articles(self) -> Counter[str]:
        """Documents per status."""
        return Counter(outcome.status for outcome in self.outcomes)

    @property
    def created(self) -> Counter[str]:
        return sum((outcome.saved.created for outcome in self.outcomes if outcome.saved), Counter())

    @property
    def matched(self) -> Counter[str]:
        return sum((outcome.saved.matched for outcome in self.outcomes if outcome.saved), Counter())

    @property
    def failures(self) -> list[SourceOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "failed"]


def import_documents(
    documents: Iterable[RawDocument | ReadError],
    *,
    user: User | None = None,
    update: bool = False,
    dry_run: bool = False,
    on_progress: Callable[[SourceOutcome], None] | None = None,
) -> ImportReport:
    """Import each document (or report its read error); `on_progress` is called after each one.

    `update` rebuilds what came from articles imported before instead of reporting them
    unchanged. `dry_run` extracts and returns previews without touching the database.
    """
    report = ImportReport()
    reference = None if dry_run else ReferenceData.load()
    for document in documents:
        outcome = _import_one(document, user=user, update=update, reference=reference)
        report.outcomes.append(outcome)
        if on_progress is not None:
            on_progress(outcome)
    return report


def import_text(
    text: str, *, filename: str = "", user: User | None = None, update: bool = False, dry_run: bool = False
) -> ImportReport:
    """Import pasted or posted text: plain text, JSON or HTML, recognized as a file would be.

    `filename`, when given, names the source and its extension decides the format.
    """
    return import_bytes(text.encode("utf-8"), filename or TEXT_SOURCE, user=user, update=update, dry_run=dry_run)


def import_bytes(
    data: bytes, filename: str = "", *, user: User | None = None, update: bool = False, dry_run: bool = False
) -> ImportReport:
    """Import an uploaded file: its encoding is detected and it may hold several articles.

    Raises `TooManyArticles` (having saved nothing) past `IMPORT_MAX_ARTICLES`.
    """
    return import_documents(read_upload(data, filename), user=user, update=update, dry_run=dry_run)


def read_upload(data: bytes, filename: str = "") -> list[RawDocument | ReadError]:
    """The documents of one upload (a read error as the only item), within the synchronous limits."""
    source = filename or UPLOAD_SOURCE
    documents = read_bytes(
        data,
        source=source,
        filename=filename,
        max_bytes=settings.IMPORT_MAX_BYTES,
        max_documents=settings.IMPORT_MAX_ARTICLES,
    )
    if isinstance(documents, ReadError):
        return [documents]
    check_article_limit(len(documents))
    return list(documents)


def text_length(documents: list[RawDocument | ReadError]) -> int:
    """Characters of article text in the readable documents: what extraction's cost grows with."""
    return sum(len(document.text) for document in documents if not isinstance(document, ReadError))


def import_document(
    document: RawDocument | ReadError, *, user: User | None = None, update: bool = False, reference: ReferenceData
) -> SourceOutcome:
    """Import one document (or report its read error), with reference data the caller read once.

    For a caller that records each outcome in the article's own transaction (`importers.jobs`).
    """
    return _import_one(document, user=user, update=update, reference=reference)


def _import_one(
    document: RawDocument | ReadError, *, user: User | None, update: bool, reference: ReferenceData | None
) -> SourceOutcome:
    if isinstance(document, ReadError):
        return SourceOutcome(document.source, "failed", error=document.message)
    try:
        parsed = parse_document(document)
        if not parsed.title and not parsed.body:  # " date 2025-09-18" alone: saved, it would be an empty article
            return SourceOutcome(document.source, "failed", error=NO_ARTICLE_TEXT)
        if reference is None:
            preview = {"source": document.source, **extraction_to_preview(extract_article(parsed))}
            return SourceOutcome(document.source, "preview", preview=preview)
        known = None if update else find_imported(parsed.content_hash)
        if known is not None:  # skip extraction: saving would find it unchanged anyway
            saved = ArticleOutcome("unchanged", known)
        else:
            saved = save_extraction(
                extract_article(parsed), origin=document.source, user=user, update=update, reference=reference
            )
    except Exception as error:  # one broken article must not stop the others; its transaction rolled back
        # The person sees one line; the traceback is for whoever fixes the bug (LOG_LEVEL=DEBUG).
        logger.debug("Importing %s failed", document.source, exc_info=True)
        reason = next(iter(str(error).splitlines()), type(error).__name__)  # one line, as every error is
        return SourceOutcome(document.source, "failed", error=f"The article could not be imported: {reason}.")
    return SourceOutcome(document.source, saved.status, saved=saved)
