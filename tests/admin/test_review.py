"""The review queue: accept, edit or reject what the importer found; a rejection sticks."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from importers.saving import reextract_article
from leads.choices import ReportedStatus, ReviewStatus
from leads.models import Activity, Contact, Opportunity, Sector, SourceArticle
from leads.services import lead_review
from tests.factories import ContactFactory, OpportunityFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:leads_opportunity_review")
DECIDE = reverse("admin:leads_opportunity_review_decide")


def test_queue_lists_imported_leads_not_yet_reviewed_with_their_evidence(admin_client_logged_in, lead):
    OpportunityFactory(is_imported=False)  # entered by hand: nothing to review
    OpportunityFactory(is_imported=True, review_status=ReviewStatus.ACCEPTED, primary_sector=None)
    contact = ContactFactory(is_imported=True, full_name="Viên Hoàng")

    response = admin_client_logged_in.get(QUEUE)

    assert [item["lead"] for item in response.context["opportunities"]] == [lead]
    assert [item["lead"] for item in response.context["contacts"]] == [contact]
    assert "<mark" in response.content.decode()


def test_queue_shows_each_lead_s_project_reported_status_and_sectors_primary_first(admin_client_logged_in, lead):
    lead.project = "Trung tâm dữ liệu AI"
    lead.status = ReportedStatus.PROPOSAL
    lead.save()
    lead.sectors.add(Sector.objects.get(slug="cloud-data"))

    html = admin_client_logged_in.get(QUEUE).content.decode()

    item = html.split(f'id="review-opportunity-{lead.pk}"')[1].split('class="crm-review-actions"')[0]
    assert '<dd class="crm-review-project">Trung tâm dữ liệu AI</dd>' in item
    assert '<dd class="crm-review-status">Proposal or survey</dd>' in item
    assert '<dd class="crm-review-sectors"><strong>Artificial intelligence</strong>, Cloud and data</dd>' in item


def test_accepting_from_the_queue(admin_client_logged_in, lead, superuser):
    response = admin_client_logged_in.post(
        DECIDE, {"kind": "opportunity", "pk": lead.pk, "decision": "accepted", "next": QUEUE}
    )

    assert response.status_code == 302 and response["Location"] == QUEUE
    lead.refresh_from_db()
    assert lead.review_status == ReviewStatus.ACCEPTED
    assert Activity.objects.get(opportunity=lead).created_by == superuser
    assert lead not in Opportunity.objects.pending_review()


def test_rejecting_a_contact_from_the_queue(admin_client_logged_in):
    contact = ContactFactory(is_imported=True)
    admin_client_logged_in.post(DECIDE, {"kind": "contact", "pk": contact.pk, "decision": "rejected"})
    contact.refresh_from_db()
    assert contact.review_status == ReviewStatus.REJECTED


def test_decide_refuses_get_unknown_kinds_and_foreign_redirects(admin_client_logged_in, lead):
    assert admin_client_logged_in.get(DECIDE).status_code == 405
    unknown = admin_client_logged_in.post(DECIDE, {"kind": "user", "pk": 1, "decision": "accepted"})
    assert unknown["Location"] == QUEUE
    outside = admin_client_logged_in.post(
        DECIDE, {"kind": "opportunity", "pk": lead.pk, "decision": "accepted", "next": "https://evil.example/"}
    )
    assert outside["Location"] == QUEUE


def test_accept_and_reject_actions_on_the_changelists(admin_client_logged_in, lead):
    contact = ContactFactory(is_imported=True)
    admin_client_logged_in.post(
        reverse("admin:leads_opportunity_changelist"), {"action": "reject_leads", "_selected_action": [lead.pk]}
    )
    admin_client_logged_in.post(
        reverse("admin:leads_contact_changelist"), {"action": "accept_leads", "_selected_action": [contact.pk]}
    )
    lead.refresh_from_db()
    contact.refresh_from_db()
    assert (lead.review_status, contact.review_status) == (ReviewStatus.REJECTED, ReviewStatus.ACCEPTED)


def test_a_pending_lead_page_offers_accept_and_reject(admin_client_logged_in, lead):
    html = admin_client_logged_in.get(reverse("admin:leads_opportunity_change", args=[lead.pk])).content.decode()
    assert 'value="accepted"' in html and 'value="rejected"' in html


def test_a_rejected_lead_does_not_come_back_when_its_article_is_imported_again(admin_client_logged_in):
    call_command("import_articles", "fixtures/articles/", stdout=io.StringIO())
    rejected = Opportunity.objects.pending_review().order_by("pk").first()
    key = (rejected.organization_id, rejected.origin_region_id, rejected.province_id, rejected.project_key)
    admin_client_logged_in.post(DECIDE, {"kind": "opportunity", "pk": rejected.pk, "decision": "rejected"})
    rejected_contact = Contact.objects.pending_review().first()
    lead_review(lead=rejected_contact, decision=ReviewStatus.REJECTED)

    for article in SourceArticle.objects.all():
        reextract_article(article)
    call_command("import_articles", "fixtures/articles/", "--update", stdout=io.StringIO())

    same = Opportunity.objects.filter(
        organization_id=key[0], origin_region_id=key[1], province_id=key[2], project_key=key[3]
    )
    assert [(o.pk, o.review_status) for o in same] == [(rejected.pk, ReviewStatus.REJECTED)]
    assert rejected not in Opportunity.objects.pending_review()
    rejected_contact.refresh_from_db()
    assert rejected_contact.review_status == ReviewStatus.REJECTED
    queue = admin_client_logged_in.get(QUEUE)
    assert rejected.pk not in {item["lead"].pk for item in queue.context["opportunities"]}


# --- Only what the user may view, decided only by who may change -----------------------------------


def _staff_with(*codenames: str):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory(username=f"reviewer.{len(codenames)}.{'.'.join(codenames)}"[:150])
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="leads", codename__in=codenames))
    return user


def test_a_user_who_may_only_view_contacts_sees_pending_contacts_not_opportunities_nor_their_evidence(client, lead):
    ContactFactory(is_imported=True, full_name="Viên Hoàng")
    client.force_login(_staff_with("view_contact"))

    response = client.get(QUEUE)
    html = response.content.decode()

    assert response.status_code == 200
    assert response.context["opportunities"] is None and response.context["opportunity_total"] is None
    assert [item["lead"].full_name for item in response.context["contacts"]] == ["Viên Hoàng"]
    assert 'id="review-opportunities"' not in html and f'id="review-opportunity-{lead.pk}"' not in html
    assert lead.evidence.get().sentence not in html
    assert 'value="accepted"' not in html  # viewing is not deciding
    assert "Viên Hoàng" in html


def test_a_user_who_may_view_opportunities_sees_them_with_their_evidence_and_decides_only_with_change(client, lead):
    client.force_login(_staff_with("view_opportunity"))
    viewed = client.get(QUEUE)
    client.force_login(_staff_with("view_opportunity", "change_opportunity"))
    changed = client.get(QUEUE)

    assert viewed.context["contacts"] is None
    assert [item["lead"] for item in viewed.context["opportunities"]] == [lead]
    assert "<mark" in viewed.content.decode()
    assert 'value="accepted"' not in viewed.content.decode()
    assert 'value="accepted"' in changed.content.decode()


def test_the_article_behind_evidence_is_a_link_only_for_who_may_view_articles(client, lead, article):
    link = reverse("admin:leads_sourcearticle_change", args=[article.pk])
    client.force_login(_staff_with("view_opportunity"))
    without = client.get(QUEUE).content.decode()
    client.force_login(_staff_with("view_opportunity", "view_sourcearticle"))
    with_articles = client.get(QUEUE).content.decode()

    assert article.title in without and link not in without
    assert link in with_articles


def test_the_queue_is_refused_to_who_may_view_neither_opportunities_nor_contacts(client, lead):
    client.force_login(_staff_with("view_sourcearticle", "view_organization"))
    assert client.get(QUEUE).status_code == 403


def test_deciding_needs_the_change_permission_of_the_lead_s_model(client, lead):
    contact = ContactFactory(is_imported=True)
    client.force_login(_staff_with("view_opportunity", "view_contact", "change_contact"))

    refused = client.post(DECIDE, {"kind": "opportunity", "pk": lead.pk, "decision": "rejected"})
    accepted = client.post(DECIDE, {"kind": "contact", "pk": contact.pk, "decision": "accepted"})

    assert refused.status_code == 403 and accepted.status_code == 302
    lead.refresh_from_db()
    contact.refresh_from_db()
    assert (lead.review_status, contact.review_status) == (ReviewStatus.PENDING, ReviewStatus.ACCEPTED)


def test_a_pending_lead_page_offers_no_decision_to_who_may_only_view_it(client, lead):
    client.force_login(_staff_with("view_opportunity"))
    html = client.get(reverse("admin:leads_opportunity_change", args=[lead.pk])).content.decode()
    assert "Found by the importer and not reviewed yet." in html
    assert 'value="accepted"' not in html


def test_a_won_lead_is_reviewed_only_by_who_may_mark_won(client, lead):
    from leads.choices import Stage

    Opportunity.objects.filter(pk=lead.pk).update(stage=Stage.WON)
    client.force_login(_staff_with("view_opportunity", "change_opportunity"))

    from_queue = client.post(DECIDE, {"kind": "opportunity", "pk": lead.pk, "decision": "rejected"})
    from_list = client.post(
        reverse("admin:leads_opportunity_changelist"),
        {"action": "reject_leads", "_selected_action": [lead.pk]},
        follow=True,
    )

    assert from_queue.status_code == 403
    assert any("mark_won" in str(message) for message in from_list.context["messages"])
    lead.refresh_from_db()
    assert lead.review_status == ReviewStatus.PENDING
