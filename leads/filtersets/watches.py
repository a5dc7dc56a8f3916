"""Filters of a user's own watches, notifications and webhook subscriptions.

Keys of watches are checked against the asking user's own watches only, so an unknown key and
another user's watch read the same ("no watch with key ...").
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from leads.filtersets.base import BaseFilterSet, BooleanFilter, ChoicesFilter, KeysFilter, MomentFilter
from leads.models import Notification, Watch, WebhookSubscription
from leads.models.watches import DigestFrequency, NotificationKind


class OwnWatchesFilter(KeysFilter):
    """Keys of the asking user's own watches: the field is built per request, on their watches only."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("Keys of your watches."))
        super().__init__(*args, queryset=Watch.objects.none(), **kwargs)

    @property
    def field(self) -> Any:
        user = getattr(getattr(self.parent, "request", None), "user", None)
        own = Watch.objects.filter(owner_id=getattr(user, "pk", None))
        return self.field_class(label=self.label, **{**self.extra, "queryset": own})


class WatchFilterSet(BaseFilterSet):
    is_active = BooleanFilter(field_name="is_active", lookup_expr="exact", help_text=_("Whether the watch is on."))
    frequency = ChoicesFilter(
        field_name="frequency", choices=DigestFrequency.choices, help_text=_("Digest e-mail frequencies.")
    )

    class Meta:
        model = Watch
        fields: list[str] = []


class NotificationFilterSet(BaseFilterSet):
    unread = BooleanFilter(field_name="read_at", lookup_expr="isnull", help_text=_("Only unread (or only read) ones."))
    kind = ChoicesFilter(field_name="kind", choices=NotificationKind.choices, help_text=_("Kinds of notification."))
    watch = OwnWatchesFilter(field_name="watch")
    created_after = MomentFilter(field_name="created_at", lookup_expr="gte", help_text=_("Created on or after."))

    class Meta:
        model = Notification
        fields: list[str] = []


class WebhookSubscriptionFilterSet(BaseFilterSet):
    watch = OwnWatchesFilter(field_name="watch")
    is_active = BooleanFilter(
        field_name="is_active", lookup_expr="exact", help_text=_("Whether the subscription is on.")
    )

    class Meta:
        model = WebhookSubscription
        fields: list[str] = []
