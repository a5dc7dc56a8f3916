"""Pages of bounded size, cursors over `updated_at` for sync clients, and the deleted-records feed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.models import DeletedRecord, Opportunity
from tests.factories import OpportunityFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

URL = reverse("api:opportunity-list")
SYNC = reverse("api:opportunity-sync")


def test_lists_are_paged_fifty_at_a_time_by_default(staff_api, db):
    OpportunityFactory.create_batch(55)
    body = staff_api.get(URL).json()
    assert (body["count"], len(body["results"])) == (55, 50)
    assert "page=2" in body["next"]
    assert len(staff_api.get(body["next"]).json()["results"]) == 5


def test_a_client_may_ask_for_up_to_500_per_page(staff_api, db):
    OpportunityFactory.create_batch(12)
    assert len(staff_api.get(URL, {"page_size": 5}).json()["results"]) == 5
    assert len(staff_api.get(URL, {"page_size": 500}).json()["results"]) == 12


@pytest.mark.parametrize("page_size", ["501", "1000000000", "0", "-1", "ten", "1e3", "²"])
def test_a_page_size_over_the_maximum_or_not_a_number_is_a_400(staff_api, db, page_size):
    response = staff_api.get(URL, {"page_size": page_size})
    assert response.status_code == 400
    assert "page_size" in response.json()["errors"]


@pytest.mark.parametrize("page", ["abc", "0", "-2", "1.5", "9" * 30])
def test_a_page_that_is_not_a_page_number_is_a_400(staff_api, db, page):
    response = staff_api.get(URL, {"page": page})
    assert response.status_code == 400
    assert "page" in response.json()["errors"]


def test_a_page_past_the_end_is_a_404(staff_api, db):
    OpportunityFactory()
    assert staff_api.get(URL, {"page": 999999999}).status_code == 404
    assert staff_api.get(URL, {"page": "last"}).status_code == 200


@pytest.mark.parametrize("name", ["api:opportunity-list", "api:province-list"])
def test_a_page_whose_offset_no_database_could_hold_is_a_404_not_an_overflow(staff_api, db, name):
    """Found by schemathesis on PostgreSQL: `(page - 1) * 50` past 2**63 made OFFSET overflow (a 500)."""
    OpportunityFactory()
    response = staff_api.get(reverse(name), {"page": "613489005955341824"})
    assert response.status_code == 404


def test_sync_walks_the_whole_table_by_updated_at_with_a_cursor(staff_api, db):
    OpportunityFactory.create_batch(7)
    start = timezone.now() - timedelta(days=1)
    for offset, opportunity in enumerate(Opportunity.objects.order_by("pk")):
        Opportunity.objects.filter(pk=opportunity.pk).update(updated_at=start + timedelta(minutes=7 - offset))
    seen, url, pages = [], SYNC + "?page_size=3", 0
    while url:
        body = staff_api.get(url).json()
        seen += [row["updated_at"] for row in body["results"]]
        url, pages = body["next"], pages + 1
    assert pages == 3
    assert len(seen) == 7
    assert seen == sorted(seen)
    assert "count" not in body


def test_sync_honours_the_filters_for_incremental_runs(staff_api, db):
    old, recent = OpportunityFactory.create_batch(2)
    Opportunity.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=3))
    body = staff_api.get(SYNC, {"updated_after": (timezone.now() - timedelta(days=1)).isoformat()}).json()
    assert [row["id"] for row in body["results"]] == [recent.pk]


def test_sync_refuses_ordering_and_forged_cursors(staff_api, db):
    OpportunityFactory()
    assert "ordering" in staff_api.get(SYNC, {"ordering": "-value"}).json()["errors"]
    for cursor in ["not-base64!!", "cD1ub3QtYS1kYXRl", "bz1hYmM="]:
        response = staff_api.get(SYNC, {"cursor": cursor})
        assert response.status_code == 400, cursor
        assert "cursor" in response.json()["errors"]


@pytest.mark.parametrize("name", ["organization", "contact", "opportunity", "article", "activity", "stage-change"])
def test_every_synced_resource_has_a_sync_endpoint(staff_api, db, name):
    response = staff_api.get(reverse(f"api:{name}-sync"))
    assert response.status_code == 200
    assert set(response.json()) == {"next", "previous", "results"}


def test_deletions_are_visible_to_sync_clients(staff_api, db):
    organization = OrganizationFactory(name="Công ty Trùng Lặp")
    opportunity = OpportunityFactory()
    organization_id, opportunity_id = organization.pk, opportunity.pk
    organization.delete()
    opportunity.delete()
    feed = staff_api.get(reverse("api:deleted-record-list")).json()
    assert [(row["model"], row["object_id"]) for row in feed["results"]] == [
        ("organization", organization_id),
        ("opportunity", opportunity_id),
    ]
    only = staff_api.get(reverse("api:deleted-record-list"), {"model": "opportunity"}).json()["results"]
    assert [row["object_id"] for row in only] == [opportunity_id]


def test_the_deleted_records_feed_is_incremental(staff_api, db):
    DeletedRecord.objects.create(model="contact", object_id=1)
    DeletedRecord.objects.filter(object_id=1).update(deleted_at=timezone.now() - timedelta(days=2))
    DeletedRecord.objects.create(model="contact", object_id=2)
    since = (timezone.now() - timedelta(days=1)).isoformat()
    rows = staff_api.get(reverse("api:deleted-record-list"), {"deleted_after": since}).json()["results"]
    assert [row["object_id"] for row in rows] == [2]
    assert "model" in staff_api.get(reverse("api:deleted-record-list"), {"model": "user"}).json()["errors"]
