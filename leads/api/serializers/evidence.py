"""Evidence: why a record exists. Every lead links back to it.

List representations carry `evidence_count` and `evidence_url` (the `/api/v1/evidence/` list for
that record); detail representations embed the evidence, each with its article and sentence.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from leads.api.serializers.summaries import (
    ArticleSummarySerializer,
    ContactSummarySerializer,
    OpportunitySummarySerializer,
    OrganizationSummarySerializer,
    VisibleListSerializer,
    VisibleToRequestMixin,
    hidden_help,
)
from leads.models import Contact, Evidence, Opportunity, Organization, SourceArticle


class EvidenceInlineSerializer(VisibleToRequestMixin, serializers.ModelSerializer):
    """Evidence embedded in the record it justifies: which article, which sentence, which words.

    Null (the whole list) for a user who may not view evidence; `article` null for one who may not view articles.
    """

    article = ArticleSummarySerializer(read_only=True, allow_null=True, help_text=hidden_help(SourceArticle))

    class Meta:
        model = Evidence
        list_serializer_class = VisibleListSerializer
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


class EvidenceSerializer(VisibleToRequestMixin, serializers.ModelSerializer):
    """One piece of evidence, with the record it justifies (exactly one of organization, contact, opportunity).

    Each of those reads as null when it is not the one justified, or when the user may not view its model.
    """

    article = ArticleSummarySerializer(read_only=True, allow_null=True, help_text=hidden_help(SourceArticle))
    organization = OrganizationSummarySerializer(read_only=True, allow_null=True, help_text=hidden_help(Organization))
    contact = ContactSummarySerializer(read_only=True, allow_null=True, help_text=hidden_help(Contact))
    opportunity = OpportunitySummarySerializer(read_only=True, allow_null=True, help_text=hidden_help(Opportunity))

    class Meta:
        model = Evidence
        list_serializer_class = VisibleListSerializer
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
