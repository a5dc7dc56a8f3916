"""One writer after another, on SQLite and PostgreSQL: ETags and If-Match, stale admin forms, the importer's fills.

Each test plays the race of `test_lost_updates.py` step by step: one writer reads, another changes
the record, then the first writes what it read.
"""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator

from importers import saving
from leads.api.exceptions import exception_handler
from leads.choices import ReviewStatus, Stage
from leads.models import Contact, Opportunity, Organization, Sector
from leads.models.versioning import StaleRecord
from leads.services import RecordGone, lead_review, opportunity_move_stage, organizations_merge
from tests.admin.conftest import inline_management
from tests.factories import ContactFactory, OpportunityFactory, OrganizationFactory
from tests.importers.test_saving import AI_IN_BAC_NINH, CALL, DUNG_AS_CONSUL, INTEREST, SUPPORT, extraction, save

pytestmark = pytest.mark.django_db

RECORDS = {"organization": OrganizationFactory, "contact": ContactFactory, "opportunity": OpportunityFactory}


def detail(record) -> str:
    return reverse(f"api:{record._meta.model_name}-detail", args=[record.pk])


def current_etag(record) -> str:
    record.refresh_from_db()
    return f'"{record._meta.model_name}-{record.pk}-{record.version}"'


def move(client, opportunity, stage: str, **headers):
    url = reverse("api:opportunity-move-stage", args=[opportunity.pk])
    return client.post(url, {"stage": stage}, format="json", headers=headers)


# ---------------------------------------------------------------------------------------------
# ETag and If-Match
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", RECORDS)
def test_one_record_is_read_with_its_version_as_a_strong_etag(staff_api, kind):
    record = RECORDS[kind]()

    response = staff_api.get(detail(record))

    assert response.status_code == 200
    assert response["ETag"] == current_etag(record) == f'"{kind}-{record.pk}-1"'


@pytest.mark.parametrize("kind", RECORDS)
def test_a_patch_with_the_etag_it_read_is_saved_and_answers_the_new_etag(staff_api, kind):
    record = RECORDS[kind]()
    read = staff_api.get(detail(record))["ETag"]
    field = {"organization": "notes", "contact": "notes", "opportunity": "next_step"}[kind]

    response = staff_api.patch(detail(record), {field: "Hẹn gặp lại sau hội nghị xúc tiến"}, headers={"If-Match": read})

    assert response.status_code == 200, response.json()
    assert response["ETag"] != read
    assert response["ETag"] == staff_api.get(detail(record))["ETag"] == current_etag(record)
    assert getattr(record, field) == "Hẹn gặp lại sau hội nghị xúc tiến"


def test_a_patch_with_the_etag_of_a_version_since_changed_is_a_412_that_saves_nothing(staff_api):
    opportunity = OpportunityFactory(title="Nhà máy pin mặt trời")
    read = staff_api.get(detail(opportunity))["ETag"]
    assert move(staff_api, opportunity, Stage.QUALIFIED).status_code == 201  # a colleague moves it meanwhile

    response = staff_api.patch(detail(opportunity), {"title": "Nhà máy pin lưu trữ"}, headers={"If-Match": read})

    assert response.status_code == 412
    assert "If-Match" in response.json()["detail"]
    assert response["ETag"] == current_etag(opportunity) != read
    assert (opportunity.title, opportunity.stage) == ("Nhà máy pin mặt trời", Stage.QUALIFIED)


def stale_writes(client, opportunity):
    """Each write an If-Match guards, and what it would have changed."""
    return {
        "delete": (
            lambda etag: client.delete(detail(opportunity), headers={"If-Match": etag}),
            lambda: Opportunity.objects.filter(pk=opportunity.pk).exists(),
        ),
        "move-stage": (
            lambda etag: move(client, opportunity, Stage.CONTACTED, **{"If-Match": etag}),
            lambda: Opportunity.objects.get(pk=opportunity.pk).stage == Stage.IDENTIFIED,
        ),
        "review": (
            lambda etag: client.post(
                reverse("api:opportunity-review", args=[opportunity.pk]),
                {"decision": ReviewStatus.REJECTED},
                format="json",
                headers={"If-Match": etag},
            ),
            lambda: Opportunity.objects.get(pk=opportunity.pk).review_status == ReviewStatus.PENDING,
        ),
    }


@pytest.mark.parametrize("write", ["delete", "move-stage", "review"])
def test_every_write_of_an_opportunity_refuses_a_stale_if_match(staff_api, write):
    opportunity = OpportunityFactory(stage=Stage.IDENTIFIED, review_status=ReviewStatus.PENDING)
    send, unchanged = stale_writes(staff_api, opportunity)[write]
    read = staff_api.get(detail(opportunity))["ETag"]
    staff_api.patch(detail(opportunity), {"next_step": "Gửi thư mời"})  # a colleague's edit meanwhile

    response = send(read)

    assert response.status_code == 412
    assert unchanged()


def test_a_merge_refuses_a_stale_if_match_and_merges_nothing(staff_api):
    keep, duplicate = OrganizationFactory(), OrganizationFactory()
    read = staff_api.get(detail(keep))["ETag"]
    staff_api.patch(detail(keep), {"notes": "Đã gửi thư mời dự hội nghị"})
    url = reverse("api:organization-merge", args=[keep.pk])

    stale = staff_api.post(url, {"merge": [duplicate.pk]}, format="json", headers={"If-Match": read})
    assert stale.status_code == 412
    assert Organization.objects.filter(pk=duplicate.pk).exists()

    merged = staff_api.post(url, {"merge": [duplicate.pk]}, format="json", headers={"If-Match": stale["ETag"]})
    assert merged.status_code == 200
    assert merged["ETag"] == current_etag(keep) != stale["ETag"]
    assert not Organization.objects.filter(pk=duplicate.pk).exists()


@pytest.mark.parametrize(
    ("if_match", "status_code"),
    [
        ("*", 200),
        ('"stale", {etag}', 200),
        ("W/{etag}", 412),  # a weak tag never matches a strong comparison
        ('"organization-{pk}-1"', 412),  # another kind of record's
        ("not an entity tag", 412),
    ],
)
def test_if_match_matches_only_the_records_own_current_strong_etag(staff_api, if_match, status_code):
    opportunity = OpportunityFactory()
    header = if_match.format(etag=current_etag(opportunity), pk=opportunity.pk)

    response = staff_api.patch(detail(opportunity), {"next_step": "Khảo sát địa điểm"}, headers={"If-Match": header})

    assert response.status_code == status_code


def test_every_write_answers_with_the_records_new_etag(staff_api):
    created = staff_api.post(reverse("api:organization-list"), {"name": "Công ty Cổ phần Vật liệu Mới"}, format="json")
    assert created.status_code == 201
    assert created["ETag"] == f'"organization-{created.json()["id"]}-1"'

    opportunity = OpportunityFactory()
    moved = move(staff_api, opportunity, Stage.QUALIFIED)
    assert moved["ETag"] == current_etag(opportunity) == staff_api.get(detail(opportunity))["ETag"]
    reviewed = staff_api.post(
        reverse("api:opportunity-review", args=[opportunity.pk]), {"decision": "accepted"}, format="json"
    )
    assert reviewed["ETag"] == current_etag(opportunity) != moved["ETag"]


def test_a_patch_writes_only_the_fields_it_sends(staff_api):
    """What another writer changed in the other columns meanwhile (the stage, the review) is never written back."""
    opportunity = OpportunityFactory()

    with CaptureQueriesContext(connection) as queries:
        response = staff_api.patch(detail(opportunity), {"next_step": "Gọi lại vào thứ Hai"}, format="json")

    assert response.status_code == 200
    updates = [query["sql"] for query in queries if query["sql"].startswith('UPDATE "leads_opportunity"')]
    assert len(updates) == 1
    assert '"next_step" =' in updates[0]
    for other in ("stage", "stage_reason", "review_status", "title", "organization_id"):
        assert f'"{other}" =' not in updates[0]


def test_what_another_writer_did_at_the_same_moment_is_a_json_409():
    organization = OrganizationFactory()
    stale = exception_handler(StaleRecord(organization), {})
    gone = exception_handler(RecordGone(organization), {})
    deadlock = OperationalError("deadlock detected")
    deadlock.__cause__ = type("PostgresError", (Exception,), {"sqlstate": "40P01"})()

    assert [response.status_code for response in (stale, gone, exception_handler(deadlock, {}))] == [409] * 3
    assert "changed by someone else" in stale.data["detail"]
    assert "merged or deleted meanwhile" in gone.data["detail"]


def test_the_schema_documents_if_match_etag_and_their_answers(db):
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    writes = {
        "/api/v1/opportunities/{id}/": ("put", "patch", "delete"),
        "/api/v1/organizations/{id}/": ("put", "patch", "delete"),
        "/api/v1/contacts/{id}/": ("put", "patch", "delete"),
        "/api/v1/opportunities/{id}/move-stage/": ("post",),
        "/api/v1/opportunities/{id}/review/": ("post",),
        "/api/v1/contacts/{id}/review/": ("post",),
        "/api/v1/organizations/{id}/merge/": ("post",),
    }
    for path, methods in writes.items():
        for method in methods:
            operation = paths[path][method]
            assert {"name": "If-Match", "in": "header"}.items() <= next(
                parameter for parameter in operation["parameters"] if parameter["name"] == "If-Match"
            ).items(), (path, method)
            assert {"409", "412"} <= set(operation["responses"]), (path, method)
    for path in ("/api/v1/opportunities/{id}/", "/api/v1/organizations/{id}/", "/api/v1/contacts/{id}/"):
        assert "ETag" in paths[path]["get"]["responses"]["200"]["headers"]
        assert "ETag" in paths[path]["patch"]["responses"]["200"]["headers"]


# ---------------------------------------------------------------------------------------------
# The admin's change forms
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, superuser, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client.force_login(superuser)
    return client


def change_form_data(response, **changes) -> dict:
    """What the change page posts back as it was opened (its form and inlines), with `changes`."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is not None:
            data[name] = value
    return {**data, **inline_management(response), **changes}


def test_a_change_form_opened_before_a_colleagues_change_is_refused_and_saves_nothing(admin_client, superuser):
    opportunity = OpportunityFactory(title="Trung tâm dữ liệu Quế Võ")
    url = reverse("admin:leads_opportunity_change", args=[opportunity.pk])
    opened = admin_client.get(url)
    opportunity_move_stage(opportunity=opportunity, to_stage=Stage.QUALIFIED, user=superuser)  # meanwhile

    response = admin_client.post(url, change_form_data(opened, title="Trung tâm dữ liệu Yên Phong"))

    assert response.status_code == 200
    assert "changed by someone else since you opened it" in response.content.decode()
    opportunity.refresh_from_db()
    assert (opportunity.title, opportunity.stage) == ("Trung tâm dữ liệu Quế Võ", Stage.QUALIFIED)


def test_a_change_form_opened_at_the_current_version_is_saved(admin_client):
    opportunity = OpportunityFactory(title="Trung tâm dữ liệu Quế Võ")
    url = reverse("admin:leads_opportunity_change", args=[opportunity.pk])
    opened = admin_client.get(url)
    assert opened.context["adminform"].form["opened_version"].value() == 1

    response = admin_client.post(url, change_form_data(opened, title="Trung tâm dữ liệu Yên Phong"))

    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert (opportunity.title, opportunity.version) == ("Trung tâm dữ liệu Yên Phong", 2)


def test_an_organization_page_whose_contact_row_a_colleague_changed_is_refused(admin_client):
    contact = ContactFactory(title="Phó Giám đốc")
    organization = contact.organization
    url = reverse("admin:leads_organization_change", args=[organization.pk])
    opened = admin_client.get(url)
    colleague = Contact.objects.get(pk=contact.pk)
    colleague.title = "Giám đốc điều hành"
    colleague.save()

    response = admin_client.post(url, change_form_data(opened, notes="Đã ký biên bản ghi nhớ"))

    assert response.status_code == 200
    assert "changed by someone else since you opened it" in response.content.decode()
    assert Contact.objects.get(pk=contact.pk).title == "Giám đốc điều hành"
    assert Organization.objects.get(pk=organization.pk).notes == ""


def test_the_admin_merge_of_an_organization_merged_meanwhile_says_so(admin_client, superuser, monkeypatch):
    keep, duplicate, elsewhere = OrganizationFactory(), OrganizationFactory(), OrganizationFactory()
    from leads.admin import parties

    def merged_elsewhere_first(*, keep, merge, user):
        organizations_merge(keep=elsewhere, merge=merge, user=user)  # another merge wins the race
        return organizations_merge(keep=keep, merge=merge, user=user)

    monkeypatch.setattr(parties, "organizations_merge", merged_elsewhere_first)
    url = reverse("admin:leads_organization_merge")

    response = admin_client.post(url, {"ids": f"{keep.pk},{duplicate.pk}", "keep": keep.pk, "_merge": "1"})

    assert response.status_code == 200
    assert "was merged or deleted meanwhile" in response.content.decode()
    assert keep.aliases.count() == 0


def test_the_admin_stage_move_of_an_opportunity_deleted_meanwhile_says_so(admin_client, monkeypatch):
    opportunity = OpportunityFactory(stage=Stage.IDENTIFIED)
    from leads.admin import opportunities

    def deleted_first(*, opportunity, **kwargs):
        Opportunity.objects.filter(pk=opportunity.pk).delete()  # a colleague deletes it meanwhile
        return opportunity_move_stage(opportunity=opportunity, **kwargs)

    monkeypatch.setattr(opportunities, "opportunity_move_stage", deleted_first)
    data = {"action": "move_to_stage", "_selected_action": [opportunity.pk], "apply": "1", "to_stage": "contacted"}

    response = admin_client.post(reverse("admin:leads_opportunity_changelist"), data, follow=True)

    assert response.status_code == 200
    assert "was merged or deleted meanwhile" in response.content.decode()


# ---------------------------------------------------------------------------------------------
# Services and the importer on records read before another writer's change
# ---------------------------------------------------------------------------------------------


def test_reviewing_a_lead_deleted_meanwhile_is_refused_with_a_message():
    opportunity = OpportunityFactory(is_imported=True)
    Opportunity.objects.filter(pk=opportunity.pk).delete()

    with pytest.raises(RecordGone, match="merged or deleted meanwhile"):
        lead_review(lead=opportunity, decision=ReviewStatus.ACCEPTED)


def test_the_importer_fills_a_contact_title_only_if_still_blank_when_it_saves(monkeypatch):
    save(extraction(CALL, contacts=DUNG_AS_CONSUL))
    Contact.objects.update(title="")
    contacts_named = saving.contacts_named

    def looked_up_then_edited_by_staff(names):
        found = contacts_named(names)
        staff_copy = Contact.objects.get()
        staff_copy.title = "Tổng Lãnh sự (nhiệm kỳ mới)"
        staff_copy.save()
        return found

    monkeypatch.setattr(saving, "contacts_named", looked_up_then_edited_by_staff)
    outcome = save(extraction(SUPPORT, CALL, contacts=DUNG_AS_CONSUL))

    assert outcome.status == "new"
    assert Contact.objects.get().title == "Tổng Lãnh sự (nhiệm kỳ mới)"


def test_the_importer_fills_an_opportunity_fact_only_if_still_blank_when_it_saves(monkeypatch):
    save(extraction(CALL, leads=AI_IN_BAC_NINH))
    Opportunity.objects.update(primary_sector=None)
    iot = Sector.objects.get(slug="iot")
    imported_opportunities = saving.imported_opportunities

    def looked_up_then_edited_by_staff(targets):
        found = imported_opportunities(targets)
        staff_copy = Opportunity.objects.get()
        staff_copy.primary_sector = iot
        staff_copy.save()
        return found

    monkeypatch.setattr(saving, "imported_opportunities", looked_up_then_edited_by_staff)
    outcome = save(extraction(INTEREST, CALL, leads=AI_IN_BAC_NINH))

    assert outcome.status == "new"
    assert Opportunity.objects.get().primary_sector == iot


def test_links_the_importer_adds_move_the_records_version_on():
    save(extraction(CALL, leads=AI_IN_BAC_NINH))
    before = Opportunity.objects.get().version

    save(extraction(INTEREST, CALL, leads=((CALL, "iot", "tham-quyen", "bac-ninh"),)))

    opportunity = Opportunity.objects.get()
    assert "iot" in set(opportunity.sectors.values_list("slug", flat=True))
    assert opportunity.version > before
