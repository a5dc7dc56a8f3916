"""What the API reads and writes: explicit fields, nested summaries on read, keys or slugs on write.

One module per concern: `summaries` (how a related record appears inside another), `base`
(saving through the services, review, the error shape), `evidence`, `reference`, `parties`
(organizations, contacts, merge), `opportunities`, `pipeline` (the summary), `articles`, `imports`
(the article import endpoint) and `history` (activities, stage changes, tombstones). Import them from here:
`from leads.api.serializers import OpportunitySerializer`.

Every lead links back to the evidence that produced it: list representations carry
`evidence_count` and `evidence_url` (the `/api/v1/evidence/` list for that record); detail
representations embed the evidence, each with its article and sentence.

Writes go through `leads.services`, so the API refuses what the admin refuses, with the same messages.
"""

from leads.api.serializers.articles import SourceArticleDetailSerializer, SourceArticleSerializer
from leads.api.serializers.base import ErrorSerializer, RecordSerializer, ReviewSerializer
from leads.api.serializers.evidence import EvidenceInlineSerializer, EvidenceLinksMixin, EvidenceSerializer
from leads.api.serializers.flat import FlatList
from leads.api.serializers.history import ActivitySerializer, DeletedRecordSerializer, StageChangeSerializer
from leads.api.serializers.imports import (
    ArticleImportSerializer,
    ImportOutcomeSerializer,
    ImportQueuedSerializer,
    ImportResultSerializer,
    import_too_large_message,
)
from leads.api.serializers.opportunities import (
    MoveStageSerializer,
    OpportunityDetailSerializer,
    OpportunitySerializer,
    StageChangeInlineSerializer,
)
from leads.api.serializers.parties import (
    ContactDetailSerializer,
    ContactSerializer,
    MergeResultSerializer,
    MergeSerializer,
    OrganizationDetailSerializer,
    OrganizationSerializer,
)
from leads.api.serializers.pipeline import (
    AmountSerializer,
    PipelineSummarySerializer,
    ProvinceCountSerializer,
    SectorCountSerializer,
    StageCountSerializer,
    StatusCountSerializer,
)
from leads.api.serializers.reference import (
    CountrySerializer,
    ExchangeRateSerializer,
    ForeignRegionSerializer,
    ProvinceSerializer,
    SectorSerializer,
    SiteSerializer,
)
from leads.api.serializers.summaries import (
    OPPORTUNITY_SUMMARY_RELATED,
    ArticleSummarySerializer,
    ContactSummarySerializer,
    CountrySummarySerializer,
    ForeignRegionSummarySerializer,
    OpportunitySummarySerializer,
    OrganizationSummarySerializer,
    ProvinceSummarySerializer,
    SectorSummarySerializer,
    SiteSummarySerializer,
    UserSummarySerializer,
    opportunity_summary_related,
)

__all__ = [
    "OPPORTUNITY_SUMMARY_RELATED",
    "ActivitySerializer",
    "AmountSerializer",
    "ArticleImportSerializer",
    "ArticleSummarySerializer",
    "ContactDetailSerializer",
    "ContactSerializer",
    "ContactSummarySerializer",
    "CountrySerializer",
    "CountrySummarySerializer",
    "DeletedRecordSerializer",
    "ErrorSerializer",
    "EvidenceInlineSerializer",
    "EvidenceLinksMixin",
    "EvidenceSerializer",
    "ExchangeRateSerializer",
    "FlatList",
    "ForeignRegionSerializer",
    "ForeignRegionSummarySerializer",
    "ImportOutcomeSerializer",
    "ImportQueuedSerializer",
    "ImportResultSerializer",
    "MergeResultSerializer",
    "MergeSerializer",
    "MoveStageSerializer",
    "OpportunityDetailSerializer",
    "OpportunitySerializer",
    "OpportunitySummarySerializer",
    "OrganizationDetailSerializer",
    "OrganizationSerializer",
    "OrganizationSummarySerializer",
    "PipelineSummarySerializer",
    "ProvinceCountSerializer",
    "ProvinceSerializer",
    "ProvinceSummarySerializer",
    "RecordSerializer",
    "ReviewSerializer",
    "SectorCountSerializer",
    "SectorSerializer",
    "SectorSummarySerializer",
    "SiteSerializer",
    "SiteSummarySerializer",
    "SourceArticleDetailSerializer",
    "SourceArticleSerializer",
    "StageChangeInlineSerializer",
    "StageChangeSerializer",
    "StageCountSerializer",
    "StatusCountSerializer",
    "UserSummarySerializer",
    "import_too_large_message",
    "opportunity_summary_related",
]
