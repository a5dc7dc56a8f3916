"""Organizations and contacts, and merging duplicate organizations."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from leads.api.fields import TEXT_INPUT, NestedKeyField, NestedSlugField, ProvinceField
from leads.api.serializers.base import RecordSerializer
from leads.api.serializers.evidence import EvidenceInlineSerializer, EvidenceLinksMixin
from leads.api.serializers.summaries import (
    CountrySummarySerializer,
    ForeignRegionSummarySerializer,
    OrganizationSummarySerializer,
    ProvinceSummarySerializer,
    SectorSummarySerializer,
    hidden_help,
)
from leads.models import Contact, Country, Evidence, ForeignRegion, Organization, Sector


class OrganizationSerializer(EvidenceLinksMixin, RecordSerializer):
    evidence_filter = "organization"
    many_to_many = ("sectors",)

    aliases = serializers.SerializerMethodField(help_text=_("Other names, including those of merged duplicates."))
    country = NestedSlugField(
        summary=CountrySummarySerializer,
        slug_field="code",
        queryset=Country.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("ISO code on write, e.g. CN."),
    )
    province = ProvinceField(
        summary=ProvinceSummarySerializer, allow_null=True, required=False, help_text=_("Home province (slug).")
    )
    region = NestedSlugField(
        summary=ForeignRegionSummarySerializer,
        slug_field="slug",
        queryset=ForeignRegion.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Home region abroad (slug), e.g. quang-dong."),
    )
    sectors = NestedSlugField(
        summary=SectorSummarySerializer,
        slug_field="slug",
        queryset=Sector.objects.all(),
        many=True,
        required=False,
        help_text=_("Sector slugs on write."),
    )
    opportunity_count = serializers.IntegerField(read_only=True)
    contact_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "aliases",
            "kind",
            "country",
            "province",
            "region",
            "sectors",
            "website",
            "notes",
            "opportunity_count",
            "contact_count",
            "evidence_count",
            "evidence_url",
            "created_at",
            "updated_at",
        ]

    def get_aliases(self, obj: Organization) -> list[str]:
        return [alias.name for alias in obj.aliases.all()]

    def to_representation(self, instance: Organization) -> dict:
        # Lists annotate the counts; a record just created or updated is counted here.
        for name, related in (("opportunity_count", "opportunities"), ("contact_count", "contacts")):
            if not hasattr(instance, name):
                setattr(instance, name, getattr(instance, related).count())
        return super().to_representation(instance)


class OrganizationDetailSerializer(OrganizationSerializer):
    evidence = EvidenceInlineSerializer(many=True, read_only=True, allow_null=True, help_text=hidden_help(Evidence))

    class Meta(OrganizationSerializer.Meta):
        fields = [*OrganizationSerializer.Meta.fields, "evidence"]


class ContactSerializer(EvidenceLinksMixin, RecordSerializer):
    evidence_filter = "contact"

    organization = NestedKeyField(
        summary=OrganizationSummarySerializer,
        queryset=Organization.objects.all(),
        allow_null=True,
        required=False,
        help_text=hidden_help(Organization, _("Organization key on write.")),
    )

    class Meta:
        model = Contact
        fields = [
            "id",
            "full_name",
            "title",
            "organization",
            "email",
            "phone",
            "notes",
            "review_status",
            "is_imported",
            "evidence_count",
            "evidence_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["review_status", "is_imported"]


class ContactDetailSerializer(ContactSerializer):
    evidence = EvidenceInlineSerializer(many=True, read_only=True, allow_null=True, help_text=hidden_help(Evidence))

    class Meta(ContactSerializer.Meta):
        fields = [*ContactSerializer.Meta.fields, "evidence"]


class MergeSerializer(serializers.Serializer):
    merge = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        many=True,
        allow_empty=False,
        style=TEXT_INPUT,
        help_text=_("Keys of the duplicates to fold into this organization."),
    )

    def validate_merge(self, value: list[Organization]) -> list[Organization]:
        if len(value) > 50:
            raise serializers.ValidationError(_("Merge at most 50 organizations at a time."))
        return list({organization.pk: organization for organization in value}.values())


class MergeResultSerializer(serializers.Serializer):
    kept = OrganizationSummarySerializer(allow_null=True, help_text=hidden_help(Organization))
    merged_names = serializers.ListField(child=serializers.CharField())
    contacts_moved = serializers.IntegerField()
    contacts_combined = serializers.IntegerField()
    opportunities_moved = serializers.IntegerField()
    opportunities_kept_apart = serializers.ListField(
        child=serializers.IntegerField(),
        help_text=_("Imported opportunities that would collide with the kept organization's; staff decide."),
    )
    evidence_moved = serializers.IntegerField()
    activities_moved = serializers.IntegerField()
    aliases_added = serializers.IntegerField()
