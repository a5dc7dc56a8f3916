"""One benchmark run: the API and the limit app on gunicorn, every case timed side by side, then an import.

The API (`crm.wsgi`) and the limit app (`benchmarks.limit_app`) each run on their own gunicorn,
started here on a free local port with the same options (`--workers`, the sync worker, and a
`gunicorn.conf.py` in the project folder if there is one), against the configured database. For
each read case the requests alternate API, limit, API, limit with one client (latency: p50, p95,
max), then four clients send as fast as they can, in alternating phases (API, limit, API, limit),
for the rate. The writes (an activity, a stage move) run last, on the API only.
"""

from __future__ import annotations

import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from benchmarks.cases import Case, build_cases, describe, pick_parameters
from benchmarks.client import Client, Sample
from benchmarks.imports import database_copy, limit_dsn, run_import, write_articles
from leads.models import Evidence, Organization, SourceArticle

BENCHMARK_USER = "benchmark"
READY_TIMEOUT = 90
# The indexes the limit's queries want and the migrations may not have yet (`--limit-indexes`).
LIMIT_INDEXES = {
    "benchmark_limit_opportunity_value": "leads_opportunity (value DESC NULLS LAST, id DESC)",
    "benchmark_limit_opportunity_recent": "leads_opportunity (updated_at DESC, id DESC)",
    "benchmark_limit_opportunity_province_stage": "leads_opportunity (province_id, stage, updated_at DESC, id DESC)",
}


@dataclass(frozen=True)
class Options:
    """How much to measure."""

    requests: int = 30  # per side and case, one client
    throughput_requests: int = 25  # per client and phase, four clients
    threads: int = 4
    workers: int = 2
    # Per side, capped at half a phase: enough for each worker's connection to run a list query past
    # psycopg's prepare threshold and PostgreSQL's five custom plans, as a long-running server has.
    warmup: int = 24
    django_env: str = "production"
    cases: tuple[str, ...] = ()
    import_articles: int = 10_000
    import_seed: int = 1010
    limit_indexes: bool = False
    throttle_rate: str = "1000000/second"
    phase_seconds: float = 20.0  # at most, per side: the one-client run, and the several-client phases together


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(app: str, environment: dict[str, str], *, workers: int, ready_path: str) -> Iterator[int]:
    """A gunicorn serving `app` on a free local port until the block ends; yields the port."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", app, "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
        "--timeout", "600", "--graceful-timeout", "5", "--log-level", "warning",
    ]  # fmt: skip
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=environment, stdout=log, stderr=log)
        try:
            _wait_until_ready(process, port, ready_path, log)
            yield port
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_ready(process: subprocess.Popen, port: int, path: str, log: Any) -> None:
    client = Client("127.0.0.1", port, {"X-Forwarded-Proto": "https"}, timeout=5)
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"gunicorn exited with status {process.returncode}: {log.read()[-2000:]}")
        try:
            client.request("GET", path)
            return
        except OSError:
            time.sleep(0.2)
        finally:
            client.close()
    raise RuntimeError(f"gunicorn did not answer on port {port} within {READY_TIMEOUT} s.")


def api_environment(options: Options) -> dict[str, str]:
    """The API's environment: this one, with DJANGO_ENV as asked and what production needs to serve locally."""
    environment = {**os.environ, "DJANGO_ENV": options.django_env}
    environment.setdefault("API_THROTTLE_RATE", options.throttle_rate)
    if options.django_env == "production":
        environment.setdefault("SECRET_KEY", secrets.token_urlsafe(40))
        environment.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    return environment


def benchmark_token() -> str:
    """A fresh API token of the `benchmark` superuser (made once, no usable password)."""
    User = get_user_model()
    if not User.objects.filter(username=BENCHMARK_USER).exists():
        User.objects.create_superuser(BENCHMARK_USER, "", None)
    out = StringIO()
    call_command("create_api_token", "--user", BENCHMARK_USER, "--name", "benchmark", stdout=out)
    return out.getvalue().strip().splitlines()[-1].strip()


def revoke_token(key: str) -> None:
    call_command("create_api_token", "--revoke", key[:8], stdout=StringIO())


@contextmanager
def limit_indexes(enabled: bool) -> Iterator[list[str]]:
    """Create the indexes the limit's SQL wants (and drop them after), when asked to."""
    if not enabled:
        yield []
        return
    created = []
    try:
        with connection.cursor() as cursor:
            for name, definition in LIMIT_INDEXES.items():
                if connection.vendor == "sqlite":
                    definition = definition.replace(" NULLS LAST", "")
                created.append(name)
                cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}")
            cursor.execute("ANALYZE leads_opportunity")
        yield created
    finally:
        with connection.cursor() as cursor:
            for name in created:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")


def _sequential(
    client: Client, case_factory: Callable, requests: int, sample: Sample, deadline: float | None = None
) -> None:
    """Requests one after the other on one connection, timed into `sample` (one client's rate is 1 / mean time).

    Stops early at `deadline` (a `time.perf_counter()` value), after one request at least.
    """
    for number in range(requests):
        if number and deadline and time.perf_counter() > deadline:
            break
        method, path, body = case_factory(0, number)
        cpu = time.thread_time()
        try:
            status, data, seconds = client.request(method, path, body)
        except OSError as error:
            sample.errors.append(f"{path}: {error}")
            continue
        sample.client_cpu += time.thread_time() - cpu
        sample.seconds.append(seconds)
        sample.elapsed += seconds
        sample.statuses[status] = sample.statuses.get(status, 0) + 1
        sample.bytes += len(data)
        if status >= 400 and len(sample.errors) < 5:
            sample.errors.append(f"{status} {path}: {data[:200].decode('utf-8', 'replace')}")


def measure_case(case: Case, api: Client, limit: Client, options: Options) -> dict[str, Any]:
    """Latency with one client (API and limit alternating), then the rate with several (alternating phases)."""
    sides = {"api": (api, case.api)} | ({"limit": (limit, case.limit)} if case.limit else {})
    for client, factory in sides.values():
        _sequential(client, factory, options.warmup, Sample(), time.perf_counter() + options.phase_seconds / 2)
    one = {side: Sample() for side in sides}
    offset = options.warmup
    deadline = time.perf_counter() + options.phase_seconds * len(sides)
    for number in range(options.requests):
        if number >= 3 and time.perf_counter() > deadline:
            break  # a slow case: enough samples for its median, the run must end
        for side, (client, factory) in sides.items():
            _sequential(client, lambda thread, n, f=factory, k=number + offset: f(thread, k), 1, one[side])
    many = {side: Sample() for side in sides}
    for _round in range(2):
        for side, (client, factory) in sides.items():
            many[side].add(
                client.run(
                    factory,
                    requests=options.throughput_requests,
                    threads=options.threads,
                    seconds=options.phase_seconds / 2,
                )
            )
    result: dict[str, Any] = {
        "name": case.name,
        "label": case.label,
        "api_request": describe(case.api),
        "limit_request": describe(case.limit) if case.limit else None,
    }
    for side in sides:
        result[side] = {"one_client": one[side].summary(), f"{options.threads}_clients": many[side].summary()}
    if case.limit:
        api_one, limit_one = result["api"]["one_client"], result["limit"]["one_client"]
        api_many = result["api"][f"{options.threads}_clients"]
        limit_many = result["limit"][f"{options.threads}_clients"]
        result["ratio_p50"] = _ratio(api_one.get("p50_ms"), limit_one.get("p50_ms"))
        result[f"ratio_rate_{options.threads}_clients"] = _ratio(
            limit_many.get("requests_per_second"), api_many.get("requests_per_second")
        )
    return result


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    return round(numerator / denominator, 2) if numerator and denominator else None


def run(options: Options, *, say: Callable[[str], None]) -> dict[str, Any]:
    """Measure everything; the results as a JSON-ready dict."""
    started = datetime.now(UTC)
    parameters = pick_parameters(options.threads)
    cases = [case for case in build_cases(parameters) if not options.cases or case.name in options.cases]
    key = benchmark_token()
    vendor, dsn = limit_dsn()
    environment = api_environment(options)
    limit_environment = {**environment, "LIMIT_DB_VENDOR": vendor, "LIMIT_DB_DSN": dsn}
    # No Accept header: DRF answers with its first renderer (JSON), and `?format=csv` picks the CSV one.
    headers = {"Authorization": f"Token {key}", "X-Forwarded-Proto": "https"}
    results: dict[str, Any] = {
        "meta": _meta(options, parameters.opportunities, environment, started),
        "parameters": {
            "filtered": parameters.filtered,
            "value_range": parameters.value_range,
            "searched_name": parameters.searched_name,
            "page": parameters.page,
            "csv": parameters.csv,
            "csv_rows": parameters.csv_rows,
            "detail_id": parameters.detail_id,
            "organization_words": parameters.organization_words,
        },
        "cases": [],
    }
    try:
        with (
            limit_indexes(options.limit_indexes) as created,
            gunicorn("crm.wsgi:application", environment, workers=options.workers, ready_path="/api/v1/") as api_port,
            gunicorn(
                "benchmarks.limit_app:application", limit_environment, workers=options.workers, ready_path="/ping"
            ) as limit_port,
        ):
            results["meta"]["limit_indexes"] = created
            api = Client("127.0.0.1", api_port, headers)
            limit = Client("127.0.0.1", limit_port)
            say(f"API on port {api_port}, limit on port {limit_port}; measuring the client against /ping")
            results["client"] = _client_overhead(limit, options)
            for case in cases:
                say(f"{case.name}: {describe(case.api)}")
                results["cases"].append(measure_case(case, api, limit, options))
    finally:
        connection.close()  # the token's revocation opens a fresh one
        revoke_token(key)
    if options.import_articles:
        say(f"import: writing {options.import_articles:,} articles and copying the database")
        results["import"] = measure_import(options, environment)
    results["meta"]["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    return results


def _client_overhead(limit: Client, options: Options) -> dict[str, Any]:
    """The load generator against a trivial endpoint: how fast it can go, and its CPU per request."""

    def ping(thread: int, number: int) -> tuple[str, str, None]:
        return "GET", "/ping", None

    one = Sample()
    _sequential(limit, ping, options.warmup + options.requests, one)
    many = limit.run(ping, requests=options.throughput_requests * 2, threads=options.threads)
    return {"one_client": one.summary(), f"{options.threads}_clients": many.summary()}


def measure_import(options: Options, environment: dict[str, str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="crm_benchmark_articles_") as workspace:
        folder = Path(workspace) / "articles"
        written = write_articles(folder, options.import_articles, options.import_seed)
        formats: dict[str, int] = {}
        for path in folder.iterdir():
            formats[path.suffix] = formats.get(path.suffix, 0) + 1
        with database_copy() as (url, copy_seconds):
            measured = run_import(folder, url, environment)
    return {"articles_written": written, "files_by_format": formats, "copy_seconds": round(copy_seconds, 1), **measured}


def _meta(options: Options, opportunities: int, environment: dict[str, str], started: datetime) -> dict[str, Any]:
    debug = environment.get("DEBUG", "false" if options.django_env == "production" else "true")
    return {
        "started_at": started.isoformat(timespec="seconds"),
        "database": connection.vendor,
        "database_name": str(connection.settings_dict["NAME"]),
        "opportunities": opportunities,
        "organizations": Organization.objects.order_by().count(),
        "source_articles": SourceArticle.objects.order_by().count(),
        "evidence": Evidence.objects.order_by().count(),
        "django_env": options.django_env,
        "debug": debug.strip().lower() in {"1", "true", "yes", "on"},
        "api_throttle_rate": environment.get("API_THROTTLE_RATE"),
        "gunicorn_workers": options.workers,
        "gunicorn_config": (Path(settings.BASE_DIR) / "gunicorn.conf.py").exists(),
        "client_threads": options.threads,
        "requests_per_case": options.requests,
        "throughput_requests_per_client_and_phase": options.throughput_requests,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average_at_start": [round(load, 2) for load in os.getloadavg()],
    }
