"""The importer's background tasks, run by a worker (`manage.py db_worker`, or RQ's with TASKS_BACKEND=rq).

Each task is a thin wrapper over a service of `importers.polling` or `importers.jobs`, taking keys
(tasks' arguments must be JSON) and returning counts for the task result. `manage.py run_scheduler`
queues `poll_due_sources` and `recover_stalled_import_jobs` every minute.
"""

from __future__ import annotations

from crm.tasks import task
from importers.jobs import import_job_run, import_jobs_recover_stalled
from importers.models import Source
from importers.polling import source_poll, sources_claim_due


@task
def poll_due_sources() -> list[int]:
    """Claim every due source and queue a poll of each, so several workers share the round."""
    claimed = sources_claim_due()
    for source_id in claimed:
        poll_source.enqueue(source_id)
    return claimed


@task
def poll_source(source_id: int) -> dict[str, int | bool | str]:
    """Poll one source now (a deleted or deactivated one is skipped)."""
    source = Source.objects.filter(pk=source_id, active=True).first()
    if source is None:
        return {"skipped": True}
    result = source_poll(source)
    return {"ok": result.ok, "seen": result.seen, "new": result.new, "failed": result.failed, "error": result.error}


@task
def run_import_job(job_id: int) -> dict[str, int]:
    """Import what is left of an import job."""
    return import_job_run(job_id)


@task
def recover_stalled_import_jobs() -> dict[str, list[int]]:
    """Queue again the import jobs whose worker died (a job is `running` and silent), or fail them."""
    return import_jobs_recover_stalled()
