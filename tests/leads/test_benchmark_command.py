"""`manage.py benchmark`: every case measured on a real gunicorn, and a limit that serves the same rows.

The end-to-end test runs the commands as an operator would, in subprocesses, on a throw-away
database of the engine the suite runs on (a SQLite file, or a fresh PostgreSQL database), since
the servers it starts cannot see the test database's open transaction. No timed assertions: it
checks that every case has numbers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient

from benchmarks import limit_app
from benchmarks.cases import build_cases, pick_parameters
from leads.models import Opportunity

READ_CASES = [
    "first_page", "filtered", "value_range", "search", "deep_page", "summary", "csv", "detail", "organizations_search",
]  # fmt: skip
WRITE_CASES = ["create_activity", "move_stage"]


@pytest.fixture
def throwaway_database_url(tmp_path: Path) -> Iterator[str]:
    """A DATABASE_URL for an empty database of the suite's engine, dropped afterwards."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'benchmark.sqlite3'}"
        return
    import psycopg
    from psycopg.conninfo import make_conninfo

    options = connection.settings_dict
    name = f"crm_benchmark_test_{os.getpid()}"
    server = {"user": options["USER"] or None, "password": options["PASSWORD"] or None}
    server |= {"host": options["HOST"] or None, "port": str(options["PORT"]) if options["PORT"] else None}
    server = {key: value for key, value in server.items() if value}
    with psycopg.connect(make_conninfo(dbname="postgres", **server), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        credentials = options["USER"] + (f":{options['PASSWORD']}" if options["PASSWORD"] else "")
        try:
            yield f"postgres://{credentials}@{options['HOST'] or 'localhost'}:{options['PORT'] or 5432}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(database_url: str, *arguments: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DATABASE_URL": database_url}
    completed = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed


def test_quick_mode_measures_every_case_and_the_import(throwaway_database_url: str, tmp_path: Path):
    url = throwaway_database_url
    manage(url, "migrate", "--verbosity", "0")
    manage(url, "generate_demo_data", "--opportunities", "120", "--seed", "3")
    results_path = tmp_path / "results.json"
    run = manage(
        url, "benchmark", "--quick", "--requests", "2", "--throughput-requests", "1", "--clients", "2",
        "--import-articles", "20", "--json", str(results_path),
    )  # fmt: skip

    results = json.loads(results_path.read_text(encoding="utf-8"))
    assert results["meta"]["opportunities"] == 120
    assert results["meta"]["django_env"] == "production" and results["meta"]["debug"] is False
    assert [case["name"] for case in results["cases"]] == READ_CASES + WRITE_CASES
    for case in results["cases"]:
        sides = ["api", "limit"] if case["name"] in READ_CASES else ["api"]
        for side in sides:
            for clients, requests in (("one_client", 2), ("2_clients", 2 * 2 * 1)):
                summary = case[side][clients]
                assert summary["requests"] == requests, (case["name"], side, clients)
                assert all(200 <= int(status) < 300 for status in summary["statuses"]), (case["name"], summary)
                for figure in ("p50_ms", "p95_ms", "max_ms", "requests_per_second"):
                    assert summary[figure] > 0, (case["name"], side, figure)
        if case["name"] in READ_CASES:
            assert case["ratio_p50"] > 0 and case["ratio_rate_2_clients"] > 0
        assert case["label"] in run.stdout
    assert results["client"]["one_client"]["p50_ms"] > 0
    imported = results["import"]
    assert imported["articles"] == 20 and imported["statuses"]["new"] == 20
    assert imported["articles_per_second"] > 0 and imported["peak_rss_mb"] > 0
    assert set(imported["files_by_format"]) == {".txt", ".html", ".json", ".jsonl", ".rss"}


def test_it_refuses_a_database_without_opportunities(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="generate_demo_data"):
        call_command("benchmark", "--quick")


@pytest.fixture
def limit_on_the_test_database(monkeypatch):
    """The limit app's queries on the test's own connection, so it sees the test's rows."""
    monkeypatch.setattr(limit_app, "VENDOR", connection.vendor)
    connection.ensure_connection()
    monkeypatch.setattr(limit_app, "_connection", connection.connection)
    monkeypatch.setattr(limit_app, "_names", {})


@pytest.mark.django_db
def test_the_limit_serves_the_same_rows_as_the_api(limit_on_the_test_database, superuser):
    call_command("generate_demo_data", "--opportunities", "400", "--seed", "5", stdout=StringIO())
    client = APIClient()
    client.force_authenticate(superuser)
    cases = {case.name: case for case in build_cases(pick_parameters(threads=2))}

    def api(name: str):
        _method, path, _body = cases[name].api(0, 0)
        response = client.get(path)
        assert response.status_code == 200, response.content
        return response

    def limit(name: str) -> bytes | list[bytes]:
        _method, path, _body = cases[name].limit(0, 0)
        route, _, query = path.partition("?")
        environ = {"PATH_INFO": route, "QUERY_STRING": query, "HTTP_HOST": "testserver"}
        body = limit_app.application(environ, lambda status, headers: None)
        return b"".join(body)

    for name in ("first_page", "filtered", "value_range", "search", "deep_page", "organizations_search"):
        expected = [row["id"] for row in api(name).json()["results"]]
        served = [row["id"] for row in json.loads(limit(name))["results"]]
        assert served == expected, name
        assert expected, name

    served, expected = json.loads(limit("first_page"))["results"][0], api("first_page").json()["results"][0]
    for key in ("display", "organization", "province", "site", "sectors", "contacts", "evidence_count", "stage"):
        assert served[key] == expected[key], key

    detail_api, detail_limit = api("detail").json(), json.loads(limit("detail"))
    assert [row["id"] for row in detail_limit["evidence"]] == [row["id"] for row in detail_api["evidence"]]
    assert {row["id"] for row in detail_limit["stage_changes"]} == {row["id"] for row in detail_api["stage_changes"]}

    summary_api, summary_limit = api("summary").json(), json.loads(limit("summary"))
    assert summary_limit["count"] == summary_api["count"] == Opportunity.objects.count()
    for group, key in (("by_stage", "stage"), ("by_province", "province"), ("by_sector", "sector")):
        counts = {json.dumps(row[key], sort_keys=True): row["count"] for row in summary_api[group]}
        assert {json.dumps(row[key], sort_keys=True): row["count"] for row in summary_limit[group]} == counts
    usd = {row["stage"]: Decimal(str(row["total_value_usd"])) for row in summary_api["by_stage"]}
    assert {row["stage"]: Decimal(row["total_value_usd"]) for row in summary_limit["by_stage"]} == usd

    csv_api = b"".join(api("csv").streaming_content).decode("utf-8").splitlines()
    csv_limit = limit("csv").decode("utf-8").splitlines()
    assert len(csv_limit) == len(csv_api) > 1
    assert [line.split(",")[0] for line in csv_limit[1:]] == [line.split(",")[0] for line in csv_api[1:]]
