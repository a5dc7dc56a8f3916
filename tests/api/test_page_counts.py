"""Pages read by keys first, with a count that may be an estimate on large sets: the rows still decide the pages."""

import pytest
from django.urls import reverse

from leads.api import pagination
from leads.models import Opportunity
from tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def page(client, number, **params) -> dict:
    response = client.get(reverse("api:opportunity-list"), {"page": number, "page_size": 3, **params})
    assert response.status_code == 200, response.json()
    return response.json()


def newest_first() -> list[int]:
    return list(Opportunity.objects.order_by("-updated_at", "-pk").values_list("pk", flat=True))


def test_each_page_holds_the_records_of_its_place_in_the_order_and_the_last_has_no_next(staff_api):
    OpportunityFactory.create_batch(7)
    expected = newest_first()

    pages = [page(staff_api, number) for number in (1, 2, 3)]

    assert [[row["id"] for row in p["results"]] for p in pages] == [expected[0:3], expected[3:6], expected[6:7]]
    assert [p["count"] for p in pages] == [7, 7, 7]
    assert [p["next"] is None for p in pages] == [False, False, True]
    assert staff_api.get(reverse("api:opportunity-list"), {"page": 4, "page_size": 3}).status_code == 404


def test_a_large_set_gets_an_estimate_but_its_pages_end_where_its_rows_do(staff_api, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 2)
    monkeypatch.setattr(pagination, "TRUSTED_ESTIMATE_FROM", 1)
    OpportunityFactory.create_batch(6)
    expected = newest_first()

    first, last = page(staff_api, 1), page(staff_api, 2)

    assert [row["id"] for row in first["results"] + last["results"]] == expected
    assert first["next"] is not None and last["next"] is None
    assert first["count"] >= 1  # PostgreSQL's estimate; SQLite always counts exactly
    assert staff_api.get(reverse("api:opportunity-list"), {"page": 3, "page_size": 3}).status_code == 404
    assert page(staff_api, "last")["results"] == last["results"]  # the last page is found by counting exactly


def test_filters_and_orderings_page_the_same_way(staff_api):
    values = ["5", None, "7", "1", None, "9", "3"]
    for value in values:
        OpportunityFactory(value=value, currency="USD" if value else "")
    by_value = list(
        Opportunity.objects.exclude(value=None).order_by("-value", "-pk").values_list("pk", flat=True)
    ) + list(Opportunity.objects.filter(value=None).order_by("-pk").values_list("pk", flat=True))

    rows = [row["id"] for number in (1, 2, 3) for row in page(staff_api, number, ordering="-value")["results"]]
    in_range = page(staff_api, 1, value_min="2", value_max="8", ordering="-value")

    assert rows == by_value
    assert [row["value"] for row in in_range["results"]] == ["7.00", "5.00", "3.00"]
    assert in_range["count"] == 3
