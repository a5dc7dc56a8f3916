"""The frozen values that flow between the importer's pure steps.

Everything before the `save` step works on these dataclasses only, so each step can be
tested alone and a dry run can print exactly what a real import would write.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class RawDocument:
    """One article as read from a file, feed entry, JSON record or stdin, before cleaning.

    `text` is already decoded and NFC-normalized. Structured inputs (HTML, JSON, feeds) carry
    the metadata they state; plain text leaves it empty and the parse step finds it in the text.
    """

    source: str
    text: str
    format: str  # "text", "html", "json", "feed"
    title: str = ""
    url: str = ""
    published_on: dt.date | None = None
    outlet: str = ""


@dataclass(frozen=True)
class ReadError:
    """A source that could not be read; `message` is one sentence a person understands."""

    source: str
    message: str


@dataclass(frozen=True)
class ParsedArticle:
    """A cleaned article: what the `save` step stores as a SourceArticle."""

    source: str
    title: str
    body: str  # cleaned body; every offset in the extraction points into this string
    raw_text: str  # the text as read, kept for staff and for re-extraction
    content_hash: str
    published_on: dt.date | None = None
    outlet: str = ""
    byline: str = ""
    url: str = ""
    language: str = "vi"


@dataclass(frozen=True)
class Sentence:
    """A sentence of the cleaned body, with its character offsets."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """Where a name, place, sector or amount is written in the body, and the sentence around it."""

    start: int
    end: int
    text: str
    sentence: Sentence


@dataclass(frozen=True)
class OrganizationFound:
    name: str
    kind: str  # one of leads.choices.OrganizationKind values
    country: str = ""  # ISO 3166-1 alpha-2, "" when unknown
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class ContactFound:
    full_name: str
    title: str = ""
    organization: str = ""  # name of an OrganizationFound in the same extraction, or ""
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class PlaceFound:
    """A place resolved through the gazetteer: `name` is today's unit, `mention` as written."""

    name: str
    slug: str
    mention: str
    country: str
    kind: str  # "province", "city", "foreign_region", "country"
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class SectorFound:
    slug: str
    mention: str
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class AmountFound:
    mention: str  # as written, e.g. "gần 3 tỉ USD"
    value: Decimal
    currency: str  # ISO 4217, e.g. "USD", "VND", "CNY"
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class DateFound:
    mention: str
    value: dt.date | None  # None when the text gives too little to resolve a day
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class OpportunityFound:
    """One investor's intention toward one target, as the news reports it, with the sentence stating it.

    Who is `organization` (a name of an OrganizationFound, "" when no firm is named) or else the
    origin; `group` is the parent an investing subsidiary belongs to. `sectors` are slugs, the
    primary one first. `status` is what the news reports (leads.choices.ReportedStatus values),
    `investment_type` the shape of the investment (leads.choices.InvestmentType values).
    `other_evidence` are later sentences stating the same intention.
    """

    evidence: Sentence
    sectors: tuple[str, ...] = ()
    organization: str = ""
    group: str = ""
    origin: str = ""  # foreign region or country name, e.g. "Quảng Tây"
    origin_slug: str = ""
    province: str = ""  # target province (today's unit) or "" for nationwide
    province_slug: str = ""
    site: str = ""  # the site as written, e.g. "KCN Quế Võ"
    site_slug: str = ""  # its reference slug, "" when the reference list does not know it
    project: str = ""
    investment_type: str = ""
    status: str = ""
    stage: str = "identified"
    value: Decimal | None = None
    currency: str = ""
    land_area_ha: Decimal | None = None
    jobs: int | None = None
    other_evidence: tuple[Sentence, ...] = ()


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything the extract step found in one article."""

    article: ParsedArticle
    sentences: tuple[Sentence, ...] = ()
    organizations: tuple[OrganizationFound, ...] = ()
    contacts: tuple[ContactFound, ...] = ()
    places: tuple[PlaceFound, ...] = ()
    sectors: tuple[SectorFound, ...] = ()
    amounts: tuple[AmountFound, ...] = ()
    dates: tuple[DateFound, ...] = ()
    opportunities: tuple[OpportunityFound, ...] = field(default=())
