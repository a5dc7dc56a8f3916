"""`manage.py generate_demo_data --opportunities N`: fill a database with realistic, reproducible demo data."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from tqdm import tqdm

from leads.demo_data import DemoPlan, database_contents, generate_demo_data


class Command(BaseCommand):
    help = (
        "Fill the database with seeded, reproducible demo data: organizations (Chinese, Vietnamese and "
        "others), contacts, source articles with evidence, opportunities toward the real provinces, sites "
        "and sectors, stage histories and activities. The same seed and counts give the same data. "
        "Safety rule: it only writes into a database that holds no organizations, contacts, opportunities "
        "or source articles; --append adds to a database that holds demo data only (made by this "
        "command), and --force is needed to write into one that holds anything else. It never deletes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--opportunities", type=int, required=True, help="How many opportunities.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--organizations", type=int, help="How many organizations (default a tenth of the opportunities)."
        )
        parser.add_argument("--contacts", type=int, help="How many contacts (default one and a half per organization).")
        parser.add_argument(
            "--articles",
            type=int,
            help="How many source articles, each reporting one to three imported opportunities "
            "(default a tenth of the opportunities).",
        )
        parser.add_argument(
            "--append", action="store_true", help="Add to a database that already holds demo data only."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add to a database that holds records not made by this command (never on a production database).",
        )
        parser.add_argument(
            "--keep-indexes",
            action="store_true",
            help="On PostgreSQL, keep every index during the load (by default a large load drops the "
            "non-unique indexes and foreign keys of the loaded tables and rebuilds them after).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = {name: options[name] for name in ("opportunities", "organizations", "contacts", "articles")}
        for name, value in counts.items():
            if value is not None and value < 0:
                raise CommandError(f"--{name} must be zero or more, not {value}.")
        if options["organizations"] == 0 and options["contacts"]:
            raise CommandError("Contacts need organizations: give --organizations above 0 or --contacts 0.")
        self._check_database(append=options["append"], force=options["force"])
        plan = DemoPlan(
            opportunities=options["opportunities"],
            seed=options["seed"],
            organizations=options["organizations"],
            contacts=options["contacts"],
            articles=options["articles"],
        )
        self.stdout.write(
            f"Generating {plan.opportunities:,} opportunities, {plan.organization_count:,} organizations, "
            f"{plan.contact_count:,} contacts and {min(plan.article_count, plan.opportunities):,} articles "
            f"(seed {plan.seed}) into {connection.vendor} {connection.settings_dict['NAME']}."
        )
        with tqdm(total=plan.opportunities, unit="opportunity", file=sys.stderr, disable=None) as bar:

            def step(name: str) -> None:
                bar.set_postfix_str(name, refresh=True)

            report = generate_demo_data(
                plan, defer_indexes=False if options["keep_indexes"] else None, on_progress=bar.update, on_step=step
            )
        width = max(len(table) for table in report.rows)
        for table, rows in sorted(report.rows.items()):
            self.stdout.write(f"{table:<{width}}  {rows:>10,}")
        phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.phases.items())
        deferred = (
            "; indexes and foreign keys dropped for the load and rebuilt after" if report.deferred_indexes else ""
        )
        self.stdout.write(self.style.SUCCESS(f"Done in {report.seconds:.1f} s ({phases}{deferred})."))

    def _check_database(self, *, append: bool, force: bool) -> None:
        """Apply the safety rule of the help text."""
        contents = database_contents()
        if contents.empty or force:
            return
        held = ", ".join(f"{count:,} {name}" for name, count in contents.records.items() if count)
        if not contents.only_demo:
            foreign = ", ".join(f"{count:,} {name}" for name, count in contents.foreign.items() if count)
            raise CommandError(
                f"This database holds records that are not demo data ({foreign}). Refusing to add demo data to "
                "it; use an empty database, or --force if you really mean this one."
            )
        if not append:
            raise CommandError(
                f"This database already holds demo data ({held}). Use --append to add more, or an empty database."
            )
