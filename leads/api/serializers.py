"""What the API reads and writes: explicit fields, nested summaries on read, keys or slugs on write.

Every lead links back to the evidence that produced it: list representations carry
`evidence_count` and `evidence_url` (the `/api/v1/evidence/` list for that record); detail
representations embed the evidence, each with its article and sentence.

Writes go through `leads.services`, so the API refuses what the admin refuses, with the same messages.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from leads import services
from leads.choices import Currency, ReviewStatus, Stage
from leads.models import (
    Activity,
    Contact,
    Country,
    DeletedRecord,
    Evidence,
    ForeignRegion,
    Opportunity,
    Organization,
    Province,
    Sector,
    SourceArticle,
    StageChange,
)

from .fields import TEXT_INPUT, NestedKeyField, NestedSlugField, ProvinceField

User = get_user_model()

# ---------------------------------------------------------------------------------------------
# Summaries: how a related record appears inside another one.
# ---------------------------------------------------------------------------------------------


class SectorSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["id", "slug", "name_en", "name_vi"]


class ProvinceSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["id", "slug", "name"]


class CountrySummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["code", "name", "name_en"]


class ForeignRegionSummarySerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", read_only=True, help_text=_("ISO code."))

    class Meta:
        model = ForeignRegion
        fields = ["id", "slug", "name", "name_en", "country"]


class OrganizationSummarySerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id", read_only=True, allow_null=True, help_text=_("ISO code."))

    class Meta:
        model = Organization
        fields = ["id", "name", "kind", "country"]


class ContactSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "full_name", "title"]


class UserSummarySerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="get_full_name", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "full_name"]


class OpportunitySummarySerializer(serializers.ModelSerializer):
    display = serializers.CharField(source="__str__", read_only=True, help_text=_("Title, or who → where: sector."))

    class Meta:
        model = Opportunity
        fields = ["id", "display", "stage"]


# Joins an opportunity summary needs for its `display` (who → where: sector).
OPPORTUNITY_SUMMARY_RELATED = ("organization", "origin_region", "origin_country", "province", "sector")
# Joins a foreign-region summary needs (its country's ISO code).


def opportunity_summary_related(prefix: str) -> list[str]:
    return [prefix, *(f"{prefix}__{name}" for name in OPPORTUNITY_SUMMARY_RELATED)]


class ArticleSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = SourceArticle
        fields = ["id", "title", "outlet", "published_on", "url"]


# ---------------------------------------------------------------------------------------------
# Evidence
# ---------------------------------------------------------------------------------------------


class EvidenceInlineSerializer(serializers.ModelSerializer):
    """Evidence embedded in the record it justifies: which article, which sentence, which words."""

    article = ArticleSummarySerializer(read_only=True)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "article",
            "sentence",
            "sentence_start",
            "sentence_end",
            "mention",
            "mention_start",
            "mention_end",
        ]


class EvidenceSerializer(serializers.ModelSerializer):
    """One piece of evidence, with the record it justifies (exactly one of organization, contact, opportunity)."""

    article = ArticleSummarySerializer(read_only=True)
    organization = OrganizationSummarySerializer(read_only=True, allow_null=True)
    contact = ContactSummarySerializer(read_only=True, allow_null=True)
    opportunity = OpportunitySummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "article",
            "organization",
            "contact",
            "opportunity",
            "sentence",
            "sentence_start",
            "sentence_end",
            "mention",
            "mention_start",
            "mention_end",
            "created_at",
        ]


class EvidenceLinksMixin(serializers.Serializer):
    """`evidence_count` (annotated by the view) and `evidence_url`, the evidence list filtered to this record."""

    evidence_filter: str = ""

    evidence_count = serializers.SerializerMethodField(help_text=_("How many sentences justify this record."))
    evidence_url = serializers.SerializerMethodField(help_text=_("The evidence behind this record."))

    def get_evidence_count(self, obj: Any) -> int:
        count = getattr(obj, "evidence_count", None)
        return obj.evidence.count() if count is None else count

    @extend_schema_field(OpenApiTypes.URI)
    def get_evidence_url(self, obj: Any) -> str:
        url = f"{reverse('api:evidence-list')}?{self.evidence_filter}={obj.pk}"
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class RecordSerializer(serializers.ModelSerializer):
    """Creates and updates through `services.record_save`: full validation, then save, then many-to-many links."""

    many_to_many: tuple[str, ...] = ()

    def create(self, validated_data: dict) -> Any:
        links = {name: validated_data.pop(name) for name in self.many_to_many if name in validated_data}
        return services.record_save(record=self.Meta.model(**validated_data), many_to_many=links)

    def update(self, instance: Any, validated_data: dict) -> Any:
        links = {name: validated_data.pop(name) for name in self.many_to_many if name in validated_data}
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return services.record_save(record=instance, many_to_many=links)


# ---------------------------------------------------------------------------------------------
# Reference data (read-only)
# ---------------------------------------------------------------------------------------------


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["id", "slug", "name_en", "name_vi", "keywords"]


class ProvinceSerializer(serializers.ModelSerializer):
    successor = ProvinceSummarySerializer(read_only=True, allow_null=True, help_text=_("Today's unit, for old ones."))

    class Meta:
        model = Province
        fields = ["id", "slug", "code", "name", "full_name", "kind", "is_current", "successor", "aliases"]


class CountrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["code", "name", "name_en", "aliases"]


class ForeignRegionSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", read_only=True, help_text=_("ISO code."))
    parent = ForeignRegionSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = ForeignRegion
        fields = ["id", "slug", "name", "name_en", "country", "kind", "parent", "aliases", "ambiguous"]


# ---------------------------------------------------------------------------------------------
# Organizations and contacts
# ---------------------------------------------------------------------------------------------


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
    evidence = EvidenceInlineSerializer(many=True, read_only=True)

    class Meta(OrganizationSerializer.Meta):
        fields = [*OrganizationSerializer.Meta.fields, "evidence"]


class ContactSerializer(EvidenceLinksMixin, RecordSerializer):
    evidence_filter = "contact"

    organization = NestedKeyField(
        summary=OrganizationSummarySerializer,
        queryset=Organization.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Organization key on write."),
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
    evidence = EvidenceInlineSerializer(many=True, read_only=True)

    class Meta(ContactSerializer.Meta):
        fields = [*ContactSerializer.Meta.fields, "evidence"]


# ---------------------------------------------------------------------------------------------
# Opportunities
# ---------------------------------------------------------------------------------------------


class OpportunitySerializer(EvidenceLinksMixin, RecordSerializer):
    evidence_filter = "opportunity"
    many_to_many = ("contacts",)

    display = serializers.CharField(source="__str__", read_only=True, help_text=_("Title, or who → where: sector."))
    organization = NestedKeyField(
        summary=OrganizationSummarySerializer,
        queryset=Organization.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Organization key on write."),
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
    sector = NestedSlugField(
        summary=SectorSummarySerializer,
        slug_field="slug",
        queryset=Sector.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Sector slug on write, e.g. ai."),
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
    contacts = NestedKeyField(
        summary=ContactSummarySerializer,
        queryset=Contact.objects.all(),
        many=True,
        required=False,
        help_text=_("Contact keys on write."),
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
            "sector",
            "contacts",
            "stage",
            "stage_reason",
            "investment_type",
            "value",
            "currency",
            "expected_jobs",
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
        read_only_fields = ["stage", "stage_reason", "review_status", "is_imported"]
        extra_kwargs = {"value": {"min_value": 0}}


class StageChangeInlineSerializer(serializers.ModelSerializer):
    changed_by = UserSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = StageChange
        fields = ["id", "from_stage", "to_stage", "changed_by", "changed_at", "note"]


class OpportunityDetailSerializer(OpportunitySerializer):
    evidence = EvidenceInlineSerializer(many=True, read_only=True)
    stage_changes = StageChangeInlineSerializer(many=True, read_only=True)

    class Meta(OpportunitySerializer.Meta):
        fields = [*OpportunitySerializer.Meta.fields, "evidence", "stage_changes"]


class MoveStageSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices, help_text=_("The stage to move to."))
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        default="",
        help_text=_("Why; required when moving to lost or on hold."),
    )


class ReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=ReviewStatus.choices, help_text=_("accepted, rejected or pending."))


class AmountSerializer(serializers.Serializer):
    currency = serializers.ChoiceField(choices=Currency.choices, allow_blank=True)
    total = serializers.DecimalField(max_digits=24, decimal_places=2)


class StageCountSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    label = serializers.CharField()
    count = serializers.IntegerField()
    total_value = AmountSerializer(many=True, help_text=_("Sum of stated values, per currency."))


class SectorCountSerializer(serializers.Serializer):
    sector = SectorSummarySerializer(allow_null=True, help_text=_("null: no sector recorded."))
    count = serializers.IntegerField()
    total_value = AmountSerializer(many=True)


class ProvinceCountSerializer(serializers.Serializer):
    province = ProvinceSummarySerializer(allow_null=True, help_text=_("null: nationwide."))
    count = serializers.IntegerField()
    total_value = AmountSerializer(many=True)


class PipelineSummarySerializer(serializers.Serializer):
    count = serializers.IntegerField()
    total_value = AmountSerializer(many=True)
    by_stage = StageCountSerializer(many=True)
    by_sector = SectorCountSerializer(many=True)
    by_province = ProvinceCountSerializer(many=True)


# ---------------------------------------------------------------------------------------------
# Articles
# ---------------------------------------------------------------------------------------------


class SourceArticleSerializer(EvidenceLinksMixin, serializers.ModelSerializer):
    evidence_filter = "article"

    imported_by = UserSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = SourceArticle
        fields = [
            "id",
            "title",
            "outlet",
            "byline",
            "url",
            "published_on",
            "language",
            "origin",
            "content_hash",
            "imported_by",
            "imported_at",
            "extracted_at",
            "updated_at",
            "evidence_count",
            "evidence_url",
        ]
        read_only_fields = fields


class SourceArticleDetailSerializer(SourceArticleSerializer):
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta(SourceArticleSerializer.Meta):
        fields = [*SourceArticleSerializer.Meta.fields, "body", "raw_text", "evidence"]
        read_only_fields = fields


# ---------------------------------------------------------------------------------------------
# Activities, stage changes, tombstones
# ---------------------------------------------------------------------------------------------


class ActivitySerializer(serializers.ModelSerializer):
    opportunity = NestedKeyField(
        summary=OpportunitySummarySerializer,
        queryset=Opportunity.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Opportunity key on write."),
    )
    organization = NestedKeyField(
        summary=OrganizationSummarySerializer,
        queryset=Organization.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Organization key on write."),
    )
    contact = NestedKeyField(
        summary=ContactSummarySerializer,
        queryset=Contact.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Contact key on write."),
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
    opportunity = OpportunitySummarySerializer(read_only=True)
    changed_by = UserSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = StageChange
        fields = ["id", "opportunity", "from_stage", "to_stage", "changed_by", "changed_at", "note"]


class DeletedRecordSerializer(serializers.ModelSerializer):
    model = serializers.CharField(read_only=True, help_text=_("Model name, e.g. opportunity, organization, contact."))

    class Meta:
        model = DeletedRecord
        fields = ["id", "model", "object_id", "deleted_at"]


# ---------------------------------------------------------------------------------------------
# Merge
# ---------------------------------------------------------------------------------------------


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
    kept = OrganizationSummarySerializer()
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


class ErrorSerializer(serializers.Serializer):
    """The shape of every error response."""

    detail = serializers.CharField(help_text=_("What went wrong, in a sentence a person can read."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=_("Validation errors only: messages per field or query parameter."),
    )
