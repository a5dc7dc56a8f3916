"""Webhooks: a signed JSON POST per notification, to a receiver on 127.0.0.1 started here; retried after a 500."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse

from leads.models import Opportunity, WebhookDelivery, WebhookSubscription
from leads.models.watches import DeliveryStatus, NotificationKind
from leads.webhooks import RETRY_DELAYS, deliver_webhooks
from tests.watches.conftest import COMPANY, LICENSED

pytestmark = pytest.mark.django_db


class Receiver:
    """An integration's endpoint: answers the statuses it is given, in turn, and keeps what it received."""

    def __init__(self) -> None:
        self.statuses: list[int] = []
        self.received: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers.items()), body))
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/crm-hook"


@pytest.fixture
def receiver(settings) -> Iterator[Receiver]:
    """A receiver on 127.0.0.1, which webhooks reach only where private targets are allowed (an intranet)."""
    settings.WEBHOOK_PRIVATE_TARGETS = True
    receiver = Receiver()
    thread = threading.Thread(target=receiver.server.serve_forever, daemon=True)
    thread.start()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()
    thread.join()


def test_a_delivery_is_signed_and_retried_after_a_500(analyst, watch_for, import_text, receiver):
    from django_tasks import task_backends

    watch = watch_for(analyst)
    subscription = WebhookSubscription.objects.create(owner=analyst, watch=watch, target_url=receiver.url)
    import_text(LICENSED)
    assert [result.task.name for result in task_backends["default"].results] == ["deliver_webhooks_task"]
    delivery = WebhookDelivery.objects.get()
    receiver.statuses = [500]

    first = deliver_webhooks()

    assert (first.delivered, first.retrying, first.failed) == (0, 1, 0)
    delivery.refresh_from_db()
    subscription.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (DeliveryStatus.PENDING, 1, 500)
    assert delivery.next_attempt_at is not None
    assert "500" in delivery.last_error and "500" in subscription.last_error and subscription.failure_count == 1
    assert deliver_webhooks().retrying == 0  # not due yet: nothing posted
    assert len(receiver.received) == 1

    second = deliver_webhooks(now=delivery.next_attempt_at)

    assert second.delivered == 1
    delivery.refresh_from_db()
    subscription.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (DeliveryStatus.DELIVERED, 2, 200)
    assert subscription.failure_count == 0 and subscription.last_success_at is not None
    assert len(receiver.received) == 2
    headers, body = receiver.received[-1]
    expected = "sha256=" + hmac.new(subscription.secret.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-CRM-Signature"], expected)
    assert headers["Content-Type"].startswith("application/json")
    payload = json.loads(body)
    lead = Opportunity.objects.get(organization__name=COMPANY)
    assert payload["event"] == NotificationKind.NEW_LEAD
    assert payload["watch"] == {"id": watch.pk, "name": watch.name}
    assert payload["opportunity"]["id"] == lead.pk and COMPANY in payload["opportunity"]["display"]
    assert "cấp phép nhà máy trí tuệ nhân tạo" in payload["evidence"]["sentence"]
    assert payload["evidence_url"].endswith(f"/api/v1/evidence/?opportunity={lead.pk}")
    assert deliver_webhooks(now=delivery.next_attempt_at or delivery.delivered_at + timedelta(days=1)).delivered == 0


def test_a_delivery_that_keeps_failing_is_given_up(analyst, watch_for, import_text, receiver):
    watch = watch_for(analyst)
    WebhookSubscription.objects.create(owner=analyst, watch=watch, target_url=receiver.url)
    import_text(LICENSED)
    receiver.statuses = [503] * (len(RETRY_DELAYS) + 1)
    delivery = WebhookDelivery.objects.get()

    for _ in range(len(RETRY_DELAYS) + 1):
        deliver_webhooks(now=delivery.next_attempt_at)
        delivery.refresh_from_db()

    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, len(RETRY_DELAYS) + 1)
    assert WebhookSubscription.objects.get().failure_count == len(RETRY_DELAYS) + 1
    assert len(receiver.received) == len(RETRY_DELAYS) + 1


def test_an_unreachable_receiver_is_recorded_in_words(analyst, watch_for, import_text, receiver):
    watch = watch_for(analyst)
    closed = receiver.url.replace(str(receiver.server.server_address[1]), "9")  # the discard port: nobody listens
    WebhookSubscription.objects.create(owner=analyst, watch=watch, target_url=closed)
    import_text(LICENSED)

    out = io.StringIO()
    call_command("deliver_webhooks", stdout=out)

    assert "0 delivered, 1 to retry later, 0 given up." in out.getvalue()
    delivery = WebhookDelivery.objects.get()
    assert delivery.last_status_code is None and delivery.last_error


def test_an_inactive_subscription_receives_nothing(analyst, watch_for, import_text, receiver):
    watch = watch_for(analyst)
    WebhookSubscription.objects.create(owner=analyst, watch=watch, target_url=receiver.url, is_active=False)
    import_text(LICENSED)
    assert not WebhookDelivery.objects.exists()


PRIVATE_TARGETS = [
    "http://127.0.0.1:6379/",  # a cache on the server itself
    "http://localhost:5432/hook",
    "http://169.254.169.254/latest/meta-data/",  # a cloud's metadata service
    "http://10.1.2.3/hook",
    "http://[::1]/hook",
    "http://[::ffff:192.168.1.5]/hook",
]


@pytest.mark.parametrize("target", PRIVATE_TARGETS)
def test_a_webhook_to_a_private_or_local_address_is_refused_with_a_400(analyst, watch_for, target):
    from tests.api.conftest import client_for

    watch = watch_for(analyst)
    response = client_for(analyst).post(
        reverse("api:webhook-subscription-list"), {"watch": watch.pk, "target_url": target}, format="json"
    )

    assert response.status_code == 400
    assert "private or local address" in response.json()["errors"]["target_url"][0]
    assert not WebhookSubscription.objects.exists()


def test_the_admin_refuses_a_private_target_too(analyst, watch_for, client):
    watch = watch_for(analyst)
    client.force_login(analyst)
    response = client.post(
        reverse("admin:leads_webhooksubscription_add"), {"watch": watch.pk, "target_url": "http://127.0.0.1:8000/x"}
    )

    assert response.status_code == 200
    assert "private or local address" in " ".join(response.context["adminform"].form.errors["target_url"])
    assert not WebhookSubscription.objects.exists()


def test_a_saved_target_that_now_names_a_private_address_is_not_posted_to(
    analyst, watch_for, import_text, receiver, settings
):
    """Checked again at delivery: the subscription was saved while private targets were allowed (or its name
    resolved elsewhere then); the attempt is refused in words, and nothing reaches the receiver."""
    watch = watch_for(analyst)
    WebhookSubscription.objects.create(owner=analyst, watch=watch, target_url=receiver.url)
    import_text(LICENSED)
    settings.WEBHOOK_PRIVATE_TARGETS = False

    report = deliver_webhooks()

    assert (report.delivered, report.retrying) == (0, 1)
    delivery = WebhookDelivery.objects.get()
    assert delivery.last_status_code is None and "127.0.0.1 is a private or local address" in delivery.last_error
    assert receiver.received == []
