"""Optimistic concurrency: a record staff edit carries a version that every save checks and bumps.

Two people (or a person and the importer, or the API and the admin) may read the same
organization, contact or opportunity and both save it. Without a check the second save writes
back the whole row as it was read and silently undoes the first. With it, a save whose version
is no longer the one in the database raises `StaleRecord`: the admin shows the form again with a
message, the API answers 412 (with `If-Match`) or 409, the importer fails that article cleanly.

The check is one conditional `UPDATE ... SET version = version + 1 WHERE id = %s AND version = %s`
before the real save, in the same transaction: it also takes the row's lock, so the two writes of
a save cannot interleave with another writer. Code that changes rows with `QuerySet.update()`
bumps `version` itself (`bump_version()`), so an ETag always changes with the row.
"""

from __future__ import annotations

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
        using = kwargs.get("using") or self._state.db
        read = self.version
        with transaction.atomic(using=using):
            claimed = type(self)._base_manager.using(using).filter(pk=self.pk, version=read).update(version=read + 1)
            if not claimed:
                raise StaleRecord(self)
            self.version = read + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
            try:
                super().save(*args, **kwargs)
            except BaseException:
                self.version = read
                raise
