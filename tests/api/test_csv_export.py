"""`?format=csv`: the whole filtered list, streamed, UTF-8 with a byte-order mark so Excel keeps Vietnamese."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from leads.models import Contact, Opportunity, Sector
from tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict]:
    assert isinstance(response, StreamingHttpResponse)
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_opportunities_export_as_csv_with_vietnamese_intact(staff_api, pipeline):
    response = staff_api.get(reverse("api:opportunity-list"), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="opportunities-')
    rows = read_csv(response)
    assert len(rows) == 4
    railway = next(row for row in rows if row["id"] == str(pipeline["railway"].pk))
    assert railway["organization"] == "Hội Hữu nghị Hải ngoại Thành phố Quảng Châu"
    assert railway["province"] == "Hà Nội"
    assert railway["origin_region"] == "Quảng Châu"
    assert railway["contacts"] == "Vương Hoán Thanh"
    assert railway["value"] == "500000000.00"


def test_opportunities_export_their_sectors_site_and_what_the_news_reports(staff_api, pipeline):
    rows = {int(row["id"]): row for row in read_csv(staff_api.get(reverse("api:opportunity-list"), {"format": "csv"}))}
    ai, fintech, logistics = rows[pipeline["ai"].pk], rows[pipeline["fintech"].pk], rows[pipeline["logistics"].pk]
    assert (ai["primary_sector"], ai["sectors"]) == ("ai", "ai; manufacturing")
    assert (ai["site"], ai["site_slug"]) == (pipeline["que_vo"].name, "kcn-que-vo")
    assert (ai["status"], ai["reported_on"]) == ("proposal", "2025-11-20")
    assert rows[pipeline["railway"].pk]["project"] == "Tuyến đường sắt khổ tiêu chuẩn Hà Nội – Quảng Châu"
    assert (fintech["investment_type"], fintech["value"], fintech["currency"]) == (
        "new_project",
        "3000000000.00",
        "USD",
    )
    assert (fintech["value_usd"], fintech["land_area_ha"], fintech["expected_jobs"]) == (
        "3000000000.00",
        "12.50",
        "800",
    )
    assert (logistics["site"], logistics["status"], logistics["reported_on"], logistics["land_area_ha"]) == (
        "",
        "interest",
        "",
        "",
    )


def test_a_project_that_looks_like_a_formula_is_defused(staff_api, pipeline):
    Opportunity.objects.filter(pk=pipeline["ai"].pk).update(project="=IMPORTXML(A1)")
    rows = read_csv(staff_api.get(reverse("api:opportunity-list"), {"format": "csv", "site": "kcn-que-vo"}))
    assert rows[0]["project"] == "'=IMPORTXML(A1)"


def test_the_export_honours_the_filters(staff_api, pipeline):
    rows = read_csv(staff_api.get(reverse("api:opportunity-list"), {"format": "csv", "province": "Bắc Giang"}))
    assert {row["province_slug"] for row in rows} == {"bac-ninh"}
    assert len(rows) == 2


def test_the_export_is_the_whole_list_not_one_page(staff_api, db):
    OpportunityFactory.create_batch(60)
    rows = read_csv(staff_api.get(reverse("api:opportunity-list"), {"format": "csv", "page_size": 10}))
    assert len(rows) == Opportunity.objects.count() == 60


def test_the_accept_header_asks_for_csv_too(staff_api, pipeline):
    response = staff_api.get(reverse("api:organization-list"), HTTP_ACCEPT="text/csv")
    rows = read_csv(response)
    names = {row["name"] for row in rows}
    assert "Sở Công nghiệp và Thông tin khu tự trị dân tộc Choang Quảng Tây" in names
    assert next(row for row in rows if row["name"] == "Sở Công Thương Bắc Ninh")["sectors"] == "logistics"


def test_contacts_export_with_their_organization(staff_api, pipeline):
    rows = read_csv(staff_api.get(reverse("api:contact-list"), {"format": "csv", "country": "CN"}))
    assert {(row["full_name"], row["country"]) for row in rows} == {("Vương Hoán Thanh", "CN"), ("Viên Hoàng", "CN")}


def test_cells_a_spreadsheet_would_run_as_formulas_are_defused(staff_api, pipeline):
    Contact.objects.filter(pk=pipeline["chairman"].pk).update(title='=HYPERLINK("http://x")', phone="+84 24 3825 1234")
    rows = read_csv(staff_api.get(reverse("api:contact-list"), {"format": "csv"}))
    chairman = next(row for row in rows if row["full_name"] == "Vương Hoán Thanh")
    assert chairman["title"].startswith("'=")
    assert chairman["phone"] == "+84 24 3825 1234"


def test_a_bad_filter_with_csv_is_a_json_400(staff_api, pipeline):
    response = staff_api.get(reverse("api:opportunity-list"), {"format": "csv", "sector": "robotics"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "sector" in response.json()["errors"]


def test_csv_is_only_offered_for_lists(staff_api, pipeline):
    response = staff_api.get(reverse("api:opportunity-detail", args=[pipeline["ai"].pk]), {"format": "csv"})
    assert response.status_code == 404
    assert staff_api.get(reverse("api:sector-list"), {"format": "csv"}).status_code == 404


def test_the_export_needs_the_view_permission(api, pipeline):
    assert api.get(reverse("api:opportunity-list"), {"format": "csv"}).status_code == 401


def test_the_export_costs_the_same_queries_for_few_and_many_rows(staff_api, db, django_assert_max_num_queries):
    several = list(Sector.objects.filter(slug__in=["iot", "cloud-data"]))
    OpportunityFactory.create_batch(3, sectors=several)
    with django_assert_max_num_queries(10) as few:
        read_csv(staff_api.get(reverse("api:opportunity-list"), {"format": "csv"}))
    OpportunityFactory.create_batch(120, sectors=several)
    with django_assert_max_num_queries(len(few.captured_queries)):
        read_csv(staff_api.get(reverse("api:opportunity-list"), {"format": "csv"}))
