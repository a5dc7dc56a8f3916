"""What staff follow and how they are told: watches, their notifications, and webhooks for integrations.

A `Watch` is a saved opportunity filter (the query string of `/api/v1/opportunities/`, e.g.
`country=CN&sector=ai&province=bac-ninh`), optionally narrowed to one organization to follow.
When a new lead, new evidence or a stage move matches it, `leads.watches` creates one
`Notification` per event (never two: `event_key` is unique per watch), a `WebhookDelivery` per
subscription of the watch, and the digest e-mails list what was not yet sent.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from leads.models.activity import StageChange
from leads.models.article import Evidence
from leads.models.opportunity import Opportunity
from leads.models.parties import Organization


class DigestFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class NotificationKind(models.TextChoices):
    NEW_LEAD = "new_lead", _("New lead")
    NEW_EVIDENCE = "new_evidence", _("New evidence")
    STAGE_MOVE = "stage_move", _("Stage move")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class WatchQuerySet(models.QuerySet):
    def active(self) -> "WatchQuerySet":
        return self.filter(is_active=True, owner__is_active=True)


class Watch(models.Model):
    """A saved opportunity filter, or an organization followed, that tells its owner what is new."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="watches"
    )
    name = models.CharField(_("name"), max_length=200)
    query = models.CharField(
        _("filter"),
        max_length=2000,
        blank=True,
        help_text=_(
            "The opportunity filter as in the API's query string, e.g. country=CN&sector=ai&province=bac-ninh; "
            "empty matches every lead."
        ),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization followed"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="watches",
        help_text=_("Only the leads of this organization (together with the filter, if any)."),
    )
    notify_new_leads = models.BooleanField(_("new leads"), default=True)
    notify_new_evidence = models.BooleanField(
        _("new evidence"), default=True, help_text=_("A later article about a lead already known.")
    )
    notify_stage_moves = models.BooleanField(_("stage moves"), default=True)
    frequency = models.CharField(
        _("digest e-mail"), max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.DAILY
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = WatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("watch")
        verbose_name_plural = _("watches")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["owner", "is_active"], name="watch_owner_active")]

    def __str__(self) -> str:
        return self.name

    @property
    def kinds(self) -> set[str]:
        """The kinds of event this watch notifies on."""
        flags = {
            NotificationKind.NEW_LEAD: self.notify_new_leads,
            NotificationKind.NEW_EVIDENCE: self.notify_new_evidence,
            NotificationKind.STAGE_MOVE: self.notify_stage_moves,
        }
        return {kind for kind, on in flags.items() if on}


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)

    def with_related(self) -> "NotificationQuerySet":
        """What a list of notifications shows, whatever its length: joins only."""
        return self.select_related(
            "watch",
            "opportunity__organization",
            "opportunity__origin_region",
            "opportunity__origin_country",
            "opportunity__province",
            "opportunity__site",
            "opportunity__primary_sector",
            "evidence__article",
            "stage_change",
        )


class Notification(models.Model):
    """One event a watch matched, for its owner: read in the admin or the API, listed in a digest e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notifications"
    )
    watch = models.ForeignKey(Watch, verbose_name=_("watch"), on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    opportunity = models.ForeignKey(
        Opportunity, verbose_name=_("opportunity"), on_delete=models.CASCADE, related_name="notifications"
    )
    evidence = models.ForeignKey(
        Evidence,
        verbose_name=_("evidence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    stage_change = models.ForeignKey(
        StageChange,
        verbose_name=_("stage change"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    event_key = models.CharField(max_length=100, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["watch", "event_key"], name="notification_once_per_event")]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.opportunity}"


def new_webhook_secret() -> str:
    return secrets.token_hex(32)


class WebhookSubscription(models.Model):
    """An integration told of a watch's notifications by a signed POST (`X-CRM-Signature: sha256=<hmac>`)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
    )
    watch = models.ForeignKey(
        Watch, verbose_name=_("watch"), on_delete=models.CASCADE, related_name="webhook_subscriptions"
    )
    target_url = models.URLField(_("target URL"), max_length=1000)
    secret = models.CharField(
        _("secret"),
        max_length=64,
        default=new_webhook_secret,
        help_text=_("The key of the HMAC-SHA256 signature the receiver checks."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    failure_count = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    last_success_at = models.DateTimeField(_("last delivered"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.target_url


class WebhookDelivery(models.Model):
    """One notification sent to one subscription: the payload as signed, each attempt counted, retried with back-off."""

    subscription = models.ForeignKey(
        WebhookSubscription, verbose_name=_("subscription"), on_delete=models.CASCADE, related_name="deliveries"
    )
    notification = models.ForeignKey(
        Notification, verbose_name=_("notification"), on_delete=models.CASCADE, related_name="webhook_deliveries"
    )
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["subscription", "notification"], name="webhook_delivery_once")]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due")]

    def __str__(self) -> str:
        return f"{self.subscription} #{self.notification_id}"
