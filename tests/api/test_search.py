"""`q`: one accent-insensitive search box on every list, across names, aliases, titles and article text."""

import pytest
from django.urls import reverse

from leads.services import organization_add_alias

pytestmark = pytest.mark.django_db

SPELLINGS = ["quang chau", "Quảng Châu", "QUANG CHAU", "QUẢNG CHÂU", "quảng châu"]


def search(client, name: str, query: str, key: str = "id") -> set:
    response = client.get(reverse(f"api:{name}-list"), {"q": query})
    assert response.status_code == 200, response.json()
    return {row[key] for row in response.json()["results"]}


@pytest.mark.parametrize("query", SPELLINGS)
def test_organizations_are_found_however_quang_chau_is_written(staff_api, pipeline, query):
    assert search(staff_api, "organization", query) == {pipeline["guangzhou_society"].pk}


@pytest.mark.parametrize("query", SPELLINGS)
def test_opportunities_are_found_through_their_organization_and_origin(staff_api, pipeline, query):
    assert search(staff_api, "opportunity", query) == {pipeline["railway"].pk}


@pytest.mark.parametrize("query", SPELLINGS)
def test_articles_are_found_through_their_title_and_text(staff_api, pipeline, query):
    assert search(staff_api, "article", query) == {pipeline["article"].pk}


@pytest.mark.parametrize("query", ["vuong hoan thanh", "Vương Hoán Thanh", "VUONG HOAN THANH"])
def test_contacts_are_found_by_name(staff_api, pipeline, query):
    assert search(staff_api, "contact", query) == {pipeline["chairman"].pk}


def test_contacts_are_found_by_title(staff_api, pipeline):
    assert search(staff_api, "contact", "giam doc so cong thuong") == {
        contact for contact in search(staff_api, "contact", "Nguyễn Minh Hiếu")
    }


def test_organizations_are_found_by_alias(staff_api, pipeline):
    organization_add_alias(organization=pipeline["guangxi_department"], name="Sở Công Thương Quảng Tây")
    assert search(staff_api, "organization", "so cong thuong quang tay") == {pipeline["guangxi_department"].pk}
    assert pipeline["railway"].pk not in search(staff_api, "opportunity", "Sở Công Thương Quảng Tây")
    assert pipeline["ai"].pk in search(staff_api, "opportunity", "so cong thuong quang tay")


def test_opportunities_are_found_by_title_province_and_sector(staff_api, pipeline):
    assert search(staff_api, "opportunity", "duong sat ket noi") == {pipeline["railway"].pk}
    assert search(staff_api, "opportunity", "BẮC NINH") == {pipeline["ai"].pk, pipeline["logistics"].pk}
    assert search(staff_api, "opportunity", "tri tue nhan tao") == {pipeline["ai"].pk}


def test_opportunities_are_found_by_project_site_and_any_of_their_sectors(staff_api, pipeline):
    assert search(staff_api, "opportunity", "kho tieu chuan") == {pipeline["railway"].pk}  # the project as written
    assert search(staff_api, "opportunity", pipeline["que_vo"].name.upper()) == {pipeline["ai"].pk}
    assert search(staff_api, "opportunity", "que vo") == {pipeline["ai"].pk}
    assert search(staff_api, "opportunity", "san xuat che tao") == {pipeline["ai"].pk}  # a second sector
    assert search(staff_api, "opportunity", "Hạ tầng giao thông") == {pipeline["railway"].pk}


def test_a_search_matching_several_sectors_gives_each_opportunity_once(staff_api, pipeline):
    # "tài chính" names both of the fintech lead's sectors (Công nghệ tài chính, Tài chính).
    response = staff_api.get(reverse("api:opportunity-list"), {"q": "tai chinh"})
    assert response.json()["count"] == 1
    assert [row["id"] for row in response.json()["results"]] == [pipeline["fintech"].pk]


def test_the_d_with_stroke_is_folded(staff_api, pipeline):
    assert search(staff_api, "opportunity", "Đường sắt") == search(staff_api, "opportunity", "duong sat")
    assert search(staff_api, "article", "de xuat hop tac") == {pipeline["article"].pk}


def test_reference_data_is_searchable(staff_api, db):
    assert search(staff_api, "province", "ho chi minh", "slug") >= {"ho-chi-minh"}
    assert search(staff_api, "province", "Sài Gòn", "slug") >= {"ho-chi-minh"}
    assert "quang-chau" in search(staff_api, "foreign-region", "Guangzhou", "slug")
    assert search(staff_api, "country", "han quoc", "code") == {"KR"}
    assert "cloud-data" in search(staff_api, "sector", "điện toán đám mây", "slug")


def test_a_blank_or_punctuation_only_search_does_not_filter(staff_api, pipeline):
    assert len(search(staff_api, "opportunity", "  ")) == 4
    assert len(search(staff_api, "opportunity", "--")) == 4
