"""`manage.py load_reference_data`: add shipped reference data that the database lacks."""

from django.core.management.base import BaseCommand
from django.db import transaction

from leads.reference_data import load_reference_data


class Command(BaseCommand):
    help = "Create the provinces, foreign regions, countries and sectors of fixtures/reference/ that are missing."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Also overwrite existing records with the shipped values (undoes edits made in the admin).",
        )

    def handle(self, *args, refresh: bool = False, **options) -> None:
        with transaction.atomic():
            counts = load_reference_data(refresh=refresh)
        for label, count in sorted(counts.items()):
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
