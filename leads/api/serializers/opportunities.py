"""Opportunities: one investor's intention toward one target, and the moves of its stage."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from leads.api.fields import TEXT_INPUT, NestedKeyField, NestedSlugField, ProvinceField, StrictCharField
from leads.api.serializers.base import RecordSerializer
from leads.api.serializers.evidence import EvidenceInlineSerializer, EvidenceLinksMixin
from leads.api.serializers.summaries import (
    ContactSummarySerializer,
    CountrySummarySerializer,
    ForeignRegionSummarySerializer,
    OrganizationSummarySerializer,
    ProvinceSummarySerializer,
    SectorSummarySerializer,
    SiteSummarySerializer,
    UserSummarySerializer,
    VisibleManyField,
    hidden_help,
)
from leads.choices import Stage
from leads.models import (
    Contact,
    Country,
    Evidence,
    ForeignRegion,
    Opportunity,
    Organization,
    Sector,
    Site,
    StageChange,
)
from leads.services import opportunity_sectors_with_primary

User = get_user_model()


class OpportunitySerializer(EvidenceLinksMixin, RecordSerializer):
    """An opportunity with nested summaries of what it points at; written with keys and slugs.

    `primary_sector` is always one of `sectors`: written alone it is added to the sectors the
    opportunity has; written with `sectors`, to those. `value_usd` follows `value`, `currency` and
    `reported_on` (see `Opportunity.save`), so it is read-only.
    """

    evidence_filter = "opportunity"
    many_to_many = ("contacts", "sectors")

    display = serializers.CharField(
        source="__str__", read_only=True, help_text="Title, or who → where: project (or primary sector)."
    )
    organization = NestedKeyField(
        summary=OrganizationSummarySerializer,
        queryset=Organization.objects.all(),
        allow_null=True,
        required=False,
        help_text=hidden_help(Organization, _("Organization key on write.")),
    )
    origin_region = NestedSlugField(
        summary=ForeignRegionSummarySerializer,
        slug_field="slug",
        queryset=ForeignRegion.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Where the interest comes from (foreign region slug), e.g. quang-tay."),
    )
    origin_country = NestedSlugField(
        summary=CountrySummarySerializer,
        slug_field="code",
        queryset=Country.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Investor country (ISO code), e.g. CN."),
    )
    province = ProvinceField(
        summary=ProvinceSummarySerializer,
        allow_null=True,
        required=False,
        help_text=_("Target province (slug, name or alias; pre-2025 names resolve). Empty means nationwide."),
    )
    site = NestedSlugField(
        summary=SiteSummarySerializer,
        slug_field="slug",
        queryset=Site.objects.all(),
        allow_null=True,
        required=False,
        help_text="Industrial park, economic zone or cluster, when stated: its slug on write (see /api/v1/sites/).",
    )
    primary_sector = NestedSlugField(
        summary=SectorSummarySerializer,
        slug_field="slug",
        queryset=Sector.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Sector slug on write, e.g. ai."),
    )
    sectors = NestedSlugField(
        summary=SectorSummarySerializer,
        slug_field="slug",
        queryset=Sector.objects.all(),
        many=True,
        required=False,
        help_text="Every sector the news names for it, the primary one included: slugs on write.",
    )
    owner = NestedSlugField(
        summary=UserSummarySerializer,
        slug_field="username",
        queryset=User.objects.filter(is_active=True),
        allow_null=True,
        required=False,
        style=TEXT_INPUT,
        help_text=_("Owner's username on write."),
    )
    contacts = VisibleManyField(
        child_relation=NestedKeyField(summary=ContactSummarySerializer, queryset=Contact.objects.all()),
        required=False,
        help_text=hidden_help(Contact, _("Contact keys on write.")),
    )

    class Meta:
        model = Opportunity
        fields = [
            "id",
            "display",
            "title",
            "organization",
            "origin_region",
            "origin_country",
            "province",
            "site",
            "project",
            "primary_sector",
            "sectors",
            "status",
            "contacts",
            "stage",
            "stage_reason",
            "investment_type",
            "value",
            "currency",
            "value_usd",
            "land_area_ha",
            "expected_jobs",
            "reported_on",
            "priority",
            "likelihood",
            "expected_decision_on",
            "owner",
            "next_step",
            "next_step_on",
            "description",
            "review_status",
            "is_imported",
            "evidence_count",
            "evidence_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["stage", "stage_reason", "value_usd", "review_status", "is_imported"]
        extra_kwargs = {"value": {"min_value": 0}, "land_area_ha": {"min_value": 0}}

    def create(self, validated_data: dict) -> Opportunity:
        return super().create(self._with_primary_sector(validated_data, None))

    def update(self, instance: Opportunity, validated_data: dict) -> Opportunity:
        return super().update(instance, self._with_primary_sector(validated_data, instance))

    @staticmethod
    def _with_primary_sector(validated_data: dict, instance: Opportunity | None) -> dict:
        """Make the sectors written (or those the opportunity has) include its primary sector."""
        primary = validated_data.get("primary_sector", instance.primary_sector if instance else None)
        if primary is None or ("sectors" not in validated_data and "primary_sector" not in validated_data):
            return validated_data
        if "sectors" in validated_data:
            sectors = list(validated_data["sectors"])
        else:
            sectors = list(instance.sectors.all()) if instance else []
        return {**validated_data, "sectors": opportunity_sectors_with_primary(sectors=sectors, primary=primary)}


class StageChangeInlineSerializer(serializers.ModelSerializer):
    changed_by = UserSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = StageChange
        fields = ["id", "from_stage", "to_stage", "changed_by", "changed_at", "note"]


class OpportunityDetailSerializer(OpportunitySerializer):
    evidence = EvidenceInlineSerializer(many=True, read_only=True, allow_null=True, help_text=hidden_help(Evidence))
    stage_changes = StageChangeInlineSerializer(many=True, read_only=True)

    class Meta(OpportunitySerializer.Meta):
        fields = [*OpportunitySerializer.Meta.fields, "evidence", "stage_changes"]


class MoveStageSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices, help_text=_("The stage to move to."))
    note = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        default="",
        help_text=_("Why; required when moving to lost or on hold."),
    )
