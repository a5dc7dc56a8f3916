"""The opportunity list and page: filters, search, stage moves through the service, owners, CSV, evidence."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from leads.api.exports import OPPORTUNITY_COLUMNS
from leads.choices import InvestmentType, ReportedStatus, Stage
from leads.models import Activity, Opportunity, Province, Sector, StageChange
from tests.admin.conftest import inline_management, make_site
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
    trade_bac_ninh = OpportunityFactory(primary_sector=Sector.objects.get(slug="trade"))
    ai = Sector.objects.get(slug="ai")
    bac_ninh = Province.objects.get(slug="bac-ninh")

    by_sector = admin_client_logged_in.get(CHANGELIST, {"sectors__id__exact": ai.pk})
    both = admin_client_logged_in.get(CHANGELIST, {"sectors__id__exact": ai.pk, "province__id__exact": bac_ninh.pk})

    assert shown(by_sector) == {ai_bac_ninh.pk, ai_hanoi.pk}
    assert shown(both) == {ai_bac_ninh.pk}
    assert trade_bac_ninh.pk not in shown(both)


def test_the_sector_filter_finds_a_lead_by_any_of_its_sectors_once(admin_client_logged_in):
    ai, manufacturing = Sector.objects.get(slug="ai"), Sector.objects.get(slug="manufacturing")
    primary = OpportunityFactory(primary_sector=manufacturing)
    secondary = OpportunityFactory(primary_sector=Sector.objects.get(slug="trade"), sectors=[manufacturing, ai])
    OpportunityFactory()  # AI only

    response = admin_client_logged_in.get(CHANGELIST, {"sectors__id__exact": manufacturing.pk})

    assert [o.pk for o in response.context["cl"].result_list] == [secondary.pk, primary.pk]  # each once
    choices = {str(choice["display"]) for choice in filter_choices(response, "sectors")}
    assert {"Artificial intelligence", "Manufacturing", "Trade"} <= choices


def test_list_filters_by_reported_status(admin_client_logged_in):
    licensed = OpportunityFactory(status=ReportedStatus.LICENSED)
    OpportunityFactory(status=ReportedStatus.PROPOSAL)
    OpportunityFactory()  # nothing reported

    response = admin_client_logged_in.get(CHANGELIST, {"status__exact": ReportedStatus.LICENSED})

    assert shown(response) == {licensed.pk}
    labels = {str(choice["display"]) for choice in filter_choices(response, "reported status")}
    assert {"Licensed or registered", "Proposal or survey", "Operating"} <= labels


def test_list_filters_by_site_offering_only_the_sites_in_use(admin_client_logged_in, site):
    in_park = OpportunityFactory(site=site, project="Nhà máy linh kiện điện tử")
    OpportunityFactory()  # in Bắc Ninh, no site stated
    make_site("KCN Vân Trung")  # nobody's site

    response = admin_client_logged_in.get(CHANGELIST, {"site__id__exact": site.pk})

    assert shown(response) == {in_park.pk}
    offered = [str(choice["display"]) for choice in filter_choices(response, "site")]
    assert offered == ["All", "KCN Quang Châu", "-"]  # "-": no site stated


def test_list_filters_by_province_stage_and_investment_type(admin_client_logged_in):
    wanted = OpportunityFactory(stage=Stage.QUALIFIED, investment_type=InvestmentType.JOINT_VENTURE)
    OpportunityFactory(stage=Stage.QUALIFIED, investment_type=InvestmentType.NEW_PROJECT)
    OpportunityFactory(
        stage=Stage.QUALIFIED,
        investment_type=InvestmentType.JOINT_VENTURE,
        province=Province.objects.get(slug="ha-noi"),
    )

    response = admin_client_logged_in.get(
        CHANGELIST,
        {
            "province__id__exact": Province.objects.get(slug="bac-ninh").pk,
            "stage__exact": Stage.QUALIFIED,
            "investment_type__exact": InvestmentType.JOINT_VENTURE,
        },
    )

    assert shown(response) == {wanted.pk}


def test_list_search_ignores_accents_and_matches_every_word(admin_client_logged_in):
    wanted = OpportunityFactory(organization=OrganizationFactory(name="Sở Công nghiệp và Thông tin Quảng Tây"))
    OpportunityFactory(organization=OrganizationFactory(name="Tập đoàn Điện tử Thâm Quyến"))

    response = admin_client_logged_in.get(CHANGELIST, {"q": "so cong nghiep quang tay"})
    phrase = admin_client_logged_in.get(CHANGELIST, {"q": '"thong tin quang tay"'})
    wrong_order = admin_client_logged_in.get(CHANGELIST, {"q": '"quang tay thong tin"'})

    assert shown(response) == shown(phrase) == {wanted.pk}
    assert shown(wrong_order) == set()


def test_list_search_also_finds_the_project_and_the_site(admin_client_logged_in, site):
    by_project = OpportunityFactory(project="Trung tâm dữ liệu AI Quế Võ")
    in_park = OpportunityFactory(site=site)
    OpportunityFactory(project="Nhà máy dệt may")

    assert shown(admin_client_logged_in.get(CHANGELIST, {"q": "trung tam du lieu"})) == {by_project.pk}
    assert shown(admin_client_logged_in.get(CHANGELIST, {"q": "kcn quang chau"})) == {in_park.pk}
    assert shown(admin_client_logged_in.get(CHANGELIST, {"q": "Khu công nghiệp Quang Châu"})) == {in_park.pk}


def filter_choices(response, title: str) -> list[dict]:
    spec = next(spec for spec in response.context["cl"].filter_specs if str(spec.title) == title)
    return list(spec.choices(response.context["cl"]))


def test_list_shows_the_columns_and_filters_staff_asked_for(admin_client_logged_in, site):
    from leads.models import ForeignRegion

    region = ForeignRegion.objects.get(slug="quang-tay")
    OpportunityFactory(owner=UserFactory())
    OpportunityFactory(
        organization=None,
        origin_region=region,
        origin_country_id="CN",
        site=site,
        project="Khu phức hợp bán dẫn",
        primary_sector=Sector.objects.get(slug="semiconductors"),
        sectors=[Sector.objects.get(slug="ai")],
        status=ReportedStatus.AGREEMENT,
        value=2_000_000_000,
        currency="USD",
    )

    response = admin_client_logged_in.get(CHANGELIST)

    changelist = response.context["cl"]
    assert list(changelist.list_display)[1:] == [
        "lead",
        "investor",
        "target",
        "project",
        "sectors_display",
        "status",
        "stage_display",
        "value_display",
        "value_usd_display",
        "owner",
        "next_step_on",
        "updated_at",
    ]
    filters = {str(spec.title) for spec in changelist.filter_specs}
    assert {"reported status", "stage", "sectors", "target province", "site", "investment type"} <= filters
    assert {"origin region", "origin country", "organization"} <= filters
    assert {"owner", "total investment", "next step date", "updated"} <= filters
    assert changelist.date_hierarchy == "created_at"
    html = response.content.decode()
    assert "2,000,000,000 USD" in html  # as stated
    assert '<td class="field-value_usd_display">2,000,000,000</td>' in html  # in USD
    assert '<span class="crm-origin">Quảng Tây</span>' in html  # no firm named: where the investors come from
    assert 'Bắc Ninh<br><span class="crm-muted crm-site">KCN Quang Châu</span>' in html
    assert "Khu phức hợp bán dẫn" in html
    assert '<strong class="crm-primary-sector">Semiconductors</strong>, Artificial intelligence' in html
    assert "MOU or agreement signed" in html


def test_value_in_usd_is_shown_beside_the_value_as_stated(admin_client_logged_in):
    import datetime

    OpportunityFactory(value=26_000_000_000_000, currency="VND", reported_on=datetime.date(2025, 9, 18))

    html = admin_client_logged_in.get(CHANGELIST).content.decode()

    usd = Opportunity.objects.get().value_usd
    assert usd is not None and 900_000_000 < usd < 1_100_000_000
    assert "26,000,000,000,000 VND" in html
    assert f'<td class="field-value_usd_display">{usd:,.0f}</td>' in html


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
    already = OpportunityFactory(stage=Stage.QUALIFIED, primary_sector=Sector.objects.get(slug="trade"))
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


def test_every_evidence_sentence_is_shown_with_the_site_and_every_sector_marked(admin_client_logged_in, site):
    from tests.admin.conftest import evidence_for
    from tests.factories import SourceArticleFactory

    article = SourceArticleFactory(
        body=(
            "Tập đoàn Goertek sẽ mở rộng nhà máy tại KCN Quang Châu. "
            "Dự án tập trung vào robot cho dây chuyền <script>âm thanh</script>. "
            "Công ty cũng nghiên cứu trí tuệ nhân tạo."
        )
    )
    opportunity = OpportunityFactory(
        organization=OrganizationFactory(name="Tập đoàn Goertek"),
        site=site,
        sectors=[Sector.objects.get(slug="manufacturing")],
    )
    for words in ("Tập đoàn Goertek", "Dự án", "Công ty"):  # each sentence's mention, apart from the terms
        evidence_for(article, words, opportunity=opportunity)

    html = admin_client_logged_in.get(reverse("admin:leads_opportunity_change", args=[opportunity.pk])).content.decode()

    assert html.count('<li class="crm-evidence-item">') == 3
    assert '<mark class="crm-term" title="">KCN Quang Châu</mark>' in html  # the site
    assert '<mark class="crm-term" title="">trí tuệ nhân tạo</mark>' in html  # the primary sector
    assert '<mark class="crm-term" title="">robot</mark>' in html  # a keyword of another of its sectors
    assert "&lt;script&gt;" in html and "<script>âm thanh" not in html


def test_change_page_adds_an_activity_inline_logged_as_the_user(admin_client_logged_in, superuser):
    opportunity = OpportunityFactory()
    url = reverse("admin:leads_opportunity_change", args=[opportunity.pk])
    form = admin_client_logged_in.get(url).context["adminform"].form
    data = {
        **{name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)},
        "organization": opportunity.organization_id,
        "province": opportunity.province_id,
        "primary_sector": opportunity.primary_sector_id,
        "sectors": [opportunity.primary_sector_id],
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


def change_page_data(client, opportunity: Opportunity, **changes) -> dict:
    """What the opportunity page posts back unchanged, with `changes` (None leaves a field out)."""
    url = reverse("admin:leads_opportunity_change", args=[opportunity.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list) and name in form.fields
    }
    data.update(
        {
            "sectors": [sector.pk for sector in opportunity.sectors.all()],
            "contacts": [contact.pk for contact in opportunity.contacts.all()],
            "activities-TOTAL_FORMS": "0",
            "activities-INITIAL_FORMS": "0",
        }
    )
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_the_primary_sector_joins_the_sectors_when_the_page_is_saved(admin_client_logged_in):
    opportunity = OpportunityFactory(sectors=[Sector.objects.get(slug="manufacturing")])
    semiconductors = Sector.objects.get(slug="semiconductors")
    url = reverse("admin:leads_opportunity_change", args=[opportunity.pk])

    response = admin_client_logged_in.post(
        url,
        change_page_data(
            admin_client_logged_in,
            opportunity,
            primary_sector=semiconductors.pk,
            sectors=[Sector.objects.get(slug="manufacturing").pk],  # the primary one not ticked
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    opportunity.refresh_from_db()
    assert opportunity.primary_sector == semiconductors
    assert set(opportunity.sectors.values_list("slug", flat=True)) == {"semiconductors", "manufacturing"}


def test_a_new_opportunity_gets_its_primary_sector_among_its_sectors(admin_client_logged_in):
    organization = OrganizationFactory()
    response = admin_client_logged_in.post(
        reverse("admin:leads_opportunity_add"),
        {
            "organization": organization.pk,
            "province": Province.objects.get(slug="ha-noi").pk,
            "project": "Trung tâm R&D",
            "primary_sector": Sector.objects.get(slug="ai").pk,
            "priority": "medium",
            "activities-TOTAL_FORMS": "0",
            "activities-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    created = Opportunity.objects.get(organization=organization)
    assert list(created.sectors.values_list("slug", flat=True)) == ["ai"]


def test_a_site_fills_an_empty_province_and_must_lie_in_the_one_chosen(admin_client_logged_in, site):
    opportunity = OpportunityFactory(province=None)
    url = reverse("admin:leads_opportunity_change", args=[opportunity.pk])

    elsewhere = admin_client_logged_in.post(
        url,
        change_page_data(
            admin_client_logged_in, opportunity, site=site.pk, province=Province.objects.get(slug="ha-noi").pk
        ),
    )
    filled = admin_client_logged_in.post(url, change_page_data(admin_client_logged_in, opportunity, site=site.pk))

    assert elsewhere.status_code == 200
    assert "KCN Quang Châu is in Bắc Ninh, not in Hà Nội." in elsewhere.context["adminform"].form.errors["site"]
    assert filled.status_code == 302
    opportunity.refresh_from_db()
    assert (opportunity.site, opportunity.province.slug) == (site, "bac-ninh")


def test_change_page_groups_investor_target_what_and_status_and_keeps_derived_facts_read_only(
    admin_client_logged_in,
):
    import datetime

    opportunity = OpportunityFactory(value=1_000_000, currency="USD", reported_on=datetime.date(2025, 9, 18))
    response = admin_client_logged_in.get(reverse("admin:leads_opportunity_change", args=[opportunity.pk]))

    names = [str(fieldset.name) for fieldset in response.context["adminform"]]
    assert names[:5] == ["Investor", "Target", "What", "What the news reports", "Pipeline"]
    form = response.context["adminform"].form
    assert {"primary_sector", "sectors", "site", "project", "status"} <= set(form.fields)
    assert not {"value_usd", "reported_on", "stage"} & set(form.fields)
    html = response.content.decode()
    assert '1,000,000 USD <span class="crm-muted">at the 2025 reference rate</span>' in html
    assert '<div class="readonly">Sept. 18, 2025</div>' in html  # first reported


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


def test_the_site_autocomplete_finds_a_park_by_the_name_the_press_uses(admin_client_logged_in, site):
    make_site("Khu công nghiệp Phù Sa Thử Nghiệm", aliases=["KCN Phù Sa TN"])

    response = admin_client_logged_in.get(
        reverse("admin:autocomplete"),
        {"term": "kcn phu sa tn", "app_label": "leads", "model_name": "opportunity", "field_name": "site"},
    )

    assert [row["text"] for row in response.json()["results"]] == ["Khu công nghiệp Phù Sa Thử Nghiệm"]
