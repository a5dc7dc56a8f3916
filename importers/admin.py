"""The importer in the admin: the sources polled on a schedule, with their health, and the import jobs.

A failing source is marked in red in the list with how many polls in a row failed and why; "Poll
now" queues a poll of the selected sources for the worker. An import job's page shows its progress
while it runs (the page reloads itself every few seconds) and its outcomes when it is done; jobs
that stopped midway can be retried from the list. Staff see the jobs they started; those with the
view permission on import jobs see everyone's.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from importers.jobs import import_job_retry
from importers.models import ImportJob, ImportJobItem, ItemStatus, JobState, Source
from importers.tasks import poll_source
from leads.admin.base import HttpsUrlMixin, admin_link, html_list

HEALTH_COLOURS = {"ok": "#2e7d32", "failing": "#ba2121", "never": "#777"}
FAILED_SHOWN = 50  # failed outcomes listed on a job's page; the outcome list has them all


def _badge(kind: str, text: str) -> str:
    return format_html('<span class="crm-stage" style="background:{}">{}</span>', HEALTH_COLOURS[kind], text)


class FailingFilter(admin.SimpleListFilter):
    title = gettext_lazy("health")
    parameter_name = "failing"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("yes", _("Failing")), ("no", _("Working"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.failing()
        if self.value() == "no":
            return queryset.filter(consecutive_failures=0)
        return queryset


@admin.register(Source)
class SourceAdmin(HttpsUrlMixin, admin.ModelAdmin):
    list_display = (
        "name",
        "outlet",
        "kind",
        "active",
        "health",
        "last_polled_at",
        "last_success_at",
        "items_new",
        "items_new_total",
        "next_poll_at",
    )
    list_filter = (FailingFilter, "active", "kind", "language")
    search_fields = ("name", "outlet", "url")
    readonly_fields = (
        "health",
        "last_polled_at",
        "last_success_at",
        "last_error",
        "consecutive_failures",
        "next_poll_at",
        "items_seen",
        "items_new",
        "items_new_total",
        "etag",
        "last_modified",
    )
    fieldsets = (
        (None, {"fields": ("name", "outlet", "url", ("kind", "language"), "active", "poll_interval_minutes")}),
        (gettext_lazy("Filter"), {"fields": ("filter_words",)}),
        (
            gettext_lazy("Health"),
            {
                "fields": (
                    "health",
                    ("last_polled_at", "last_success_at", "next_poll_at"),
                    "last_error",
                    "consecutive_failures",
                    ("items_seen", "items_new", "items_new_total"),
                    ("etag", "last_modified"),
                )
            },
        ),
    )
    actions = ("poll_now",)

    @admin.display(description=gettext_lazy("health"), ordering="consecutive_failures")
    def health(self, source: Source) -> str:
        if source.is_failing:
            failures = ngettext("failing (%(n)d poll)", "failing (%(n)d polls in a row)", source.consecutive_failures)
            return format_html(
                '{} <span class="crm-muted">{}</span>',
                _badge("failing", failures % {"n": source.consecutive_failures}),
                source.last_error,
            )
        if source.last_polled_at is None:
            return _badge("never", _("not polled yet"))
        return _badge("ok", _("working"))

    @admin.action(description=gettext_lazy("Poll now"), permissions=["change"])
    def poll_now(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = 0
        for source in queryset:
            poll_source.enqueue(source.pk)
            count += 1
        self.message_user(
            request,
            ngettext(
                "A poll of %(count)d source is queued; the worker runs it.",
                "Polls of %(count)d sources are queued; the worker runs them.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


class ImportJobVisibilityMixin:
    """Who may see jobs: those who may view them all, and anyone who may import, for their own."""

    def _may_import(self, request: HttpRequest) -> bool:
        return request.user.has_perm("leads.add_sourcearticle")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or self._may_import(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        if super().has_view_permission(request, obj):
            return True
        owner = getattr(obj, "job", obj)
        return self._may_import(request) and (owner is None or owner.created_by_id == request.user.pk)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # jobs come from the import page and the API

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # a record of what happened


@admin.register(ImportJob)
class ImportJobAdmin(ImportJobVisibilityMixin, admin.ModelAdmin):
    list_display = ("__str__", "state", "progress", "outcome_counts", "created_by", "created_at", "finished_at")
    list_filter = ("state", "created_at")
    list_select_related = ("created_by",)
    fields = (
        "state",
        "progress",
        "outcome_counts",
        "error",
        "filename",
        "update",
        "created_by",
        ("created_at", "started_at", "finished_at"),
        "attempts",
        "failed_outcomes",
    )
    readonly_fields = tuple(name for entry in fields for name in ((entry,) if isinstance(entry, str) else entry))
    actions = ("retry",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).visible_to(request.user).with_counts().defer("payload")

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        job = self.get_object(request, object_id)
        running = job is not None and job.state in (JobState.QUEUED, JobState.RUNNING)
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), "reload_page": running})

    @admin.display(description=gettext_lazy("progress"))
    def progress(self, job: ImportJob) -> str:
        if job.total is None:
            return _("waiting for a worker to read the upload")
        return format_html(
            '<progress max="{}" value="{}"></progress> {}',
            job.total or 1,
            job.processed,
            _("%(done)s of %(total)s articles") % {"done": f"{job.processed:,}", "total": f"{job.total:,}"},
        )

    @admin.display(description=gettext_lazy("outcomes"))
    def outcome_counts(self, job: ImportJob) -> str:
        items = reverse("admin:importers_importjobitem_changelist")
        parts = [
            format_html(
                '<a href="{}?job__exact={}&amp;status__exact={}">{}: {}</a>',
                items,
                job.pk,
                status.value,
                status.label,
                getattr(job, f"count_{status.value}"),
            )
            for status in ItemStatus
        ]
        return format_html(", ".join(["{}"] * len(parts)), *parts)

    @admin.display(description=gettext_lazy("failed articles"))
    def failed_outcomes(self, job: ImportJob) -> str:
        failed = job.items.filter(status=ItemStatus.FAILED).order_by("position")[:FAILED_SHOWN]
        return html_list((f"{item.source}: {item.error}" for item in failed), empty=_("none"))

    @admin.action(description=gettext_lazy("Retry selected jobs that stopped"))
    def retry(self, request: HttpRequest, queryset: QuerySet) -> None:
        if not request.user.has_perm("leads.add_sourcearticle"):
            self.message_user(request, _("Retrying a job is importing: you may not import articles."), messages.ERROR)
            return
        retried = 0
        for job in queryset:
            try:
                import_job_retry(job=job)
            except ValidationError:
                continue
            retried += 1
        self.message_user(
            request,
            ngettext("%(count)d job queued again.", "%(count)d jobs queued again.", retried) % {"count": retried},
            messages.SUCCESS if retried else messages.WARNING,
        )


@admin.register(ImportJobItem)
class ImportJobItemAdmin(ImportJobVisibilityMixin, admin.ModelAdmin):
    list_display = ("position", "source", "status", "article_link", "error", "completed_at")
    list_filter = ("status",)  # and `?job__exact=ID`, as the job page links
    list_select_related = ("article", "job")
    search_fields = ("source", "error")
    fields = ("job", "position", "source", "status", "error", "article_link", "created", "matched", "completed_at")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).filter(job__in=ImportJob.objects.visible_to(request.user))

    @admin.display(description=gettext_lazy("source article"))
    def article_link(self, item: ImportJobItem) -> str:
        return admin_link(item.article)
