"""The audit history in the admin: each record's "History" page, and the whole log, read-only.

`AuditHistoryMixin` makes the "History" button of an organization, contact, opportunity or
activity list every change auditlog recorded (through the admin, the API, the importer or the
shell), not only what was done in the admin: who, when, what, and each field's value before and
after, with labels and names staff read. It is shown to whoever may view the record.

The log itself (*Audit log › Log entries*) replaces auditlog's own admin. A history that can be
edited is no history, so nobody adds, changes or deletes an entry there, superusers included;
each user sees only the entries of the models they may view.
"""

from __future__ import annotations

from typing import Any

from auditlog.admin import LogEntryAdmin as AuditlogLogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leads import audit

NO_ACTOR = gettext_lazy("nobody: the importer, a command or the shell")


class AuditHistoryMixin:
    """The change page's "History" lists the record's audit history, newest first, 50 to a page.

    Its number of queries does not grow with the entries: actors come with the entries, and the
    related records their changes name are read once per model (`audit.readable_changes`).
    """

    history_per_page = 50
    object_history_template = "admin/leads/audit_history.html"

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict | None = None) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        entries = (
            LogEntry.objects.get_for_object(obj).select_related("content_type", "actor").order_by("-timestamp", "-pk")
        )
        paginator = self.get_paginator(request, entries, self.history_per_page)
        page = paginator.get_page(request.GET.get(PAGE_VAR, 1))
        changes = audit.readable_changes(page)
        context = {
            **self.admin_site.each_context(request),
            "title": _("History of %(record)s") % {"record": obj},
            "subtitle": None,
            "entries": [(entry, changes[entry.pk]) for entry in page],
            "page": page,
            "page_range": paginator.get_elided_page_range(page.number),
            "page_var": PAGE_VAR,
            "pagination_required": paginator.count > self.history_per_page,
            "no_actor": NO_ACTOR,
            "module_name": str(capfirst(self.opts.verbose_name_plural)),
            "object": obj,
            "opts": self.opts,
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)


def _changes_html(entry: LogEntry) -> SafeString:
    changes = audit.readable_changes([entry])[entry.pk]
    return render_to_string("admin/leads/audit_changes.html", {"changes": changes})


class LogEntryAdmin(AuditlogLogEntryAdmin):
    """Every recorded change, newest first; nobody may add, change or delete one."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: LogEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: LogEntry | None = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: LogEntry | None = None) -> bool:
        models: list[type[Model]] = audit.viewable_models(request.user)
        if obj is None:
            return bool(models)
        return obj.content_type.model_class() in models

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return audit.visible_entries(request.user, super().get_queryset(request))

    @admin.display(description=gettext_lazy("User"))
    def user_url(self, obj: LogEntry) -> Any:
        return super().user_url(obj) if obj.actor_id else NO_ACTOR

    @admin.display(description=gettext_lazy("Changes"))
    def msg_short(self, obj: LogEntry) -> str:
        if obj.action == LogEntry.Action.DELETE:
            return ""
        model = obj.content_type.model_class()
        return ", ".join(audit.field_label(model, name) for name in obj.changes_dict)

    @admin.display(description=gettext_lazy("Changes"))
    def msg(self, obj: LogEntry) -> SafeString:
        return _changes_html(obj)


if admin.site.is_registered(LogEntry):
    admin.site.unregister(LogEntry)
admin.site.register(LogEntry, LogEntryAdmin)

__all__ = ["AuditHistoryMixin", "LogEntryAdmin"]
