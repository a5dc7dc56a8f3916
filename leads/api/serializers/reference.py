"""Reference data, read-only: sectors, provinces, sites, countries, foreign regions, exchange rates."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from leads.api.serializers.summaries import ForeignRegionSummarySerializer, ProvinceSummarySerializer
from leads.models import Country, ExchangeRate, ForeignRegion, Province, Sector, Site


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["id", "slug", "name_en", "name_vi", "keywords"]


class ProvinceSerializer(serializers.ModelSerializer):
    successor = ProvinceSummarySerializer(read_only=True, allow_null=True, help_text=_("Today's unit, for old ones."))

    class Meta:
        model = Province
        fields = ["id", "slug", "code", "name", "full_name", "kind", "is_current", "successor", "aliases"]


class SiteSerializer(serializers.ModelSerializer):
    province = ProvinceSummarySerializer(read_only=True)
    former_province = ProvinceSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Site
        fields = ["id", "slug", "name", "kind", "province", "former_province", "aliases"]


class CountrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["code", "name", "name_en", "aliases"]


class ForeignRegionSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", read_only=True, help_text=_("ISO code."))
    parent = ForeignRegionSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = ForeignRegion
        fields = ["id", "slug", "name", "name_en", "country", "kind", "parent", "aliases", "ambiguous"]


class ExchangeRateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExchangeRate
        fields = ["id", "currency", "year", "units_per_usd"]
