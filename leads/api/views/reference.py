"""Reference data, read-only: sectors, provinces, sites, exchange rates, countries, foreign regions."""

from __future__ import annotations

from rest_framework import viewsets

from leads import filtersets
from leads.api import serializers as s
from leads.api.views.base import CrmViewSet
from leads.models import Country, ExchangeRate, ForeignRegion, Province, Sector, Site


class SectorViewSet(CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """The sector taxonomy: slugs to filter and write with, English and Vietnamese names, keywords."""

    queryset = Sector.objects.all()
    serializer_class = s.SectorSerializer
    filterset_class = filtersets.SectorFilterSet


class ProvinceViewSet(CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Vietnam's 34 province-level units since 1 July 2025, and the 63 pre-2025 units with their successors."""

    queryset = Province.objects.select_related("successor")
    serializer_class = s.ProvinceSerializer
    filterset_class = filtersets.ProvinceFilterSet


class SiteViewSet(CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Industrial parks, export-processing zones, economic zones, hi-tech parks and clusters, by province."""

    queryset = Site.objects.with_related()
    serializer_class = s.SiteSerializer
    filterset_class = filtersets.SiteFilterSet


class ExchangeRateViewSet(CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Yearly reference rates to the US dollar, by which opportunities' `value_usd` is computed."""

    queryset = ExchangeRate.objects.all()
    serializer_class = s.ExchangeRateSerializer
    filterset_class = filtersets.ExchangeRateFilterSet


class CountryViewSet(CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Countries investors come from, by ISO code."""

    queryset = Country.objects.all()
    serializer_class = s.CountrySerializer
    filterset_class = filtersets.CountryFilterSet
    lookup_field = "code"


class ForeignRegionViewSet(CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Regions abroad that investors come from (Quảng Đông, Thâm Quyến ⊂ Quảng Đông...)."""

    queryset = ForeignRegion.objects.select_related("country", "parent__country")
    serializer_class = s.ForeignRegionSerializer
    filterset_class = filtersets.ForeignRegionFilterSet
