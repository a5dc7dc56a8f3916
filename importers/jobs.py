"""Imports too large for a web request: run by a worker as an `ImportJob`, article by article.

`import_job_create` stores the upload and queues the job (the API answers 202 with it);
`import_job_run` is what the worker runs: it reads the upload, then imports each article in one
transaction together with its `ImportJobItem`, so at any moment, including a worker killed
midway, each article is either imported and recorded or neither. `import_job_retry` queues a
stopped job again: the run skips every position already recorded, and the importer's dedupe (by
content hash) covers an article another job or a poll imported meanwhile. A killed worker cannot
say it stopped: `import_jobs_recover_stalled`, run by the scheduler, queues again a running job
silent for `STALLED_AFTER`, and fails it with the reason after `MAX_ATTEMPTS` runs.

The same functions serve the API (`POST articles/import/` above `IMPORT_SYNC_MAX_ARTICLES`
articles or `IMPORT_SYNC_MAX_CHARACTERS`, `import-jobs/`) and the admin's import page.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from importers.models import ImportJob, ImportJobItem, JobState
from importers.pipeline import UPLOAD_SOURCE, TooManyArticles, import_document, read_upload, text_length
from importers.readers import EXTENSION_FORMATS, FEED_MARKERS, read_bytes
from importers.resolution import ReferenceData
from importers.saving import User
from importers.types import ReadError

FEED_ENTRY = re.compile(rb"<(?:item|entry)[\s>]")
RETRYABLE_STATES = frozenset({JobState.QUEUED, JobState.RUNNING, JobState.FAILED})
# An article takes a second or less, so a running job with no sign of life for this long has lost its worker.
STALLED_AFTER = dt.timedelta(minutes=15)
# Runs of one job before the scheduler gives up on it: a job that kills its worker every time (an upload
# that exhausts memory) stops being retried and says why; staff can still retry it by hand.
MAX_ATTEMPTS = 3


def count_articles(data: bytes, filename: str = "") -> int:
    """About how many articles an upload holds, without reading them: enough to choose now or a job.

    A feed's entries are counted by their tags (parsing a feed of thousands takes seconds, too long
    to make a client wait for a 202); JSON is parsed, which is fast; anything else is one article.
    """
    extension = os.path.splitext(filename)[1].lower()
    fmt = EXTENSION_FORMATS.get(extension)
    head = data[:4000].decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    if fmt == "feed" or (fmt is None and head.startswith("<") and FEED_MARKERS.search(head)):
        return len(FEED_ENTRY.findall(data))
    if fmt == "json" or (fmt is None and head[:1] in ("{", "[")):
        documents = read_bytes(data, source=filename or UPLOAD_SOURCE, filename=filename, max_bytes=len(data))
        return 1 if isinstance(documents, ReadError) else len(documents)
    return 1


def in_background(uploads: list[tuple[bytes, str]]) -> bool:
    """Whether the uploads are more than a web request should import itself: more articles than
    IMPORT_SYNC_MAX_ARTICLES, or more article text than IMPORT_SYNC_MAX_CHARACTERS (one long page
    costs as much as many short ones)."""
    if sum(count_articles(data, name) for data, name in uploads) > settings.IMPORT_SYNC_MAX_ARTICLES:
        return True
    return too_long_for_a_request(uploads)


def too_long_for_a_request(uploads: list[tuple[bytes, str]]) -> bool:
    """Whether the uploads' readable articles hold more than IMPORT_SYNC_MAX_CHARACTERS of text.

    An upload of fewer bytes is not read (no character takes less than a byte). A larger one is:
    reading costs little next to extraction, and a file refused in reading (binary, no main text)
    is still answered at once, not by a job.
    """
    limit = settings.IMPORT_SYNC_MAX_CHARACTERS
    if sum(len(data) for data, _ in uploads) <= limit:
        return False
    length = 0
    for data, name in uploads:
        try:
            documents = read_upload(data, name)
        except TooManyArticles:
            return True
        length += text_length(documents)
    return length > limit


def import_job_create(*, data: bytes, filename: str = "", user: User | None = None, update: bool = False) -> ImportJob:
    """Store the upload as a job and queue it for a worker."""
    job = ImportJob.objects.create(
        payload=data,
        filename=filename[:255],
        update=update,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    _enqueue(job)
    return job


def import_job_retry(*, job: ImportJob) -> ImportJob:
    """Queue a job that stopped (failed, or left running by a worker that died) to finish what is left.

    Retrying a job that is in fact still running elsewhere is safe: each position is recorded once
    (a unique constraint), and an article imported twice is found unchanged the second time.
    """
    if job.state not in RETRYABLE_STATES:
        raise ValidationError({"state": _("This import job has finished; there is nothing left to retry.")})
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.QUEUED, error="", finished_at=None)
    job.refresh_from_db()
    _enqueue(job)
    return job


def import_jobs_recover_stalled(now: dt.datetime | None = None) -> dict[str, list[int]]:
    """Queue again each running job whose worker died, or fail it after `MAX_ATTEMPTS` runs.

    Returns the keys of the jobs queued again and of those failed. A job that is in fact still
    running (a worker stuck for `STALLED_AFTER`) is safe to queue again, as `import_job_retry` says.
    """
    now = now or timezone.now()
    recovered: dict[str, list[int]] = {"requeued": [], "failed": []}
    for job_id in ImportJob.objects.stalled(now - STALLED_AFTER).values_list("pk", flat=True):
        with transaction.atomic():
            job = ImportJob.objects.select_for_update(skip_locked=True).filter(pk=job_id).first()
            if job is None or job.state != JobState.RUNNING:  # taken by another scheduler, or moved on
                continue
            if job.attempts >= MAX_ATTEMPTS:
                minutes = int(STALLED_AFTER.total_seconds() // 60)
                message = _(
                    "No worker advanced the job for %(minutes)d minutes after %(attempts)d runs; "
                    "it is no longer retried by itself. Retry it once the cause is found."
                ) % {"minutes": minutes, "attempts": job.attempts}
                ImportJob.objects.filter(pk=job.pk).update(state=JobState.FAILED, error=message)
                recovered["failed"].append(job.pk)
            else:
                import_job_retry(job=job)
                recovered["requeued"].append(job.pk)
    return recovered


def _enqueue(job: ImportJob) -> None:
    from importers.tasks import run_import_job  # the task module imports this one

    # Queued once the job row is committed, so a worker on another connection can already read it.
    transaction.on_commit(lambda: _record_task(job, run_import_job.enqueue(job.pk).id))


def _record_task(job: ImportJob, task_id: str) -> None:
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(task_id)[:64])
    job.task_id = str(task_id)[:64]


def import_job_run(job_id: int, *, on_article: Callable[[ImportJobItem], None] | None = None) -> dict[str, int]:
    """Import what is left of the job; returns the counts per status. For the worker.

    `on_article` is called inside each article's transaction, after its outcome is recorded (tests
    use it to interrupt a job midway: whatever it raises rolls back that article and its outcome).
    A job that raises is marked failed with the reason and can be retried.
    """
    job = ImportJob.objects.get(pk=job_id)
    if job.state == JobState.FINISHED:
        return _counts(job)
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, started_at=job.started_at or now, progress_at=now, attempts=F("attempts") + 1, error=""
    )
    try:
        _run(job, on_article)
    except Exception as error:
        reason = next(iter(str(error).splitlines()), "") or type(error).__name__
        ImportJob.objects.filter(pk=job.pk).update(state=JobState.FAILED, error=f"The job stopped: {reason}.")
        raise
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.FINISHED, finished_at=timezone.now(), payload=b"")
    return _counts(job)


def _run(job: ImportJob, on_article: Callable[[ImportJobItem], None] | None) -> None:
    source = job.filename or UPLOAD_SOURCE
    documents = read_bytes(
        bytes(job.payload), source=source, filename=job.filename, max_bytes=settings.IMPORT_MAX_BYTES
    )
    if isinstance(documents, ReadError):
        documents = [documents]
    ImportJob.objects.filter(pk=job.pk).update(total=len(documents))
    done = set(job.items.values_list("position", flat=True))
    reference = ReferenceData.load()
    for position, document in enumerate(documents):
        if position in done:
            continue
        try:
            with transaction.atomic():
                outcome = import_document(document, user=job.created_by, update=job.update, reference=reference)
                item = ImportJobItem.objects.create(
                    job=job,
                    position=position,
                    source=outcome.source[:1000],
                    status=outcome.status,
                    error=outcome.error,
                    article=outcome.saved.article if outcome.saved else None,
                    created=dict(outcome.saved.created) if outcome.saved else {},
                    matched=dict(outcome.saved.matched) if outcome.saved else {},
                )
                if on_article is not None:
                    on_article(item)
        except IntegrityError:  # another run of this job recorded the position first; its article stands
            continue


def _counts(job: ImportJob) -> dict[str, int]:
    counted = ImportJob.objects.with_counts().get(pk=job.pk)
    return {"total": counted.total or 0, "processed": counted.processed} | {
        status: getattr(counted, f"count_{status}") for status in ("new", "unchanged", "updated", "failed")
    }
