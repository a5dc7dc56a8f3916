"""Watches and alerts in the workspace: my watches, my notifications (unread count in the header), my webhooks.

Every list shows the user's own records only, superusers included: a watch is a person's
interest, not the agency's data. Saving a watch or a subscription needs the view opportunity
permission; the filter is checked as the API checks it (`leads.watches.watch_query_errors`).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from leads import watches
from leads.admin.base import admin_url
from leads.links import absolute_url
from leads.models import Notification, Watch, WebhookSubscription
from leads.webhooks import webhook_target_refusal

RECENT_DELIVERIES = 10


class OwnRecordsAdmin(admin.ModelAdmin):
    """A user's own records (`owner_field`), saved by who may view opportunities."""

    owner_field = "owner"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).filter(**{self.owner_field: request.user})

    def _may(self, request: HttpRequest, obj=None) -> bool:
        own = obj is None or getattr(obj, f"{self.owner_field}_id") == request.user.pk
        return own and request.user.is_active and request.user.has_perm(watches.VIEW_OPPORTUNITY)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._may(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._may(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._may(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._may(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._may(request, obj)

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        if not change:
            setattr(obj, self.owner_field, request.user)
        super().save_model(request, obj, form, change)


class WatchForm(forms.ModelForm):
    user = None  # the user saving, set by `WatchAdmin.get_form`: `owner=me` in a filter means them

    class Meta:
        model = Watch
        fields = (
            "name",
            "query",
            "organization",
            "is_active",
            "notify_new_leads",
            "notify_new_evidence",
            "notify_stage_moves",
            "frequency",
            "language",
        )

    def clean_query(self) -> str:
        return watches.watch_clean_query(self.cleaned_data["query"], user=self.user)


@admin.register(Watch)
class WatchAdmin(OwnRecordsAdmin):
    form = WatchForm
    list_display = ("name", "query", "organization", "frequency", "is_active", "unread")
    list_filter = ("is_active", "frequency")
    list_select_related = ("organization",)
    search_fields = ("name", "query")
    autocomplete_fields = ("organization",)
    readonly_fields = ("feed",)
    fieldsets = (
        (None, {"fields": ("name", "query", "organization", "is_active")}),
        (_("Notify on"), {"fields": ("notify_new_leads", "notify_new_evidence", "notify_stage_moves")}),
        (_("Digest e-mail"), {"fields": ("frequency", "language")}),
        (_("Atom feed"), {"fields": ("feed",)}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(unread_count=Count("notifications", filter=Q(notifications__read_at__isnull=True)))
        )

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        """A new watch e-mails in the language the person is using the workspace in."""
        return {
            "language": translation.get_language() or settings.LANGUAGE_CODE,
            **super().get_changeform_initial_data(request),
        }

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    @admin.display(description=_("unread"), ordering="unread_count")
    def unread(self, watch: Watch) -> str:
        url = f"{reverse('admin:leads_notification_changelist')}?watch={watch.pk}&read_at__isempty=1"
        return format_html('<a href="{}">{}</a>', url, watch.unread_count)

    @admin.display(description=_("feed"))
    def feed(self, watch: Watch) -> str:
        if not watch.pk:
            return "-"
        url = reverse("api:watch-feed", args=[watch.pk])
        return format_html('<a href="{}">{}</a>', url, absolute_url(url))


class OwnWatchFilter(admin.SimpleListFilter):
    title = _("watch")
    parameter_name = "watch"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[int, str]]:
        return list(Watch.objects.filter(owner=request.user).values_list("pk", "name"))

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        return queryset.filter(watch_id=value) if value and value.isdigit() else queryset


@admin.register(Notification)
class NotificationAdmin(OwnRecordsAdmin):
    """My notifications: what my watches matched, newest first, each linking to the lead and its evidence."""

    owner_field = "user"
    list_display = ("created_at", "kind", "lead", "evidence_link", "watch", "read")
    list_display_links = None
    list_filter = (("read_at", admin.EmptyFieldListFilter), "kind", OwnWatchFilter)
    actions = ["mark_read"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).with_related()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> TemplateResponse:
        return super().changelist_view(request, {"title": _("My notifications"), **(extra_context or {})})

    @admin.display(description=_("opportunity"))
    def lead(self, notification: Notification) -> str:
        return format_html('<a href="{}">{}</a>', admin_url(notification.opportunity), notification.opportunity)

    @admin.display(description=_("evidence"))
    def evidence_link(self, notification: Notification) -> str:
        url = f"{reverse('admin:leads_evidence_changelist')}?opportunity__id__exact={notification.opportunity_id}"
        sentence = notification.evidence.sentence if notification.evidence else _("all evidence")
        return format_html('<a href="{}">{}</a>', url, sentence[:160])

    @admin.display(description=_("read"), boolean=True, ordering="read_at")
    def read(self, notification: Notification) -> bool:
        return notification.read_at is not None

    @admin.action(description=_("Mark the selected notifications as read"))
    def mark_read(self, request: HttpRequest, queryset: QuerySet) -> None:
        marked = watches.notifications_mark_read(user=request.user, notifications=queryset)
        self.message_user(
            request,
            ngettext("%(count)d notification marked as read.", "%(count)d notifications marked as read.", marked)
            % {"count": marked},
            messages.SUCCESS,
        )


class WebhookSubscriptionForm(forms.ModelForm):
    def clean_target_url(self) -> str:
        url = self.cleaned_data["target_url"]
        refusal = webhook_target_refusal(url)
        if refusal:
            raise forms.ValidationError(refusal)
        return url


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(OwnRecordsAdmin):
    form = WebhookSubscriptionForm
    list_display = ("target_url", "watch", "is_active", "failure_count", "last_success_at", "last_error")
    list_filter = ("is_active",)
    list_select_related = ("watch",)
    readonly_fields = ("secret", "failure_count", "last_error", "last_success_at", "recent_deliveries")

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "watch":
            kwargs["queryset"] = Watch.objects.filter(owner=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_exclude(self, request: HttpRequest, obj=None) -> tuple[str, ...]:
        return ("owner",)

    @admin.display(description=_("recent deliveries"))
    def recent_deliveries(self, subscription: WebhookSubscription) -> str:
        if not subscription.pk:
            return "-"
        rows = list(subscription.deliveries.order_by("-created_at", "-pk")[:RECENT_DELIVERIES])
        if not rows:
            return "-"
        return format_html(
            '<ul class="crm-list">{}</ul>',
            format_html_join(
                "",
                "<li>{} · {} · {} · {}</li>",
                (
                    (delivery.created_at, delivery.get_status_display(), delivery.attempts, delivery.last_error or "")
                    for delivery in rows
                ),
            ),
        )
