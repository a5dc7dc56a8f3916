"""`manage.py loaddata`, restoring the audit history instead of adding to it.

Django's `loaddata` saves every record it reads, and auditlog would record each one as a new
creation (and each many-to-many link as a new change) made by nobody, so a database restored
from `dumpdata` would hold its history twice. Here auditlog is switched off while the fixture
loads: the history comes back exactly as it was dumped, `auditlog.LogEntry` rows included.
"""

from __future__ import annotations

from typing import Any

from auditlog.context import disable_auditlog
from django.core.management.commands import loaddata


class Command(loaddata.Command):
    help = f"{loaddata.Command.help} Nothing it loads is recorded as a change in the audit history."

    def handle(self, *fixture_labels: str, **options: Any) -> None:
        with disable_auditlog():
            super().handle(*fixture_labels, **options)
