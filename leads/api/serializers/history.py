"""Activities logged against records, stage changes and tombstones of deleted records."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from leads import services
from leads.api.fields import NestedKeyField
from leads.api.serializers.base import ApiModelSerializer
from leads.api.serializers.summaries import (
    ContactSummarySerializer,
    OpportunitySummarySerializer,
    OrganizationSummarySerializer,
    UserSummarySerializer,
    hidden_help,
)
from leads.models import Activity, Contact, DeletedRecord, Opportunity, Organization, StageChange


class ActivitySerializer(ApiModelSerializer):
    opportunity = NestedKeyField(
        summary=OpportunitySummarySerializer,
        queryset=Opportunity.objects.all(),
        allow_null=True,
        required=False,
        help_text=hidden_help(Opportunity, _("Opportunity key on write.")),
    )
    organization = NestedKeyField(
        summary=OrganizationSummarySerializer,
        queryset=Organization.objects.all(),
        allow_null=True,
        required=False,
        help_text=hidden_help(Organization, _("Organization key on write.")),
    )
    contact = NestedKeyField(
        summary=ContactSummarySerializer,
        queryset=Contact.objects.all(),
        allow_null=True,
        required=False,
        help_text=hidden_help(Contact, _("Contact key on write.")),
    )
    created_by = UserSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "kind",
            "subject",
            "notes",
            "occurred_at",
            "opportunity",
            "organization",
            "contact",
            "created_by",
            "created_at",
            "updated_at",
        ]

    def create(self, validated_data: dict) -> Activity:
        request = self.context.get("request")
        return services.activity_log(activity=Activity(**validated_data), user=getattr(request, "user", None))

    def update(self, instance: Activity, validated_data: dict) -> Activity:
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return services.activity_log(activity=instance)


class StageChangeSerializer(serializers.ModelSerializer):
    opportunity = OpportunitySummarySerializer(read_only=True, allow_null=True, help_text=hidden_help(Opportunity))
    changed_by = UserSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = StageChange
        fields = ["id", "opportunity", "from_stage", "to_stage", "changed_by", "changed_at", "note"]


class DeletedRecordSerializer(serializers.ModelSerializer):
    model = serializers.CharField(read_only=True, help_text=_("Model name, e.g. opportunity, organization, contact."))

    class Meta:
        model = DeletedRecord
        fields = ["id", "model", "object_id", "deleted_at"]
