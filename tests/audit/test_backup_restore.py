"""Backup and restore as README.md describes them find every record, evidence row and history entry again.

The database is the seed articles imported, then worked by staff through the API (an edit, a
stage move, an activity, a merge), so it holds evidence, stage changes and audit history by
users and by nobody. Two round trips:

- `dumpdata` → a fresh database → `migrate`, `flush`, `loaddata` (the commands run as an operator
  would, in their own process), on whichever database the suite runs;
- the database's own backup: `pg_dump -Fc` → `pg_restore` into a new database on PostgreSQL, the
  backup API behind `sqlite3 ... ".backup ..."` on SQLite. These need committed data, so that test
  is transactional; the migrated state its flush removes is put back afterwards.

Both compare every table: the row count and a checksum of every row's values. `dumpdata` leaves
content types and permissions to `migrate` (the restored database numbers them itself), so that
comparison reads them, and the keys pointing at them, by their natural keys.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from leads.models import Opportunity, Organization
from tests.audit.conftest import import_seeds

ROOT = Path(__file__).resolve().parents[2]
# The backup command of README.md's "Backup and restore", option for option.
DUMP_OPTIONS = [
    *("--format", "yaml"),
    "--natural-foreign",
    *("--exclude", "contenttypes"),
    *("--exclude", "auth.permission"),
    *("--exclude", "sessions"),
]
NOT_BACKED_UP = {"sessions.session"}  # logins: nobody needs them back
MUST_COME_BACK = [
    "leads.organization",
    "leads.contact",
    "leads.opportunity",
    "leads.sourcearticle",
    "leads.evidence",
    "leads.stagechange",
    "leads.activity",
    "auditlog.logentry",
]
POSTGRES = connection.vendor == "postgresql"


# --- the database staff worked ---------------------------------------------------------------------------


def work_the_database(client) -> None:
    """The seeds imported by the command, then an edit, a stage move, an activity and a merge through the API."""
    import_seeds()
    lead = Opportunity.objects.filter(organization__isnull=False).order_by("pk").first()
    url = reverse("api:opportunity-detail", args=[lead.pk])
    response = client.patch(url, {"priority": "high", "next_step": "Mời đoàn khảo sát KCN"}, format="json")
    assert response.status_code == 200, response.json()
    response = client.post(reverse("api:opportunity-move-stage", args=[lead.pk]), {"stage": "qualified"})
    assert response.status_code == 201, response.json()
    activity = {"kind": "call", "subject": "Gọi cho văn phòng đại diện", "opportunity": lead.pk}
    assert client.post(reverse("api:activity-list"), activity, format="json").status_code == 201
    duplicate = Organization.objects.exclude(pk=lead.organization_id).order_by("-pk").first()
    response = client.post(reverse("api:organization-merge", args=[lead.organization_id]), {"merge": [duplicate.pk]})
    assert response.status_code == 200, response.json()


# --- comparing two databases -----------------------------------------------------------------------------


def model_checksums(using: str = "default") -> dict[str, list]:
    """Per model: the number of rows and a checksum of their values, comparable across databases.

    Content types and permissions, and keys pointing at them, are read as natural keys; the rows of
    many-to-many tables without their own key. Everything else is compared as stored, keys included.
    """
    content_types = {
        pk: [app_label, model]
        for pk, app_label, model in ContentType.objects.using(using).values_list("pk", "app_label", "model")
    }
    permissions = {
        pk: [*content_types[content_type], codename]
        for pk, content_type, codename in Permission.objects.using(using).values_list("pk", "content_type", "codename")
    }
    natural = {ContentType: content_types, Permission: permissions}
    checksums = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label_lower in NOT_BACKED_UP:
            continue
        fields = [
            field
            for field in meta.concrete_fields
            if not (field.primary_key and (meta.auto_created or model in natural))
        ]
        rows = []
        for values in model._base_manager.using(using).values_list(*(field.attname for field in fields)):
            row = [
                natural[field.related_model][value] if field.related_model in natural and value is not None else value
                for field, value in zip(fields, values, strict=True)
            ]
            rows.append(json.dumps(row, default=str, sort_keys=True, ensure_ascii=False))
        rows.sort()
        checksums[meta.label_lower] = [len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()]
    return checksums


def assert_same_and_complete(original: dict[str, list], restored: dict[str, list]) -> None:
    for label in MUST_COME_BACK:
        assert original[label][0] > 0, f"the worked database has no {label}"
    different = {
        label: (original[label], restored.get(label)) for label in original if original[label] != restored.get(label)
    }
    assert different == {}
    assert set(restored) == set(original)


# --- dumpdata / loaddata --------------------------------------------------------------------------------


def manage(database_url: str, *arguments: str) -> str:
    """`manage.py ...` in its own process, on the database at `database_url`, as an operator runs it."""
    environment = {**os.environ, "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def postgres_url(name: str) -> str:
    settings = connection.settings_dict
    credentials = quote(settings["USER"] or "", safe="")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"], safe="")
    host = settings["HOST"] or "localhost"
    return f"postgres://{credentials}@{host}:{settings['PORT'] or 5432}/{name}"


@pytest.fixture
def empty_database(tmp_path) -> Iterator[str]:
    """A database nobody has used, as a `DATABASE_URL`: a new SQLite file, or a new PostgreSQL database."""
    if not POSTGRES:
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield postgres_url(name)
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db
def test_dumpdata_then_loaddata_into_a_fresh_database_finds_every_row_again(staff_api, empty_database, tmp_path):
    work_the_database(staff_api)
    backup = tmp_path / "crm-backup.yaml.gz"
    call_command("dumpdata", *DUMP_OPTIONS, output=str(backup), verbosity=0)
    with gzip.open(backup, "rt", encoding="utf-8") as dump:
        dumped = {row["model"] for row in yaml.load(dump, Loader=yaml.CSafeLoader)}
    assert not dumped & {"contenttypes.contenttype", "auth.permission", "sessions.session"}

    manage(empty_database, "migrate", "--no-input", "-v0")
    manage(empty_database, "flush", "--no-input", "-v0")
    manage(empty_database, "loaddata", str(backup), "-v0")
    script = "import json; from tests.audit.test_backup_restore import model_checksums as m; print(json.dumps(m()))"
    restored = json.loads(manage(empty_database, "shell", "-v0", "-c", script).strip().splitlines()[-1])

    assert_same_and_complete(model_checksums(), restored)


def test_loaddata_restores_the_history_without_recording_the_load_as_changes(tmp_path, db):
    """Without `leads`' own `loaddata`, auditlog would log every loaded record as a new creation."""
    from auditlog.models import LogEntry

    from tests.factories import OpportunityFactory

    opportunity = OpportunityFactory()
    backup = tmp_path / "one.json"
    call_command("dumpdata", "leads.opportunity", "--natural-foreign", output=str(backup), verbosity=0)
    before = LogEntry.objects.count()
    opportunity.sectors.clear()
    after_clear = LogEntry.objects.count()
    call_command("loaddata", str(backup), verbosity=0)
    assert LogEntry.objects.count() == after_clear > before
    assert opportunity.sectors.count() == 1  # the link came back, unrecorded


def test_the_readme_gives_the_same_backup_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"manage.py dumpdata {' '.join(DUMP_OPTIONS)}" in readme
    assert "pg_dump -Fc" in readme and "pg_restore" in readme and ".backup" in readme


# --- the database's own backup ------------------------------------------------------------------------------


def table_checksums(cursor, tables: list[str]) -> dict[str, list]:
    """Per table: the row count and a checksum of every row, straight from SQL.

    PostgreSQL writes each row as text itself (both sessions in UTC); SQLite's rows are read with
    the column types Django declares, on both sides.
    """
    checksums = {}
    for table in sorted(tables):
        name = connection.ops.quote_name(table)
        cursor.execute(f"SELECT t::text FROM {name} t" if POSTGRES else f"SELECT * FROM {name}")
        rows = sorted(repr(tuple(row)) for row in cursor.fetchall())
        checksums[table] = [len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()]
    return checksums


def require_binaries(*names: str) -> None:
    """Skip without the client programs, except in CI, where a missing program is a broken machine."""
    missing = [name for name in names if shutil.which(name) is None]
    if missing:
        message = f"{', '.join(missing)} not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def migrated_state_put_back(django_db_setup, django_db_blocker) -> Iterator[None]:
    """After the transactional test's flush, put back the migrated state (reference data, permissions).

    Later tests, and the next `--reuse-db` run, expect it.
    """
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for each in connections.all():
            contents = getattr(each, "_test_serialized_contents", None)
            if contents:
                each.creation.deserialize_db_from_string(contents)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_databases_own_backup_restores_every_table(staff_api, migrated_state_put_back, tmp_path):
    work_the_database(staff_api)
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        original = table_checksums(cursor, tables)

    restored = _pg_dump_and_restore(tmp_path, tables) if POSTGRES else _sqlite_backup(tmp_path, tables)

    for table in ("leads_organization", "leads_evidence", "leads_stagechange", "leads_activity", "auditlog_logentry"):
        assert original[table][0] > 0, table
    assert restored == original


def _pg_dump_and_restore(tmp_path: Path, tables: list[str]) -> dict[str, list]:
    require_binaries("pg_dump", "pg_restore")
    import psycopg

    settings = connection.settings_dict
    environment = {**os.environ, "PGPASSWORD": settings["PASSWORD"] or ""}
    common = ["-h", settings["HOST"] or "localhost", "-p", str(settings["PORT"] or 5432), "-U", settings["USER"]]
    dump = tmp_path / "crm.dump"
    subprocess.run(["pg_dump", "-Fc", *common, "-d", settings["NAME"], "-f", str(dump)], env=environment, check=True)
    name = f"{settings['NAME']}_pg_restored"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", *common, "-d", name, str(dump)], env=environment, check=True
        )
        with psycopg.connect(postgres_url(name), options="-c timezone=UTC") as restored, restored.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            assert sorted(row[0] for row in cursor.fetchall()) == sorted(tables)
            return table_checksums(cursor, tables)
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _sqlite_backup(tmp_path: Path, tables: list[str]) -> dict[str, list]:
    """The backup API (what `sqlite3 db.sqlite3 ".backup 'copy.sqlite3'"` uses), then that command on the copy."""
    copy = tmp_path / "copy.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    target.close()
    if shutil.which("sqlite3") is not None:  # the README's command, on a file it can open
        second = tmp_path / "second-copy.sqlite3"
        subprocess.run(["sqlite3", str(copy), f".backup '{second}'"], check=True)
        copy = second
    # Read with the column types Django declares, as its own connection (the original's) reads them.
    with sqlite3.connect(copy, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES) as restored:
        names = {row[0] for row in restored.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert set(tables) <= names
        checksums = table_checksums(restored.cursor(), tables)
    restored.close()
    return checksums
