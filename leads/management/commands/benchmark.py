"""`manage.py benchmark`: the API against what the database can do, on a real gunicorn, in one run.

See `benchmarks/` for what is measured and how. The numbers go to the terminal as a table and,
with `--json PATH`, to a file. Run it on a database filled by `generate_demo_data`:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/crm_bench python manage.py benchmark --json before.json
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from leads.demo_data import database_contents


class Command(BaseCommand):
    help = (
        "Time each case of issue 10 (first page, filtered list, value range, search, deep page, summary, CSV, one "
        "opportunity, organization search, creating an activity, a stage move) on the API served by gunicorn, "
        "side by side with a bare WSGI app running the best SQL for the same rows (the limit); p50/p95/max with one "
        "client, requests per second with several, the ratio API/limit; then the import of generated articles into "
        "a copy of the database (articles per second, peak memory). It writes: an API token and a `benchmark` "
        "user, activities and stage moves on a few opportunities. Refused on a database holding anything but "
        "demo data unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quick", action="store_true", help="Few requests and 200 articles: a minute or less.")
        parser.add_argument("--requests", type=int, help="Requests per case and side with one client (default 30).")
        parser.add_argument(
            "--throughput-requests",
            type=int,
            help="Requests per client in each of the four throughput phases of a case (default 25).",
        )
        parser.add_argument(
            "--phase-seconds",
            type=float,
            help="Time cap per case and side for the one-client run and for the several-client phases "
            "(default 20; a slow case then sends fewer requests).",
        )
        parser.add_argument("--clients", type=int, default=4, help="Concurrent clients for the rate (default 4).")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers for each app (default 2).")
        parser.add_argument(
            "--cases", help="Comma-separated case names to run (default all; see the JSON's `name` fields)."
        )
        parser.add_argument(
            "--import-articles",
            type=int,
            help="Articles to import for the throughput and memory figures (default 10000; 0 skips the import).",
        )
        parser.add_argument(
            "--django-env",
            default="production",
            help="DJANGO_ENV for the API server (default production: DEBUG off, as deployed).",
        )
        parser.add_argument(
            "--limit-indexes",
            action="store_true",
            help="Create the indexes the limit's SQL wants for the run (the API may use them too), dropped after.",
        )
        parser.add_argument("--json", dest="json_path", help="Also write the results to this JSON file.")
        parser.add_argument("--force", action="store_true", help="Run on a database holding non-demo data.")

    def handle(self, *args: Any, **options: Any) -> None:
        from benchmarks.runner import Options, run

        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database has unapplied migrations: run manage.py migrate first.")
        contents = database_contents()
        if not contents.records["opportunities"]:
            raise CommandError("The database holds no opportunities: fill it with generate_demo_data first.")
        if not contents.only_demo and not options["force"]:
            raise CommandError(
                "This database holds records that are not demo data; the benchmark writes into it. Use a database "
                "filled by generate_demo_data, or --force."
            )
        quick = options["quick"]
        for name in ("requests", "throughput_requests", "import_articles", "clients", "workers"):
            if options[name] is not None and options[name] < (0 if name == "import_articles" else 1):
                raise CommandError(f"--{name.replace('_', '-')} is too small: {options[name]}.")
        run_options = Options(
            requests=options["requests"] or (5 if quick else 30),
            throughput_requests=options["throughput_requests"] or (3 if quick else 25),
            threads=options["clients"],
            workers=options["workers"],
            warmup=20 if quick else 24,
            django_env=options["django_env"],
            cases=tuple(name.strip() for name in (options["cases"] or "").split(",") if name.strip()),
            import_articles=(200 if quick else 10_000)
            if options["import_articles"] is None
            else options["import_articles"],
            limit_indexes=options["limit_indexes"],
            phase_seconds=options["phase_seconds"] or (4.0 if quick else 20.0),
        )
        try:
            results = run(run_options, say=lambda line: self.stderr.write(line))
        except (RuntimeError, ValueError) as error:
            raise CommandError(str(error)) from error
        self._write_table(results)
        if options["json_path"]:
            Path(options["json_path"]).write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
            self.stdout.write(f"Results written to {options['json_path']}.")

    def _write_table(self, results: dict[str, Any]) -> None:
        meta = results["meta"]
        clients = f"{meta['client_threads']}_clients"
        self.stdout.write(
            f"{meta['database']} {meta['database_name']}: {meta['opportunities']:,} opportunities, "
            f"{meta['organizations']:,} organizations, {meta['evidence']:,} evidence rows; gunicorn -w "
            f"{meta['gunicorn_workers']}, DJANGO_ENV={meta['django_env']}, DEBUG={meta['debug']}, "
            f"{meta['cpus']} CPUs, load {meta['load_average_at_start'][0]} at start"
        )
        n = meta["client_threads"]
        header = (
            f"{'case':<40} {'API p50':>8} {'p95':>8} {'max':>8} {'req/s':>7} {f'@{n}':>7} │ "
            f"{'limit p50':>9} {'p95':>7} {'max':>7} {'req/s':>7} {f'@{n}':>7} │ {'p50 ×':>6} {f'@{n} ×':>6}"
        )
        self.stdout.write(header)
        self.stdout.write("─" * len(header))

        def side(summary: dict[str, Any], many: dict[str, Any], width: int = 8) -> str:
            rate = summary.get("requests_per_second")
            return (
                f"{summary.get('p50_ms', 0):>{width}.1f} {summary.get('p95_ms', 0):>{width if width == 8 else 7}.1f} "
                f"{summary.get('max_ms', 0):>{width if width == 8 else 7}.1f} {rate or 0:>7.3g} "
                f"{many.get('requests_per_second') or 0:>7.3g}"
            )

        client = results.get("client")
        if client:
            self.stdout.write(f"{'client + gunicorn floor (/ping)':<40} {side(client['one_client'], client[clients])}")
        for case in results["cases"]:
            api = side(case["api"]["one_client"], case["api"][clients])
            line = f"{case['label'][:40]:<40} {api}"
            if "limit" in case:
                limit = side(case["limit"]["one_client"], case["limit"][clients], width=9)
                ratio = case.get(f"ratio_rate_{n}_clients")
                line += f" │ {limit} │ {case.get('ratio_p50') or 0:>6.1f} {ratio or 0:>6.1f}"
            errors = sum(
                count
                for side_name in ("api", "limit")
                if side_name in case
                for run in case[side_name].values()
                for status, count in run.get("statuses", {}).items()
                if int(status) >= 400
            )
            self.stdout.write(line + (self.style.ERROR(f"  {errors} error responses") if errors else ""))
        imported = results.get("import")
        if imported:
            statuses = ", ".join(f"{count} {status}" for status, count in imported["statuses"].items())
            self.stdout.write(
                f"import of {imported['articles']:,} articles ({statuses}): "
                f"{imported['seconds']:.1f} s, {imported['articles_per_second']} articles/s, peak RSS "
                f"{imported['peak_rss_mb']} MB (database copy {imported['copy_seconds']} s, not counted)"
            )
