"""Tombstones for sync clients: deleting a record the API exposes leaves a `DeletedRecord`.

A client that copies the CRM walks `/api/v1/<resource>/sync/` for what changed and
`/api/v1/deleted-records/` for what disappeared, including rows removed by a cascade
(an opportunity's stage changes and activities) or by an organization merge.

This is bookkeeping, not a business rule, so it lives in a signal: deletions from the admin,
the API, services and the shell are all recorded the same way. Connected in `LeadsConfig.ready()`.

Watches learn the same way what was created (an opportunity, a source article, evidence, a stage
move): the receiver only remembers the key; `leads.watches` matches and notifies after the commit.
"""

from __future__ import annotations

from django.db.models import Model
from django.db.models.signals import post_delete, post_save

TRACKED_MODELS = (
    "Organization",
    "Contact",
    "Opportunity",
    "SourceArticle",
    "Evidence",
    "Activity",
    "StageChange",
    "Sector",
    "Province",
)
WATCHED_MODELS = ("Opportunity", "SourceArticle", "Evidence", "StageChange")


def record_deletion(sender: type[Model], instance: Model, **kwargs) -> None:
    from leads.models import DeletedRecord

    DeletedRecord.objects.create(model=sender._meta.model_name, object_id=instance.pk)


def record_creation(sender: type[Model], instance: Model, created: bool, raw: bool = False, **kwargs) -> None:
    """A record was created (not loaded from a fixture): the watches look at it once the transaction commits."""
    if created and not raw:
        from leads.watches import event_record

        event_record(instance)


def connect() -> None:
    from django.apps import apps

    for name in TRACKED_MODELS:
        post_delete.connect(record_deletion, sender=apps.get_model("leads", name), dispatch_uid=f"tombstone-{name}")
    for name in WATCHED_MODELS:
        post_save.connect(record_creation, sender=apps.get_model("leads", name), dispatch_uid=f"watch-{name}")
