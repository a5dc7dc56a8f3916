"""Webhooks: each notification of a watch POSTed as signed JSON to the watch's subscriptions.

`deliveries_create` queues one delivery per notification and active subscription when notifications
are made (`leads.watches.watches_notify`); `deliver_webhooks`, run by the scheduler, attempts those due,
retrying with back-off, and records every attempt on the delivery and its subscription.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from leads.links import absolute_url, opportunity_admin_url
from leads.models import Notification, Watch, WebhookDelivery
from leads.models.watches import DeliveryStatus, WebhookSubscription
from leads.outbound import non_public_address

CHUNK = 500  # deliveries per INSERT


# After the first attempt fails, retry after these delays; once they are used up the delivery has failed.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
CLAIM_FOR = timedelta(minutes=5)  # a delivery being attempted is not picked again by another worker before this
SIGNATURE_HEADER = "X-CRM-Signature"


def webhook_signature(secret: str, body: bytes) -> str:
    """`sha256=<hex HMAC-SHA256 of the body>`: the receiver recomputes it with the subscription's secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def webhook_payload(notification: Notification) -> dict[str, Any]:
    """What a subscriber receives: the event, the watch, the lead, its evidence and links (absolute)."""
    opportunity = notification.opportunity
    evidence = notification.evidence
    stage_change = notification.stage_change
    with translation.override(notification.watch.language):
        display = str(opportunity)
    return {
        "event": notification.kind,
        "notification": notification.pk,
        "created_at": notification.created_at.isoformat(),
        "watch": {"id": notification.watch_id, "name": notification.watch.name},
        "opportunity": {
            "id": opportunity.pk,
            "display": display,
            "stage": opportunity.stage,
            "status": opportunity.status,
            "province": opportunity.province.slug if opportunity.province_id else None,
            "organization": opportunity.organization.name if opportunity.organization_id else None,
            "url": absolute_url(reverse("api:opportunity-detail", args=[opportunity.pk])),
            "admin_url": opportunity_admin_url(opportunity.pk),
        },
        "evidence": {
            "sentence": evidence.sentence,
            "article": {
                "id": evidence.article_id,
                "title": evidence.article.title,
                "url": evidence.article.url,
                "published_on": evidence.article.published_on.isoformat() if evidence.article.published_on else None,
            },
        }
        if evidence
        else None,
        "evidence_url": absolute_url(f"{reverse('api:evidence-list')}?opportunity={opportunity.pk}"),
        "stage_change": {
            "from": stage_change.from_stage,
            "to": stage_change.to_stage,
            "changed_at": stage_change.changed_at.isoformat(),
        }
        if stage_change
        else None,
    }


def deliveries_create(notifications: list[Notification], watches: dict[int, Watch]) -> int:
    now = timezone.now()
    deliveries = [
        WebhookDelivery(
            subscription=subscription,
            notification=notification,
            payload=webhook_payload(notification),
            next_attempt_at=now,
        )
        for notification in notifications
        for subscription in watches[notification.watch_id].webhook_subscriptions.all()
        if subscription.is_active
    ]
    WebhookDelivery.objects.bulk_create(deliveries, ignore_conflicts=True, batch_size=CHUNK)
    return len(deliveries)


@dataclass
class DeliveryReport:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0


def webhook_target_refusal(url: str) -> str:
    """Why webhooks may not post to `url` (empty when they may): it names, or resolves to, an address
    that is not public, and `WEBHOOK_PRIVATE_TARGETS` is off.

    Whoever may save a webhook chooses where the server posts; without this check they could make it
    post to the machines only it reaches (`leads.outbound`). A host that does not resolve is not
    refused here: its delivery fails and is retried like any other.
    """
    if settings.WEBHOOK_PRIVATE_TARGETS:
        return ""
    address = non_public_address(url)
    if not address:
        return ""
    host = urlsplit(url).hostname
    if address == host:
        return _("%(address)s is a private or local address; webhooks post only to public ones.") % {"address": address}
    return _("%(host)s resolves to a private or local address (%(address)s); webhooks post only to public ones.") % {
        "host": host,
        "address": address,
    }


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int | None, str]:
    """POST `body`; the HTTP status (None when there was no answer) and, unless 2xx, what went wrong.

    A redirect is an answer, not a delivery: the payload is never re-sent elsewhere. The target is
    checked again at each attempt, as a name can come to resolve elsewhere after it was saved.
    """
    refusal = webhook_target_refusal(url)
    if refusal:
        return None, refusal
    parts = urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    connection = connection_class(parts.hostname, parts.port, timeout=settings.WEBHOOK_TIMEOUT)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(1024)
    except (OSError, http.client.HTTPException) as error:
        return None, str(error) or error.__class__.__name__
    finally:
        connection.close()
    if 200 <= response.status < 300:
        return response.status, ""
    return response.status, f"HTTP {response.status} {response.reason}".strip()


def deliver_webhooks(*, now: datetime | None = None, limit: int = 200) -> DeliveryReport:
    """Attempt the webhook deliveries that are due; failures are retried later (`RETRY_DELAYS`), then given up.

    Each attempt is recorded on the delivery (count, status code, error) and on its subscription
    (failures in a row, last error, last success). A delivery is claimed before it is attempted,
    so two workers never post it twice at once.
    """
    now = now or timezone.now()
    report = DeliveryReport()
    due = list(
        WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=now, subscription__is_active=True
        )
        .select_related("subscription")
        .order_by("next_attempt_at", "pk")[:limit]
    )
    for delivery in due:
        claimed = WebhookDelivery.objects.filter(
            pk=delivery.pk, status=DeliveryStatus.PENDING, next_attempt_at=delivery.next_attempt_at
        ).update(next_attempt_at=now + CLAIM_FOR)
        if claimed:
            _attempt(delivery, now=now, report=report)
    return report


def _attempt(delivery: WebhookDelivery, *, now: datetime, report: DeliveryReport) -> None:
    subscription = delivery.subscription
    body = json.dumps(delivery.payload, ensure_ascii=False, sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "investment-lead-crm webhooks",
        "X-CRM-Event": str(delivery.payload.get("event", "")),
        "X-CRM-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: webhook_signature(subscription.secret, body),
    }
    status_code, error = _post(subscription.target_url, body, headers)
    delivery.attempts += 1
    delivery.last_status_code = status_code
    delivery.last_error = error
    if not error:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = DeliveryStatus.DELIVERED, now, None
        report.delivered += 1
        WebhookSubscription.objects.filter(pk=subscription.pk).update(failure_count=0, last_success_at=now)
    else:
        if delivery.attempts <= len(RETRY_DELAYS):
            delivery.next_attempt_at = now + RETRY_DELAYS[delivery.attempts - 1]
            report.retrying += 1
        else:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
            report.failed += 1
        WebhookSubscription.objects.filter(pk=subscription.pk).update(
            failure_count=models.F("failure_count") + 1, last_error=error
        )
    delivery.save(
        update_fields=["attempts", "last_status_code", "last_error", "status", "delivered_at", "next_attempt_at"]
    )
