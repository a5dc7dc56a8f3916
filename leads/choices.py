"""The fixed vocabularies staff work with: stages, kinds, types, priorities."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    QUALIFIED = "qualified", _("Qualified")
    CONTACTED = "contacted", _("Contacted")
    ENGAGED = "engaged", _("Engaged")
    NEGOTIATING = "negotiating", _("Negotiating")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")
    ON_HOLD = "on_hold", _("On hold")


OPEN_STAGES = (Stage.IDENTIFIED, Stage.QUALIFIED, Stage.CONTACTED, Stage.ENGAGED, Stage.NEGOTIATING)
PIPELINE_ORDER = (*OPEN_STAGES, Stage.WON)
STAGES_NEEDING_REASON = (Stage.LOST, Stage.ON_HOLD)


class OrganizationKind(models.TextChoices):
    COMPANY = "company", _("Company")
    GOVERNMENT = "government", _("Government body")
    CONSULATE = "consulate", _("Consulate or embassy")
    ASSOCIATION = "association", _("Association or chamber")
    UNIVERSITY = "university", _("University or institute")
    FUND = "fund", _("Investment fund")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    OTHER = "other", _("Other")


class InvestmentType(models.TextChoices):
    NEW_PROJECT = "new_project", _("New project")
    EXPANSION = "expansion", _("Expansion or capital increase")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    MERGER_ACQUISITION = "m_and_a", _("Merger, acquisition or stake")
    COOPERATION = "cooperation", _("Cooperation agreement or MOU")


class ReportedStatus(models.TextChoices):
    """What the news reports of an intention: the world's status, kept apart from the agency's stage."""

    INTEREST = "interest", _("Interest")
    PROPOSAL = "proposal", _("Proposal or survey")
    AGREEMENT = "agreement", _("MOU or agreement signed")
    LICENSED = "licensed", _("Licensed or registered")
    CAPITAL_INCREASE = "capital_increase", _("Capital increased")
    CONSTRUCTION = "construction", _("Construction started")
    OPERATING = "operating", _("Operating")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# How far along a reported status is: a later article's further status replaces an earlier one.
STATUS_ORDER = tuple(ReportedStatus.values)


class SiteKind(models.TextChoices):
    INDUSTRIAL_PARK = "industrial_park", _("Industrial park")
    EXPORT_PROCESSING_ZONE = "export_processing_zone", _("Export processing zone")
    ECONOMIC_ZONE = "economic_zone", _("Economic zone")
    HI_TECH_PARK = "hi_tech_park", _("Hi-tech park")
    INDUSTRIAL_CLUSTER = "industrial_cluster", _("Industrial cluster")


class Priority(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class ReviewStatus(models.TextChoices):
    """Whether staff have looked at what the importer found."""

    PENDING = "pending", _("Not reviewed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class ActivityKind(models.TextChoices):
    NOTE = "note", _("Note")
    CALL = "call", _("Call")
    MEETING = "meeting", _("Meeting")
    EMAIL = "email", _("E-mail")
    VISIT = "visit", _("Visit")


class ProvinceKind(models.TextChoices):
    CITY = "city", _("Centrally-run city")
    PROVINCE = "province", _("Province")


class RegionKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    AUTONOMOUS_REGION = "autonomous_region", _("Autonomous region")
    MUNICIPALITY = "municipality", _("Municipality")
    SPECIAL_ADMINISTRATIVE_REGION = "special_administrative_region", _("Special administrative region")
    CITY = "city", _("City")
    STATE = "state", _("State or prefecture")


class Currency(models.TextChoices):
    USD = "USD", "USD"
    VND = "VND", "VND"
    CNY = "CNY", "CNY"
    EUR = "EUR", "EUR"
    JPY = "JPY", "JPY"
    KRW = "KRW", "KRW"
    SGD = "SGD", "SGD"
    GBP = "GBP", "GBP"
    AUD = "AUD", "AUD"
    THB = "THB", "THB"
    TWD = "TWD", "TWD"
    HKD = "HKD", "HKD"
