"""Source articles, read-only: new ones arrive through the import endpoint."""

from __future__ import annotations

from rest_framework import serializers

from leads.api.serializers.evidence import EvidenceLinksMixin, EvidenceSerializer
from leads.api.serializers.summaries import UserSummarySerializer, hidden_help
from leads.models import Evidence, SourceArticle


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
    evidence = EvidenceSerializer(many=True, read_only=True, allow_null=True, help_text=hidden_help(Evidence))

    class Meta(SourceArticleSerializer.Meta):
        fields = [*SourceArticleSerializer.Meta.fields, "body", "raw_text", "evidence"]
        read_only_fields = fields
