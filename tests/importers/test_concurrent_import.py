"""Two imports of the same folder at the same time save each article, organization and contact once.

PostgreSQL only: there writers really run side by side under READ COMMITTED, and only the
unique constraints, the savepoint get-or-create and the advisory locks keep the records single.
SQLite runs one writer at a time, so the same test there would prove nothing.

Each import runs in a thread with its own connection and commits for real. The tests are not
`transaction=True`: that flushes every table afterwards, reference data included, and with
`--reuse-db` the next run would find no provinces or sectors. Instead the test's own
transaction only reads, and the `imports_committed` fixture deletes what the threads committed.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.db import connections

from importers import saving
from importers.pipeline import ImportReport, import_documents
from importers.readers import read_sources
from importers.saving import save_extraction
from importers.types import RawDocument
from leads.models import Contact, DeletedRecord, Evidence, Opportunity, Organization, SourceArticle
from leads.text import normalize_name
from tests.importers.test_saving import CONSULATE, SUPPORT, extraction

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "articles"
T = TypeVar("T")

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="Concurrent writers need PostgreSQL; SQLite serializes them (run with DATABASE_URL=postgres://...).",
    ),
    pytest.mark.django_db,
    pytest.mark.usefixtures("imports_committed"),
]


def at_the_same_time(*jobs: Callable[[], T]) -> list[T]:
    """Run each job in its own thread (and database connection), all started at the same moment."""
    start = threading.Barrier(len(jobs))
    results: list[T] = []
    errors: list[BaseException] = []

    def work(job: Callable[[], T]) -> None:
        try:
            start.wait()
            results.append(job())
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert errors == []
    return results


def delete_imported_records() -> None:
    """Delete everything an import writes (and the tombstones and history entries deleting it leaves)."""
    for model in (Evidence, Opportunity, Contact, Organization, SourceArticle, DeletedRecord, LogEntry):
        model.objects.all().delete()


@pytest.fixture
def imports_committed():
    """Remove, on a connection outside the test's transaction, what the threads committed."""
    yield
    at_the_same_time(delete_imported_records)


def import_at_the_same_time(*orders: list[RawDocument]) -> list[ImportReport]:
    return at_the_same_time(*(lambda documents=documents: import_documents(documents) for documents in orders))


def record_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() for model in (SourceArticle, Organization, Contact, Opportunity, Evidence)
    }


def assert_each_record_once() -> None:
    organizations = list(Organization.objects.values_list("normalized_name", flat=True))
    contacts = list(Contact.objects.values_list("normalized_name", "organization_id"))
    assert [name for name, count in Counter(organizations).items() if count > 1] == []
    assert [name for name, count in Counter(contacts).items() if count > 1] == []
    assert SourceArticle.objects.count() == 5


@pytest.mark.parametrize("second_order", ["same order", "opposite order"])
def test_two_imports_of_the_seed_folder_at_once_end_with_each_record_exactly_once(second_order: str) -> None:
    documents = [document for document in read_sources([str(SEEDS)]) if isinstance(document, RawDocument)]
    other = documents if second_order == "same order" else documents[::-1]

    reports = import_at_the_same_time(documents, other)

    assert [report.failures for report in reports] == [[], []]
    statuses = Counter(outcome.status for report in reports for outcome in report.outcomes)
    assert statuses == {"new": 5, "unchanged": 5}
    assert_each_record_once()
    concurrent = record_counts()

    # The same folder imported once, alone, gives exactly the same records.
    at_the_same_time(delete_imported_records)
    at_the_same_time(lambda: import_documents(documents))
    assert record_counts() == concurrent


def test_an_organization_two_articles_name_with_and_without_its_country_at_once_is_one_organization(
    monkeypatch,
) -> None:
    # Both imports look the name up before either creates it, unless something makes the second
    # wait: each then finds nothing and, as their countries differ, no unique constraint objects.
    looked_up = threading.Barrier(2)
    organizations_named = saving.organizations_named

    def look_up_then_wait_for_the_other(keys):
        found = organizations_named(keys)
        print("LOOKUP", threading.get_ident(), dict(found))
        with contextlib.suppress(threading.BrokenBarrierError):  # the other import waits for us: go on
            looked_up.wait(timeout=1)
        return found

    monkeypatch.setattr(saving, "organizations_named", look_up_then_wait_for_the_other)
    stated = extraction(SUPPORT)
    unstated = extraction(f"Hôm qua, {SUPPORT}", organizations=((CONSULATE, "consulate", ""),))

    outcomes = at_the_same_time(
        lambda: save_extraction(stated, origin="a.txt"), lambda: save_extraction(unstated, origin="b.txt")
    )

    print(
        "ORGS",
        list(Organization.objects.values("name", "country", "normalized_name")),
        [dict(o.created) for o in outcomes],
    )
    assert sorted(outcome.status for outcome in outcomes) == ["new", "new"]
    assert Organization.objects.filter(normalized_name=normalize_name(CONSULATE)).count() == 1
