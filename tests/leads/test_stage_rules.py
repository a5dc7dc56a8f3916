"""Stage rules: allowed and refused moves, reasons, history, and the permission to mark won."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied

from leads.choices import Stage
from leads.models import StageChange
from leads.services import StageMoveError, opportunity_move_stage
from tests.factories import OpportunityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closer():
    user = UserFactory(username="closer")
    user.user_permissions.add(Permission.objects.get(codename="mark_won"))
    return user


def test_a_move_is_recorded_with_who_when_and_note(staff_user):
    opportunity = OpportunityFactory()
    change = opportunity_move_stage(
        opportunity=opportunity, to_stage=Stage.QUALIFIED, user=staff_user, note="Checked with the consulate"
    )
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.QUALIFIED
    assert (change.from_stage, change.to_stage, change.changed_by, change.note) == (
        Stage.IDENTIFIED,
        Stage.QUALIFIED,
        staff_user,
        "Checked with the consulate",
    )
    assert change.changed_at is not None


def test_open_stages_may_skip_forward_and_step_back(staff_user):
    opportunity = OpportunityFactory()
    opportunity_move_stage(opportunity=opportunity, to_stage=Stage.ENGAGED, user=staff_user)
    opportunity_move_stage(opportunity=opportunity, to_stage=Stage.CONTACTED, user=staff_user)
    assert list(opportunity.stage_changes.order_by("id").values_list("to_stage", flat=True)) == [
        Stage.ENGAGED,
        Stage.CONTACTED,
    ]


def test_moving_to_the_same_stage_is_refused(staff_user):
    opportunity = OpportunityFactory()
    with pytest.raises(StageMoveError, match="already at stage"):
        opportunity_move_stage(opportunity=opportunity, to_stage=Stage.IDENTIFIED, user=staff_user)
    assert not StageChange.objects.exists()


def test_an_unknown_stage_is_refused(staff_user):
    with pytest.raises(StageMoveError, match="is not a stage"):
        opportunity_move_stage(opportunity=OpportunityFactory(), to_stage="signed", user=staff_user)


@pytest.mark.parametrize("stage", [Stage.LOST, Stage.ON_HOLD])
def test_lost_and_on_hold_need_a_reason(staff_user, stage):
    opportunity = OpportunityFactory()
    with pytest.raises(StageMoveError, match="Give a reason"):
        opportunity_move_stage(opportunity=opportunity, to_stage=stage, user=staff_user, note="   ")
    opportunity_move_stage(opportunity=opportunity, to_stage=stage, user=staff_user, note="Investor chose Thailand")
    opportunity.refresh_from_db()
    assert (opportunity.stage, opportunity.stage_reason) == (stage, "Investor chose Thailand")


def test_a_lost_opportunity_cannot_jump_to_on_hold_but_can_be_reopened(staff_user):
    opportunity = OpportunityFactory()
    opportunity_move_stage(opportunity=opportunity, to_stage=Stage.LOST, user=staff_user, note="No budget")
    with pytest.raises(StageMoveError, match="cannot move"):
        opportunity_move_stage(opportunity=opportunity, to_stage=Stage.ON_HOLD, user=staff_user, note="wait")
    opportunity_move_stage(opportunity=opportunity, to_stage=Stage.QUALIFIED, user=staff_user, note="Budget found")
    opportunity.refresh_from_db()
    assert (opportunity.stage, opportunity.stage_reason) == (Stage.QUALIFIED, "")
    assert opportunity.stage_changes.count() == 2


def test_a_parked_opportunity_can_be_given_up(staff_user):
    opportunity = OpportunityFactory()
    opportunity_move_stage(opportunity=opportunity, to_stage=Stage.ON_HOLD, user=staff_user, note="After Tết")
    opportunity_move_stage(opportunity=opportunity, to_stage=Stage.LOST, user=staff_user, note="Went elsewhere")
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.LOST


def test_marking_won_needs_its_own_permission(staff_user, closer):
    opportunity = OpportunityFactory(stage=Stage.NEGOTIATING)
    with pytest.raises(PermissionDenied):
        opportunity_move_stage(opportunity=opportunity, to_stage=Stage.WON, user=staff_user)
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.NEGOTIATING
    opportunity_move_stage(opportunity=opportunity, to_stage=Stage.WON, user=closer, note="IRC issued")
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.WON


def test_reopening_a_won_opportunity_needs_the_permission_too(staff_user, closer):
    opportunity = OpportunityFactory(stage=Stage.WON)
    with pytest.raises(PermissionDenied):
        opportunity_move_stage(opportunity=opportunity, to_stage=Stage.NEGOTIATING, user=staff_user)
    opportunity_move_stage(opportunity=opportunity, to_stage=Stage.NEGOTIATING, user=closer)
    opportunity.refresh_from_db()
    assert opportunity.stage == Stage.NEGOTIATING


def test_the_database_refuses_an_invalid_stage_value():
    from django.db import IntegrityError, transaction

    opportunity = OpportunityFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(opportunity).objects.filter(pk=opportunity.pk).update(stage="signed")


def test_moving_an_opportunity_deleted_meanwhile_is_refused_with_a_message(staff_user):
    from leads.services import RecordGone

    opportunity = OpportunityFactory()
    type(opportunity).objects.filter(pk=opportunity.pk).delete()  # a colleague deleted it after we read it

    with pytest.raises(RecordGone, match="merged or deleted meanwhile"):
        opportunity_move_stage(opportunity=opportunity, to_stage=Stage.QUALIFIED, user=staff_user)
    assert not StageChange.objects.exists()
