"""The CRM's domain: reference data, the records staff work, and the evidence behind them."""

from leads.models.activity import Activity, StageChange
from leads.models.article import Evidence, SourceArticle
from leads.models.integration import ApiToken, DeletedRecord
from leads.models.opportunity import Opportunity
from leads.models.parties import Contact, Organization, OrganizationAlias
from leads.models.reference import Country, ExchangeRate, ForeignRegion, Province, Sector, Site
from leads.models.versioning import StaleRecord, VersionedModel, bump_version

__all__ = [
    "Activity",
    "ApiToken",
    "Contact",
    "Country",
    "DeletedRecord",
    "Evidence",
    "ExchangeRate",
    "ForeignRegion",
    "Opportunity",
    "Organization",
    "OrganizationAlias",
    "Province",
    "Sector",
    "Site",
    "SourceArticle",
    "StageChange",
    "StaleRecord",
    "VersionedModel",
    "bump_version",
]
