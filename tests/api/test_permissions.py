"""Who may do what: anonymous, token holders (full and read-only), revoked tokens, model permissions, won."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.choices import Stage
from leads.models import ApiToken, Organization
from tests.api.conftest import client_for, token_for

pytestmark = pytest.mark.django_db

NEW_ORGANIZATION = {"name": "Tập đoàn Công nghệ Thâm Quyến", "kind": "company", "country": "CN"}


@pytest.mark.parametrize(
    "url",
    [
        reverse("api:opportunity-list"),
        reverse("api:organization-list"),
        reverse("api:contact-list"),
        reverse("api:article-list"),
        reverse("api:sector-list"),
        reverse("api:deleted-record-list"),
        reverse("api:opportunity-summary"),
    ],
)
def test_anonymous_requests_get_401_with_the_token_challenge(api, url):
    response = api.get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "detail" in response.json()


def test_anonymous_writes_get_401_too(api, db):
    assert api.post(reverse("api:organization-list"), NEW_ORGANIZATION, format="json").status_code == 401


def test_a_valid_token_authenticates_and_records_when_it_was_used(api, full_staff):
    token = token_for(full_staff)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(reverse("api:sector-list")).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_last_used_is_written_at_most_once_a_minute(api, full_staff, django_assert_num_queries):
    token = token_for(full_staff)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    api.get(reverse("api:sector-list"))
    first_use = ApiToken.objects.get(pk=token.pk).last_used_at
    api.get(reverse("api:sector-list"))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first_use
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    api.get(reverse("api:sector-list"))
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first_use


def test_a_revoked_token_gets_401(api, full_staff):
    token = token_for(full_staff)
    token.revoked_at = timezone.now()
    token.save()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.get(reverse("api:sector-list"))
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_an_unknown_or_malformed_token_gets_401(api, db):
    for header in ["Token 0123456789abcdef", "Token", "Token a b", "Token " + "x" * 5000]:
        api.credentials(HTTP_AUTHORIZATION=header)
        assert api.get(reverse("api:sector-list")).status_code == 401, header


def test_the_token_of_an_inactive_user_gets_401(api, full_staff):
    token = token_for(full_staff)
    full_staff.is_active = False
    full_staff.save()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(reverse("api:sector-list")).status_code == 401


def test_a_read_only_token_may_read_but_not_write(full_staff, pipeline):
    client = client_for(full_staff, read_only=True)
    assert client.get(reverse("api:opportunity-list")).status_code == 200
    response = client.post(reverse("api:organization-list"), NEW_ORGANIZATION, format="json")
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    moved = client.post(
        reverse("api:opportunity-move-stage", args=[pipeline["ai"].pk]), {"stage": "qualified"}, format="json"
    )
    assert moved.status_code == 403
    assert (
        client.delete(reverse("api:organization-detail", args=[pipeline["bac_ninh_department"].pk])).status_code == 403
    )


def test_a_user_without_view_permission_gets_403_on_lists(nobody):
    response = client_for(nobody).get(reverse("api:opportunity-list"))
    assert response.status_code == 403
    assert response.json()["detail"]


def test_a_viewer_may_read_but_not_create_change_or_delete(viewer, pipeline):
    client = client_for(viewer)
    assert client.get(reverse("api:organization-list")).status_code == 200
    assert client.post(reverse("api:organization-list"), NEW_ORGANIZATION, format="json").status_code == 403
    detail = reverse("api:organization-detail", args=[pipeline["bac_ninh_department"].pk])
    assert client.patch(detail, {"notes": "Đã gặp"}, format="json").status_code == 403
    assert client.delete(detail).status_code == 403
    merge = reverse("api:organization-merge", args=[pipeline["guangxi_department"].pk])
    assert client.post(merge, {"merge": [pipeline["bac_ninh_department"].pk]}, format="json").status_code == 403


def test_full_staff_may_create_organizations(staff_api):
    response = staff_api.post(reverse("api:organization-list"), NEW_ORGANIZATION, format="json")
    assert response.status_code == 201, response.json()
    assert Organization.objects.filter(name="Tập đoàn Công nghệ Thâm Quyến").exists()


def test_staff_without_the_won_permission_cannot_mark_an_opportunity_won(staff_without_won, pipeline):
    client = client_for(staff_without_won)
    url = reverse("api:opportunity-move-stage", args=[pipeline["fintech"].pk])
    response = client.post(url, {"stage": "won"}, format="json")
    assert response.status_code == 403
    assert "Won" in response.json()["detail"]
    pipeline["fintech"].refresh_from_db()
    assert pipeline["fintech"].stage == Stage.NEGOTIATING
    # Other moves are fine.
    assert client.post(url, {"stage": "engaged"}, format="json").status_code == 201


def test_full_staff_may_mark_an_opportunity_won(staff_api, pipeline):
    url = reverse("api:opportunity-move-stage", args=[pipeline["fintech"].pk])
    response = staff_api.post(url, {"stage": "won", "note": "Đã ký MOU"}, format="json")
    assert response.status_code == 201
    assert response.json()["to_stage"] == "won"


def test_session_authentication_works_for_the_browsable_api(client, full_staff):
    client.force_login(full_staff)
    response = client.get(reverse("api:opportunity-list"), HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"Opportunity" in response.content


def test_requests_are_throttled_per_token(settings, full_staff, viewer):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": "3/minute"}}
    first, second = client_for(full_staff), client_for(full_staff)
    url = reverse("api:sector-list")
    assert [first.get(url).status_code for _ in range(3)] == [200, 200, 200]
    throttled = first.get(url)
    assert throttled.status_code == 429
    assert "Retry-After" in throttled
    # Another token of the same user has its own allowance.
    assert second.get(url).status_code == 200


def test_the_api_root_lists_the_resources(staff_api):
    response = staff_api.get(reverse("api:api-root"))
    assert response.status_code == 200
    assert {"opportunities", "organizations", "articles", "stage-changes", "provinces"} <= set(response.json())


def test_the_browsable_api_renders_a_record_with_its_edit_forms(client, full_staff, pipeline):
    client.force_login(full_staff)
    response = client.get(reverse("api:opportunity-detail", args=[pipeline["railway"].pk]), HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert "Đường sắt kết nối Hà Nội với Quảng Châu" in response.content.decode()


# --- Nested summaries only for what the token may view ------------------------------------------


def _only(*codenames: str):
    """A staff user holding exactly these permissions of the CRM."""
    from tests.api.conftest import _user

    return _user(f"chi.{'.'.join(sorted(codenames))}"[:150], list(codenames))


def test_a_token_that_may_only_view_contacts_reads_no_organization_and_no_evidence_inside_them(pipeline):
    client = client_for(_only("view_contact"))

    detail = client.get(reverse("api:contact-detail", args=[pipeline["director"].pk])).json()
    listed = client.get(reverse("api:contact-list")).json()["results"]

    assert (detail["full_name"], detail["organization"], detail["evidence"]) == ("Viên Hoàng", None, None)
    assert {row["organization"] for row in listed} == {None}
    # With the permissions, the same token's user reads them.
    full = client_for(_only("view_contact", "view_organization", "view_evidence", "view_sourcearticle"))
    shown = full.get(reverse("api:contact-detail", args=[pipeline["director"].pk])).json()
    assert shown["organization"]["name"] == pipeline["guangxi_department"].name
    assert shown["evidence"][0]["article"]["title"] == pipeline["article"].title


def test_evidence_needs_view_evidence_and_its_article_view_source_article(pipeline):
    url = reverse("api:contact-detail", args=[pipeline["director"].pk])

    without_articles = client_for(_only("view_contact", "view_evidence")).get(url).json()

    assert [item["sentence"] for item in without_articles["evidence"]] == [pipeline["ai"].evidence.get().sentence]
    assert without_articles["evidence"][0]["article"] is None


def test_an_opportunity_reader_without_other_permissions_reads_no_organization_contacts_or_evidence(pipeline):
    client = client_for(_only("view_opportunity"))

    detail = client.get(reverse("api:opportunity-detail", args=[pipeline["ai"].pk])).json()
    listed = client.get(reverse("api:opportunity-list")).json()["results"]

    assert (detail["organization"], detail["contacts"], detail["evidence"]) == (None, None, None)
    assert detail["province"]["slug"] == "bac-ninh" and detail["primary_sector"]["slug"] == "ai"  # reference data
    assert {(row["organization"], row["contacts"]) for row in listed} == {(None, None)}


def test_the_evidence_list_shows_only_the_records_and_articles_one_may_view(pipeline):
    rows = client_for(_only("view_evidence")).get(reverse("api:evidence-list")).json()["results"]

    assert len(rows) == 4
    assert {(row["article"], row["organization"], row["contact"], row["opportunity"]) for row in rows} == {
        (None, None, None, None)
    }
    both = client_for(_only("view_evidence", "view_contact")).get(reverse("api:evidence-list")).json()["results"]
    assert [row["contact"]["full_name"] for row in both if row["contact"]] == ["Viên Hoàng"]


def test_stage_changes_and_activities_name_the_opportunity_only_to_who_may_view_opportunities(
    staff_api, pipeline, full_staff
):
    move = staff_api.post(
        reverse("api:opportunity-move-stage", args=[pipeline["ai"].pk]), {"stage": "qualified"}, format="json"
    )
    assert move.status_code == 201
    assert move.json()["opportunity"]["id"] == pipeline["ai"].pk
    logged = staff_api.post(
        reverse("api:activity-list"),
        {"kind": "call", "subject": "Gọi Sở Công Thương", "opportunity": pipeline["ai"].pk},
        format="json",
    )
    assert logged.status_code == 201, logged.json()

    changes = client_for(_only("view_stagechange")).get(reverse("api:stage-change-list")).json()["results"]
    activities = client_for(_only("view_activity")).get(reverse("api:activity-list")).json()["results"]

    assert [(row["to_stage"], row["opportunity"]) for row in changes] == [("qualified", None)]
    assert [(row["subject"], row["opportunity"]) for row in activities] == [("Gọi Sở Công Thương", None)]


def test_who_may_change_opportunities_but_not_view_contacts_still_links_contacts(pipeline):
    client = client_for(_only("view_opportunity", "change_opportunity"))
    url = reverse("api:opportunity-detail", args=[pipeline["railway"].pk])

    response = client.patch(url, {"contacts": [pipeline["director"].pk]}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["contacts"] is None
    assert list(pipeline["railway"].contacts.all()) == [pipeline["director"]]


def test_nested_visibility_costs_no_query_per_row(pipeline, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ContactFactory

    client = client_for(_only("view_contact", "view_evidence"))
    url = reverse("api:contact-list")
    client.get(url)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    ContactFactory.create_batch(30, organization=pipeline["guangxi_department"])
    assert queries() == few


def test_the_schema_marks_every_nested_record_one_may_not_view_as_nullable(staff_api):
    """A field nesting an organization, contact, opportunity, article or evidence may read as null: it is nullable."""
    schema = staff_api.get(reverse("api:schema"), {"format": "json"}).json()
    gated = {"OrganizationSummary", "ContactSummary", "OpportunitySummary", "ArticleSummary", "EvidenceInline"}
    gated.add("Evidence")
    # Built by the import view without a request, so shown whole (the importer's own records).
    unfiltered = {"ImportedRecords", "ImportOutcome"}

    def nested_component(prop: dict) -> str | None:
        target = prop.get("items", prop)
        ref = target.get("$ref") or next((part["$ref"] for part in target.get("allOf", []) if "$ref" in part), None)
        return ref.rsplit("/", 1)[1] if ref else None

    checked, wrong = 0, []
    for name, component in schema["components"]["schemas"].items():
        if name.endswith("Request") or name in unfiltered:
            continue
        for field, prop in component.get("properties", {}).items():
            if field == "results" and "next" in component["properties"]:
                continue  # a page of a list: the list itself needs the view permission
            if nested_component(prop) in gated:
                checked += 1
                if not prop.get("nullable"):
                    wrong.append(f"{name}.{field}")
    assert checked >= 15
    assert wrong == []


# --- A won opportunity: only who may mark won changes or deletes it ------------------------------


def _won(pipeline, full_staff):
    url = reverse("api:opportunity-move-stage", args=[pipeline["fintech"].pk])
    assert client_for(full_staff).post(url, {"stage": "won", "note": "Đã ký"}, format="json").status_code == 201
    return pipeline["fintech"]


def test_without_mark_won_a_won_opportunity_cannot_be_edited_replaced_reviewed_or_deleted(
    pipeline, full_staff, staff_without_won
):
    won = _won(pipeline, full_staff)
    client = client_for(staff_without_won)
    url = reverse("api:opportunity-detail", args=[won.pk])

    answers = [
        client.patch(url, {"priority": "low"}, format="json"),
        client.put(url, {"title": "Fintech Trung Quốc tại TP.HCM", "province": "ho-chi-minh"}, format="json"),
        client.post(reverse("api:opportunity-review", args=[won.pk]), {"decision": "rejected"}, format="json"),
        client.delete(url),
    ]

    assert [answer.status_code for answer in answers] == [403, 403, 403, 403]
    assert all("mark_won" in answer.json()["detail"] for answer in answers)
    won.refresh_from_db()
    assert (won.stage, won.priority) == (Stage.WON, "medium")
    assert client.get(url).status_code == 200  # reading it is fine


def test_without_mark_won_an_open_opportunity_is_still_edited_and_deleted(pipeline, staff_without_won):
    client = client_for(staff_without_won)
    url = reverse("api:opportunity-detail", args=[pipeline["logistics"].pk])
    assert client.patch(url, {"priority": "high"}, format="json").status_code == 200
    assert client.delete(url).status_code == 204


def test_with_mark_won_a_won_opportunity_is_edited_and_deleted(pipeline, full_staff):
    won = _won(pipeline, full_staff)
    client = client_for(full_staff)
    url = reverse("api:opportunity-detail", args=[won.pk])
    assert client.patch(url, {"priority": "low"}, format="json").status_code == 200
    assert client.delete(url).status_code == 204


def test_csv_exports_leave_blank_the_records_one_may_not_view(pipeline):
    import csv
    import io

    def export(client, name: str) -> list[dict]:
        response = client.get(reverse(f"api:{name}-list"), {"format": "csv"})
        assert response.status_code == 200
        return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))

    contacts = export(client_for(_only("view_contact")), "contact")
    opportunities = export(client_for(_only("view_opportunity")), "opportunity")
    shown = export(client_for(_only("view_opportunity", "view_organization", "view_contact")), "opportunity")

    director = next(row for row in contacts if row["full_name"] == "Viên Hoàng")
    assert (director["organization"], director["organization_id"], director["country"]) == ("", "", "")
    assert {(row["organization"], row["contacts"]) for row in opportunities} == {("", "")}
    railway = next(row for row in shown if row["title"] == "Đường sắt kết nối Hà Nội với Quảng Châu")
    assert railway["organization"] == pipeline["guangzhou_society"].name
    assert railway["contacts"] == "Vương Hoán Thanh"
