"""The audit history: every change of organizations, contacts, opportunities and activities, who made it,
which fields, from what to what; read through `/api/v1/history/` and on each record's admin "History" page.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leads.choices import Stage
from leads.models import Contact, Opportunity, Organization, Province, Sector
from tests.api.conftest import client_for
from tests.audit.conftest import import_seeds
from tests.factories import ContactFactory, OpportunityFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

HISTORY = reverse("api:history-entry-list")


def history(client, **params) -> list[dict]:
    response = client.get(HISTORY, {"page_size": 500, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def updates_of(client, record) -> list[dict]:
    """The record's updates made by someone (not those of the factories that set the tests up)."""
    return history(client, model=record._meta.model_name, object_id=record.pk, action="update", has_actor="true")


@pytest.fixture
def lead() -> Opportunity:
    return OpportunityFactory(
        title="Nhà máy pin lithium của Tập đoàn Năng lượng Quảng Tây",
        organization=OrganizationFactory(name="Tập đoàn Năng lượng Quảng Tây"),
        primary_sector=Sector.objects.get(slug="manufacturing"),
        priority="medium",
    )


# --- through the API ---------------------------------------------------------------------------------


def test_a_patch_records_the_tokens_user_the_fields_and_their_old_and_new_values(staff_api, full_staff, lead):
    url = reverse("api:opportunity-detail", args=[lead.pk])
    before = timezone.now()
    response = staff_api.patch(url, {"priority": "high", "next_step": "Hẹn gặp đoàn tại Bắc Ninh"}, format="json")
    assert response.status_code == 200, response.json()

    [entry] = updates_of(staff_api, lead)
    assert entry["model"] == "opportunity" and entry["object_id"] == lead.pk
    assert entry["object_repr"] == str(lead)
    assert entry["actor"] == {"id": full_staff.pk, "username": "lan.tran", "full_name": "Lan Trần"}
    assert entry["changes"] == {"priority": ["medium", "high"], "next_step": ["", "Hẹn gặp đoàn tại Bắc Ninh"]}
    assert timezone.datetime.fromisoformat(entry["timestamp"]) >= before - timedelta(seconds=1)
    assert "remote_addr" not in entry  # personal data stays out of the API


def test_the_creation_lists_the_fields_given_and_no_reverse_relations(staff_api, lead):
    [created] = history(staff_api, model="opportunity", object_id=lead.pk, action="create")
    assert created["actor"] is None  # made by a factory: no request, no user
    assert created["changes"]["title"] == ["None", "Nhà máy pin lithium của Tập đoàn Năng lượng Quảng Tây"]
    assert created["changes"]["organization"] == ["None", str(lead.organization_id)]
    # Derived columns and reverse relations would only be noise.
    assert not {"search_text", "version", "updated_at", "evidence", "activities", "stage_changes"} & set(
        created["changes"]
    )


def test_a_stage_move_appears_with_who_moved_it(staff_api, full_staff, lead):
    url = reverse("api:opportunity-move-stage", args=[lead.pk])
    response = staff_api.post(url, {"stage": "qualified", "note": "Đã xác minh với Sở Công Thương"}, format="json")
    assert response.status_code == 201, response.json()

    [entry] = updates_of(staff_api, lead)
    assert entry["changes"]["stage"] == [Stage.IDENTIFIED, Stage.QUALIFIED]
    assert entry["actor"]["username"] == "lan.tran"


def test_a_merge_appears_as_the_duplicates_deletion_and_the_moves_it_made(staff_api, lead):
    keep = lead.organization
    duplicate = OrganizationFactory(name="Tập đoàn Năng lượng Quảng Tây (Guangxi Energy)", notes="Gặp ở hội chợ")
    duplicate.sectors.add(Sector.objects.get(slug="logistics"))
    moved = OpportunityFactory(organization=duplicate, title="Kho lạnh tại Hải Phòng")

    response = staff_api.post(reverse("api:organization-merge", args=[keep.pk]), {"merge": [duplicate.pk]})
    assert response.status_code == 200, response.json()

    [deleted] = history(staff_api, model="organization", object_id=duplicate.pk, action="delete")
    assert deleted["actor"]["username"] == "lan.tran"
    assert deleted["object_repr"] == "Tập đoàn Năng lượng Quảng Tây (Guangxi Energy)"
    kept = updates_of(staff_api, keep)
    assert any("Gặp ở hội chợ" in entry["changes"].get("notes", ["", ""])[1] for entry in kept)
    assert {"type": "m2m", "operation": "add", "objects": ["Logistics"]} in [
        entry["changes"].get("sectors") for entry in kept
    ]
    [repointed] = updates_of(staff_api, moved)
    assert repointed["changes"]["organization"] == [str(duplicate.pk), str(keep.pk)]


def test_the_importers_creations_appear_with_no_actor(staff_api):
    import_seeds()

    created = history(staff_api, action="create", has_actor="false")
    counts = {model: sum(1 for entry in created if entry["model"] == model) for model in ("organization", "contact")}
    assert counts == {"organization": Organization.objects.count(), "contact": Contact.objects.count()}
    opportunities = {entry["object_id"] for entry in created if entry["model"] == "opportunity"}
    assert opportunities == set(Opportunity.objects.values_list("pk", flat=True))
    assert all(entry["actor"] is None for entry in created)
    assert history(staff_api, has_actor="true") == []


def test_sector_changes_appear_as_links_added_and_removed(staff_api, lead):
    url = reverse("api:opportunity-detail", args=[lead.pk])
    response = staff_api.patch(url, {"sectors": ["manufacturing", "logistics"]}, format="json")
    assert response.status_code == 200, response.json()
    response = staff_api.patch(url, {"sectors": ["logistics"], "primary_sector": "logistics"}, format="json")
    assert response.status_code == 200, response.json()

    oldest_first = reversed(updates_of(staff_api, lead))
    links = [entry["changes"]["sectors"] for entry in oldest_first if "sectors" in entry["changes"]]
    assert links == [
        {"type": "m2m", "operation": "add", "objects": ["Logistics"]},
        {"type": "m2m", "operation": "delete", "objects": ["Manufacturing"]},
    ]


def test_a_token_that_may_only_view_contacts_reads_the_history_of_contacts_only(contacts_viewer, lead):
    contact = ContactFactory(full_name="Lưu Chí Cường", organization=lead.organization)
    client = client_for(contacts_viewer, read_only=True)

    entries = history(client)
    assert {entry["model"] for entry in entries} == {"contact"}
    assert [entry["object_id"] for entry in entries] == [contact.pk]
    assert history(client, model="opportunity") == []
    opportunity_entry = LogEntry.objects.get_for_object(lead).first()
    assert client.get(reverse("api:history-entry-detail", args=[opportunity_entry.pk])).status_code == 404


def test_without_any_view_permission_the_history_is_refused(lead):
    response = client_for(UserFactory(username="khach")).get(HISTORY)
    assert response.status_code == 403
    assert "permission" in response.json()["detail"]


def test_the_history_is_read_only(staff_api, lead):
    entry = LogEntry.objects.get_for_object(lead).first()
    detail = reverse("api:history-entry-detail", args=[entry.pk])
    assert staff_api.get(detail).json()["id"] == entry.pk
    assert staff_api.post(HISTORY, {"object_repr": "x"}, format="json").status_code == 405
    assert staff_api.patch(detail, {"object_repr": "x"}, format="json").status_code == 405
    assert staff_api.delete(detail).status_code == 405
    assert LogEntry.objects.get(pk=entry.pk).object_repr == entry.object_repr


def test_filters_by_actor_time_and_kind_and_newest_first(staff_api, full_staff, lead):
    other = OpportunityFactory(title="Trung tâm dữ liệu tại Bắc Ninh")
    staff_api.patch(reverse("api:opportunity-detail", args=[lead.pk]), {"priority": "high"}, format="json")
    staff_api.patch(reverse("api:opportunity-detail", args=[other.pk]), {"priority": "low"}, format="json")

    mine = history(staff_api, actor="me")
    assert [entry["object_id"] for entry in mine] == [other.pk, lead.pk]  # newest first
    assert history(staff_api, actor="lan.tran") == mine
    assert [entry["object_id"] for entry in history(staff_api, actor="me", ordering="timestamp")] == [lead.pk, other.pk]
    assert history(staff_api, actor="me", timestamp_after=(timezone.now() + timedelta(minutes=1)).isoformat()) == []
    assert len(history(staff_api, actor="me", timestamp_before=timezone.localdate().isoformat())) == 2
    assert {entry["model"] for entry in history(staff_api, model="organization")} == {"organization"}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"model": "sourcearticle"}, "model"),
        ({"action": "access"}, "action"),
        ({"object_id": "abc"}, "object_id"),
        ({"actor": "khong.ai"}, "actor"),
        ({"timestamp_after": "hôm qua"}, "timestamp_after"),
        ({"has_actor": "maybe"}, "has_actor"),
        ({"remote_addr": "127.0.0.1"}, "remote_addr"),
    ],
)
def test_a_filter_value_it_cannot_use_is_a_400_naming_the_parameter(staff_api, params, field):
    response = staff_api.get(HISTORY, params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_the_list_costs_the_same_queries_for_one_entry_as_for_fifty(staff_api, django_assert_num_queries):
    user = UserFactory(username="minh.nguyen")
    OrganizationFactory()
    url = f"{HISTORY}?page_size=500"
    staff_api.get(url)  # warm caches (content types) before measuring
    with CaptureQueriesContext(connection) as one:
        assert len(staff_api.get(url).json()["results"]) == 1
    queries = len(one)

    client = client_for(user)
    user.user_permissions.set(Permission.objects.filter(codename__startswith="change_"))
    for index in range(10):
        opportunity = OpportunityFactory(organization=OrganizationFactory())
        client.patch(reverse("api:opportunity-detail", args=[opportunity.pk]), {"priority": "high"}, format="json")
        client.patch(
            reverse("api:organization-detail", args=[opportunity.organization_id]),
            {"notes": f"Lần {index}"},
            format="json",
        )
    assert LogEntry.objects.count() > 50
    with django_assert_num_queries(queries):
        response = staff_api.get(url)
    assert len(response.json()["results"]) > 50


# --- in the admin --------------------------------------------------------------------------------------


def staff_client(client, *codenames: str):
    user = UserFactory(username="thu.pham", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    return client


def test_the_history_page_of_an_opportunity_shows_each_change_readably(client, staff_api, lead):
    province = Province.objects.get(slug="ha-noi")
    url = reverse("api:opportunity-detail", args=[lead.pk])
    staff_api.patch(url, {"priority": "high", "province": "ha-noi"}, format="json")
    staff_api.post(reverse("api:opportunity-move-stage", args=[lead.pk]), {"stage": "qualified"}, format="json")
    staff_api.patch(url, {"sectors": ["manufacturing", "logistics"]}, format="json")

    page = staff_client(client, "view_opportunity").get(reverse("admin:leads_opportunity_history", args=[lead.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    # Created, given its primary sector (by the factory), edited, moved, given a sector.
    assert html.count('class="audit-entry"') == 5
    assert "lan.tran (Lan Trần)" in html
    assert "nobody: the importer, a command or the shell" in html  # the factory's creation
    # Labels, choice labels and the names of related records, not columns, codes and keys.
    assert "<td>Priority</td>" in html and "<td>Medium</td>" in html and "<td>High</td>" in html
    assert "<td>Target province</td>" in html and f"<td>{province.name}</td>" in html
    assert "<td>Stage</td>" in html and "<td>Identified</td>" in html and "<td>Qualified</td>" in html
    assert "added: Logistics" in html
    assert "<td>Origin region</td>" not in html  # left blank at creation and never changed: nothing to read


def test_the_history_page_is_forbidden_without_the_view_permission(client, lead):
    url = reverse("admin:leads_opportunity_history", args=[lead.pk])
    assert staff_client(client, "view_contact").get(url).status_code == 403


@pytest.mark.parametrize(
    ("factory", "admin_name"),
    [
        (OrganizationFactory, "organization"),
        (ContactFactory, "contact"),
        (lambda: OpportunityFactory().activities.create(subject="Gọi điện cho Sở Công Thương"), "activity"),
    ],
)
def test_every_audited_model_has_its_history_page(admin_client, factory, admin_name):
    record = factory()
    response = admin_client.get(reverse(f"admin:leads_{admin_name}_history", args=[record.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('class="audit-entry"') == 1


def test_the_history_page_costs_the_same_queries_for_one_change_as_for_twenty(admin_client, staff_api, lead):
    url = reverse("admin:leads_opportunity_history", args=[lead.pk])
    admin_client.get(url)
    with CaptureQueriesContext(connection) as one:
        admin_client.get(url)
    queries = len(one)
    provinces = list(Province.objects.current()[:10])
    for index in range(20):
        staff_api.patch(
            reverse("api:opportunity-detail", args=[lead.pk]),
            {"province": provinces[index % 10].slug, "primary_sector": ["ai", "iot"][index % 2]},
            format="json",
        )
    with CaptureQueriesContext(connection) as twenty:
        response = admin_client.get(url)
    assert response.content.decode().count('class="audit-entry"') > 20
    assert len(twenty) == queries


def test_the_log_lists_only_the_entries_of_models_the_user_may_view(client, lead):
    contact = ContactFactory(full_name="Hoàng Văn Thái")
    staff = staff_client(client, "view_contact")
    response = staff.get(reverse("admin:auditlog_logentry_changelist"))
    assert response.status_code == 200
    shown = {entry.content_type.model for entry in response.context["cl"].result_list}
    assert shown == {"contact"}
    assert [entry.object_id for entry in response.context["cl"].result_list] == [contact.pk]
    opportunity_entry = LogEntry.objects.get_for_object(lead).first()
    change = reverse("admin:auditlog_logentry_change", args=[opportunity_entry.pk])
    assert staff.get(change).status_code == 302  # as if it did not exist: back to the index


def test_the_log_has_no_menu_for_staff_who_may_view_nothing(client):
    response = staff_client(client).get(reverse("admin:auditlog_logentry_changelist"))
    assert response.status_code == 403


def test_nobody_adds_changes_or_deletes_a_log_entry_not_even_a_superuser(admin_client, lead):
    entry = LogEntry.objects.get_for_object(lead).first()
    change = reverse("admin:auditlog_logentry_change", args=[entry.pk])

    page = admin_client.get(change)
    assert page.status_code == 200  # readable, with the changes laid out
    assert "Nhà máy pin lithium" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    assert admin_client.get(reverse("admin:auditlog_logentry_add")).status_code == 403
    assert admin_client.post(change, {"object_repr": "sửa"}).status_code == 403
    assert admin_client.get(reverse("admin:auditlog_logentry_delete", args=[entry.pk])).status_code == 403
    changelist = reverse("admin:auditlog_logentry_changelist")
    assert "delete_selected" not in admin_client.get(changelist).context["cl"].model_admin.get_actions(
        admin_client.get(changelist).wsgi_request
    )
    admin_client.post(changelist, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    assert LogEntry.objects.get(pk=entry.pk).object_repr == entry.object_repr
