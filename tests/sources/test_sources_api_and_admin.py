"""Sources through the API and the admin, the scheduler with its worker, and the admin's background import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from importers.models import ImportJob, Source, SourceKind
from leads.models import SourceArticle
from tests.api.conftest import client_for
from tests.sources import news

pytestmark = pytest.mark.django_db


def source_staff(*codenames: str):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory(username="phong.xuc.tien")
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="importers", codename__in=codenames))
    return user


@pytest.fixture
def failing_source(db):
    return Source.objects.create(
        name="Cổng tin tỉnh",
        url="https://tin.example.vn/rss",
        consecutive_failures=3,
        last_error="The server answered 503 (Service Unavailable) (after 3 attempts).",
        last_polled_at=timezone.now(),
        next_poll_at=timezone.now() + dt.timedelta(hours=8),
    )


def test_staff_with_the_permissions_manage_sources_through_the_api(db):
    api = client_for(source_staff("view_source", "add_source", "change_source", "delete_source"))

    created = api.post(
        reverse("api:source-list"),
        {"name": "Báo Đầu tư", "url": "https://baodautu.example.vn/rss", "kind": "rss", "filter_words": "FDI"},
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["poll_interval_minutes"], body["is_failing"], body["last_polled_at"]) == (60, False, None)

    url = reverse("api:source-detail", args=[body["id"]])
    changed = api.patch(url, {"poll_interval_minutes": 15, "consecutive_failures": 9})
    assert changed.json()["poll_interval_minutes"] == 15
    assert changed.json()["consecutive_failures"] == 0  # health is the poller's to write
    assert api.delete(url).status_code == 204


def test_a_source_needs_an_http_address_and_a_unique_name(db, failing_source):
    api = client_for(source_staff("view_source", "add_source"))

    response = api.post(reverse("api:source-list"), {"name": "Cổng tin tỉnh", "url": "ftp://tin.example.vn/rss"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"name", "url"}


def test_reading_sources_needs_the_view_permission_and_writing_the_add_one(db, failing_source):
    assert client_for(source_staff()).get(reverse("api:source-list")).status_code == 403
    viewer = client_for(source_staff("view_source"))
    assert viewer.get(reverse("api:source-list")).json()["count"] == 1
    assert viewer.post(reverse("api:source-list"), {"name": "x", "url": "https://x.example.vn"}).status_code == 403


def test_the_source_list_filters_failing_ones_and_refuses_unknown_parameters(db, failing_source):
    Source.objects.create(name="Báo Công Thương", url="https://congthuong.example.vn/rss")
    api = client_for(source_staff("view_source"))

    failing = api.get(reverse("api:source-list"), {"failing": "true"}).json()
    assert [row["name"] for row in failing["results"]] == ["Cổng tin tỉnh"]
    assert failing["results"][0]["last_error"].startswith("The server answered 503")
    assert api.get(reverse("api:source-list"), {"kind": "page"}).json()["count"] == 0
    assert api.get(reverse("api:source-list"), {"failng": "true"}).status_code == 400


def test_poll_now_through_the_api_queues_a_poll_for_the_worker(db, failing_source):
    api = client_for(source_staff("view_source", "change_source"))

    response = api.post(reverse("api:source-poll", args=[failing_source.pk]))

    assert response.status_code == 202
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "importers.tasks.poll_source"
    assert queued.args_kwargs == {"args": [failing_source.pk], "kwargs": {}}


def test_the_schema_describes_sources_jobs_and_the_202_of_a_large_import(db):
    from drf_spectacular.generators import SchemaGenerator
    from openapi_spec_validator import validate

    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate(schema)
    assert {
        "/api/v1/sources/",
        "/api/v1/sources/{id}/poll/",
        "/api/v1/import-jobs/{id}/",
        "/api/v1/import-jobs/{id}/retry/",
        "/api/v1/import-job-items/",
    } <= set(schema["paths"])
    responses = schema["paths"]["/api/v1/articles/import/"]["post"]["responses"]
    assert "ImportQueued" in str(responses["202"])
    parameters = {p["name"] for p in schema["paths"]["/api/v1/import-job-items/"]["get"]["parameters"]}
    assert {"job", "status", "page", "page_size"} <= parameters


def test_the_admin_marks_a_failing_source_and_says_why(admin_client, failing_source):
    Source.objects.create(name="Báo Công Thương", url="https://congthuong.example.vn/rss")

    page = admin_client.get(reverse("admin:importers_source_changelist")).content.decode()

    assert "failing (3 polls in a row)" in page and "503 (Service Unavailable)" in page
    assert "not polled yet" in page
    failing_only = admin_client.get(reverse("admin:importers_source_changelist"), {"failing": "yes"})
    assert list(failing_only.context["cl"].result_list) == [failing_source]


def test_poll_now_in_the_admin_queues_the_selected_sources(admin_client, failing_source):
    response = admin_client.post(
        reverse("admin:importers_source_changelist"),
        {"action": "poll_now", "_selected_action": [failing_source.pk]},
        follow=True,
    )

    assert "A poll of 1 source is queued" in response.content.decode()
    assert DBTaskResult.objects.filter(task_path="importers.tasks.poll_source").count() == 1


def test_a_large_upload_in_the_admin_becomes_a_job_whose_page_shows_its_progress(admin_client, settings):
    settings.IMPORT_SYNC_MAX_ARTICLES = 3
    importing = reverse("admin:leads_sourcearticle_import")
    upload = SimpleUploadedFile("cap-phep.rss", news.many_items_feed(5), content_type="application/rss+xml")
    preview = admin_client.post(importing, {"files": [upload]})

    response = admin_client.post(importing, {"payload": preview.context["payload"], "_confirm": "1"}, follow=True)

    job = ImportJob.objects.get()
    assert response.redirect_chain[-1][0] == reverse("admin:importers_importjob_change", args=[job.pk])
    page = response.content.decode()
    assert "The import runs in the background" in page
    assert 'http-equiv="refresh"' in page and "waiting for a worker" in page
    assert not SourceArticle.objects.exists()

    from importers.jobs import import_job_run

    import_job_run(job.pk)
    done = admin_client.get(reverse("admin:importers_importjob_change", args=[job.pk])).content.decode()
    assert "5 of 5 articles" in done and 'http-equiv="refresh"' not in done
    assert SourceArticle.objects.count() == 5


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_scheduler_with_its_worker_polls_the_due_sources(news_server, fast_polling):
    news_server.add("/rss.xml", news.rss([(news.HOA_THINH, True)], news_server.base))
    due = Source.objects.create(name="Báo Đầu tư", url=f"{news_server.base}/rss.xml", kind=SourceKind.RSS)
    later = Source.objects.create(
        name="Nguồn chưa đến hạn",
        url=f"{news_server.base}/khac.xml",
        next_poll_at=timezone.now() + dt.timedelta(minutes=20),
    )

    call_command("run_scheduler", once=True, work=True, verbosity=0)

    due.refresh_from_db()
    assert (due.items_new, due.consecutive_failures) == (1, 0)
    assert SourceArticle.objects.count() == 1
    assert not news_server.hits("/khac.xml")
    later.refresh_from_db()
    assert later.last_polled_at is None
