"""Poll sources now, in this process: the due ones, every active one, or those named."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from importers.models import Source
from importers.polling import PollResult, sources_claim_due, sources_poll


class Command(BaseCommand):
    help = (
        "Fetch the sources that are due (or --all active ones, or --source ID...) and import their new "
        "articles; one line per source. The exit status is 1 when any source failed (the others were polled)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", type=int, action="append", dest="sources", metavar="ID", help="A source's key.")
        parser.add_argument("--all", action="store_true", help="Every active source, due or not.")

    def handle(self, *args, sources: list[int] | None, all: bool, **options) -> None:
        if sources and all:
            raise CommandError("Give --source or --all, not both.")
        if sources:
            chosen = list(Source.objects.filter(pk__in=sources))
            missing = sorted(set(sources) - {source.pk for source in chosen})
            if missing:
                raise CommandError(f"No source has the key {', '.join(map(str, missing))}.")
        elif all:
            chosen = list(Source.objects.filter(active=True))
        else:
            chosen = list(Source.objects.filter(pk__in=sources_claim_due()))
        if not chosen:
            self.stdout.write("No source is due.")
            return
        results = sources_poll(chosen)
        for result in results:
            self.stdout.write(self._line(result))
        failed = sum(not result.ok for result in results)
        new = sum(result.new for result in results)
        if failed:
            raise CommandError(f"{failed} of {len(results)} sources failed; {new} new articles from the others.")
        self.stdout.write(self.style.SUCCESS(f"{len(results)} sources polled, {new} new articles."))

    def _line(self, result: PollResult) -> str:
        name = f"{result.source.name} (#{result.source.pk})"
        if not result.ok:
            return self.style.ERROR(f"{name}: failed ({result.source.consecutive_failures} in a row): {result.error}")
        if result.not_modified:
            return f"{name}: not modified since the last poll"
        unreadable = f", {result.failed} could not be imported" if result.failed else ""
        return f"{name}: {result.seen} items, {result.new} new{unreadable}"
