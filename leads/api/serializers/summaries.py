"""How a related record appears inside another one: a few fields, read-only."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from leads.models import (
    Contact,
    Country,
    ForeignRegion,
    Opportunity,
    Organization,
    Province,
    Sector,
    Site,
    SourceArticle,
)

User = get_user_model()


class SectorSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["id", "slug", "name_en", "name_vi"]


class ProvinceSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["id", "slug", "name"]


class CountrySummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["code", "name", "name_en"]


class ForeignRegionSummarySerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", read_only=True, help_text=_("ISO code."))

    class Meta:
        model = ForeignRegion
        fields = ["id", "slug", "name", "name_en", "country"]


class SiteSummarySerializer(serializers.ModelSerializer):
    province = ProvinceSummarySerializer(read_only=True)

    class Meta:
        model = Site
        fields = ["id", "slug", "name", "kind", "province"]


class OrganizationSummarySerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country_id", read_only=True, allow_null=True, help_text=_("ISO code."))

    class Meta:
        model = Organization
        fields = ["id", "name", "kind", "country"]


class ContactSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "full_name", "title"]


class UserSummarySerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="get_full_name", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "full_name"]


class OpportunitySummarySerializer(serializers.ModelSerializer):
    display = serializers.CharField(
        source="__str__", read_only=True, help_text="Title, or who → where: project (or primary sector)."
    )

    class Meta:
        model = Opportunity
        fields = ["id", "display", "stage"]


# Joins an opportunity summary needs for its `display` (`Opportunity.describe()`: who → where: what).
OPPORTUNITY_SUMMARY_RELATED = (
    "organization",
    "origin_region",
    "origin_country",
    "province",
    "site",
    "primary_sector",
)


def opportunity_summary_related(prefix: str) -> list[str]:
    return [prefix, *(f"{prefix}__{name}" for name in OPPORTUNITY_SUMMARY_RELATED)]


class ArticleSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = SourceArticle
        fields = ["id", "title", "outlet", "published_on", "url"]
