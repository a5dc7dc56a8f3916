"""`manage.py send_digests --frequency immediate|daily|weekly`: e-mail the watches' digests that are due."""

from django.core.management.base import BaseCommand

from leads.models.watches import DigestFrequency
from leads.watches import send_digests


class Command(BaseCommand):
    help = (
        "E-mail each owner of watches with this digest frequency the notifications not yet sent: "
        "run it every few minutes for 'immediate', once a day for 'daily', once a week for 'weekly'."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--frequency", choices=DigestFrequency.values, default=DigestFrequency.DAILY)

    def handle(self, *args, frequency: str, **options) -> None:
        sent = send_digests(frequency=frequency)
        self.stdout.write(self.style.SUCCESS(f"{sent} digest e-mail(s) sent ({frequency})."))
