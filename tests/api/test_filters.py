"""Filters of organizations, contacts, articles, evidence, activities, stage changes and reference data."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.choices import ActivityKind, Stage
from leads.services import opportunity_move_stage
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def found(client, name: str, key: str = "id", **params) -> set:
    response = client.get(reverse(f"api:{name}-list"), params)
    assert response.status_code == 200, response.json()
    return {row[key] for row in response.json()["results"]}


def refused(client, name: str, **params) -> dict:
    response = client.get(reverse(f"api:{name}-list"), params)
    assert response.status_code == 400, response.content
    return response.json()["errors"]


# Organizations -------------------------------------------------------------------------------


def test_organizations_by_kind(staff_api, pipeline):
    assert found(staff_api, "organization", kind="association") == {pipeline["guangzhou_society"].pk}
    assert found(staff_api, "organization", kind="local_authority,association") == {
        pipeline["guangzhou_society"].pk,
        pipeline["guangxi_department"].pk,
        pipeline["bac_ninh_department"].pk,
    }


def test_organizations_by_country(staff_api, pipeline):
    assert found(staff_api, "organization", country="VN") == {pipeline["bac_ninh_department"].pk}
    assert found(staff_api, "organization", country="Việt Nam") == {pipeline["bac_ninh_department"].pk}


def test_organizations_by_home_province_with_old_names(staff_api, pipeline):
    assert found(staff_api, "organization", province="bac-ninh") == {pipeline["bac_ninh_department"].pk}
    assert found(staff_api, "organization", province="Bắc Giang") == {pipeline["bac_ninh_department"].pk}
    assert found(staff_api, "organization", province_id=pipeline["bac_ninh_department"].province_id) == {
        pipeline["bac_ninh_department"].pk
    }


def test_organizations_by_home_region_abroad(staff_api, pipeline):
    assert found(staff_api, "organization", region="quang-dong") == {pipeline["guangzhou_society"].pk}
    assert found(staff_api, "organization", region_id=pipeline["guangxi_department"].region_id) == {
        pipeline["guangxi_department"].pk
    }


def test_organizations_by_sector(staff_api, pipeline):
    assert found(staff_api, "organization", sector="ai") == {pipeline["guangxi_department"].pk}
    assert found(staff_api, "organization", sector="ai,logistics") == {
        pipeline["guangxi_department"].pk,
        pipeline["bac_ninh_department"].pk,
    }
    logistics = pipeline["bac_ninh_department"].sectors.get()
    assert found(staff_api, "organization", sector_id=logistics.pk) == {pipeline["bac_ninh_department"].pk}


def test_organizations_by_whether_they_have_opportunities(staff_api, pipeline):
    with_leads = {pipeline["guangzhou_society"].pk, pipeline["guangxi_department"].pk}
    assert found(staff_api, "organization", has_opportunities="true") == with_leads
    assert found(staff_api, "organization", has_opportunities="false") == {pipeline["bac_ninh_department"].pk}


def test_organizations_ordered_by_opportunity_count(staff_api, pipeline):
    response = staff_api.get(reverse("api:organization-list"), {"ordering": "-opportunity_count,name"})
    rows = response.json()["results"]
    assert [row["opportunity_count"] for row in rows] == [1, 1, 0]
    assert rows[-1]["name"] == "Sở Công Thương Bắc Ninh"


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"kind": "startup"}, "kind"),
        ({"country": "Atlantis"}, "country"),
        ({"province": "Quảng Đông"}, "province"),
        ({"sector": "space"}, "sector"),
        ({"has_opportunities": "perhaps"}, "has_opportunities"),
        ({"ordering": "notes"}, "ordering"),
        ({"updated_after": "last week"}, "updated_after"),
    ],
)
def test_organization_filters_refuse_values_they_cannot_use(staff_api, pipeline, params, parameter):
    assert parameter in refused(staff_api, "organization", **params)


# Contacts ------------------------------------------------------------------------------------


def test_contacts_by_organization_key_or_name(staff_api, pipeline):
    chairman = {pipeline["chairman"].pk}
    assert found(staff_api, "contact", organization=pipeline["guangzhou_society"].pk) == chairman
    assert found(staff_api, "contact", organization="Hội Hữu nghị Hải ngoại Thành phố Quảng Châu") == chairman
    assert found(staff_api, "contact", organization_id=pipeline["guangzhou_society"].pk) == chairman


def test_contacts_by_country_of_their_organization(staff_api, pipeline):
    assert found(staff_api, "contact", "full_name", country="CN") == {"Vương Hoán Thanh", "Viên Hoàng"}
    assert found(staff_api, "contact", "full_name", country="VN") == {"Nguyễn Minh Hiếu"}


def test_contact_filters_refuse_values_they_cannot_use(staff_api, pipeline):
    assert "country" in refused(staff_api, "contact", country="Narnia")
    assert "organization" in refused(staff_api, "contact", organization="Công ty Ma")
    assert "organization_id" in refused(staff_api, "contact", organization_id="0x10")


# Articles ------------------------------------------------------------------------------------


def test_articles_by_publication_date(staff_api, pipeline):
    article, hcm = pipeline["article"].pk, pipeline["hcm_article"].pk
    assert found(staff_api, "article", published_after="2025-11-21") == {hcm}
    assert found(staff_api, "article", published_before="2025-11-20") == {article}
    assert found(staff_api, "article", published_after="2025-11-20", published_before="2025-11-27") == {article, hcm}


def test_articles_by_outlet(staff_api, pipeline):
    assert found(staff_api, "article", outlet="Báo Đầu tư") == {pipeline["article"].pk}
    assert found(staff_api, "article", outlet="Báo Đầu tư,Thanh Niên") == {
        pipeline["article"].pk,
        pipeline["hcm_article"].pk,
    }
    assert found(staff_api, "article", outlet="VnExpress") == set()


def test_articles_mentioning_an_organization(staff_api, pipeline):
    department = pipeline["guangxi_department"]
    assert found(staff_api, "article", mentions_organization=department.pk) == {pipeline["article"].pk}
    assert found(
        staff_api, "article", mentions_organization="Sở Công nghiệp và Thông tin khu tự trị dân tộc Choang Quảng Tây"
    ) == {pipeline["article"].pk}
    assert found(staff_api, "article", mentions_organization=pipeline["bac_ninh_department"].pk) == set()


def test_article_filters_refuse_values_they_cannot_use(staff_api, pipeline):
    assert "published_after" in refused(staff_api, "article", published_after="20/11/2025")
    assert "mentions_organization" in refused(staff_api, "article", mentions_organization="Tập đoàn Không Có")
    assert "ordering" in refused(staff_api, "article", ordering="body")


# Evidence ------------------------------------------------------------------------------------


def test_evidence_by_record_and_article(staff_api, pipeline):
    assert len(found(staff_api, "evidence", article=pipeline["article"].pk)) == 3
    ai_evidence = staff_api.get(reverse("api:evidence-list"), {"opportunity": pipeline["ai"].pk}).json()["results"]
    assert len(ai_evidence) == 1
    assert ai_evidence[0]["sentence"].startswith("Sở Công nghiệp và Thông tin")
    assert ai_evidence[0]["article"]["outlet"] == "Báo Đầu tư"
    assert len(found(staff_api, "evidence", organization=pipeline["guangxi_department"].pk)) == 1
    assert len(found(staff_api, "evidence", contact=pipeline["director"].pk)) == 1
    assert "opportunity" in refused(staff_api, "evidence", opportunity="999999")


def test_every_lead_links_to_its_evidence(staff_api, pipeline):
    row = next(
        row
        for row in staff_api.get(reverse("api:opportunity-list")).json()["results"]
        if row["id"] == pipeline["ai"].pk
    )
    assert row["evidence_count"] == 1
    evidence = staff_api.get(row["evidence_url"]).json()["results"]
    assert [item["opportunity"]["id"] for item in evidence] == [pipeline["ai"].pk]


# Activities and stage changes ----------------------------------------------------------------


def test_activities_by_subject_kind_author_and_date(staff_api, pipeline, full_staff):
    call = ActivityFactory(
        opportunity=pipeline["railway"], kind=ActivityKind.CALL, subject="Gọi Hội Hữu nghị", created_by=full_staff
    )
    visit = ActivityFactory(
        opportunity=None,
        organization=pipeline["bac_ninh_department"],
        kind=ActivityKind.VISIT,
        subject="Thăm KCN Quang Châu",
        occurred_at=timezone.now() - timedelta(days=30),
    )
    assert found(staff_api, "activity", kind="call") == {call.pk}
    assert found(staff_api, "activity", opportunity=pipeline["railway"].pk) == {call.pk}
    assert found(staff_api, "activity", organization="Sở Công Thương Bắc Ninh") == {visit.pk}
    assert found(staff_api, "activity", organization_id=pipeline["bac_ninh_department"].pk) == {visit.pk}
    assert found(staff_api, "activity", created_by="me") == {call.pk}
    assert found(staff_api, "activity", occurred_before=(timezone.now() - timedelta(days=1)).isoformat()) == {visit.pk}
    assert found(staff_api, "activity", occurred_after=(timezone.now() - timedelta(days=1)).isoformat()) == {call.pk}
    assert "kind" in refused(staff_api, "activity", kind="lunch")


def test_stage_changes_by_opportunity_stage_and_author(staff_api, pipeline, full_staff):
    first = opportunity_move_stage(opportunity=pipeline["ai"], to_stage=Stage.QUALIFIED, user=full_staff)
    second = opportunity_move_stage(
        opportunity=pipeline["logistics"], to_stage=Stage.ON_HOLD, user=None, note="Chờ quy hoạch"
    )
    assert found(staff_api, "stage-change", opportunity=pipeline["ai"].pk) == {first.pk}
    assert found(staff_api, "stage-change", to_stage="on_hold,lost") == {second.pk}
    assert found(staff_api, "stage-change", from_stage="engaged") == {second.pk}
    assert found(staff_api, "stage-change", changed_by="me") == {first.pk}
    assert found(staff_api, "stage-change", changed_after=date.today().isoformat()) == {first.pk, second.pk}
    assert "to_stage" in refused(staff_api, "stage-change", to_stage="done")


def test_stage_changes_cannot_be_written(staff_api, pipeline):
    response = staff_api.post(reverse("api:stage-change-list"), {"to_stage": "won"}, format="json")
    assert response.status_code == 405


# Reference data ------------------------------------------------------------------------------


def test_provinces_list_current_and_old_units(staff_api, db):
    current = staff_api.get(reverse("api:province-list"), {"is_current": "true", "page_size": 100}).json()
    assert current["count"] == 34
    merged = staff_api.get(reverse("api:province-list"), {"successor": "bac-ninh"}).json()["results"]
    assert {row["name"] for row in merged} >= {"Bắc Giang"}
    assert all(row["successor"]["slug"] == "bac-ninh" for row in merged)


def test_sectors_are_read_only_reference_data(staff_api, db):
    rows = staff_api.get(reverse("api:sector-list"), {"q": "tri tue nhan tao"}).json()["results"]
    assert [row["slug"] for row in rows] == ["ai"]
    assert staff_api.post(reverse("api:sector-list"), {"slug": "space"}, format="json").status_code == 405


def test_foreign_regions_by_country_and_parent(staff_api, db):
    rows = staff_api.get(reverse("api:foreign-region-list"), {"parent": "quang-dong", "page_size": 100}).json()
    assert "tham-quyen" in {row["slug"] for row in rows["results"]}
    assert all(row["country"] == "CN" for row in rows["results"])


def test_sites_by_province_kind_and_search(staff_api, db):
    """Sites may be shipped as reference data already: the test's own are found among them."""
    from leads.choices import SiteKind
    from leads.models import Province, Site

    bac_ninh, hai_phong = Province.objects.get(slug="bac-ninh"), Province.objects.get(slug="hai-phong")
    quang_chau = Site.objects.create(
        slug="kcn-quang-chau-thu",
        name="KCN Quang Châu mở rộng thử nghiệm",
        kind=SiteKind.INDUSTRIAL_PARK,
        province=bac_ninh,
        former_province=Province.objects.get(slug="bac-giang"),
        aliases=["Khu công nghiệp Quang Châu mở rộng thử nghiệm"],
    )
    dinh_vu = Site.objects.create(
        slug="kkt-dinh-vu-thu", name="Khu kinh tế Đình Vũ thử nghiệm", kind=SiteKind.ECONOMIC_ZONE, province=hai_phong
    )

    def rows(**params) -> list[dict]:
        response = staff_api.get(reverse("api:site-list"), {**params, "page_size": 500})
        assert response.status_code == 200, response.json()
        return response.json()["results"]

    in_bac_ninh = rows(province="Bắc Giang")  # today's Bắc Ninh
    assert quang_chau.pk in {row["id"] for row in in_bac_ninh}
    assert {row["province"]["slug"] for row in in_bac_ninh} == {"bac-ninh"}
    assert dinh_vu.pk in {row["id"] for row in rows(province_id=hai_phong.pk)}
    zones = rows(kind="economic_zone")
    assert dinh_vu.pk in {row["id"] for row in zones}
    assert {row["kind"] for row in zones} == {"economic_zone"}
    assert {row["id"] for row in rows(q="khu cong nghiep quang chau mo rong thu nghiem")} == {quang_chau.pk}  # alias
    assert {row["id"] for row in rows(q="DINH VU THU NGHIEM")} == {dinh_vu.pk}
    row = staff_api.get(reverse("api:site-detail", args=[quang_chau.pk])).json()
    assert (row["province"]["slug"], row["former_province"]["slug"]) == ("bac-ninh", "bac-giang")
    assert "kind" in refused(staff_api, "site", kind="airport")
    assert "province" in refused(staff_api, "site", province="Quảng Đông")
    assert staff_api.post(reverse("api:site-list"), {"slug": "kcn-moi"}, format="json").status_code == 405


def test_exchange_rates_by_currency_and_year(staff_api, db):
    rows = staff_api.get(reverse("api:exchange-rate-list"), {"currency": "VND", "year": 2025}).json()["results"]
    assert [(row["currency"], row["year"], row["units_per_usd"]) for row in rows] == [("VND", 2025, "25900.000000")]
    years = [
        row["year"]
        for row in staff_api.get(reverse("api:exchange-rate-list"), {"currency": "JPY", "ordering": "-year"}).json()[
            "results"
        ]
    ]
    assert years == sorted(years, reverse=True)
    assert "year" in refused(staff_api, "exchange-rate", year="năm ngoái")
    assert "currency" in refused(staff_api, "exchange-rate", currency="BTC")
    assert staff_api.post(reverse("api:exchange-rate-list"), {"currency": "VND"}, format="json").status_code == 405


def test_countries_are_looked_up_by_code(staff_api, db):
    response = staff_api.get(reverse("api:country-detail", args=["CN"]))
    assert response.status_code == 200
    assert response.json()["name"] == "Trung Quốc"


# Unknown parameters and hostile input ---------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["organization", "contact", "opportunity", "article", "evidence", "activity", "stage-change", "sector"]
)
def test_an_unknown_parameter_is_a_400_that_lists_the_known_ones(staff_api, db, name):
    response = staff_api.get(reverse(f"api:{name}-list"), {"sectr": "ai"})
    assert response.status_code == 400
    assert "sectr" in response.json()["errors"]
    assert "q" in response.json()["errors"]["sectr"][0]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/opportunities/abc/",
        "/api/v1/opportunities/99999999999999999999999999/",
        "/api/v1/organizations/-1/",
        "/api/v1/articles/1.5/",
    ],
)
def test_non_numeric_or_huge_ids_are_404(staff_api, db, path):
    assert staff_api.get(path).status_code == 404


def test_percent_signs_in_values_are_reported_not_crashed_on(staff_api, db):
    response = staff_api.get(reverse("api:opportunity-list"), {"sector": "%s%d%(x)s"})
    assert response.status_code == 400
    assert "%s%d%(x)s" in response.json()["errors"]["sector"][0]
