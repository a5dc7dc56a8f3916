"""Optimistic concurrency: a record staff edit carries a version that every save checks and bumps.

Two people (or a person and the importer, or the API and the admin) may read the same
organization, contact or opportunity and both save it. Without a check the second save writes
back the whole row as it was read and silently undoes the first. With it, a save whose version
is no longer the one in the database raises `StaleRecord`: the admin shows the form again with a
message, the API answers 412 (with `If-Match`) or 409, the importer fails that article cleanly.

The check is the save's own `UPDATE ... SET ..., version = <read> + 1 WHERE id = %s AND version = <read>`:
no row matched means another writer changed (or deleted) the record first. One statement, so a save
writes the row once; a second UPDATE of the same row in the transaction would make PostgreSQL check
every foreign key of the row again at commit (the row it updates is then its own), and take a key
lock on each record the row points at, which deadlocks against a merge holding those records.
Code that changes rows with `QuerySet.update()` bumps `version` itself (`bump_version()`), so an
ETag always changes with the row.
"""

from __future__ import annotations

from collections.abc import Collection

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class StaleRecord(Exception):  # noqa: N818 - the name says what the record is, as staff would
    """A save of a record someone else changed (or deleted) since it was read."""

    def __init__(self, record: models.Model) -> None:
        self.record = record
        super().__init__(
            _("This %(model)s was changed by someone else since you opened it (or deleted). Reload it and try again.")
            % {"model": record._meta.verbose_name}
        )


class VersionMismatch(StaleRecord):
    """The record is not at the version the writer says it read (an API `If-Match`, an admin form's)."""


def check_version(record: VersionedModel, versions: Collection[int] | None) -> None:
    """Refuse to go on with `record` unless it is at one of `versions` (None: the writer named none).

    Call it on a row read under its lock, so the version cannot move between the check and the write.
    """
    if versions is not None and record.version not in versions:
        raise VersionMismatch(record)


def bump_version() -> dict[str, F]:
    """Keyword arguments for `QuerySet.update()` that move the version on with the rows it changes."""
    return {"version": F("version") + 1}


class VersionedModel(models.Model):
    """A model whose saves are refused when the row changed since it was read (see the module docstring)."""

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Goes up by one with every change; a save of an older version is refused."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self._state.adding or self.pk is None:
            super().save(*args, **kwargs)
            return
        read = self.version
        self.version = read + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        self._version_read = read
        try:
            # A savepoint: a refused save leaves the caller's transaction usable.
            with transaction.atomic(using=kwargs.get("using") or self._state.db):
                super().save(*args, **kwargs)
        except BaseException:
            self.version = read
            raise
        finally:
            del self._version_read

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update) -> bool:
        """Django's UPDATE of the row, made only if the row is still at the version this copy was read at."""
        read = getattr(self, "_version_read", None)
        if read is None:
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        if not super()._do_update(base_qs.filter(version=read), using, pk_val, values, update_fields, forced_update):
            raise StaleRecord(self)
        return True
