"""Every list endpoint costs the same number of queries for 1 row as for 50.

Counts are measured through a token (authentication, permissions, count, page, prefetches), after
one warm-up request, so a nested field that would query per row makes the 50-row count larger.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leads.choices import SiteKind
from leads.models import Country, DeletedRecord, Evidence, ForeignRegion, Province, Sector, Site, StageChange
from leads.services import organization_add_alias
from tests.api.conftest import client_for
from tests.factories import (
    ActivityFactory,
    ContactFactory,
    OpportunityFactory,
    OrganizationFactory,
    SourceArticleFactory,
)

pytestmark = pytest.mark.django_db


def _site() -> Site:
    site, _created = Site.objects.get_or_create(
        slug="kcn-que-vo",
        defaults={
            "name": "KCN Quế Võ",
            "kind": SiteKind.INDUSTRIAL_PARK,
            "province": Province.objects.get(slug="bac-ninh"),
        },
    )
    return site


def _opportunities(n, user):
    guangxi = ForeignRegion.objects.get(slug="quang-tay")
    several = list(Sector.objects.filter(slug__in=["iot", "manufacturing"]))
    for i in range(n):
        opportunity = OpportunityFactory(
            title=f"Hợp tác trí tuệ nhân tạo số {i}", origin_region=guangxi, owner=user, site=_site(), sectors=several
        )
        opportunity.contacts.add(*ContactFactory.create_batch(2, organization=opportunity.organization))
        article = SourceArticleFactory(imported_by=user)
        Evidence.objects.create(
            article=article, opportunity=opportunity, sentence="Câu.", sentence_start=0, sentence_end=4
        )


def _organizations(n, user):
    sectors = list(Sector.objects.filter(slug__in=["ai", "iot"]))
    for i in range(n):
        organization = OrganizationFactory(region=ForeignRegion.objects.get(slug="tham-quyen"))
        organization.sectors.set(sectors)
        organization_add_alias(organization=organization, name=f"Shenzhen Tech {i}")
        OpportunityFactory(organization=organization)


def _contacts(n, user):
    ContactFactory.create_batch(n)


def _articles(n, user):
    for _ in range(n):
        article = SourceArticleFactory(imported_by=user, published_on=date(2025, 9, 18))
        Evidence.objects.create(
            article=article, organization=OrganizationFactory(), sentence="Câu.", sentence_start=0, sentence_end=4
        )


def _evidence(n, user):
    article = SourceArticleFactory()
    for _ in range(n):
        opportunity = OpportunityFactory(origin_country=Country.objects.get(code="CN"), site=_site())
        Evidence.objects.create(
            article=article, opportunity=opportunity, sentence="Câu.", sentence_start=0, sentence_end=4
        )


def _activities(n, user):
    for _ in range(n):
        opportunity = OpportunityFactory(site=_site())
        ActivityFactory(opportunity=opportunity, contact=ContactFactory(), created_by=user)


def _stage_changes(n, user):
    for _ in range(n):
        StageChange.objects.create(
            opportunity=OpportunityFactory(), from_stage="identified", to_stage="qualified", changed_by=user
        )


def _deleted_records(n, user):
    DeletedRecord.objects.bulk_create(DeletedRecord(model="opportunity", object_id=i) for i in range(n))


BUILDERS = {
    "opportunity": _opportunities,
    "organization": _organizations,
    "contact": _contacts,
    "article": _articles,
    "evidence": _evidence,
    "activity": _activities,
    "stage-change": _stage_changes,
    "deleted-record": _deleted_records,
}
SYNCED = ["opportunity", "organization", "contact", "article", "activity", "stage-change"]


def _count(client, url, params=None) -> int:
    client.get(url, params)  # warm-up: token last-used stamp, content types
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return len(context.captured_queries)


@pytest.mark.parametrize("name", list(BUILDERS))
def test_a_list_costs_the_same_queries_for_1_and_50_rows(full_staff, name, django_assert_num_queries):
    client = client_for(full_staff)
    url = reverse(f"api:{name}-list")
    BUILDERS[name](1, full_staff)
    one_row = _count(client, url)
    BUILDERS[name](49, full_staff)
    with django_assert_num_queries(one_row):
        response = client.get(url)
    assert len(response.json()["results"]) == 50


@pytest.mark.parametrize("name", SYNCED)
def test_a_sync_page_costs_the_same_queries_for_1_and_50_rows(full_staff, name, django_assert_num_queries):
    client = client_for(full_staff)
    url = reverse(f"api:{name}-sync")
    BUILDERS[name](1, full_staff)
    one_row = _count(client, url)
    BUILDERS[name](49, full_staff)
    with django_assert_num_queries(one_row):
        response = client.get(url)
    assert len(response.json()["results"]) == 50


@pytest.mark.parametrize("name", ["sector", "province", "country", "foreign-region", "exchange-rate"])
def test_reference_lists_cost_the_same_queries_for_1_and_50_rows(full_staff, name, django_assert_num_queries):
    client = client_for(full_staff)
    url = reverse(f"api:{name}-list")
    one_row = _count(client, url, {"page_size": 1})
    with django_assert_num_queries(one_row):
        response = client.get(url, {"page_size": 50})
    assert len(response.json()["results"]) == min(50, response.json()["count"])
    assert response.json()["count"] > 25


def test_sites_cost_the_same_queries_for_1_and_50_rows(full_staff, django_assert_num_queries):
    client = client_for(full_staff)
    url = reverse("api:site-list")
    bac_ninh, bac_giang = Province.objects.get(slug="bac-ninh"), Province.objects.get(slug="bac-giang")
    Site.objects.bulk_create(
        Site(
            slug=f"kcn-thu-nghiem-{i}",
            name=f"KCN thử nghiệm số {i}",
            kind=SiteKind.INDUSTRIAL_PARK,
            province=bac_ninh,
            former_province=bac_giang,
        )
        for i in range(50)
    )
    one_row = _count(client, url, {"page_size": 1})
    with django_assert_num_queries(one_row):
        response = client.get(url, {"page_size": 50})
    assert len(response.json()["results"]) == 50


def test_filters_do_not_add_queries_per_row(full_staff, django_assert_num_queries):
    client = client_for(full_staff)
    url = reverse("api:opportunity-list")
    params = {
        "sector": "ai,iot",
        "site": "kcn-que-vo",
        "province": "Bắc Giang",
        "origin": "quang-tay",
        "q": "tri tue",
        "ordering": "-stage,-value_usd",
    }
    _opportunities(1, full_staff)
    one_row = _count(client, url, params)
    _opportunities(49, full_staff)
    with django_assert_num_queries(one_row):
        response = client.get(url, params)
    assert len(response.json()["results"]) == 50


def test_the_summary_costs_the_same_queries_whatever_the_size(full_staff, django_assert_num_queries):
    client = client_for(full_staff)
    url = reverse("api:opportunity-summary")
    _opportunities(1, full_staff)
    one_row = _count(client, url)
    _opportunities(49, full_staff)
    with django_assert_num_queries(one_row):
        assert client.get(url).json()["count"] == 50
