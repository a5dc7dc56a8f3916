"""What integrations use: API tokens staff issue and revoke, and the deleted-records feed."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from leads.models import ApiToken, DeletedRecord


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "read_only", "created_at", "last_used_at", "revoked_at")
    list_filter = ("read_only", ("revoked_at", admin.EmptyFieldListFilter))
    list_select_related = ("user",)
    autocomplete_fields = ("user",)
    readonly_fields = ("key", "created_at", "last_used_at")
    search_fields = ("name", "user__username")


@admin.register(DeletedRecord)
class DeletedRecordAdmin(admin.ModelAdmin):
    list_display = ("model", "object_id", "deleted_at")
    list_filter = ("model", "deleted_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
