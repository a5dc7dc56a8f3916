"""The list pages shaped by hand from flat rows read exactly as their serializers would write them.

Every list endpoint with a `flat_list` is compared, record for record and key for key, with its
serializer's output for the same records and the same user: for staff who may see everything, and
for a token that may not view organizations, contacts or articles (their summaries read as null),
in English and in Vietnamese (a sector's name in `display` follows the language).
"""

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.urls import reverse

from leads.api import views
from leads.api.renderers import JSONRenderer
from leads.models import Country, Evidence, ForeignRegion, Province, Sector, StageChange
from tests.api.conftest import _user, client_for
from tests.factories import ActivityFactory, ContactFactory, OpportunityFactory, SourceArticleFactory

pytestmark = pytest.mark.django_db

FLAT_LISTS = {
    "opportunity": views.OpportunityViewSet,
    "organization": views.OrganizationViewSet,
    "contact": views.ContactViewSet,
    "article": views.SourceArticleViewSet,
    "evidence": views.EvidenceViewSet,
    "activity": views.ActivityViewSet,
    "stage-change": views.StageChangeViewSet,
}


@pytest.fixture
def varied(pipeline, full_staff):
    """Besides the pipeline: leads named only by their origin, nationwide, untitled, with odd amounts."""
    guangxi = ForeignRegion.objects.get(slug="quang-tay")
    korea = Country.objects.get(code="KR")
    ai = Sector.objects.get(slug="ai")
    by_region = OpportunityFactory(
        organization=None, origin_region=guangxi, province=None, title="", project="", primary_sector=ai
    )
    by_country = OpportunityFactory(
        organization=None,
        origin_country=korea,
        province=Province.objects.get(slug="bac-ninh"),
        title="",
        project="Nhà máy linh kiện bán dẫn",
        value=Decimal("0.5"),
        currency="KRW",
        land_area_ha=Decimal("12.3"),
        owner=full_staff,
    )
    nobody_named = OpportunityFactory(organization=None, title="", project="", primary_sector=None)
    article = SourceArticleFactory(imported_by=full_staff, published_on=datetime(2025, 9, 18, tzinfo=UTC).date())
    Evidence.objects.create(
        article=article, opportunity=by_region, sentence="Một câu.", sentence_start=0, sentence_end=8
    )
    contact = ContactFactory()
    by_country.contacts.add(contact, ContactFactory(organization=None))
    ActivityFactory(opportunity=by_country, contact=contact, created_by=full_staff)
    StageChange.objects.create(
        opportunity=nobody_named, from_stage="identified", to_stage="qualified", changed_by=full_staff
    )
    return pipeline


def _as_serializer_writes(viewset, user, rows: list[dict], language: str) -> list[dict]:
    """What the viewset's serializer writes for the records listed in `rows`, in their order."""
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE=language)
    request.user = user
    view = viewset()
    view.action, view.request, view.format_kwarg, view.kwargs = "list", request, None, {}
    records = {record.pk: record for record in view.get_queryset().filter(pk__in=[row["id"] for row in rows])}
    context = {"request": request, "format": None, "view": view}
    written = viewset.serializer_class([records[row["id"]] for row in rows], many=True, context=context).data
    return json.loads(JSONRenderer().render(written))


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("name", list(FLAT_LISTS))
@pytest.mark.parametrize("seen", ["everything", "no organizations, contacts or articles"])
def test_a_flat_list_reads_as_its_serializer_writes(varied, full_staff, name, seen, language):
    if seen == "everything":
        user = full_staff
    else:
        user = _user("portal.hanoi", ["view_opportunity", "view_evidence", "view_activity", "view_stagechange"])
    viewset = FLAT_LISTS[name]
    if name in ("organization", "contact", "article"):
        user.user_permissions.add(*_view_permission(viewset))
    client = client_for(user)
    response = client.get(reverse(f"api:{name}-list"), {"page_size": 500}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content
    rows = response.json()["results"]
    assert rows
    expected = _as_serializer_writes(viewset, user, rows, language)
    for row, written in zip(rows, expected, strict=True):
        assert list(row) == list(written)
        assert row == written


def test_hidden_summaries_read_as_null_in_flat_lists(varied):
    client = client_for(_user("portal.hanoi", ["view_opportunity"]))
    rows = client.get(reverse("api:opportunity-list"), {"page_size": 500}).json()["results"]
    assert {row["contacts"] is None for row in rows} == {True}
    assert {row["organization"] is None for row in rows} == {True}
    assert any(row["display"].startswith("Quảng Tây → ") for row in rows)


def test_sync_pages_are_flat_lists_too(varied, full_staff):
    client = client_for(full_staff)
    synced = client.get(reverse("api:opportunity-sync"), {"page_size": 3}).json()
    following = client.get(synced["next"]).json()
    listed = {row["id"]: row for row in client.get(reverse("api:opportunity-list")).json()["results"]}
    for row in synced["results"] + following["results"]:
        assert row == listed[row["id"]]
    assert len({row["id"] for row in synced["results"] + following["results"]}) == 6


def _view_permission(viewset):
    from django.contrib.auth.models import Permission

    model = viewset.queryset.model
    return Permission.objects.filter(content_type__app_label="leads", codename=f"view_{model._meta.model_name}")


def test_the_orjson_renderer_writes_what_drf_writes():
    from rest_framework.renderers import JSONRenderer as DRFRenderer

    data = {
        "text": "Bắc Ninh\u2028Quảng Châu\u2029",
        "moment": datetime(2025, 9, 18, 3, 4, 5, 123456, tzinfo=UTC),
        "day": datetime(2025, 9, 18).date(),
        "amount": Decimal("260650000000.50"),
        "nested": [{"n": 1, "none": None, "yes": True}],
        7: "a key that is a number",
    }
    assert JSONRenderer().render(data) == DRFRenderer().render(data)
    assert JSONRenderer().render(data, "application/json; indent=2") == DRFRenderer().render(
        data, "application/json; indent=2"
    )
    assert JSONRenderer().render({"big": 2**70}) == DRFRenderer().render({"big": 2**70})
