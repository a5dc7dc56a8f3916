"""Ids that are not numbers, in a path, a query string or a form, are a 404 or a message: never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from leads.admin.base import record_id
from leads.choices import ReviewStatus
from tests.factories import OpportunityFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

NOT_IDS = ["abc", "²", "1.5", "-1", " ", ""]


def says_it_does_not_exist(response) -> bool:
    """Django's admin answer to an unknown id: back to the index, with a message."""
    return response.status_code == 200 and any("doesn’t exist" in str(m) for m in response.context["messages"])


@pytest.mark.parametrize("value", NOT_IDS)
def test_record_id_accepts_only_ascii_digits(value):
    assert record_id(value) is None


def test_record_id_reads_an_id_with_spaces_around():
    assert record_id(" 42 ") == 42


@pytest.mark.parametrize("bad", ["abc", "²", "1.5"])
def test_moving_the_stage_of_an_opportunity_whose_id_is_not_a_number_says_it_does_not_exist(
    admin_client_logged_in, bad
):
    url = f"{reverse('admin:leads_opportunity_changelist')}{bad}/move-stage/"
    assert says_it_does_not_exist(admin_client_logged_in.get(url, follow=True))
    assert says_it_does_not_exist(admin_client_logged_in.post(url, {"to_stage": "qualified"}, follow=True))


@pytest.mark.parametrize("bad", ["abc", "²"])
def test_the_change_page_of_an_opportunity_whose_id_is_not_a_number_redirects_with_a_message(
    admin_client_logged_in, bad
):
    url = f"{reverse('admin:leads_opportunity_changelist')}{bad}/change/"
    assert says_it_does_not_exist(admin_client_logged_in.get(url, follow=True))


@pytest.mark.parametrize("bad", ["abc", "²"])
def test_reextracting_an_article_whose_id_is_not_a_number_says_it_does_not_exist(admin_client_logged_in, bad):
    url = f"{reverse('admin:leads_sourcearticle_changelist')}{bad}/reextract/"
    assert says_it_does_not_exist(admin_client_logged_in.post(url, follow=True))


def test_moving_the_stage_of_an_opportunity_that_does_not_exist_is_a_404(admin_client_logged_in):
    assert admin_client_logged_in.get(reverse("admin:leads_opportunity_move_stage", args=[999999])).status_code == 404


@pytest.mark.parametrize("bad", ["abc", "²", "", "1.5"])
def test_a_review_decision_whose_id_is_not_a_number_is_a_message(admin_client_logged_in, bad):
    lead = OpportunityFactory(is_imported=True)

    response = admin_client_logged_in.post(
        reverse("admin:leads_opportunity_review_decide"),
        {"kind": "opportunity", "pk": bad, "decision": ReviewStatus.ACCEPTED},
        follow=True,
    )

    assert response.status_code == 200
    assert "That review decision could not be understood." in [str(m) for m in response.context["messages"]]
    lead.refresh_from_db()
    assert lead.review_status == ReviewStatus.PENDING


def test_merging_ignores_ids_that_are_not_numbers(admin_client_logged_in):
    first, second = OrganizationFactory(), OrganizationFactory()

    page = admin_client_logged_in.get(reverse("admin:leads_organization_merge"), {"ids": f"{first.pk},²,x,{second.pk}"})
    alone = admin_client_logged_in.get(reverse("admin:leads_organization_merge"), {"ids": f"{first.pk},²"})

    assert page.status_code == 200
    assert {row["organization"] for row in page.context["organizations"]} == {first, second}
    assert alone.status_code == 302


@pytest.mark.parametrize("bad", ["²", "abc"])
def test_the_owner_filter_ignores_an_owner_that_is_not_a_number(admin_client_logged_in, bad):
    OpportunityFactory()

    response = admin_client_logged_in.get(reverse("admin:leads_opportunity_changelist"), {"owner": bad})

    assert response.status_code in (200, 302)
