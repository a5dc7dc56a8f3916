"""Organizations: inlines and evidence, the merge confirmation page, possible duplicates."""

from __future__ import annotations

import pytest
from django.urls import reverse

from leads.models import Contact, Evidence, Opportunity, Organization
from leads.querysets import organization_duplicate_pairs, trigram_similarity
from tests.admin.conftest import evidence_for
from tests.factories import ContactFactory, OpportunityFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:leads_organization_changelist")
MERGE = reverse("admin:leads_organization_merge")


@pytest.fixture
def twins(article):
    keep = OrganizationFactory(name="Tổng Lãnh sự quán Việt Nam tại Quảng Châu")
    duplicate = OrganizationFactory(name="TLSQ Việt Nam tại Quảng Châu")
    ContactFactory(organization=keep, full_name="Nguyễn Việt Dũng")
    ContactFactory(organization=duplicate, full_name="Nguyễn Việt Dũng", email="dung@mofa.gov.vn")
    ContactFactory(organization=duplicate, full_name="Trần Minh Anh")
    OpportunityFactory(organization=duplicate)
    evidence_for(article, "Quảng Tây", organization=duplicate)
    return keep, duplicate


def test_change_page_has_contacts_opportunities_aliases_and_evidence(admin_client_logged_in, lead, article):
    organization = lead.organization
    organization.aliases.create(name="Guangxi MIIT")
    ContactFactory(organization=organization, full_name="Viên Hoàng")

    response = admin_client_logged_in.get(reverse("admin:leads_organization_change", args=[organization.pk]))

    prefixes = {formset.formset.prefix for formset in response.context["inline_admin_formsets"]}
    assert {"aliases", "contacts", "opportunities", "activities"} <= prefixes
    html = response.content.decode()
    assert "Guangxi MIIT" in html and "Viên Hoàng" in html
    assert '<mark class="crm-mention" title="Sở Công nghiệp và Thông tin Quảng Tây">' in html


def test_the_opportunities_inline_shows_project_status_and_sectors_primary_first(admin_client_logged_in, site):
    from leads.choices import ReportedStatus
    from leads.models import Sector

    organization = OrganizationFactory(name="Tập đoàn Goertek")
    OpportunityFactory(
        organization=organization,
        site=site,
        project="Nhà máy thiết bị âm thanh",
        status=ReportedStatus.CAPITAL_INCREASE,
        primary_sector=Sector.objects.get(slug="electronics"),
        sectors=[Sector.objects.get(slug="manufacturing")],
        value=500_000_000,
        currency="USD",
    )

    response = admin_client_logged_in.get(reverse("admin:leads_organization_change", args=[organization.pk]))

    inline = next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "opportunities")
    assert [str(field["label"]).lower() for field in inline.fields()][:6] == [
        "lead",
        "target",
        "project",
        "sectors",
        "reported status",
        "stage",
    ]
    html = response.content.decode()
    assert "Nhà máy thiết bị âm thanh" in html and "Capital increased" in html
    assert '<strong class="crm-primary-sector">Electronics</strong>, Manufacturing' in html
    assert 'Bắc Ninh<br><span class="crm-muted crm-site">KCN Quang Châu</span>' in html
    assert "500,000,000 USD" in html


def test_merge_action_leads_to_a_confirmation_page_that_shows_what_moves(admin_client_logged_in, twins):
    keep, duplicate = twins
    response = admin_client_logged_in.post(
        CHANGELIST, {"action": "merge_selected", "_selected_action": [keep.pk, duplicate.pk]}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(MERGE)

    page = admin_client_logged_in.get(response["Location"] + f"&keep={keep.pk}")

    assert page.context["keep"] == keep
    (step,) = page.context["plan"]
    assert step["names"] == ["TLSQ Việt Nam tại Quảng Châu"]
    assert [c.full_name for c in step["contacts_moved"]] == ["Trần Minh Anh"]
    assert [c.full_name for c in step["contacts_combined"]] == ["Nguyễn Việt Dũng"]
    assert len(step["opportunities"]) == 1
    assert step["evidence_count"] == 1
    assert Organization.objects.filter(pk=duplicate.pk).exists()  # nothing merged yet


def test_confirming_merges_through_the_service(admin_client_logged_in, twins):
    keep, duplicate = twins
    response = admin_client_logged_in.post(
        MERGE, {"ids": f"{keep.pk},{duplicate.pk}", "keep": keep.pk, "_merge": "1"}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("admin:leads_organization_change", args=[keep.pk])
    assert not Organization.objects.filter(pk=duplicate.pk).exists()
    assert Contact.objects.filter(organization=keep).count() == 2
    assert Opportunity.objects.filter(organization=keep).count() == 1
    assert Evidence.objects.filter(organization=keep).count() == 1
    assert list(keep.aliases.values_list("name", flat=True)) == ["TLSQ Việt Nam tại Quảng Châu"]
    assert "Merged “TLSQ Việt Nam tại Quảng Châu” into “Tổng Lãnh sự quán Việt Nam tại Quảng Châu”" in (
        response.content.decode()
    )


def test_choosing_the_other_organization_to_keep_merges_the_other_way(admin_client_logged_in, twins):
    keep, duplicate = twins
    admin_client_logged_in.post(MERGE, {"ids": f"{keep.pk},{duplicate.pk}", "keep": duplicate.pk, "_merge": "1"})
    assert list(Organization.objects.filter(pk__in=[keep.pk, duplicate.pk])) == [duplicate]


def test_merge_needs_change_and_delete_permissions(client, twins):
    keep, duplicate = twins
    viewer = UserFactory(username="viewer")
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(*Permission.objects.filter(codename__in=["view_organization", "change_organization"]))
    client.force_login(viewer)

    response = client.post(MERGE, {"ids": f"{keep.pk},{duplicate.pk}", "keep": keep.pk, "_merge": "1"})

    assert response.status_code == 403
    assert Organization.objects.filter(pk=duplicate.pk).exists()


def test_merging_a_single_organization_is_refused_with_a_message(admin_client_logged_in):
    only = OrganizationFactory()
    response = admin_client_logged_in.post(
        CHANGELIST, {"action": "merge_selected", "_selected_action": [only.pk]}, follow=True
    )
    assert "Select at least two organizations" in response.content.decode()


def test_possible_duplicates_lists_organizations_with_close_names(admin_client_logged_in):
    a = OrganizationFactory(name="Sở Công Thương tỉnh Bắc Ninh")
    b = OrganizationFactory(name="Sở Công thương Bắc Ninh")
    OrganizationFactory(name="Tập đoàn Điện lực Việt Nam")

    response = admin_client_logged_in.get(reverse("admin:leads_organization_duplicates"))

    pairs = [(row["left"].pk, row["right"].pk) for row in response.context["rows"]]
    assert pairs == [(a.pk, b.pk)]
    assert f"ids={a.pk}%2C{b.pk}" in response.content.decode()


def test_python_trigram_similarity_agrees_with_pg_trgm():
    # Values computed by PostgreSQL 15: SELECT similarity('so cong thuong tinh bac ninh', 'so cong thuong bac ninh')
    assert trigram_similarity("so cong thuong tinh bac ninh", "so cong thuong bac ninh") == pytest.approx(
        0.9166667, abs=1e-6
    )
    assert trigram_similarity("tap doan dien luc viet nam", "so cong thuong bac ninh") == pytest.approx(
        0.0434783, abs=1e-6
    )
    assert trigram_similarity("", "abc") == 0.0


def test_duplicate_pairs_honour_the_threshold():
    a = OrganizationFactory(name="Công ty Cổ phần Viettel")
    b = OrganizationFactory(name="Công ty CP Viettel")
    assert [(left, right) for left, right, _ in organization_duplicate_pairs(threshold=0.5)] == [(a.pk, b.pk)]
    assert organization_duplicate_pairs(threshold=0.99) == []
