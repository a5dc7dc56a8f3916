"""`manage.py deliver_webhooks`: post the webhook deliveries that are due, retrying failed ones with back-off."""

from django.core.management.base import BaseCommand, CommandError

from leads.webhooks import deliver_webhooks


class Command(BaseCommand):
    help = "Attempt the webhook deliveries that are due (new ones, and failed ones whose retry time has come)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=200, help="At most this many deliveries in this run.")

    def handle(self, *args, limit: int, **options) -> None:
        if limit < 1:
            raise CommandError("--limit must be at least 1.")
        report = deliver_webhooks(limit=limit)
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.delivered} delivered, {report.retrying} to retry later, {report.failed} given up."
            )
        )
