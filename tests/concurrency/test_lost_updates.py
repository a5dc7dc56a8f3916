"""Writers at the same moment on PostgreSQL: no write undoes another, and no race answers a 500.

Each scenario of issue 9 runs `ROUNDS` times (50; `CONCURRENCY_ROUNDS` to change it): two API clients,
each in its own thread with its own database connection, send their request at the same moment (a
barrier), and after every round the records are checked: the stage is the one last recorded in the
stage history, the review status the one the last review note says, everything a merge brought is
there, and no request answered 500 (the test client raises what a view raised). SQLite runs one
writer at a time, so the races cannot happen there and the module is skipped.

The tests are transactional: the threads must see what the test commits, and commit for real. Each
starts from the migrated state (serialized rollback); the module puts it back at the end, for the
tests that run after it and for the next `--reuse-db` run.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import connections
from django.urls import reverse
from django.utils import translation

from leads.choices import ReviewStatus, Stage
from leads.models import Activity, Contact, Opportunity, Organization, StageChange
from tests.api.conftest import client_for
from tests.concurrency.conftest import record_rounds
from tests.factories import ContactFactory, OpportunityFactory, OrganizationFactory

ROUNDS = int(os.environ.get("CONCURRENCY_ROUNDS", "50"))
REFUSED = {400, 404, 409}  # what the loser of two merges of the same organizations may answer

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="Concurrent writers need PostgreSQL; SQLite runs one writer at a time (set DATABASE_URL=postgres://...).",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

Send = Callable[[Any, dict], Any]  # (its client, the round's records) -> the response


@pytest.fixture(scope="module", autouse=True)
def restore_migrated_state(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Put back the reference data and permissions the last test's flush removed."""
    yield
    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def clients(full_staff) -> tuple[Any, Any]:
    """Two API clients of a user who may do everything, each with its own token."""
    return client_for(full_staff), client_for(full_staff)


def race(
    name: str,
    clients: tuple[Any, Any],
    prepare: Callable[[int], dict],
    sends: tuple[Send, Send],
    check: Callable[[int, dict, Any, Any], None],
) -> Counter:
    """Run `ROUNDS` rounds: `prepare` the records, both `sends` at the same moment, then `check` the records.

    Returns how many rounds ended with each pair of status codes, and records a summary line.
    """
    start, done = threading.Barrier(3), threading.Barrier(3)
    records: dict[str, dict] = {}
    responses: list[Any] = [None, None]
    errors: list[str] = []

    def work(index: int) -> None:
        try:
            for _ in range(ROUNDS):
                start.wait(timeout=120)
                try:
                    responses[index] = sends[index](clients[index], records["round"])
                except Exception as error:  # a view raised: the server would have answered 500
                    errors.append(f"{type(error).__name__}: {error}")
                    responses[index] = None
                done.wait(timeout=120)
        except threading.BrokenBarrierError:
            pass  # the test failed and stopped the rounds
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work, args=(index,)) for index in range(2)]
    for worker in workers:
        worker.start()
    outcomes: Counter = Counter()
    try:
        for number in range(ROUNDS):
            records["round"] = prepare(number)
            start.wait(timeout=120)
            done.wait(timeout=120)
            assert errors == [], f"round {number}: {errors}"
            outcomes[tuple(response.status_code for response in responses)] += 1
            check(number, records["round"], *responses)
    finally:
        start.abort()
        done.abort()
        for worker in workers:
            worker.join(timeout=120)
    summary = ", ".join(f"{' + '.join(map(str, codes))} ×{count}" for codes, count in sorted(outcomes.items()))
    record_rounds(f"{name}: {sum(outcomes.values())} rounds, all consistent, no 500; status codes {summary}")
    return outcomes


def url(name: str, record: Any) -> str:
    return reverse(f"api:{name}", args=[record.pk])


def patch(path_name: str, record: Any, **body: Any) -> Send:
    return lambda client, _round: client.patch(url(path_name, record), body, format="json")


def assert_stage_is_the_last_move(opportunity: Opportunity, stage: str) -> None:
    opportunity.refresh_from_db()
    last = StageChange.objects.filter(opportunity=opportunity).order_by("changed_at", "pk").last()
    assert (opportunity.stage, last.to_stage) == (stage, stage)


# ---------------------------------------------------------------------------------------------
# A PATCH of another field at the same moment as a stage move or a review
# ---------------------------------------------------------------------------------------------


def test_a_patch_and_a_stage_move_at_the_same_moment_both_stay(clients):
    opportunity = OpportunityFactory(stage=Stage.IDENTIFIED)
    targets = (Stage.CONTACTED, Stage.QUALIFIED)  # each round moves it away from where it is

    def prepare(number: int) -> dict:
        return {"stage": targets[number % 2], "next_step": f"Gọi lại cho ban quản lý dự án, lần {number}"}

    def send_patch(client, round_: dict):
        return client.patch(url("opportunity-detail", opportunity), {"next_step": round_["next_step"]}, format="json")

    def send_move(client, round_: dict):
        return client.post(url("opportunity-move-stage", opportunity), {"stage": round_["stage"]}, format="json")

    def check(number: int, round_: dict, patched, moved) -> None:
        assert (patched.status_code, moved.status_code) == (200, 201), (patched.json(), moved.json())
        assert_stage_is_the_last_move(opportunity, round_["stage"])
        assert opportunity.next_step == round_["next_step"]

    outcomes = race("PATCH + move-stage", clients, prepare, (send_patch, send_move), check)
    assert outcomes == {(200, 201): ROUNDS}


def review_decisions() -> dict[str, str]:
    """The subject of each review note, in every language the interface speaks, and the decision it records."""
    decisions = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            decisions[translation.gettext("Accepted in review")] = ReviewStatus.ACCEPTED
            decisions[translation.gettext("Rejected in review")] = ReviewStatus.REJECTED
    return decisions


def test_a_patch_and_a_review_at_the_same_moment_both_stay(clients):
    opportunity = OpportunityFactory(is_imported=True, review_status=ReviewStatus.PENDING)
    subjects = review_decisions()

    def prepare(number: int) -> dict:
        decision = ReviewStatus.ACCEPTED if number % 2 == 0 else ReviewStatus.REJECTED
        return {"decision": decision, "next_step": f"Gửi hồ sơ ưu đãi đầu tư, lần {number}"}

    def send_patch(client, round_: dict):
        return client.patch(url("opportunity-detail", opportunity), {"next_step": round_["next_step"]}, format="json")

    def send_review(client, round_: dict):
        return client.post(url("opportunity-review", opportunity), {"decision": round_["decision"]}, format="json")

    def check(number: int, round_: dict, patched, reviewed) -> None:
        assert (patched.status_code, reviewed.status_code) == (200, 200), (patched.json(), reviewed.json())
        opportunity.refresh_from_db()
        notes = Activity.objects.filter(opportunity=opportunity, subject__in=subjects).order_by("created_at", "pk")
        assert notes.count() == number + 1
        assert opportunity.review_status == subjects[notes.last().subject] == round_["decision"]
        assert opportunity.next_step == round_["next_step"]

    outcomes = race("PATCH + review", clients, prepare, (send_patch, send_review), check)
    assert outcomes == {(200, 200): ROUNDS}


# ---------------------------------------------------------------------------------------------
# A merge at the same moment as a write of what it merges
# ---------------------------------------------------------------------------------------------


def duplicate_with_records(number: int, label: str = "") -> dict:
    """An organization with notes, a contact and an opportunity of its own, as a duplicate brings them."""
    organization = OrganizationFactory(
        name=f"Công ty TNHH Linh kiện Đông Hưng {label}{number}",
        notes=f"Đã gặp ở hội chợ Quảng Tây, lần {label}{number}",
    )
    return {
        "organization": organization,
        "contact": ContactFactory(organization=organization, full_name=f"Lâm Quốc {label}{number}"),
        "opportunity": OpportunityFactory(organization=organization, project=f"Nhà máy linh kiện {label}{number}"),
    }


def assert_merged_into(keep: Organization, duplicate: dict) -> None:
    """Everything the duplicate had is now the kept organization's, its notes included; the duplicate is gone."""
    keep.refresh_from_db()
    organization = duplicate["organization"]
    assert not Organization.objects.filter(pk=organization.pk).exists()
    assert f"[{organization.name}] {organization.notes}" in keep.notes
    assert Contact.objects.get(pk=duplicate["contact"].pk).organization_id == keep.pk
    assert Opportunity.objects.get(pk=duplicate["opportunity"].pk).organization_id == keep.pk


def test_a_merge_and_a_patch_of_the_kept_organization_at_the_same_moment_lose_nothing(clients):
    keep = OrganizationFactory(name="Tập đoàn Điện tử Hoa Nam", notes="Đầu mối: văn phòng đại diện tại Hà Nội.")
    merged_notes: list[str] = []

    def prepare(number: int) -> dict:
        return {**duplicate_with_records(number), "website": f"https://hoanam{number}.example.cn"}

    def send_merge(client, round_: dict):
        return client.post(url("organization-merge", keep), {"merge": [round_["organization"].pk]}, format="json")

    def send_patch(client, round_: dict):
        return client.patch(url("organization-detail", keep), {"website": round_["website"]}, format="json")

    def check(number: int, round_: dict, merge, patched) -> None:
        assert (merge.status_code, patched.status_code) == (200, 200), (merge.json(), patched.json())
        assert_merged_into(keep, round_)
        merged_notes.append(f"[{round_['organization'].name}] {round_['organization'].notes}")
        assert all(notes in keep.notes for notes in merged_notes)  # every earlier round's notes too
        assert keep.website == round_["website"]
        assert keep.notes.startswith("Đầu mối: văn phòng đại diện tại Hà Nội.")

    outcomes = race("merge + PATCH of the kept organization", clients, prepare, (send_merge, send_patch), check)
    assert outcomes == {(200, 200): ROUNDS}


def test_a_merge_and_a_stage_move_of_the_merged_organizations_opportunity_both_stay(clients):
    keep = OrganizationFactory(name="Tập đoàn Bán dẫn Tây Nam")

    def send_merge(client, round_: dict):
        return client.post(url("organization-merge", keep), {"merge": [round_["organization"].pk]}, format="json")

    def send_move(client, round_: dict):
        return client.post(url("opportunity-move-stage", round_["opportunity"]), {"stage": "contacted"}, format="json")

    def check(number: int, round_: dict, merge, moved) -> None:
        assert (merge.status_code, moved.status_code) == (200, 201), (merge.json(), moved.json())
        assert_merged_into(keep, round_)
        assert_stage_is_the_last_move(round_["opportunity"], Stage.CONTACTED)

    outcomes = race(
        "merge + move-stage of the merged organization's opportunity",
        clients,
        duplicate_with_records,
        (send_merge, send_move),
        check,
    )
    assert outcomes == {(200, 201): ROUNDS}


# ---------------------------------------------------------------------------------------------
# Two merges of the same organizations at once
# ---------------------------------------------------------------------------------------------


def merge_into(keep_key: str, duplicate_key: str) -> Send:
    def send(client, round_: dict):
        keep, duplicate = round_[keep_key]["organization"], round_[duplicate_key]["organization"]
        return client.post(url("organization-merge", keep), {"merge": [duplicate.pk]}, format="json")

    return send


def assert_one_merged_and_one_refused(first, second) -> int:
    """Which of the two merges was made (0 or 1); the other was refused with a message, not a 500."""
    codes = (first.status_code, second.status_code)
    assert sorted(codes)[0] == 200 and sorted(codes)[1] in REFUSED, codes
    refused = second if codes[0] == 200 else first
    if refused.status_code == 409:  # not a deadlock's "try again": the merge found its organization gone
        assert "was merged or deleted meanwhile" in refused.json()["detail"]
    assert refused.json()["detail"]
    return codes.index(200)


def test_two_merges_of_two_organizations_into_each_other_at_once_make_one(clients):
    def prepare(number: int) -> dict:
        return {"a": duplicate_with_records(number, "A"), "b": duplicate_with_records(number, "B")}

    def check(number: int, round_: dict, first, second) -> None:
        made = assert_one_merged_and_one_refused(first, second)
        keep, duplicate = (round_["a"], round_["b"]) if made == 0 else (round_["b"], round_["a"])
        assert_merged_into(keep["organization"], duplicate)
        assert Contact.objects.get(pk=keep["contact"].pk).organization_id == keep["organization"].pk
        assert Opportunity.objects.get(pk=keep["opportunity"].pk).organization_id == keep["organization"].pk
        assert keep["organization"].notes.startswith(f"Đã gặp ở hội chợ Quảng Tây, lần {'AB'[made]}{number}")

    outcomes = race("merge A←B + merge B←A", clients, prepare, (merge_into("a", "b"), merge_into("b", "a")), check)
    assert sum(outcomes.values()) == ROUNDS


def test_two_merges_of_one_duplicate_into_two_organizations_at_once_make_one(clients):
    def prepare(number: int) -> dict:
        return {key: duplicate_with_records(number, key.upper()) for key in ("a", "b", "c")}

    def check(number: int, round_: dict, first, second) -> None:
        made = assert_one_merged_and_one_refused(first, second)
        winner, loser = (round_["c"], round_["b"]) if made == 0 else (round_["b"], round_["c"])
        assert_merged_into(winner["organization"], round_["a"])
        untouched = Organization.objects.get(pk=loser["organization"].pk)
        assert untouched.notes == loser["organization"].notes
        assert untouched.contacts.get().pk == loser["contact"].pk
        assert untouched.opportunities.get().pk == loser["opportunity"].pk

    outcomes = race("merge C←A + merge B←A", clients, prepare, (merge_into("c", "a"), merge_into("b", "a")), check)
    assert sum(outcomes.values()) == ROUNDS
