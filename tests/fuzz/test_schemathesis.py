"""Schemathesis over the API's own OpenAPI schema: every operation answers as documented, and never with a 500.

Skipped unless `CRM_FUZZ=1`; CI runs it on PostgreSQL after the suite (`.ci/run`), on a fresh test database:

    CRM_FUZZ=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/crm_fuzz .venv/bin/pytest tests/fuzz -q --create-db

`CRM_FUZZ_OPERATIONS=<regular expression>` limits a run to the matching operations (`"PATCH /api/v1/contacts"`)
to rerun one failure.

Two principals, as integrations use the API: a superuser's token, and a read-only token of a user who may view
everything (a read-only token may only read: 403 on a write is the documented answer). Each operation of the schema
gets `max(MIN_CASES_PER_OPERATION, ceil(CASES_PER_TOKEN / operations))` requests, valid and invalid ones
(schemathesis's positive and negative modes: NUL bytes, control characters, huge numbers, wrong types), half of
them on the key of a record that exists, so updates, merges and stage moves reach their success path and the
schemas of 200s are checked, not only of 404s. 25 per operation rather than the 23 that 2,000 needs: a few
operations run out of distinct inputs early, and the total must stay at or above 2,000.

Each request runs in a savepoint rolled back after its answer: every case sees the same data (the seed articles
imported plus what `records` adds), whatever the cases before it wrote or deleted. With Hypothesis derandomized,
no example database and nothing shrunk, a run on a fresh database sends the same requests every time.

Checks: no 5xx; the status code, the content type and the headers are documented for the operation; the body
matches the documented schema. Failures are collected rather than raised at the first, so one run lists every
kind found, each with a curl command that reproduces it (and the traceback of a 500); the figures per token are
printed at the end of the run.
"""

from __future__ import annotations

import logging
import math
import os
import re
import traceback
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.fuzz.conftest import record_run

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

pytestmark = [
    pytest.mark.skipif(os.environ.get("CRM_FUZZ") != "1", reason="schemathesis run: set CRM_FUZZ=1 (CI does)"),
    pytest.mark.django_db,
]

CASES_PER_TOKEN = 2000
MIN_CASES_PER_OPERATION = 25
SCHEMA_PATH = "/api/v1/schema/"
SEED_ARTICLES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"


@dataclass
class Tally:
    """What one token's run sent and what went wrong, grouped by kind of failure and operation."""

    cases: int = 0
    statuses: Counter = field(default_factory=Counter)
    server_errors: int = 0
    conformance_failures: int = 0
    generation_errors: list[str] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)
    examples: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, failures: list[Any], operation: str, reproduction: str) -> None:
        """Count one answer's failures; a 5xx is a server error, not also an undocumented status code."""
        from schemathesis.core.failures import ServerError
        from schemathesis.specs.openapi.checks import UndefinedStatusCode

        if any(isinstance(failure, ServerError) for failure in failures):
            failures = [failure for failure in failures if not isinstance(failure, UndefinedStatusCode)]
        for failure in failures:
            if isinstance(failure, ServerError):
                self.server_errors += 1
            else:
                self.conformance_failures += 1
            key = (operation, failure.title)
            self.kinds[key] += 1
            self.examples.setdefault(key, f"{reproduction}\n{failure.message[:1500]}")

    def report(self) -> str:
        """Each kind of failure: how often, one request that reproduces it, and what the check said."""
        lines = []
        for (operation, title), count in sorted(self.kinds.items()):
            lines.append(f"{count:5d} × {operation}: {title}\n{self.examples[operation, title]}")
        lines.extend(f"generation error: {error}" for error in self.generation_errors)
        return "\n\n".join(lines)


@pytest.fixture
def application(settings):
    """The WSGI application gunicorn serves, with throttling off.

    Its 429 is tested in tests/api; here it would turn most cases into the same answer.
    """
    from crm.wsgi import application

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": None}}
    return application


@contextmanager
def _connection_kept() -> Iterator[None]:
    """Keep the database connection between requests, as Django's test client does.

    The WSGI handler closes it at the start and end of each request, which would end the test's transaction
    (and with it the seeded data) on PostgreSQL. Django's test client connects the handlers again after each
    of its requests, so this wraps only the requests schemathesis sends.
    """
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def fresh_keys(db) -> None:
    """Number new rows from the highest key in each table, as on a fresh database.

    PostgreSQL's sequences do not roll back with a test's transaction, so without this the seeded records'
    keys (and which generated keys hit one) would depend on the tests that ran before. SQLite's do roll back.
    """
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
            cursor.execute(statement)


@pytest.fixture
def principals(fresh_keys) -> dict[str, str]:
    """The keys of the two tokens: a superuser's, and a read-only one of a user with every view permission."""
    from django.contrib.auth.models import Permission

    from leads.models import ApiToken
    from tests.factories import UserFactory

    admin = UserFactory(username="admin", is_superuser=True)
    viewer = UserFactory(username="cong.thong.tin")
    viewer.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    _token, admin_key = ApiToken.objects.issue(user=admin, name="Tích hợp quản trị")
    _token, viewer_key = ApiToken.objects.issue(user=viewer, name="Cổng thông tin đầu tư", read_only=True)
    return {"superuser token": admin_key, "read-only token": viewer_key}


@pytest.fixture
def records(principals, django_capture_on_commit_callbacks) -> None:
    """The seed articles imported, and a record of each kind the import does not make, made as staff make them.

    A watch and its webhook come first, so the import and the stage move give notifications (made once a
    change is committed: the callbacks run here, inside the test's transaction); an import job is run as
    the worker runs it.
    """
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from rest_framework.test import APIClient

    from importers.jobs import import_job_create, import_job_run

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {principals['superuser token']}")
    with django_capture_on_commit_callbacks(execute=True):
        watch = _created(client.post("/api/v1/watches/", {"name": "Nhà đầu tư Trung Quốc", "query": "country=CN"}))
        _created(
            client.post(
                "/api/v1/webhook-subscriptions/", {"watch": watch["id"], "target_url": "https://hooks.example.vn/crm"}
            )
        )
        call_command("import_articles", str(SEED_ARTICLES), stdout=StringIO(), stderr=StringIO())
        _staff_edits(client)
    seed = sorted(SEED_ARTICLES.iterdir())[0]
    job = import_job_create(data=seed.read_bytes(), filename=seed.name, user=User.objects.get(username="admin"))
    import_job_run(job.pk)


def _created(answer: Any) -> dict:
    """The record an API write answered with; the setup stops at the first refusal, naming it."""
    assert answer.status_code < 300, (answer.request["PATH_INFO"], answer.status_code, answer.content[:300])
    return answer.json() if answer.content else {}


def _staff_edits(client: Any) -> None:
    """An activity, a stage move, a source and a deleted organization, through the API."""
    from leads.models import Opportunity, Organization

    opportunity = Opportunity.objects.order_by("pk").first()
    assert opportunity is not None, "the seed articles yield opportunities"
    _created(
        client.post(
            "/api/v1/activities/",
            {"opportunity": opportunity.pk, "kind": "call", "subject": "Gọi điện cho văn phòng đại diện"},
        )
    )
    _created(client.post(f"/api/v1/opportunities/{opportunity.pk}/move-stage/", {"stage": "qualified"}))
    _created(
        client.post(
            "/api/v1/sources/",
            {"name": "Báo Đầu tư", "url": "https://baodautu.vn/rss/dau-tu.rss", "kind": "rss", "outlet": "Báo Đầu tư"},
        )
    )
    spare = Organization.objects.create(name="Công ty TNHH Thử nghiệm Xóa")
    _created(client.delete(f"/api/v1/organizations/{spare.pk}/"))


def _existing_keys(path: str) -> list[Any]:
    """Keys of up to three records behind an operation's `{id}` (or `{code}`), found through the URL's viewset."""
    from django.urls import resolve

    if "{" not in path:
        return []
    parameter = path[path.index("{") + 1 : path.index("}")]
    record_path = path[: path.index("}") + 1] + "/"  # the record's own URL: its viewset names the model
    viewset = resolve(record_path.replace("{" + parameter + "}", "1" if parameter == "id" else "VN")).func.cls
    model = viewset.queryset.model
    lookup = "pk" if parameter == "id" else viewset.lookup_field
    keys = list(model.objects.order_by("pk").values_list(lookup, flat=True)[:2])
    last = model.objects.order_by("pk").values_list(lookup, flat=True).last()
    if last is not None and last not in keys:
        keys.append(last)
    return keys


def _strategy(operation: Any) -> Any:
    """Valid and invalid requests for the operation: half on any key, half on the keys of existing records."""
    from hypothesis import strategies as st
    from schemathesis import GenerationMode

    modes = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    anywhere = st.one_of([operation.as_strategy(generation_mode=mode) for mode in modes])
    keys = _existing_keys(operation.path)
    if not keys:
        return anywhere
    parameter = operation.path[operation.path.index("{") + 1 : operation.path.index("}")]
    existing = st.one_of(
        [
            operation.as_strategy(generation_mode=mode, path_parameters={parameter: key})
            for mode in modes
            for key in keys
        ]
    )
    return st.one_of(anywhere, existing)


def _fuzz_operation(operation: Any, send: Callable[[Any], None], max_examples: int) -> None:
    """Send up to `max_examples` generated cases of one operation; Hypothesis derandomized, nothing shrunk."""
    from hypothesis import HealthCheck, Phase, given, settings

    @settings(
        max_examples=max_examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
        print_blob=False,
    )
    @given(case=_strategy(operation))
    def run(case: Any) -> None:
        send(case)

    run()


@contextmanager
def _tracebacks() -> Iterator[list[str]]:
    """The last lines of the traceback of each exception a request raised (the 500s), newest last."""
    from django.core import signals

    tracebacks: list[str] = []

    def keep(sender: Any, **kwargs: Any) -> None:
        tracebacks.append("".join(traceback.format_exc(limit=-3)))

    signals.got_request_exception.connect(keep)
    try:
        yield tracebacks
    finally:
        signals.got_request_exception.disconnect(keep)


@pytest.mark.parametrize("principal", ["superuser token", "read-only token"])
def test_every_operation_answers_as_its_schema_documents(principal, principals, records, application, caplog):
    import schemathesis
    from django.db import transaction
    from schemathesis.checks import not_a_server_error
    from schemathesis.core.failures import FailureGroup
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    caplog.set_level(logging.ERROR, logger="django.request")  # not a line per 404; 500s are in the report
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
    ]
    headers = {"Authorization": f"Token {principals[principal]}"}
    config = schemathesis.Config()
    config.projects.default.generation.update(with_security_parameters=False)  # always this token, never a made-up one
    only = os.environ.get("CRM_FUZZ_OPERATIONS")  # a regular expression: rerun the operations of one failure
    tally = Tally()

    with _connection_kept(), _tracebacks() as tracebacks:

        def send(case: Any) -> None:
            tracebacks.clear()
            with transaction.atomic():
                response = case.call(headers=headers)
                transaction.set_rollback(True)
            tally.cases += 1
            tally.statuses[response.status_code] += 1
            try:
                case.validate_response(response, checks=checks)
            except FailureGroup as group:
                reproduction = "\n".join([case.as_curl_command(headers=headers), *tracebacks[-1:]])
                tally.add(list(group.exceptions), case.operation.label, reproduction)

        schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, application, config=config, headers=headers)
        operations = [result.ok() for result in schema.get_all_operations()]
        per_operation = max(MIN_CASES_PER_OPERATION, math.ceil(CASES_PER_TOKEN / len(operations)))
        if only:
            operations = [operation for operation in operations if re.search(only, operation.label)]
        for operation in operations:
            try:
                _fuzz_operation(operation, send, per_operation)
            except Exception as error:  # an operation schemathesis cannot generate for is reported, not fatal
                tally.generation_errors.append(f"{operation.label}: {type(error).__name__}: {error}")

    record_run(
        f"schemathesis: {principal} {tally.cases:,} cases over {len(operations)} operations, "
        f"{tally.server_errors} server errors, {tally.conformance_failures} conformance failures "
        f"(answers: {', '.join(f'{status} × {count}' for status, count in sorted(tally.statuses.items()))})"
    )
    assert only or tally.cases >= CASES_PER_TOKEN
    assert not (tally.kinds or tally.generation_errors), tally.report()
