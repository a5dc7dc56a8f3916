"""Reference data staff may correct: provinces (34 current + 63 pre-2025), regions, countries, sectors, sites, rates."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from leads.admin.base import NormalizedNameSearchMixin
from leads.collation import VietnameseCollate, vietnamese_sorted
from leads.models import Country, ExchangeRate, ForeignRegion, Province, Sector, Site


@admin.register(Country)
class CountryAdmin(NormalizedNameSearchMixin, admin.ModelAdmin):
    list_display = ("name", "code", "name_en")
    search_fields = ("code", "name", "name_en")
    ordering = (VietnameseCollate("name"),)


@admin.register(Province)
class ProvinceAdmin(NormalizedNameSearchMixin, admin.ModelAdmin):
    """Today's 34 units first, then the 63 pre-2025 provinces with the unit each became."""

    list_display = ("name", "kind", "is_current", "successor", "merged_from", "code", "slug")
    list_filter = ("is_current", "kind")
    list_select_related = ("successor",)
    list_per_page = 100
    search_fields = ("name", "slug", "full_name")
    autocomplete_fields = ("successor",)
    ordering = ("-is_current", VietnameseCollate("name"))

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("predecessors")

    @admin.display(description=_("merged from"))
    def merged_from(self, province: Province) -> str:
        names = vietnamese_sorted(predecessor.name for predecessor in province.predecessors.all())
        return ", ".join(names)


@admin.register(ForeignRegion)
class ForeignRegionAdmin(NormalizedNameSearchMixin, admin.ModelAdmin):
    list_display = ("name", "name_en", "kind", "country", "parent", "ambiguous", "slug")
    list_filter = ("country", "kind", "ambiguous")
    list_select_related = ("country", "parent")
    search_fields = ("name", "name_en", "slug")
    autocomplete_fields = ("parent", "country")
    ordering = ("country__code", VietnameseCollate("name"))


@admin.register(Sector)
class SectorAdmin(NormalizedNameSearchMixin, admin.ModelAdmin):
    list_display = ("slug", "name_en", "name_vi", "keyword_count")
    search_fields = ("slug", "name_en", "name_vi")

    @admin.display(description=_("keywords"))
    def keyword_count(self, sector: Sector) -> int:
        return len(sector.keywords)


@admin.register(Site)
class SiteAdmin(NormalizedNameSearchMixin, admin.ModelAdmin):
    """Industrial parks, zones and clusters, with the province before and after the 2025 merger."""

    list_display = ("name", "kind", "province", "former_province", "slug")
    list_filter = ("kind", ("province", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("province", "former_province", "former_province__successor")
    list_per_page = 100
    search_fields = ("name", "slug")
    autocomplete_fields = ("province", "former_province")
    ordering = (VietnameseCollate("name"),)

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        """Also by alias, as the press writes them ("KCN Quế Võ" for "Khu công nghiệp Quế Võ"): the page's
        autocomplete on opportunities searches here."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            results = results | queryset.filter(pk__in=Site.objects.search(search_term).values("pk"))
        return results, may_have_duplicates


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    """The yearly reference rates that value every opportunity in US dollars."""

    list_display = ("currency", "year", "units_per_usd")
    list_filter = ("currency",)
    list_per_page = 100
    ordering = ("currency", "-year")
