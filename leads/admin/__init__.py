"""The staff workspace: every model with useful columns, filters, accent-insensitive search.

Admin classes stay thin: stage moves and merges call `leads.services`, search goes through
the querysets' `search()`, and every changelist names its `select_related` so the number of
queries does not grow with the page.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from leads.models import (
    Activity,
    ApiToken,
    Contact,
    Country,
    DeletedRecord,
    Evidence,
    ForeignRegion,
    Opportunity,
    Organization,
    OrganizationAlias,
    Province,
    Sector,
    SourceArticle,
    StageChange,
)


class FoldedSearchMixin:
    """Accent-insensitive search: "quang chau" finds "Quảng Châu" through the queryset's `search()`."""

    search_fields = ("pk",)  # shows the search box; the folded search below does the work

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        if not search_term:
            return queryset, False
        return queryset.search(search_term), False


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_en")
    search_fields = ("code", "name", "name_en", "normalized_name")


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "code", "kind", "is_current", "successor")
    list_filter = ("is_current", "kind")
    list_select_related = ("successor",)
    search_fields = ("name", "slug", "normalized_name")
    autocomplete_fields = ("successor",)


@admin.register(ForeignRegion)
class ForeignRegionAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "slug", "kind", "country", "parent")
    list_filter = ("country", "kind")
    list_select_related = ("country", "parent")
    search_fields = ("name", "name_en", "slug", "normalized_name")
    autocomplete_fields = ("parent",)


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_en", "name_vi")
    search_fields = ("slug", "name_en", "name_vi", "normalized_name")


class OrganizationAliasInline(admin.TabularInline):
    model = OrganizationAlias
    extra = 0


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ("article", "sentence", "mention")
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("article")


@admin.register(Organization)
class OrganizationAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "country", "province", "region", "updated_at")
    list_filter = ("kind", "country", "sectors", "province")
    list_select_related = ("country", "province", "region")
    autocomplete_fields = ("country", "province", "region", "sectors")
    inlines = (OrganizationAliasInline, EvidenceInline)


@admin.register(Contact)
class ContactAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("full_name", "title", "organization", "review_status", "updated_at")
    list_filter = ("review_status", "organization__country")
    list_select_related = ("organization",)
    autocomplete_fields = ("organization",)
    inlines = (EvidenceInline,)


@admin.register(Opportunity)
class OpportunityAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = (
        "__str__",
        "organization",
        "origin_region",
        "province",
        "sector",
        "stage",
        "value",
        "currency",
        "owner",
        "next_step_on",
        "updated_at",
    )
    list_filter = ("stage", "sector", "province", "origin_country", "investment_type", "priority", "owner")
    list_select_related = ("organization", "origin_region", "origin_country", "province", "sector", "owner")
    autocomplete_fields = ("organization", "origin_region", "origin_country", "province", "sector", "owner", "contacts")
    readonly_fields = ("stage", "stage_reason", "is_imported", "created_at", "updated_at")
    date_hierarchy = "created_at"
    inlines = (EvidenceInline,)


@admin.register(SourceArticle)
class SourceArticleAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("title", "outlet", "published_on", "imported_at")
    list_filter = ("outlet", "language")
    date_hierarchy = "imported_at"
    readonly_fields = ("content_hash", "raw_text", "imported_at", "extracted_at", "updated_at")


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ("article", "organization", "contact", "opportunity", "mention")
    list_select_related = ("article", "organization", "contact", "opportunity")
    raw_id_fields = ("article", "organization", "contact", "opportunity")


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin):
    list_display = ("opportunity", "from_stage", "to_stage", "changed_by", "changed_at")
    list_filter = ("to_stage",)
    list_select_related = ("opportunity", "changed_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("subject", "kind", "occurred_at", "opportunity", "organization", "contact", "created_by")
    list_filter = ("kind",)
    list_select_related = ("opportunity", "organization", "contact", "created_by")
    raw_id_fields = ("opportunity", "organization", "contact")
    search_fields = ("subject", "notes")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "read_only", "created_at", "last_used_at", "revoked_at")
    list_select_related = ("user",)
    readonly_fields = ("key", "created_at", "last_used_at")


@admin.register(DeletedRecord)
class DeletedRecordAdmin(admin.ModelAdmin):
    list_display = ("model", "object_id", "deleted_at")
    list_filter = ("model",)


admin.site.site_header = _("Investment-lead CRM")
admin.site.site_title = _("Investment-lead CRM")
