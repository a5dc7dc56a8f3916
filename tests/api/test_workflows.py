"""Workflow endpoints: stage moves, merges, activities, reviews, records written with keys and slugs, the summary."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from leads.choices import ReviewStatus, Stage
from leads.models import Activity, Contact, DeletedRecord, Opportunity, Organization, OrganizationAlias, StageChange
from tests.api.conftest import client_for
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def move(client, opportunity, **body):
    return client.post(reverse("api:opportunity-move-stage", args=[opportunity.pk]), body, format="json")


# Stage moves ---------------------------------------------------------------------------------


def test_moving_a_stage_records_who_when_and_why(staff_api, pipeline, full_staff):
    response = move(staff_api, pipeline["ai"], stage="qualified", note="Đã xác minh với Sở Công Thương")
    assert response.status_code == 201
    body = response.json()
    assert (body["from_stage"], body["to_stage"]) == ("identified", "qualified")
    assert body["changed_by"]["username"] == full_staff.username
    assert body["opportunity"]["stage"] == "qualified"
    change = StageChange.objects.get()
    assert (change.changed_by, change.note) == (full_staff, "Đã xác minh với Sở Công Thương")
    history = staff_api.get(reverse("api:opportunity-detail", args=[pipeline["ai"].pk])).json()["stage_changes"]
    assert [item["to_stage"] for item in history] == ["qualified"]


def test_losing_an_opportunity_needs_a_reason(staff_api, pipeline):
    response = move(staff_api, pipeline["logistics"], stage="lost")
    assert response.status_code == 400
    assert "note" in response.json()["errors"]
    assert "reason" in response.json()["detail"]
    assert move(staff_api, pipeline["logistics"], stage="lost", note="Nhà đầu tư rút lui").status_code == 201
    pipeline["logistics"].refresh_from_db()
    assert pipeline["logistics"].stage_reason == "Nhà đầu tư rút lui"


def test_a_move_to_the_same_stage_is_a_400_with_the_services_message(staff_api, pipeline):
    response = move(staff_api, pipeline["ai"], stage="identified")
    assert response.status_code == 400
    assert "already at stage" in response.json()["errors"]["stage"][0]


@pytest.mark.parametrize("note", [0, 12.5, True, ["Nhà đầu tư rút lui"]])
def test_a_note_that_is_not_text_is_a_400_naming_it(staff_api, pipeline, note):
    """A number is not quietly turned into the text "0" in the stage history."""
    response = move(staff_api, pipeline["logistics"], stage="lost", note=note)
    assert response.status_code == 400
    assert "note" in response.json()["errors"]
    assert not StageChange.objects.exists()


def test_an_unknown_stage_is_a_400(staff_api, pipeline):
    response = move(staff_api, pipeline["ai"], stage="signed")
    assert response.status_code == 400
    assert "stage" in response.json()["errors"]


def test_a_forbidden_move_is_a_400(staff_api, pipeline, full_staff):
    move(staff_api, pipeline["logistics"], stage="lost", note="Rút lui")
    response = move(staff_api, pipeline["logistics"], stage="won")
    assert response.status_code == 400
    assert "cannot move" in response.json()["detail"]


def test_reopening_a_won_opportunity_needs_the_won_permission(pipeline, full_staff, staff_without_won):
    move(client_for(full_staff), pipeline["fintech"], stage="won")
    response = move(client_for(staff_without_won), pipeline["fintech"], stage="negotiating")
    assert response.status_code == 403
    assert Opportunity.objects.get(pk=pipeline["fintech"].pk).stage == Stage.WON


def test_the_stage_cannot_be_changed_by_editing_the_record(staff_api, pipeline):
    url = reverse("api:opportunity-detail", args=[pipeline["ai"].pk])
    response = staff_api.patch(url, {"stage": "won", "priority": "high"}, format="json")
    assert response.status_code == 200
    assert (response.json()["stage"], response.json()["priority"]) == ("identified", "high")
    assert not StageChange.objects.exists()


def test_moving_a_missing_opportunity_is_a_404(staff_api, db):
    response = staff_api.post(reverse("api:opportunity-move-stage", args=[424242]), {"stage": "qualified"})
    assert response.status_code == 404


# Merge ---------------------------------------------------------------------------------------


def test_merging_organizations_moves_everything_and_keeps_the_name_as_an_alias(staff_api, pipeline):
    keep = pipeline["guangxi_department"]
    duplicate = OrganizationFactory(name="Sở CN và TT Quảng Tây", kind="local_authority")
    Contact.objects.create(full_name="Viên Hoàng", title="Giám đốc", organization=duplicate)
    Contact.objects.create(full_name="Lý Minh", title="Phó Giám đốc", organization=duplicate)
    Opportunity.objects.create(
        organization=duplicate, primary_sector=pipeline["ai"].primary_sector, title="AI cho KCN Quang Châu"
    )
    Activity.objects.create(organization=duplicate, subject="Gặp đoàn Quảng Tây")

    response = staff_api.post(
        reverse("api:organization-merge", args=[keep.pk]), {"merge": [duplicate.pk]}, format="json"
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["kept"]["id"] == keep.pk
    assert body["merged_names"] == ["Sở CN và TT Quảng Tây"]
    assert (body["contacts_moved"], body["contacts_combined"]) == (1, 1)
    assert (body["opportunities_moved"], body["activities_moved"], body["aliases_added"]) == (1, 1, 1)
    assert not Organization.objects.filter(pk=duplicate.pk).exists()
    assert OrganizationAlias.objects.filter(organization=keep, name="Sở CN và TT Quảng Tây").exists()
    assert DeletedRecord.objects.filter(model="organization", object_id=duplicate.pk).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"merge": []}, "merge"),
        ({"merge": [987654]}, "merge"),
        ({"merge": ["abc"]}, "merge"),
        ({}, "merge"),
    ],
)
def test_a_merge_with_nothing_valid_to_merge_is_a_400(staff_api, pipeline, body, field):
    response = staff_api.post(
        reverse("api:organization-merge", args=[pipeline["guangxi_department"].pk]), body, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_an_organization_cannot_be_merged_into_itself(staff_api, pipeline):
    keep = pipeline["guangxi_department"]
    response = staff_api.post(reverse("api:organization-merge", args=[keep.pk]), {"merge": [keep.pk]}, format="json")
    assert response.status_code == 400
    assert "itself" in response.json()["detail"]
    assert Organization.objects.filter(pk=keep.pk).exists()


def test_merging_needs_change_and_delete_permissions(pipeline, viewer):
    response = client_for(viewer).post(
        reverse("api:organization-merge", args=[pipeline["guangxi_department"].pk]),
        {"merge": [pipeline["bac_ninh_department"].pk]},
        format="json",
    )
    assert response.status_code == 403


# Activities ----------------------------------------------------------------------------------


def test_logging_an_activity_records_who_logged_it(staff_api, pipeline, full_staff):
    response = staff_api.post(
        reverse("api:activity-list"),
        {
            "kind": "meeting",
            "subject": "Làm việc với Hội Hữu nghị Hải ngoại Thành phố Quảng Châu",
            "notes": "Thống nhất khảo sát tuyến đường sắt",
            "opportunity": pipeline["railway"].pk,
            "contact": pipeline["chairman"].pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["created_by"]["username"] == full_staff.username
    assert body["opportunity"]["id"] == pipeline["railway"].pk
    assert body["contact"]["full_name"] == "Vương Hoán Thanh"


def test_an_activity_about_nothing_is_refused_with_a_message(staff_api, db):
    response = staff_api.post(reverse("api:activity-list"), {"subject": "Ghi chú"}, format="json")
    assert response.status_code == 400
    assert "opportunity, an organization or a contact" in response.json()["detail"]


def test_an_activity_with_an_unknown_kind_or_missing_record_is_refused(staff_api, pipeline):
    response = staff_api.post(
        reverse("api:activity-list"), {"subject": "x", "kind": "lunch", "opportunity": 999999}, format="json"
    )
    assert response.status_code == 400
    assert {"kind", "opportunity"} <= set(response.json()["errors"])


def test_an_activity_can_be_edited_and_deleted_leaving_a_tombstone(staff_api, pipeline):
    created = staff_api.post(
        reverse("api:activity-list"), {"subject": "Gọi điện", "organization": pipeline["guangzhou_society"].pk}
    ).json()
    url = reverse("api:activity-detail", args=[created["id"]])
    assert staff_api.patch(url, {"kind": "call"}, format="json").json()["kind"] == "call"
    assert staff_api.delete(url).status_code == 204
    assert DeletedRecord.objects.filter(model="activity", object_id=created["id"]).exists()


# Review --------------------------------------------------------------------------------------


def test_reviewing_an_imported_opportunity_goes_through_the_service(staff_api, pipeline):
    url = reverse("api:opportunity-review", args=[pipeline["ai"].pk])
    response = staff_api.post(url, {"decision": "accepted"}, format="json")
    assert response.status_code == 200
    assert response.json()["review_status"] == "accepted"
    assert Activity.objects.filter(opportunity=pipeline["ai"], subject="Accepted in review").exists()
    assert staff_api.post(url, {"decision": "maybe"}, format="json").status_code == 400


def test_reviewing_a_contact(staff_api, pipeline):
    url = reverse("api:contact-review", args=[pipeline["director"].pk])
    assert staff_api.post(url, {"decision": "rejected"}, format="json").json()["review_status"] == "rejected"
    assert Contact.objects.get(pk=pipeline["director"].pk).review_status == ReviewStatus.REJECTED


# Records written with keys and slugs ---------------------------------------------------------


def test_an_opportunity_is_written_with_keys_and_slugs_and_read_with_summaries(staff_api, pipeline, full_staff):
    response = staff_api.post(
        reverse("api:opportunity-list"),
        {
            "title": "Nhà máy pin xe điện của doanh nghiệp Quảng Tây",
            "organization": pipeline["guangxi_department"].pk,
            "origin_region": "quang-tay",
            "province": "Bắc Giang",
            "primary_sector": "ev-batteries",
            "contacts": [pipeline["director"].pk],
            "owner": full_staff.username,
            "value": "250000000",
            "currency": "USD",
            "investment_type": "new_project",
            "stage": "won",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["province"]["slug"] == "bac-ninh"  # Bắc Giang was merged into Bắc Ninh
    assert body["primary_sector"]["name_vi"]
    assert [sector["slug"] for sector in body["sectors"]] == ["ev-batteries"]  # the primary one is a sector
    assert body["origin_region"]["country"] == "CN"
    assert body["contacts"][0]["full_name"] == "Viên Hoàng"
    assert body["owner"]["username"] == full_staff.username
    assert body["stage"] == "identified"  # the stage only moves through move-stage
    assert body["evidence_count"] == 0
    assert Opportunity.objects.get(pk=body["id"]).value == Decimal("250000000")


def test_an_opportunity_reads_its_sectors_site_and_what_the_news_reports(staff_api, pipeline):
    body = staff_api.get(reverse("api:opportunity-detail", args=[pipeline["ai"].pk])).json()
    assert body["primary_sector"]["slug"] == "ai"
    assert [sector["slug"] for sector in body["sectors"]] == ["ai", "manufacturing"]
    assert body["site"] == {
        "id": pipeline["que_vo"].pk,
        "slug": "kcn-que-vo",
        "name": pipeline["que_vo"].name,
        "kind": "industrial_park",
        "province": {"id": pipeline["ai"].province_id, "slug": "bac-ninh", "name": "Bắc Ninh"},
    }
    assert (body["status"], body["reported_on"]) == ("proposal", "2025-11-20")
    assert "imported_facts" not in body and "project_key" not in body
    fintech = staff_api.get(reverse("api:opportunity-detail", args=[pipeline["fintech"].pk])).json()
    assert (fintech["value"], fintech["currency"], fintech["value_usd"]) == ("3000000000.00", "USD", "3000000000.00")
    assert (fintech["land_area_ha"], fintech["expected_jobs"]) == ("12.50", 800)


def test_sectors_and_site_are_written_as_slugs_and_the_primary_sector_is_one_of_the_sectors(staff_api, pipeline):
    response = staff_api.post(
        reverse("api:opportunity-list"),
        {
            "organization": pipeline["guangxi_department"].pk,
            "province": "bac-ninh",
            "site": "kcn-que-vo",
            "project": "Nhà máy linh kiện bán dẫn",
            "primary_sector": "semiconductors",
            "sectors": ["electronics", "ai"],
            "status": "licensed",
            "investment_type": "new_project",
            "value": "2590000000000",
            "currency": "VND",
            "reported_on": "2025-03-01",
            "land_area_ha": "30",
            "expected_jobs": 1500,
            "value_usd": "1",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["primary_sector"]["slug"] == "semiconductors"
    assert {sector["slug"] for sector in body["sectors"]} == {"ai", "electronics", "semiconductors"}
    assert body["site"]["slug"] == "kcn-que-vo"
    assert body["value_usd"] == "100000000.00"  # derived at 2025's rate, not written
    assert body["display"] == (
        f"Sở Công nghiệp và Thông tin khu tự trị dân tộc Choang Quảng Tây → Bắc Ninh, {pipeline['que_vo'].name}: "
        "Nhà máy linh kiện bán dẫn"
    )

    url = reverse("api:opportunity-detail", args=[body["id"]])
    # A new primary sector alone joins the sectors the opportunity has.
    patched = staff_api.patch(url, {"primary_sector": "iot"}, format="json").json()
    assert {sector["slug"] for sector in patched["sectors"]} == {"ai", "electronics", "semiconductors", "iot"}
    # Sectors written without the primary one keep it.
    patched = staff_api.patch(url, {"sectors": ["cloud-data"]}, format="json").json()
    assert {sector["slug"] for sector in patched["sectors"]} == {"cloud-data", "iot"}
    assert Opportunity.objects.get(pk=body["id"]).sectors.count() == 2
    # The site and the primary sector may be cleared; the sectors stay.
    patched = staff_api.patch(url, {"site": None, "primary_sector": None}, format="json").json()
    assert (patched["site"], patched["primary_sector"]) == (None, None)
    assert {sector["slug"] for sector in patched["sectors"]} == {"cloud-data", "iot"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("province", "Quảng Đông"),
        ("primary_sector", "space-tourism"),
        ("sectors", ["space-tourism"]),
        ("sectors", "ai"),
        ("site", "kcn-atlantis"),
        ("status", "rumoured"),
        ("investment_type", "gift"),
        ("land_area_ha", "-1"),
        ("reported_on", "20/11/2025"),
        ("origin_region", "atlantis"),
        ("origin_country", "XX"),
        ("organization", 999999),
        ("owner", "nobody"),
        ("contacts", [999999]),
        ("value", "-5"),
        ("currency", "BTC"),
        ("likelihood", 150),
    ],
)
def test_an_opportunity_with_a_value_that_does_not_exist_is_refused(staff_api, pipeline, field, value):
    response = staff_api.post(reverse("api:opportunity-list"), {"title": "Thử", field: value}, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_creating_an_organization_with_slugs_and_refusing_a_duplicate(staff_api, db):
    body = {
        "name": "Tập đoàn Công nghệ Thâm Quyến",
        "kind": "company",
        "country": "CN",
        "region": "tham-quyen",
        "sectors": ["ai", "semiconductors"],
    }
    response = staff_api.post(reverse("api:organization-list"), body, format="json")
    assert response.status_code == 201, response.json()
    assert {sector["slug"] for sector in response.json()["sectors"]} == {"ai", "semiconductors"}
    assert (response.json()["opportunity_count"], response.json()["contact_count"]) == (0, 0)
    duplicate = staff_api.post(
        reverse("api:organization-list"), {**body, "name": "TẬP ĐOÀN CÔNG NGHỆ THÂM QUYẾN"}, format="json"
    )
    assert duplicate.status_code == 400
    assert "already exists" in duplicate.json()["detail"]


def test_creating_a_contact_and_refusing_the_same_person_twice(staff_api, pipeline):
    body = {"full_name": "Nhậm Hồng Bân", "title": "Chủ tịch", "organization": pipeline["guangzhou_society"].pk}
    assert staff_api.post(reverse("api:contact-list"), body, format="json").status_code == 201
    duplicate = staff_api.post(reverse("api:contact-list"), {**body, "full_name": "nham hong ban"}, format="json")
    assert duplicate.status_code == 400
    assert "already a contact" in duplicate.json()["detail"]


def test_deleting_an_organization_that_opportunities_point_at_is_a_409(staff_api, pipeline):
    response = staff_api.delete(reverse("api:organization-detail", args=[pipeline["guangxi_department"].pk]))
    assert response.status_code == 409
    assert "opportunities" in response.json()["detail"]


def test_deleting_an_opportunity_leaves_tombstones_for_it_and_its_history(staff_api, pipeline):
    move(staff_api, pipeline["ai"], stage="qualified")
    change = StageChange.objects.get()
    assert staff_api.delete(reverse("api:opportunity-detail", args=[pipeline["ai"].pk])).status_code == 204
    assert set(DeletedRecord.objects.values_list("model", "object_id")) >= {
        ("opportunity", pipeline["ai"].pk),
        ("stagechange", change.pk),
    }


# Summary -------------------------------------------------------------------------------------


def test_the_pipeline_summary_counts_and_totals_by_stage_sector_and_province(staff_api, pipeline):
    response = staff_api.get(reverse("api:opportunity-summary"))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    assert body["total_value"] == [{"currency": "USD", "total": "3620000000.00"}]
    assert [(row["stage"], row["count"]) for row in body["by_stage"]] == [
        ("identified", 1),
        ("qualified", 1),
        ("engaged", 1),
        ("negotiating", 1),
    ]
    provinces = {row["province"]["slug"]: row for row in body["by_province"]}
    assert provinces["bac-ninh"]["count"] == 2
    assert provinces["bac-ninh"]["total_value"] == [{"currency": "USD", "total": "120000000.00"}]
    assert {row["sector"]["slug"]: row["count"] for row in body["by_sector"]} == {
        "ai": 1,
        "manufacturing": 1,
        "railways": 1,
        "transport-infrastructure": 1,
        "logistics": 1,
        "fintech": 1,
        "finance": 1,
    }


def test_the_summary_counts_by_reported_status_apart_from_stage(staff_api, pipeline):
    Opportunity.objects.filter(pk=pipeline["logistics"].pk).update(status="")
    body = staff_api.get(reverse("api:opportunity-summary")).json()
    assert [(row["status"], row["label"], row["count"]) for row in body["by_status"]] == [
        ("proposal", "Proposal or survey", 1),
        ("agreement", "MOU or agreement signed", 1),
        ("licensed", "Licensed or registered", 1),
        (None, None, 1),
    ]
    licensed = body["by_status"][2]
    assert licensed["total_value"] == [{"currency": "USD", "total": "3000000000.00"}]
    assert licensed["total_value_usd"] == "3000000000.00"


def test_the_summary_totals_values_in_usd_at_every_level(staff_api, pipeline):
    # 2,590 billion VND reported in 2025, at 25,900 VND to the dollar: 100 million USD.
    logistics = pipeline["logistics"]
    logistics.value, logistics.currency, logistics.reported_on = Decimal("2590000000000"), "VND", date(2025, 6, 1)
    logistics.save()
    assert Opportunity.objects.get(pk=logistics.pk).value_usd == Decimal("100000000.00")

    body = staff_api.get(reverse("api:opportunity-summary")).json()

    assert body["total_value"] == [
        {"currency": "USD", "total": "3500000000.00"},
        {"currency": "VND", "total": "2590000000000.00"},
    ]
    assert body["total_value_usd"] == "3600000000.00"
    stages = {row["stage"]: row["total_value_usd"] for row in body["by_stage"]}
    assert stages == {
        "identified": "0.00",
        "qualified": "500000000.00",
        "engaged": "100000000.00",
        "negotiating": "3000000000.00",
    }
    provinces = {row["province"]["slug"]: row["total_value_usd"] for row in body["by_province"]}
    assert provinces["bac-ninh"] == "100000000.00"
    sectors = {row["sector"]["slug"]: row["total_value_usd"] for row in body["by_sector"]}
    # Each opportunity's value counts in each of its sectors.
    assert (sectors["fintech"], sectors["finance"]) == ("3000000000.00", "3000000000.00")
    assert sectors["logistics"] == "100000000.00"


def test_an_opportunity_counts_once_in_each_of_its_sectors_even_when_filtered_by_one(staff_api, pipeline):
    body = staff_api.get(reverse("api:opportunity-summary"), {"sector": "ai,manufacturing"}).json()
    assert body["count"] == 1
    assert {row["sector"]["slug"]: row["count"] for row in body["by_sector"]} == {"ai": 1, "manufacturing": 1}


def test_an_opportunity_without_sectors_counts_under_null(staff_api, pipeline):
    railway = pipeline["railway"]
    railway.sectors.clear()
    Opportunity.objects.filter(pk=railway.pk).update(primary_sector=None)
    body = staff_api.get(reverse("api:opportunity-summary"), {"province": "ha-noi"}).json()
    assert [(row["sector"], row["count"]) for row in body["by_sector"]] == [(None, 1)]


def test_the_summary_honours_the_list_filters(staff_api, pipeline):
    body = staff_api.get(reverse("api:opportunity-summary"), {"province": "bac-giang", "sector": "ai"}).json()
    assert body["count"] == 1
    assert body["by_stage"] == [
        {"stage": "identified", "label": "Identified", "count": 1, "total_value": [], "total_value_usd": "0.00"}
    ]
    assert staff_api.get(reverse("api:opportunity-summary"), {"stage": "done"}).status_code == 400


def test_the_summary_keeps_currencies_apart(staff_api, pipeline):
    Opportunity.objects.filter(pk=pipeline["logistics"].pk).update(value=Decimal("2500000000000"), currency="VND")
    body = staff_api.get(reverse("api:opportunity-summary"), {"province": "bac-ninh"}).json()
    assert body["total_value"] == [{"currency": "VND", "total": "2500000000000.00"}]


def test_deleting_an_organization_keeps_its_contacts_and_says_so(staff_api, db):
    """Its people are never orphaned (nor collide with a same-named contact without one): a 409."""
    from tests.factories import ContactFactory, OrganizationFactory

    council = OrganizationFactory(name="Hội đồng Xúc tiến Thương mại Quốc tế Trung Quốc")
    ContactFactory(organization=council, full_name="Vương Hi")
    ContactFactory(organization=None, full_name="Vương Hi")

    response = staff_api.delete(reverse("api:organization-detail", args=[council.pk]))

    assert response.status_code == 409
    assert council.contacts.get().full_name == "Vương Hi"
