"""Every opportunity filter, and a 400 naming the parameter for each kind of value it cannot use."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.choices import SiteKind
from leads.models import Opportunity, Sector, Site
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("api:opportunity-list")


def found(client, **params) -> set[int]:
    response = client.get(URL, params)
    assert response.status_code == 200, response.json()
    return {row["id"] for row in response.json()["results"]}


def ids(pipeline, *names) -> set[int]:
    return {pipeline[name].pk for name in names}


def test_sector_takes_slugs_and_several_are_allowed(staff_api, pipeline):
    assert found(staff_api, sector="ai") == ids(pipeline, "ai")
    assert found(staff_api, sector="ai,logistics") == ids(pipeline, "ai", "logistics")
    assert found(staff_api, sector=["ai", "fintech"]) == ids(pipeline, "ai", "fintech")
    assert found(staff_api, sector="AI") == ids(pipeline, "ai")


def test_sector_matches_any_of_an_opportunitys_sectors_not_only_the_primary_one(staff_api, pipeline):
    assert found(staff_api, sector="manufacturing") == ids(pipeline, "ai")
    assert found(staff_api, sector="transport-infrastructure,finance") == ids(pipeline, "railway", "fintech")
    assert found(staff_api, primary_sector="ai") == ids(pipeline, "ai")
    assert found(staff_api, primary_sector="manufacturing") == set()
    assert found(staff_api, primary_sector_id=pipeline["fintech"].primary_sector_id) == ids(pipeline, "fintech")


def test_an_opportunity_matching_several_sectors_is_one_row_and_counted_once(staff_api, pipeline):
    response = staff_api.get(URL, {"sector": "ai,manufacturing,railways,transport-infrastructure"})
    body = response.json()
    assert body["count"] == 2
    assert sorted(row["id"] for row in body["results"]) == sorted(ids(pipeline, "ai", "railway"))
    both = Sector.objects.filter(slug__in=["ai", "manufacturing"]).values_list("pk", flat=True)
    assert staff_api.get(URL, {"sector_id": ",".join(map(str, both))}).json()["count"] == 1


def test_site_takes_slugs_and_keys(staff_api, pipeline):
    other, _created = Site.objects.get_or_create(
        slug="kcn-quang-chau",
        defaults={"name": "KCN Quang Châu", "kind": SiteKind.INDUSTRIAL_PARK, "province": pipeline["ai"].province},
    )
    Opportunity.objects.filter(pk=pipeline["logistics"].pk).update(site=other)
    assert found(staff_api, site="kcn-que-vo") == ids(pipeline, "ai")
    assert found(staff_api, site="kcn-que-vo,kcn-quang-chau") == ids(pipeline, "ai", "logistics")
    assert found(staff_api, site_id=other.pk) == ids(pipeline, "logistics")


def test_status_is_what_the_news_reports_apart_from_the_stage(staff_api, pipeline):
    assert found(staff_api, status="licensed") == ids(pipeline, "fintech")
    assert found(staff_api, status="proposal,agreement") == ids(pipeline, "ai", "railway")
    assert found(staff_api, status="licensed", stage="negotiating") == ids(pipeline, "fintech")
    assert found(staff_api, status="withdrawn") == set()


def test_value_usd_min_and_max_compare_values_in_any_currency(staff_api, pipeline):
    logistics = pipeline["logistics"]
    # 2,590 billion VND in 2025 is 100 million USD at 25,900 VND to the dollar.
    logistics.value, logistics.currency, logistics.reported_on = Decimal("2590000000000"), "VND", date(2025, 6, 1)
    logistics.save()
    assert found(staff_api, value_usd_min="100000000", value_usd_max="500000000") == ids(
        pipeline, "logistics", "railway"
    )
    assert found(staff_api, value_usd_max="99999999.99") == set()
    assert found(staff_api, value_usd_min="1000000000") == ids(pipeline, "fintech")


def test_reported_after_and_before(staff_api, pipeline):
    assert found(staff_api, reported_after="2025-11-21") == ids(pipeline, "fintech")
    assert found(staff_api, reported_before="2025-11-20") == ids(pipeline, "railway", "ai")
    assert found(staff_api, reported_after="2025-11-20", reported_before="2025-11-27") == ids(
        pipeline, "railway", "ai", "fintech"
    )


def test_sector_id_takes_keys(staff_api, pipeline):
    assert found(staff_api, sector_id=pipeline["railway"].primary_sector_id) == ids(pipeline, "railway")


def test_province_takes_ascii_slugs(staff_api, pipeline):
    assert found(staff_api, province="bac-ninh") == ids(pipeline, "ai", "logistics")
    assert found(staff_api, province="ho-chi-minh") == ids(pipeline, "fintech")
    assert found(staff_api, province="bac-ninh,ha-noi") == ids(pipeline, "ai", "logistics", "railway")


@pytest.mark.parametrize("old_name", ["bac-giang", "Bắc Giang", "bac giang", "BẮC GIANG"])
def test_a_pre_2025_province_resolves_to_the_unit_it_was_merged_into(staff_api, pipeline, old_name):
    assert found(staff_api, province=old_name) == ids(pipeline, "ai", "logistics")


@pytest.mark.parametrize("name", ["binh-duong", "Bình Dương", "TP.HCM", "Sài Gòn", "ba-ria-vung-tau"])
def test_old_names_and_aliases_of_ho_chi_minh_city_find_its_opportunities(staff_api, pipeline, name):
    assert found(staff_api, province=name) == ids(pipeline, "fintech")


def test_province_id_takes_keys(staff_api, pipeline):
    assert found(staff_api, province_id=pipeline["railway"].province_id) == ids(pipeline, "railway")


def test_origin_takes_a_foreign_region_and_includes_the_cities_inside_it(staff_api, pipeline):
    assert found(staff_api, origin="quang-tay") == ids(pipeline, "ai", "logistics")
    assert found(staff_api, origin="Quảng Châu") == ids(pipeline, "railway")
    # Quảng Châu is a city of Quảng Đông: the province includes it.
    assert found(staff_api, origin="quang-dong") == ids(pipeline, "railway")
    assert found(staff_api, origin="Guangxi") == ids(pipeline, "ai", "logistics")


def test_origin_takes_a_country_too(staff_api, pipeline):
    assert found(staff_api, origin="CN") == ids(pipeline, "railway", "ai", "logistics", "fintech")
    assert found(staff_api, origin="quang-chau,Hàn Quốc") == ids(pipeline, "railway")


def test_origin_region_id_takes_keys(staff_api, pipeline):
    assert found(staff_api, origin_region_id=pipeline["logistics"].origin_region_id) == ids(pipeline, "ai", "logistics")


def test_country_matches_the_organization_the_origin_country_or_the_origin_region(staff_api, pipeline):
    assert found(staff_api, country="CN") == ids(pipeline, "railway", "ai", "logistics", "fintech")
    assert found(staff_api, country="cn") == ids(pipeline, "railway", "ai", "logistics", "fintech")
    assert found(staff_api, country="Trung Quốc") == ids(pipeline, "railway", "ai", "logistics", "fintech")
    assert found(staff_api, country="KR") == set()


def test_stage_takes_several_values(staff_api, pipeline):
    assert found(staff_api, stage="identified") == ids(pipeline, "ai")
    assert found(staff_api, stage="engaged,negotiating") == ids(pipeline, "logistics", "fintech")
    assert found(staff_api, stage=["qualified", "identified"]) == ids(pipeline, "railway", "ai")


def test_investment_type_priority_and_currency(staff_api, pipeline):
    assert found(staff_api, investment_type="new_project") == ids(pipeline, "logistics", "fintech")
    assert found(staff_api, investment_type="cooperation") == ids(pipeline, "railway")
    assert found(staff_api, priority="high") == ids(pipeline, "railway")
    assert found(staff_api, priority="low,high") == ids(pipeline, "railway", "logistics")
    assert found(staff_api, currency="USD") == ids(pipeline, "railway", "logistics", "fintech")


def test_owner_takes_usernames_and_me(staff_api, pipeline, full_staff):
    assert found(staff_api, owner="me") == ids(pipeline, "railway")
    assert found(staff_api, owner=full_staff.username) == ids(pipeline, "railway")
    colleague = UserFactory(username="hoa.pham")
    Opportunity.objects.filter(pk=pipeline["ai"].pk).update(owner=colleague)
    assert found(staff_api, owner="hoa.pham") == ids(pipeline, "ai")
    assert found(staff_api, owner="me,hoa.pham") == ids(pipeline, "railway", "ai")
    assert found(staff_api, owner_id=colleague.pk) == ids(pipeline, "ai")


def test_has_owner(staff_api, pipeline):
    assert found(staff_api, has_owner="true") == ids(pipeline, "railway")
    assert found(staff_api, has_owner="false") == ids(pipeline, "ai", "logistics", "fintech")


def test_organization_takes_a_key_or_a_name_written_any_way(staff_api, pipeline):
    society = pipeline["guangzhou_society"]
    assert found(staff_api, organization=society.pk) == ids(pipeline, "railway")
    assert found(staff_api, organization="hoi huu nghi hai ngoai thanh pho quang chau") == ids(pipeline, "railway")
    assert found(staff_api, organization_id=pipeline["guangxi_department"].pk) == ids(pipeline, "ai")


def test_organization_finds_by_alias(staff_api, pipeline):
    from leads.services import organization_add_alias

    organization_add_alias(organization=pipeline["guangxi_department"], name="Sở CN&TT Quảng Tây")
    assert found(staff_api, organization="Sở CN&TT Quảng Tây") == ids(pipeline, "ai")


def test_value_min_and_value_max(staff_api, pipeline):
    assert found(staff_api, value_min="500000000") == ids(pipeline, "railway", "fintech")
    assert found(staff_api, value_max="500000000") == ids(pipeline, "railway", "logistics")
    assert found(staff_api, value_min="100000000", value_max="600000000") == ids(pipeline, "railway", "logistics")


def test_created_after_and_before(staff_api, pipeline):
    week_ago = timezone.now() - timedelta(days=7)
    Opportunity.objects.filter(pk=pipeline["railway"].pk).update(created_at=week_ago)
    assert found(staff_api, created_before=(week_ago + timedelta(hours=1)).isoformat()) == ids(pipeline, "railway")
    assert found(staff_api, created_after=(week_ago + timedelta(hours=1)).isoformat()) == ids(
        pipeline, "ai", "logistics", "fintech"
    )
    # A bare date in created_before includes that whole day.
    assert found(staff_api, created_before=timezone.localdate(week_ago).isoformat()) == ids(pipeline, "railway")


def test_updated_after_is_for_incremental_sync(staff_api, pipeline):
    cutoff = timezone.now()
    Opportunity.objects.exclude(pk=pipeline["fintech"].pk).update(updated_at=cutoff - timedelta(days=1))
    Opportunity.objects.filter(pk=pipeline["fintech"].pk).update(updated_at=cutoff + timedelta(seconds=1))
    assert found(staff_api, updated_after=cutoff.isoformat()) == ids(pipeline, "fintech")


def test_a_time_zone_offset_survives_an_unencoded_plus_sign(staff_api, pipeline):
    response = staff_api.get(f"{URL}?updated_after=2020-01-01T00:00:00+07:00")
    assert response.status_code == 200
    assert response.json()["count"] == 4


def test_next_step_before(staff_api, pipeline):
    assert found(staff_api, next_step_before="2025-10-15") == ids(pipeline, "ai")
    assert found(staff_api, next_step_before="2025-12-31") == ids(pipeline, "ai", "railway")


def test_article_gives_the_opportunities_from_one_article(staff_api, pipeline):
    assert found(staff_api, article=pipeline["article"].pk) == ids(pipeline, "ai")
    assert found(staff_api, article=f"{pipeline['article'].pk},{pipeline['hcm_article'].pk}") == ids(
        pipeline, "ai", "fintech"
    )


def test_is_imported_and_review_status(staff_api, pipeline):
    assert found(staff_api, is_imported="true") == ids(pipeline, "ai")
    assert found(staff_api, review_status="pending") == ids(pipeline, "railway", "ai", "logistics", "fintech")


def test_filters_combine(staff_api, pipeline):
    assert found(staff_api, sector="manufacturing", site="kcn-que-vo", status="proposal", province="bac-giang") == ids(
        pipeline, "ai"
    )
    assert found(staff_api, sector="ai", province="Bắc Giang", origin="quang-tay", stage="identified") == ids(
        pipeline, "ai"
    )
    assert found(staff_api, sector="ai", province="ha-noi") == set()


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("value", ["logistics", "railway", "fintech", "ai"]),
        ("-value", ["fintech", "railway", "logistics", "ai"]),
        ("stage", ["ai", "railway", "logistics", "fintech"]),
        ("-priority", ["railway", "fintech", "ai", "logistics"]),
        ("next_step_on", ["ai", "railway", "logistics", "fintech"]),
        ("-value_usd", ["fintech", "railway", "logistics", "ai"]),
        ("reported_on", ["railway", "ai", "fintech", "logistics"]),
        ("-reported_on", ["fintech", "ai", "railway", "logistics"]),
    ],
)
def test_ordering_on_useful_columns_with_blanks_last(staff_api, pipeline, column, expected):
    response = staff_api.get(URL, {"ordering": column})
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [pipeline[name].pk for name in expected]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"sector": "robotics"}, "sector"),
        ({"sector_id": "abc"}, "sector_id"),
        ({"sector_id": "999999"}, "sector_id"),
        ({"primary_sector": "robotics"}, "primary_sector"),
        ({"site": "kcn-atlantis"}, "site"),
        ({"site_id": "kcn-que-vo"}, "site_id"),
        ({"status": "rumoured"}, "status"),
        ({"status": "licensed,rumoured"}, "status"),
        ({"value_usd_min": "một trăm triệu"}, "value_usd_min"),
        ({"value_usd_max": "Infinity"}, "value_usd_max"),
        ({"reported_after": "2025-02-30"}, "reported_after"),
        ({"reported_before": "hôm qua"}, "reported_before"),
        ({"province": "atlantis"}, "province"),
        ({"province_id": "-3"}, "province_id"),
        ({"origin": "narnia"}, "origin"),
        ({"origin_region_id": "1.5"}, "origin_region_id"),
        ({"country": "XX"}, "country"),
        ({"stage": "signed"}, "stage"),
        ({"stage": "qualified,signed"}, "stage"),
        ({"investment_type": "gift"}, "investment_type"),
        ({"priority": "urgent"}, "priority"),
        ({"currency": "BTC"}, "currency"),
        ({"owner": "nobody-here"}, "owner"),
        ({"owner_id": "12abc"}, "owner_id"),
        ({"organization": "Công ty không tồn tại"}, "organization"),
        ({"organization": "987654"}, "organization"),
        ({"organization_id": "x"}, "organization_id"),
        ({"value_min": "ba trăm triệu"}, "value_min"),
        ({"value_max": "1e400"}, "value_max"),
        ({"value_min": "NaN"}, "value_min"),
        ({"value_min": "9" * 40}, "value_min"),
        ({"created_after": "yesterday"}, "created_after"),
        ({"created_before": "2025-13-45"}, "created_before"),
        ({"updated_after": "99999-01-01T00:00:00"}, "updated_after"),
        ({"next_step_before": "15/10/2025"}, "next_step_before"),
        ({"has_owner": "maybe"}, "has_owner"),
        ({"is_imported": "sometimes"}, "is_imported"),
        ({"article": "first"}, "article"),
        ({"ordering": "password"}, "ordering"),
        ({"ordering": "-value,owner__password"}, "ordering"),
        ({"q": "quảng " * 100}, "q"),
        ({"secto": "ai"}, "secto"),
    ],
)
def test_a_value_the_filter_cannot_use_is_a_400_naming_the_parameter(staff_api, pipeline, params, parameter):
    response = staff_api.get(URL, params)
    assert response.status_code == 400, response.content
    body = response.json()
    assert parameter in body["errors"]
    assert parameter in body["detail"]


def test_too_many_values_are_refused(staff_api, pipeline):
    response = staff_api.get(URL, {"stage": ",".join(["identified"] * 101)})
    assert response.status_code == 200  # duplicates fold into one value
    response = staff_api.get(URL, {"sector_id": ",".join(str(n) for n in range(1, 150))})
    assert response.status_code == 400
    assert "sector_id" in response.json()["errors"]


def test_a_ten_megabyte_search_is_refused_not_run(staff_api, pipeline):
    response = staff_api.get(URL, {"q": "a" * (10 * 1024 * 1024)})
    assert response.status_code == 400
    assert "q" in response.json()["errors"]
