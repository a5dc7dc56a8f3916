"""The CRM's domain: reference data, the records staff work, and the evidence behind them."""

from leads.models.activity import Activity, StageChange
from leads.models.article import Evidence, SourceArticle
from leads.models.integration import ApiToken, DeletedRecord
from leads.models.opportunity import Opportunity
from leads.models.parties import Contact, Organization, OrganizationAlias
from leads.models.reference import Country, ExchangeRate, ForeignRegion, Province, Sector, Site
from leads.models.versioning import StaleRecord, VersionedModel, bump_version
from leads.models.watches import Notification, Watch, WebhookDelivery, WebhookSubscription

__all__ = [
    "Activity",
    "ApiToken",
    "Contact",
    "Country",
    "DeletedRecord",
    "Evidence",
    "ExchangeRate",
    "ForeignRegion",
    "Notification",
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
    "Watch",
    "WebhookDelivery",
    "WebhookSubscription",
    "bump_version",
]
