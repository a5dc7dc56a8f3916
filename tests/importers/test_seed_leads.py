"""The seeds as staff count them: every interest found before leads became intentions, one lead per intention.

Before, the five seed articles made 49 rows, one per (investor, target, sector); the interests
below are those rows grouped by investor and target. Each must still be found with at least
those sectors, and no investor and target may be two leads.
"""

from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from leads.models import Opportunity
from leads.text import normalize_name

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "articles"

FOUND_BEFORE = {
    ("Trung Quốc", ""): {
        "ai",
        "biotech-pharma",
        "cloud-data",
        "digital-economy",
        "green-tech",
        "industrial-parks",
        "iot",
        "manufacturing",
        "railways",
        "renewable-energy",
        "semiconductors",
        "software-digital",
        "transport-infrastructure",
        "urban-infrastructure",
    },
    ("Thâm Quyến", ""): {"ai", "biotech-pharma", "iot", "manufacturing", "urban-infrastructure"},
    ("Ủy ban Xúc tiến Thương mại Quốc tế Trung Quốc", ""): {"digital-economy"},
    ("Quảng Tây", ""): {"digital-economy", "trade", "transport-infrastructure", "urban-infrastructure"},
    ("Ủy ban Ngành Thương mại thuộc Hội đồng Xúc tiến Thương mại Quốc tế Trung Quốc", ""): {"trade"},
    ("Trung Quốc", "TP. Hồ Chí Minh"): {
        "ai",
        "blockchain",
        "cloud-data",
        "education-workforce",
        "finance",
        "fintech",
        "iot",
        "software-digital",
        "urban-infrastructure",
    },
    ("Quảng Châu", ""): {"trade", "transport-infrastructure", "urban-infrastructure"},
    ("Hội Hữu nghị Hải ngoại Thành phố Quảng Châu", "Hà Nội"): {"railways", "tourism"},
    ("Sở Công nghiệp và Thông tin khu tự trị dân tộc Choang Quảng Tây", "Bắc Ninh"): {
        "ai",
        "cloud-data",
        "education-workforce",
        "manufacturing",
    },
    ("Quảng Tây", "Bắc Ninh"): {"agriculture-food", "digital-economy", "logistics", "trade"},
}


def fold(who: object) -> str:
    return normalize_name(str(who))


@pytest.mark.django_db
def test_the_seed_interests_are_all_found_as_one_lead_per_investor_and_target():
    call_command("import_articles", str(SEEDS), stdout=StringIO(), stderr=StringIO())

    leads = Opportunity.objects.select_related(
        "organization", "origin_region", "origin_country", "province", "primary_sector"
    ).prefetch_related("sectors")
    found = {
        (
            fold(lead.organization or lead.origin_region or lead.origin_country),
            lead.province.name if lead.province else "",
        ): {sector.slug for sector in lead.sectors.all()}
        for lead in leads
    }
    targets = Counter(
        (lead.organization_id, lead.origin_region_id, lead.origin_country_id, lead.province_id) for lead in leads
    )
    assert max(targets.values()) == 1
    missing = {key: sectors - found.get((fold(key[0]), key[1]), set()) for key, sectors in FOUND_BEFORE.items()}
    assert {key: gone for key, gone in missing.items() if gone} == {}
    assert 10 <= len(found) <= 14  # the 49 rows of before are about a dozen leads
    assert all(lead.primary_sector is None or lead.primary_sector in lead.sectors.all() for lead in leads)
