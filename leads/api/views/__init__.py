"""The API's viewsets: thin, each a queryset from `with_related()`, a serializer and a filterset.

Where each query happens is visible here: every list queryset names its `select_related` (through
`with_related()`), its `prefetch_related` for nested lists and its count annotations, so a list costs
the same number of queries for 1 row as for 500. Writes with rules go through `leads.services`.

One module per concern: `base` (what every viewset shares: permissions per action, sync, ETag and
If-Match), `parties` (organizations, contacts), `opportunities`, `articles` (articles, their import,
evidence), `activities` (activities, stage changes, deleted records) and `reference`.
"""

from leads.api.views.activities import ActivityViewSet, DeletedRecordViewSet, StageChangeViewSet
from leads.api.views.articles import EvidenceViewSet, SourceArticleViewSet
from leads.api.views.articles import import_outcomes as _import_outcomes
from leads.api.views.base import CrmViewSet
from leads.api.views.opportunities import OpportunityViewSet
from leads.api.views.parties import ContactViewSet, OrganizationViewSet
from leads.api.views.reference import (
    CountryViewSet,
    ExchangeRateViewSet,
    ForeignRegionViewSet,
    ProvinceViewSet,
    SectorViewSet,
    SiteViewSet,
)

__all__ = [
    "ActivityViewSet",
    "ContactViewSet",
    "CountryViewSet",
    "CrmViewSet",
    "DeletedRecordViewSet",
    "EvidenceViewSet",
    "ExchangeRateViewSet",
    "ForeignRegionViewSet",
    "OpportunityViewSet",
    "OrganizationViewSet",
    "ProvinceViewSet",
    "SectorViewSet",
    "SiteViewSet",
    "SourceArticleViewSet",
    "StageChangeViewSet",
    "_import_outcomes",
]
