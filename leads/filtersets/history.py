"""Filters of what happened to records: activities, stage changes, deletions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from leads.choices import ActivityKind, Stage
from leads.filtersets.base import (
    BaseFilterSet,
    ChoicesFilter,
    KeysFilter,
    MomentFilter,
    OrderingFilter,
    OrganizationsFilter,
    SearchFilter,
    UsersFilter,
)
from leads.models import Activity, Contact, DeletedRecord, Opportunity, Organization, StageChange
from leads.signals import TRACKED_MODELS


class ActivityFilterSet(BaseFilterSet):
    q = SearchFilter(
        method="search",
        help_text=_(
            "Search the subject and notes, and (accent-insensitively) the names of the opportunity, "
            "organization or contact."
        ),
    )
    kind = ChoicesFilter(field_name="kind", choices=ActivityKind.choices, help_text=_("Kinds of activity."))
    opportunity = KeysFilter(
        field_name="opportunity", queryset=Opportunity.objects.all(), help_text=_("Opportunity keys.")
    )
    organization = OrganizationsFilter(
        field_name="organization", help_text=_("Organizations by key, or by name or alias written any way.")
    )
    organization_id = KeysFilter(
        field_name="organization", queryset=Organization.objects.all(), help_text=_("Organization keys.")
    )
    contact = KeysFilter(field_name="contact", queryset=Contact.objects.all(), help_text=_("Contact keys."))
    created_by = UsersFilter(field_name="created_by", help_text=_("Logged by (usernames; `me` is the user asking)."))
    occurred_after = MomentFilter(field_name="occurred_at", lookup_expr="gte", help_text=_("Happened on or after."))
    occurred_before = MomentFilter(field_name="occurred_at", lookup_expr="lte", help_text=_("Happened on or before."))
    updated_after = MomentFilter(
        field_name="updated_at", lookup_expr="gte", help_text=_("Changed on or after (incremental sync).")
    )
    ordering = OrderingFilter(
        columns={"occurred_at": "occurred_at", "created_at": "created_at", "updated_at": "updated_at"}
    )

    class Meta:
        model = Activity
        fields: list[str] = []


class StageChangeFilterSet(BaseFilterSet):
    q = SearchFilter(
        method="search", help_text=_("Search the note, and (accent-insensitively) the opportunity's names.")
    )
    opportunity = KeysFilter(
        field_name="opportunity", queryset=Opportunity.objects.all(), help_text=_("Opportunity keys.")
    )
    from_stage = ChoicesFilter(field_name="from_stage", choices=Stage.choices, help_text=_("Stages moved from."))
    to_stage = ChoicesFilter(field_name="to_stage", choices=Stage.choices, help_text=_("Stages moved to."))
    changed_by = UsersFilter(field_name="changed_by", help_text=_("Moved by (usernames; `me` is the user asking)."))
    changed_after = MomentFilter(field_name="changed_at", lookup_expr="gte", help_text=_("Moved on or after."))
    changed_before = MomentFilter(field_name="changed_at", lookup_expr="lte", help_text=_("Moved on or before."))
    ordering = OrderingFilter(columns={"changed_at": "changed_at"})

    class Meta:
        model = StageChange
        fields: list[str] = []


class DeletedRecordFilterSet(BaseFilterSet):
    model = ChoicesFilter(
        field_name="model",
        choices=[(name.lower(), name) for name in TRACKED_MODELS],
        help_text=_("Kinds of record (model names such as opportunity, organization, contact)."),
    )
    deleted_after = MomentFilter(field_name="deleted_at", lookup_expr="gte", help_text=_("Deleted on or after."))

    class Meta:
        model = DeletedRecord
        fields: list[str] = []
