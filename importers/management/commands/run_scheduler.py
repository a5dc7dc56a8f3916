"""The scheduler: every minute, queue the periodic tasks (`SCHEDULED_TASKS`) for the workers to run.

Django's Tasks framework has no periodic scheduler of its own. Each scheduled task decides what is
due when it runs (polling claims the due sources), so a missed or doubled tick costs nothing.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = (
        "Every --interval seconds, queue the periodic tasks (SCHEDULED_TASKS: the polling of due sources). Run "
        "one scheduler beside the workers (`manage.py db_worker`); with --work it runs the queued tasks itself "
        "between ticks, so one process does everything on a single machine."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between ticks (default 60).")
        parser.add_argument("--once", action="store_true", help="Queue the tasks once and exit (for cron).")
        parser.add_argument(
            "--work", action="store_true", help="Also run every queued task after each tick (database backend)."
        )

    def handle(self, *args, interval: float, once: bool, work: bool, **options) -> None:
        while True:
            started = time.monotonic()
            for path in settings.SCHEDULED_TASKS:
                import_string(path).enqueue()
                if options["verbosity"] > 1:
                    self.stdout.write(f"Queued {path}.")
            if work:
                call_command(
                    "db_worker", batch=True, startup_delay=False, reload=False, verbosity=options["verbosity"] - 1
                )
            if once:
                return
            time.sleep(max(0.0, interval - (time.monotonic() - started)))
