"""Background jobs of the domain: digest e-mails and webhook deliveries, run by the tasks worker.

`leads.watches` and `leads.webhooks` enqueue them when notifications are created (immediate digests, new deliveries);
`manage.py run_scheduler` queues `send_due_digests_task` and `deliver_webhooks_task` every minute
(`SCHEDULED_TASKS`): each sends what is due by then. The management commands `send_digests` and
`deliver_webhooks` do the same work in the foreground.
"""

from __future__ import annotations

from crm.tasks import task
from leads import watches, webhooks


@task()
def send_digests_task(frequency: str) -> int:
    """E-mail the digests of the watches with this frequency; how many e-mails were sent."""
    return watches.send_digests(frequency=frequency)


@task()
def send_due_digests_task() -> int:
    """E-mail the digests due now: immediate ones, daily ones after midnight, weekly ones from Monday."""
    return watches.digests_due()


@task()
def deliver_webhooks_task() -> dict[str, int]:
    """Attempt the webhook deliveries that are due; how many were delivered, will be retried, have failed."""
    report = webhooks.deliver_webhooks()
    return {"delivered": report.delivered, "retrying": report.retrying, "failed": report.failed}
