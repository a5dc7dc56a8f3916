"""Rows of the importer's admin lists for `tests/admin/test_query_counts.py`, rich in what they show."""

from __future__ import annotations

from django.utils import timezone

from importers.models import ImportJob, ImportJobItem, Source
from tests.factories import SourceArticleFactory, UserFactory


def sources(n: int) -> list[int]:
    first = Source.objects.count()
    return [
        Source.objects.create(
            name=f"Nguồn {first + i}",
            url=f"https://tin{first + i}.example.vn/rss",
            consecutive_failures=i % 2,
            last_error="The server answered 503 (Service Unavailable)." if i % 2 else "",
            last_polled_at=timezone.now(),
        ).pk
        for i in range(n)
    ]


def import_jobs(n: int) -> list[int]:
    owner = UserFactory(username="admin", is_superuser=True)  # the `superuser` fixture's user
    pks = []
    for i in range(n):
        job = ImportJob.objects.create(created_by=owner, filename=f"tin-{i}.rss", total=2, state="finished")
        ImportJobItem.objects.create(job=job, position=0, source=f"tin-{i}.rss#1", status="new")
        ImportJobItem.objects.create(job=job, position=1, source=f"tin-{i}.rss#2", status="failed", error="Lỗi.")
        pks.append(job.pk)
    return pks


def import_job_items(n: int) -> list[int]:
    job = ImportJob.objects.create(created_by=UserFactory(username="admin", is_superuser=True), total=n)
    return [
        ImportJobItem.objects.create(
            job=job, position=i, source=f"tin.rss#{i + 1}", status="new", article=SourceArticleFactory()
        ).pk
        for i in range(n)
    ]


def task_results(n: int) -> list[str]:
    from importers.tasks import poll_source

    return [poll_source.enqueue(i).id for i in range(n)]
