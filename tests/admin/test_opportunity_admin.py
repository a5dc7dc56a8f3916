"""The opportunity list and page: filters, search, stage moves through the service, owners, CSV, evidence."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from leads.api.exports import OPPORTUNITY_COLUMNS
from leads.choices import Stage
from leads.models import Activity, Opportunity, Province, Sector, StageChange
from tests.admin.conftest import inline_management
from tests.factories import OpportunityFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:leads_opportunity_changelist")


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def shown(response) -> set[int]:
    return {opportunity.pk for opportunity in response.context["cl"].result_list}


def test_list_filters_by_sector_and_province(admin_client_logged_in):
    ai_bac_ninh = OpportunityFactory()
    ai_hanoi = OpportunityFactory(province=Province.objects.get(slug="ha-noi"))
    trade_bac_ninh = OpportunityFactory(sector=Sector.objects.get(slug="trade"))
    ai = Sector.objects.get(slug="ai")
    bac_ninh = Province.objects.get(slug="bac-ninh")

    by_sector = admin_client_logged_in.get(CHANGELIST, {"sector__id__exact": ai.pk})
    both = admin_client_logged_in.get(CHANGELIST, {"sector__id__exact": ai.pk, "province__id__exact": bac_ninh.pk})

    assert shown(by_sector) == {ai_bac_ninh.pk, ai_hanoi.pk}
    assert shown(both) == {ai_bac_ninh.pk}
    assert trade_bac_ninh.pk not in shown(both)


def test_list_search_ignores_accents_and_matches_every_word(admin_client_logged_in):
    wanted = OpportunityFactory(organization=OrganizationFactory(name="Sở Công nghiệp và Thông tin Quảng Tây"))
    OpportunityFactory(organization=OrganizationFactory(name="Tập đoàn Điện tử Thâm Quyến"))

    response = admin_client_logged_in.get(CHANGELIST, {"q": "so cong nghiep quang tay"})
    phrase = admin_client_logged_in.get(CHANGELIST, {"q": '"thong tin quang tay"'})
    wrong_order = admin_client_logged_in.get(CHANGELIST, {"q": '"quang tay thong tin"'})

    assert shown(response) == shown(phrase) == {wanted.pk}
    assert shown(wrong_order) == set()


def test_list_shows_the_columns_and_filters_staff_asked_for(admin_client_logged_in):
    from leads.models import ForeignRegion

    region = ForeignRegion.objects.get(slug="quang-tay")
    OpportunityFactory(value=2_000_000_000, currency="USD", origin_region=region, origin_country_id="CN")

    response = admin_client_logged_in.get(CHANGELIST)

    changelist = response.context["cl"]
    assert list(changelist.list_display)[1:] == [
        "lead",
        "organization_link",
        "origin",
        "province",
        "sector",
        "stage_display",
        "value_display",
        "owner",
        "next_step_on",
        "updated_at",
    ]
    filters = {str(spec.title) for spec in changelist.filter_specs}
    assert {"stage", "sector", "target province", "origin region", "origin country", "organization"} <= filters
    assert {"owner", "total investment", "next step date", "updated"} <= filters
    assert changelist.date_hierarchy == "created_at"
    assert "2,000,000,000 USD" in response.content.decode()


def test_move_stage_page_moves_through_the_service_and_records_the_move(admin_client_logged_in, superuser):
    opportunity = OpportunityFactory()
    url = reverse("admin:leads_opportunity_move_stage", args=[opportunity.pk])

    response = admin_client_logged_in.post(url, {"to_stage": Stage.QUALIFIED, "note": "Đã kiểm tra"})

    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.QUALIFIED
    change = StageChange.objects.get(opportunity=opportunity)
    assert (change.from_stage, change.to_stage, change.changed_by, change.note) == (
        Stage.IDENTIFIED,
        Stage.QUALIFIED,
        superuser,
        "Đã kiểm tra",
    )


def test_moving_to_lost_without_a_reason_asks_for_one_and_moves_nothing(admin_client_logged_in):
    opportunity = OpportunityFactory()
    url = reverse("admin:leads_opportunity_move_stage", args=[opportunity.pk])

    response = admin_client_logged_in.post(url, {"to_stage": Stage.LOST, "note": "  "})

    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    assert any("reason" in message for message in messages_of(response))
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.IDENTIFIED
    assert not StageChange.objects.exists()


def test_marking_won_without_the_permission_is_a_message_not_an_error_page(client):
    staff = UserFactory(username="officer")
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_opportunity", "change_opportunity"]))
    client.force_login(staff)
    opportunity = OpportunityFactory(stage=Stage.NEGOTIATING)

    response = client.post(
        reverse("admin:leads_opportunity_move_stage", args=[opportunity.pk]), {"to_stage": Stage.WON, "note": ""}
    )

    assert response.status_code == 200
    assert any("Won" in message for message in messages_of(response))
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.NEGOTIATING


def test_move_page_offers_only_the_moves_the_rules_allow(admin_client_logged_in):
    opportunity = OpportunityFactory(stage=Stage.WON)
    response = admin_client_logged_in.get(reverse("admin:leads_opportunity_move_stage", args=[opportunity.pk]))
    offered = {value for value, _label in response.context["form"].fields["to_stage"].choices}
    assert offered == {Stage.IDENTIFIED, Stage.QUALIFIED, Stage.CONTACTED, Stage.ENGAGED, Stage.NEGOTIATING}


def test_stage_cannot_be_changed_by_editing_the_form(admin_client_logged_in):
    opportunity = OpportunityFactory()
    url = reverse("admin:leads_opportunity_change", args=[opportunity.pk])
    form = admin_client_logged_in.get(url).context["adminform"].form
    assert "stage" not in form.fields


def test_bulk_move_asks_for_the_stage_then_moves_each_and_reports_refusals(admin_client_logged_in):
    movable = OpportunityFactory()
    already = OpportunityFactory(stage=Stage.QUALIFIED, sector=Sector.objects.get(slug="trade"))
    ids = [movable.pk, already.pk]

    page = admin_client_logged_in.post(CHANGELIST, {"action": "move_to_stage", "_selected_action": ids})
    assert page.status_code == 200
    assert "move-stage-form" in page.content.decode()

    done = admin_client_logged_in.post(
        CHANGELIST,
        {"action": "move_to_stage", "_selected_action": ids, "apply": "1", "to_stage": Stage.QUALIFIED, "note": ""},
        follow=True,
    )

    movable.refresh_from_db()
    assert movable.stage == Stage.QUALIFIED
    texts = messages_of(done) or [str(m) for m in done.context["messages"]]
    assert any("1 opportunity moved" in text for text in texts)
    assert any("already at stage" in text for text in texts)


def test_bulk_move_to_on_hold_without_a_reason_re_asks(admin_client_logged_in):
    opportunity = OpportunityFactory()
    response = admin_client_logged_in.post(
        CHANGELIST,
        {"action": "move_to_stage", "_selected_action": [opportunity.pk], "apply": "1", "to_stage": Stage.ON_HOLD},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.IDENTIFIED


def test_assign_to_me(admin_client_logged_in, superuser):
    mine, theirs = OpportunityFactory(), OpportunityFactory(owner=UserFactory())
    admin_client_logged_in.post(CHANGELIST, {"action": "assign_to_me", "_selected_action": [mine.pk, theirs.pk]})
    assert set(Opportunity.objects.filter(owner=superuser).values_list("pk", flat=True)) == {mine.pk, theirs.pk}
    assert shown(admin_client_logged_in.get(CHANGELIST, {"owner": "me"})) == {mine.pk, theirs.pk}


def exported_rows(response) -> list[dict[str, str]]:
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # so that spreadsheet programs read the Vietnamese as UTF-8
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_export_csv_has_the_api_columns_and_one_row_per_selected_opportunity(admin_client_logged_in):
    chosen = OpportunityFactory(
        organization=OrganizationFactory(name="Tập đoàn Điện tử Thâm Quyến"), value=260_650_000, currency="USD"
    )
    OpportunityFactory()

    response = admin_client_logged_in.post(CHANGELIST, {"action": "export_csv", "_selected_action": [chosen.pk]})

    (row,) = exported_rows(response)
    assert list(row) == [header for header, _getter in OPPORTUNITY_COLUMNS] + ["admin_url"]
    assert (row["id"], row["organization"], row["value"]) == (
        str(chosen.pk),
        "Tập đoàn Điện tử Thâm Quyến",
        "260650000.00",
    )
    assert row["admin_url"] == f"http://testserver{reverse('admin:leads_opportunity_change', args=[chosen.pk])}"


def test_export_csv_defuses_cells_a_spreadsheet_would_run_as_formulas(admin_client_logged_in):
    formula = OpportunityFactory(title='=HYPERLINK("http://evil.example","bấm")')
    at_sign = OpportunityFactory(title="@SUM(A1:A9)")
    minus = OpportunityFactory(title="-2+3+cmd|' /C calc'!A0")

    response = admin_client_logged_in.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [formula.pk, at_sign.pk, minus.pk]}
    )

    titles = [row["title"] for row in exported_rows(response)]
    assert titles == ["'" + formula.title, "'" + at_sign.title, "'" + minus.title]


def test_change_page_shows_evidence_with_the_matched_words_marked_and_escaped(admin_client_logged_in, lead, article):
    response = admin_client_logged_in.get(reverse("admin:leads_opportunity_change", args=[lead.pk]))
    html = response.content.decode()

    assert '<mark class="crm-term" title="">Bắc Giang</mark>' in html  # the pre-2025 name of Bắc Ninh
    assert '<mark class="crm-term" title="">trí tuệ nhân tạo</mark>' in html  # a keyword of the sector
    assert reverse("admin:leads_sourcearticle_change", args=[article.pk]) in html
    assert "https://baodautu.vn/a.html" in html


def test_change_page_adds_an_activity_inline_logged_as_the_user(admin_client_logged_in, superuser):
    opportunity = OpportunityFactory()
    url = reverse("admin:leads_opportunity_change", args=[opportunity.pk])
    form = admin_client_logged_in.get(url).context["adminform"].form
    data = {
        **{name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)},
        "organization": opportunity.organization_id,
        "province": opportunity.province_id,
        "sector": opportunity.sector_id,
        "priority": "medium",
        "activities-TOTAL_FORMS": "1",
        "activities-INITIAL_FORMS": "0",
        "activities-0-kind": "call",
        "activities-0-subject": "Gọi cho Sở Công Thương",
        "activities-0-occurred_at_0": "2025-10-01",
        "activities-0-occurred_at_1": "09:00:00",
    }
    data = {key: value for key, value in data.items() if key not in {"contacts"}}

    response = admin_client_logged_in.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    activity = Activity.objects.get(opportunity=opportunity)
    assert (activity.kind, activity.created_by) == ("call", superuser)


def test_change_page_shows_stage_history_and_contacts(admin_client_logged_in, superuser):
    opportunity = OpportunityFactory()
    from leads.services import opportunity_move_stage
    from tests.factories import ContactFactory

    opportunity_move_stage(opportunity=opportunity, to_stage=Stage.ON_HOLD, user=superuser, note="Chờ <ngân sách>")
    contact = ContactFactory(organization=opportunity.organization, full_name="Viên Hoàng")

    html = admin_client_logged_in.get(reverse("admin:leads_opportunity_change", args=[opportunity.pk])).content.decode()

    assert 'id="stage-history"' in html
    assert "Chờ &lt;ngân sách&gt;" in html
    assert reverse("admin:leads_contact_change", args=[contact.pk]) in html


def test_a_record_that_fails_validation_is_reported_not_a_server_error(admin_client_logged_in):
    opportunity = OpportunityFactory()
    Opportunity.objects.filter(pk=opportunity.pk).update(currency="XXX")  # as if written by an old import

    response = admin_client_logged_in.post(
        reverse("admin:leads_opportunity_move_stage", args=[opportunity.pk]), {"to_stage": Stage.QUALIFIED}
    )
    bulk = admin_client_logged_in.post(
        CHANGELIST, {"action": "assign_to_me", "_selected_action": [opportunity.pk]}, follow=True
    )

    assert response.status_code == 200
    assert any("XXX" in message for message in messages_of(response))
    assert any("XXX" in str(message) for message in bulk.context["messages"])
    opportunity.refresh_from_db()
    assert (opportunity.stage, opportunity.owner) == (Stage.IDENTIFIED, None)


def test_an_activity_logged_on_the_activity_admin_page_is_logged_as_the_user(admin_client_logged_in, superuser):
    opportunity = OpportunityFactory()

    response = admin_client_logged_in.post(
        reverse("admin:leads_activity_add"),
        {
            "kind": "meeting",
            "subject": "Gặp Sở Công Thương",
            "occurred_at_0": "2025-10-01",
            "occurred_at_1": "09:00:00",
            "opportunity": opportunity.pk,
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    activity = Activity.objects.get(opportunity=opportunity)
    assert (activity.subject, activity.created_by) == ("Gặp Sở Công Thương", superuser)


def test_an_activity_added_on_an_organization_page_is_logged_as_the_user(admin_client_logged_in, superuser):
    organization = OrganizationFactory()
    url = reverse("admin:leads_organization_change", args=[organization.pk])
    activity = {"kind": "call", "subject": "Gọi cho đại diện", "occurred_at_0": "2025-10-01", "occurred_at_1": "09:00"}
    data = {
        "name": organization.name,
        "kind": organization.kind,
        "country": organization.country_id,
        **inline_management(admin_client_logged_in.get(url), activities=[activity]),
    }

    response = admin_client_logged_in.post(url, data)

    assert response.status_code == 302
    logged = Activity.objects.get(organization=organization)
    assert (logged.subject, logged.created_by) == ("Gọi cho đại diện", superuser)
