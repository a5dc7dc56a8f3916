"""The dry-run preview: an ArticleExtraction as the JSON object of the preview contract.

Other tools read these keys (design.md, "Preview contract"); extra keys are allowed, missing
or renamed ones break them. Values are plain JSON: whole Decimals become ints, others floats;
dates are ISO strings.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from importers.types import ArticleExtraction, Mention, OpportunityFound
from leads.money import shipped_rates, to_usd


def json_number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: an int when whole (260650000000), else a float (2.5)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _spans(mentions: tuple[Mention, ...]) -> list[dict[str, int]]:
    return [{"start": m.start, "end": m.end} for m in mentions]


def extraction_to_preview(extraction: ArticleExtraction) -> dict[str, Any]:
    """The preview-contract dict of one article (JSON-serializable)."""
    article = extraction.article
    year = (article.published_on or datetime.date.today()).year
    return {
        "source": article.source,
        "article": {
            "title": article.title,
            "published_on": article.published_on.isoformat() if article.published_on else None,
            "content_hash": article.content_hash,
            "language": article.language,
        },
        "organizations": [
            {"name": o.name, "kind": o.kind, "country": o.country, "mentions": _spans(o.mentions)}
            for o in extraction.organizations
        ],
        "contacts": [
            {"full_name": c.full_name, "title": c.title, "organization": c.organization, "mentions": _spans(c.mentions)}
            for c in extraction.contacts
        ],
        "places": [
            {"name": p.name, "mention": p.mention, "country": p.country, "kind": p.kind, "slug": p.slug}
            for p in extraction.places
        ],
        "sectors": [{"slug": s.slug, "mention": s.mention} for s in extraction.sectors],
        "amounts": [
            {"mention": a.mention, "value": json_number(a.value), "currency": a.currency} for a in extraction.amounts
        ],
        "dates": [{"mention": d.mention, "value": d.value.isoformat() if d.value else None} for d in extraction.dates],
        "opportunities": [_opportunity(o, year) for o in extraction.opportunities],
    }


def _opportunity(found: OpportunityFound, year: int) -> dict[str, Any]:
    """One lead of the preview; `value_usd` at the shipped rate of the article's year."""
    return {
        "organization": found.organization,
        "group": found.group,
        "origin": found.origin,
        "origin_slug": found.origin_slug,
        "province": found.province,
        "site": found.site,
        "project": found.project,
        "sectors": list(found.sectors),
        "investment_type": found.investment_type,
        "status": found.status,
        "stage": found.stage,
        "value": json_number(found.value),
        "currency": found.currency or None,
        "value_usd": json_number(to_usd(found.value, found.currency, year, shipped_rates())),
        "land_area_ha": json_number(found.land_area_ha),
        "jobs": found.jobs,
        "evidence": found.evidence.text,
        "evidence_start": found.evidence.start,
        "evidence_end": found.evidence.end,
        "other_evidence": [{"start": s.start, "end": s.end} for s in found.other_evidence],
    }
