"""Large imports as background jobs: 202 at once, a worker finishes them, an interrupted one is retried.

The first test runs the database backend's own worker (`db_worker --batch`), which commits, so it
runs in a transaction of its own (the reference data is put back afterwards). On PostgreSQL a real
worker process is killed (SIGKILL) midway. The others call the task's function the worker calls,
inside the test's transaction. `CRM_JOB_TEST_ARTICLES=10000` runs the first test on the
10,000-item feed of the issue; by default it uses a few hundred items, through the same code.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from importers.jobs import import_job_run
from importers.models import ImportJob, ImportJobItem, JobState
from importers.tasks import run_import_job
from leads.models import Evidence, Opportunity, SourceArticle
from tests.api.conftest import client_for
from tests.sources import news
from tests.sources.news import company_name

ARTICLES = int(os.environ.get("CRM_JOB_TEST_ARTICLES", "200"))
ROOT = Path(__file__).resolve().parents[2]


class Interrupted(KeyboardInterrupt):
    """What a worker killed midway leaves behind: nothing runs after it, not even the job's own error handling."""


def run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


@pytest.fixture
def importer(db):
    """Staff who may import articles, and nothing about jobs beyond their own."""
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory(username="thu.le")
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="leads", codename__in=["add_sourcearticle", "view_sourcearticle"]
        )
    )
    return user


def post_feed(client, count: int):
    upload = SimpleUploadedFile("cap-phep.rss", news.many_items_feed(count), content_type="application/rss+xml")
    return client.post(reverse("api:article-import"), {"file": upload}, format="multipart")


def all_outcomes(client, job_url: str) -> list[dict]:
    job = client.get(job_url).json()
    outcomes, url = [], f"{job['items_url']}&page_size=500"
    while url:
        page = client.get(url).json()
        outcomes += page["results"]
        url = page["next"]
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_large_import_answers_202_at_once_and_a_worker_finishes_it_with_every_outcome_readable(importer):
    client = client_for(importer)

    response = post_feed(client, ARTICLES)

    assert response.status_code == 202, response.content
    body = response.json()
    assert body["state"] == "queued" and body["articles"] == ARTICLES
    assert response["Location"] == body["url"] == reverse("api:import-job-detail", args=[body["id"]])
    assert SourceArticle.objects.count() == 0  # nothing was imported inside the request

    run_worker()

    job = client.get(body["url"]).json()
    assert (job["state"], job["total"], job["processed"]) == ("finished", ARTICLES, ARTICLES)
    assert job["outcomes"] == {"new": ARTICLES, "unchanged": 0, "updated": 0, "failed": 0}
    outcomes = all_outcomes(client, body["url"])
    assert [outcome["position"] for outcome in outcomes] == list(range(ARTICLES))
    assert all(outcome["status"] == "new" and outcome["article"]["id"] for outcome in outcomes)
    assert SourceArticle.objects.count() == ARTICLES
    assert Opportunity.objects.filter(organization__name=company_name(7)).exists()
    assert bytes(ImportJob.objects.get(pk=body["id"]).payload) == b""  # the upload is not kept once done


@pytest.mark.django_db
def test_a_small_import_is_still_answered_in_the_request(importer, settings):
    settings.IMPORT_SYNC_MAX_ARTICLES = 5
    response = post_feed(client_for(importer), 5)

    assert response.status_code == 201
    assert response.json()["articles"]["new"] == 5
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_a_job_killed_midway_leaves_whole_articles_and_a_retry_finishes_it_without_duplicates(
    importer, django_capture_on_commit_callbacks
):
    client = client_for(importer)
    job_url = post_feed(client, 60).json()["url"]
    job = ImportJob.objects.get()
    done = []

    def kill_after_25(item: ImportJobItem) -> None:
        done.append(item.position)
        if len(done) == 25:
            raise Interrupted

    with pytest.raises(Interrupted):
        import_job_run(job.pk, on_article=kill_after_25)

    # The 25th article was being saved when the worker died: it is gone with its outcome, evidence and lead.
    job.refresh_from_db()
    assert job.state == JobState.RUNNING  # no worker is left to say otherwise
    recorded = set(job.items.values_list("article_id", flat=True))
    assert len(recorded) == 24 and set(SourceArticle.objects.values_list("pk", flat=True)) == recorded
    assert set(Evidence.objects.values_list("article_id", flat=True)) == recorded
    assert not Opportunity.objects.filter(organization__name=company_name(24)).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{job_url}retry/")
    assert response.status_code == 202 and response.json()["state"] == "queued"
    assert DBTaskResult.objects.filter(task_path="importers.tasks.run_import_job", args_kwargs__args=[job.pk]).exists()
    run_import_job.call(job.pk)  # what the worker runs

    finished = client.get(job_url).json()
    assert (finished["state"], finished["processed"], finished["attempts"]) == ("finished", 60, 2)
    assert finished["outcomes"]["new"] == 60
    assert SourceArticle.objects.count() == 60
    assert SourceArticle.objects.values("content_hash").distinct().count() == 60
    assert Opportunity.objects.filter(organization__name=company_name(24)).count() == 1


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="a worker in another process needs a database it can share: PostgreSQL (SQLite's test one is in memory)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_killed_midway_leaves_no_half_written_article_and_the_retry_finishes(importer):
    client = client_for(importer)
    job_url = post_feed(client, 120).json()["url"]
    job = ImportJob.objects.get()
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    url = f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"]
    worker = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, "DATABASE_URL": url}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 300  # a bound for a stuck worker, not a measure
        while job.items.count() < 10:
            assert worker.poll() is None and time.monotonic() < deadline, "the worker imported nothing"
            time.sleep(0.05)
    finally:
        worker.kill()  # SIGKILL: no handler runs, whatever transaction is open is lost
        worker.wait()

    job.refresh_from_db()
    recorded = set(job.items.values_list("article_id", flat=True))
    assert job.state == JobState.RUNNING and 10 <= len(recorded) < 120
    assert set(SourceArticle.objects.values_list("pk", flat=True)) == recorded  # every article has its outcome
    assert set(Evidence.objects.values_list("article_id", flat=True)) <= recorded

    assert client.post(f"{job_url}retry/").status_code == 202
    run_worker()

    assert client.get(job_url).json()["outcomes"] == {"new": 120, "unchanged": 0, "updated": 0, "failed": 0}
    assert SourceArticle.objects.values("content_hash").distinct().count() == SourceArticle.objects.count() == 120


@pytest.mark.django_db
def test_a_job_that_fails_records_why_and_is_retried_without_importing_twice(importer):
    client = client_for(importer)
    job_url = post_feed(client, 30).json()["url"]
    job = ImportJob.objects.get()

    def fail_at_ten(item: ImportJobItem) -> None:
        if item.position == 9:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        import_job_run(job.pk, on_article=fail_at_ten)
    failed = client.get(job_url).json()
    assert (failed["state"], failed["processed"], failed["error"]) == ("failed", 9, "The job stopped: disk full.")

    client.post(f"{job_url}retry/")
    run_import_job.call(job.pk)

    assert client.get(job_url).json()["outcomes"] == {"new": 30, "unchanged": 0, "updated": 0, "failed": 0}
    assert SourceArticle.objects.count() == 30
    assert client.post(f"{job_url}retry/").status_code == 400  # finished: nothing left to retry


@pytest.mark.django_db
def test_a_job_is_readable_by_who_started_it_and_by_those_who_may_view_jobs(importer):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    job = ImportJob.objects.create(created_by=importer, filename="tin.rss", total=3)
    other = UserFactory(username="khac")
    supervisor = UserFactory(username="giam.sat")
    supervisor.user_permissions.add(Permission.objects.get(codename="view_importjob"))
    url = reverse("api:import-job-detail", args=[job.pk])

    assert client_for(importer).get(url).status_code == 200
    assert client_for(other).get(url).status_code == 404
    assert client_for(other).get(reverse("api:import-job-list")).json()["count"] == 0
    assert client_for(supervisor).get(url).json()["filename"] == "tin.rss"
    assert client_for(other).post(f"{url}retry/").status_code in (403, 404)
    assert client_for(importer, read_only=True).post(f"{url}retry/").status_code == 403


@pytest.mark.django_db
def test_the_scheduler_queues_again_a_job_whose_worker_died_and_gives_up_after_three_runs(
    importer, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from importers.jobs import STALLED_AFTER, import_jobs_recover_stalled
    from importers.tasks import recover_stalled_import_jobs

    client = client_for(importer)
    job_url = post_feed(client, 40).json()["url"]
    job = ImportJob.objects.get()

    def kill_after_10(item: ImportJobItem) -> None:
        if item.position == 10:
            raise Interrupted

    with pytest.raises(Interrupted):
        import_job_run(job.pk, on_article=kill_after_10)
    assert recover_stalled_import_jobs.call() == {"requeued": [], "failed": []}  # silent, but not for long yet

    later = timezone.now() + STALLED_AFTER + timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        recovered = import_jobs_recover_stalled(later)
    assert recovered == {"requeued": [job.pk], "failed": []}
    assert client.get(job_url).json()["state"] == "queued"
    assert DBTaskResult.objects.filter(task_path="importers.tasks.run_import_job", args_kwargs__args=[job.pk]).exists()

    run_import_job.call(job.pk)
    assert client.get(job_url).json()["outcomes"]["new"] == 40
    assert SourceArticle.objects.count() == 40  # nothing imported twice


@pytest.mark.django_db
def test_a_job_that_keeps_losing_its_worker_is_failed_with_the_reason_not_retried_forever(importer):
    from datetime import timedelta

    from django.utils import timezone

    from importers.jobs import MAX_ATTEMPTS, STALLED_AFTER, import_jobs_recover_stalled

    client = client_for(importer)
    job_url = post_feed(client, 30).json()["url"]
    started = timezone.now() - STALLED_AFTER - timedelta(minutes=1)
    ImportJob.objects.update(state=JobState.RUNNING, attempts=MAX_ATTEMPTS, started_at=started, progress_at=started)
    busy = ImportJob.objects.create(created_by=importer, state=JobState.RUNNING, progress_at=timezone.now(), attempts=1)

    recovered = import_jobs_recover_stalled()

    job = client.get(job_url).json()
    assert recovered == {"requeued": [], "failed": [job["id"]]}
    assert job["state"] == "failed" and f"after {MAX_ATTEMPTS} runs" in job["error"]
    busy.refresh_from_db()
    assert busy.state == JobState.RUNNING  # a worker is still advancing it
    assert client.post(f"{job_url}retry/").status_code == 202  # staff may still retry it by hand


def long_article() -> str:
    """One article of several paragraphs: few articles, many bytes."""
    return "\n\n".join(story.text for story in (news.HOA_THINH, news.KIM_LONG, news.TAN_HAI, news.MINH_AN))


@pytest.mark.django_db
def test_one_article_larger_than_a_request_should_read_becomes_a_job(importer, settings):
    settings.IMPORT_SYNC_MAX_CHARACTERS = 500
    client = client_for(importer)
    text = long_article()
    assert len(text) > 500

    response = client.post(reverse("api:article-import"), {"text": text}, format="json")

    assert response.status_code == 202
    assert response.json()["articles"] == 1
    assert not SourceArticle.objects.exists()
    run_import_job.call(response.json()["id"])
    assert client.get(response.json()["url"]).json()["outcomes"]["new"] == 1
    assert Opportunity.objects.filter(organization__name=news.HOA_THINH.company).exists()


@pytest.mark.django_db
def test_a_dry_run_larger_than_a_request_should_read_is_refused_and_saves_nothing(importer, settings):
    settings.IMPORT_SYNC_MAX_CHARACTERS = 500
    response = client_for(importer).post(
        reverse("api:article-import"), {"text": long_article(), "dry_run": True}, format="json"
    )

    assert response.status_code == 413
    assert "IMPORT_SYNC_MAX_CHARACTERS" in response.json()["detail"]
    assert not SourceArticle.objects.exists() and not ImportJob.objects.exists()


@pytest.mark.django_db
def test_a_long_pasted_article_in_the_admin_is_not_previewed_but_imported_in_the_background(admin_client, settings):
    settings.IMPORT_SYNC_MAX_CHARACTERS = 500
    importing = reverse("admin:leads_sourcearticle_import")
    preview = admin_client.post(importing, {"text": long_article()})

    assert "more than a preview reads" in preview.content.decode()
    assert preview.context["can_confirm"] and not preview.context["previews"]
    response = admin_client.post(importing, {"payload": preview.context["payload"], "_confirm": "1"}, follow=True)

    job = ImportJob.objects.get()
    assert response.redirect_chain[-1][0] == reverse("admin:importers_importjob_change", args=[job.pk])
    assert not SourceArticle.objects.exists()
