"""A won opportunity is the agency's result: only who may mark one won edits or deletes it (admin and rule)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from leads.choices import Stage
from leads.models import Opportunity
from leads.permissions import may_change_opportunity, may_delete_opportunity, may_view
from tests.factories import OpportunityFactory, UserFactory

pytestmark = pytest.mark.django_db

EDITOR = ["view_opportunity", "change_opportunity", "delete_opportunity"]


def _staff(username: str, codenames: list[str]):
    user = UserFactory(username=username)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="leads", codename__in=codenames))
    return user


@pytest.fixture
def editor(db):
    """May view, change and delete opportunities, but not mark one won."""
    return _staff("bien.tap", EDITOR)


@pytest.fixture
def closer(db):
    """The same, and may mark opportunities won."""
    return _staff("chot.hop.dong", [*EDITOR, "mark_won"])


@pytest.fixture
def won(db) -> Opportunity:
    return OpportunityFactory(title="Nhà máy pin mặt trời Quảng Tây tại Bắc Ninh", stage=Stage.WON)


def test_the_rule_needs_mark_won_only_for_a_won_opportunity(editor, closer, won):
    open_one = OpportunityFactory(stage=Stage.NEGOTIATING, primary_sector=None)
    nobody = _staff("khach", [])

    assert (may_change_opportunity(editor, open_one), may_delete_opportunity(editor, open_one)) == (True, True)
    assert (may_change_opportunity(editor, won), may_delete_opportunity(editor, won)) == (False, False)
    assert (may_change_opportunity(closer, won), may_delete_opportunity(closer, won)) == (True, True)
    assert (may_change_opportunity(nobody, open_one), may_view(nobody, Opportunity)) == (False, False)
    assert may_view(_staff("chi.sua", ["change_opportunity"]), Opportunity)  # who may change may read


def test_without_mark_won_a_won_opportunity_opens_read_only_and_refuses_a_save(client, editor, won):
    client.force_login(editor)
    url = reverse("admin:leads_opportunity_change", args=[won.pk])

    page = client.get(url)
    saved = client.post(url, {"title": "Đã sửa", "priority": "low"})

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert 'name="_save"' not in page.content.decode()
    assert 'id="move-stage-link"' not in page.content.decode()
    assert saved.status_code == 403
    won.refresh_from_db()
    assert won.title == "Nhà máy pin mặt trời Quảng Tây tại Bắc Ninh"


def test_without_mark_won_a_won_opportunity_cannot_be_deleted_alone_or_in_bulk(client, editor, won):
    client.force_login(editor)

    page = client.get(reverse("admin:leads_opportunity_delete", args=[won.pk]))
    bulk = client.post(
        reverse("admin:leads_opportunity_changelist"),
        {"action": "delete_selected", "_selected_action": [won.pk], "post": "yes"},
    )

    assert page.status_code == 403
    assert bulk.status_code == 403
    assert Opportunity.objects.filter(pk=won.pk).exists()


def test_an_open_opportunity_stays_editable_without_mark_won(client, editor):
    open_one = OpportunityFactory(stage=Stage.NEGOTIATING)
    client.force_login(editor)

    page = client.get(reverse("admin:leads_opportunity_change", args=[open_one.pk]))

    assert page.context["has_change_permission"] is True
    assert 'name="_save"' in page.content.decode()
    assert client.get(reverse("admin:leads_opportunity_delete", args=[open_one.pk])).status_code == 200


def test_with_mark_won_a_won_opportunity_is_editable_and_deletable(client, closer, won):
    client.force_login(closer)

    page = client.get(reverse("admin:leads_opportunity_change", args=[won.pk]))
    deleted = client.post(reverse("admin:leads_opportunity_delete", args=[won.pk]), {"post": "yes"})

    assert 'name="_save"' in page.content.decode()
    assert deleted.status_code == 302
    assert not Opportunity.objects.filter(pk=won.pk).exists()


def test_assign_to_me_leaves_a_won_opportunity_alone_without_mark_won(client, editor, won):
    open_one = OpportunityFactory(stage=Stage.NEGOTIATING)
    client.force_login(editor)

    response = client.post(
        reverse("admin:leads_opportunity_changelist"),
        {"action": "assign_to_me", "_selected_action": [won.pk, open_one.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert Opportunity.objects.get(pk=won.pk).owner is None
    assert Opportunity.objects.get(pk=open_one.pk).owner == editor
