"""`python -m benchmarks.import_run FOLDER`: run `import_articles FOLDER` and print what it took, as JSON.

Run in its own process by the benchmark so that its peak resident memory (`getrusage`) is the
import's alone. Prints one line: articles by status, seconds, articles per second, peak RSS in MB.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import sys
import time
from io import StringIO

SUMMARY = re.compile(r"Articles: (?P<counts>.+)")


def main(folder: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crm.settings")
    import django

    django.setup()
    from django.core.management import CommandError, call_command

    out, err = StringIO(), StringIO()
    started = time.perf_counter()
    with contextlib.suppress(CommandError):  # some sources failed: the summary says how many
        call_command("import_articles", folder, stdout=out, stderr=err)
    seconds = time.perf_counter() - started
    statuses: dict[str, int] = {}
    match = SUMMARY.search(out.getvalue())
    if match:
        for part in match["counts"].split(","):
            count, status = part.split()
            statuses[status] = int(count)
    articles = sum(statuses.values())
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    print(
        json.dumps(
            {
                "articles": articles,
                "statuses": statuses,
                "seconds": round(seconds, 2),
                "articles_per_second": round(articles / seconds, 1) if seconds else None,
                "peak_rss_mb": round(peak_kb / 1024, 1),
                "errors": err.getvalue().splitlines()[:5],
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
