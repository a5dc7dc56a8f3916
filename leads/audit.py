"""The audit history: who changed which field of a record staff work, when, from what to what.

Kept by django-auditlog: one `auditlog.LogEntry` per create, update or delete (and per change of
a many-to-many link) of an organization, contact, opportunity or activity, with the actor and the
old and new value of each field that changed. It works the same on SQLite and PostgreSQL.

Columns the models derive themselves (folded names, search text, the project key, the value in
USD, the version, timestamps) are left out: they change with the fields they come from, which are
recorded. So are reverse relations (an organization's opportunities, evidence...), which auditlog
would otherwise list as empty values on every creation. Registered in `LeadsConfig.ready()`.

Who sees what: an entry is shown (in the admin and the API) only to a user who may view its
model, the rule every other read follows; `visible_entries()` applies it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditlog.context import auditlog_value
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Field, Model, QuerySet

if TYPE_CHECKING:
    from collections.abc import Iterable

DERIVED_FIELDS = ["normalized_name", "search_text", "project_key", "value_usd", "version", "created_at", "updated_at"]

# What is audited, and its many-to-many links.
AUDITED = {
    "Organization": ["sectors"],
    "Contact": [],
    "Opportunity": ["sectors", "contacts"],
    "Activity": [],
}

# What happened to the record, by the names the API uses. Auditlog's fourth action, "access", is
# never recorded here (no view is registered for it), and would not be a change.
ACTIONS = {"create": LogEntry.Action.CREATE, "update": LogEntry.Action.UPDATE, "delete": LogEntry.Action.DELETE}
ACTION_NAMES = {number: name for name, number in ACTIONS.items()}

# A value auditlog recorded for "no value" (it stores every value as text).
NO_VALUE = "None"


def register() -> None:
    from django.apps import apps

    for name, links in AUDITED.items():
        model = apps.get_model("leads", name)
        if not auditlog.contains(model):
            fields = model._meta.get_fields()
            reverse_relations = [field.name for field in fields if field.auto_created and not field.concrete]
            auditlog.register(
                model,
                exclude_fields=[*DERIVED_FIELDS, "imported_facts", *reverse_relations],
                m2m_fields=set(links),
            )


def record_actor(user: AbstractBaseUser | AnonymousUser | None) -> None:
    """Name the user of the current request as the actor of what it changes.

    `auditlog.middleware.AuditlogMiddleware` takes the actor from the session before the API has
    authenticated a token; the API calls this once it has, so a change made with a token is
    recorded as its user's.
    """
    if user is None or not user.is_authenticated:
        return
    try:
        context = auditlog_value.get()
    except LookupError:
        return
    context["actor"] = user


# ---------------------------------------------------------------------------------------------
# Reading the history
# ---------------------------------------------------------------------------------------------


def audited_models() -> list[type[Model]]:
    from django.apps import apps

    return [apps.get_model("leads", name) for name in AUDITED]


def viewable_models(user: AbstractBaseUser | AnonymousUser) -> list[type[Model]]:
    """The audited models whose records `user` may read (`view_<model>`), hence whose history too."""
    if not user.is_authenticated:
        return []
    return [
        model for model in audited_models() if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    ]


def visible_entries(user: AbstractBaseUser | AnonymousUser, entries: QuerySet | None = None) -> QuerySet:
    """The changes of records `user` may view: entries of the other models are left out, not refused.

    Content types come from Django's cache and the permissions from the user's, so this adds no
    query to a page beyond its own.
    """
    entries = LogEntry.objects.all() if entries is None else entries
    content_types = ContentType.objects.get_for_models(*viewable_models(user)).values()
    return entries.filter(content_type__in=[content_type.pk for content_type in content_types], action__in=ACTION_NAMES)


@dataclass(frozen=True)
class FieldChange:
    """One field of one entry as staff read it: its label, and the value before and after.

    A many-to-many link lists what was added or removed instead.
    """

    label: str
    old: str = ""
    new: str = ""
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def readable_changes(entries: Iterable[LogEntry]) -> dict[int, list[FieldChange]]:
    """Each entry's changes with field labels, choice labels and the names of related records.

    Auditlog's `changes_display_dict` gives labels, choices and dates; related records (stored as
    keys) are named here instead, with one query per related model for all the entries together,
    where auditlog would query once per value. Many-to-many changes, which `changes_display_dict`
    does not read, list the names auditlog recorded.
    """
    entries = list(entries)
    names = _related_names(entries)
    readable: dict[int, list[FieldChange]] = {}
    for entry in entries:
        model = entry.content_type.model_class()
        rows = []
        for name, values in entry.changes_dict.items():
            field = _field(model, name)
            if isinstance(values, dict):  # a many-to-many link: {"type": "m2m", "operation": ..., "objects": [...]}
                objects = tuple(str(item) for item in values.get("objects", []))
                added, removed = (objects, ()) if values.get("operation") == "add" else ((), objects)
                rows.append(FieldChange(label=_label(field, name), added=added, removed=removed))
                continue
            if field is not None and field.primary_key:  # the record's own key: already the entry's object_id
                continue
            if field is not None and field.many_to_one:
                label = _label(field, name)
                old, new = (names.get((field.related_model, value), value) for value in values)
            else:
                shown = LogEntry(content_type=entry.content_type, changes={name: values}).changes_display_dict
                label, (old, new) = next(iter(shown.items()), (name, values))
            if _shown(old) != _shown(new):  # a creation lists blank fields too: nothing to read there
                rows.append(FieldChange(label=str(label), old=_shown(old), new=_shown(new)))
        readable[entry.pk] = rows
    return readable


def _related_names(entries: list[LogEntry]) -> dict[tuple[type[Model], str], str]:
    """The names of the records the entries' foreign keys point at, by (model, key as recorded)."""
    wanted: dict[tuple[type[Model], str], set[str]] = {}
    for entry in entries:
        model = entry.content_type.model_class()
        for name, values in entry.changes_dict.items():
            field = _field(model, name)
            if field is None or not field.many_to_one or isinstance(values, dict):
                continue
            target = field.target_field
            keys = wanted.setdefault((field.related_model, target.attname), set())
            keys.update(value for value in values if value != NO_VALUE)
    names: dict[tuple[type[Model], str], str] = {}
    for (related, column), keys in wanted.items():
        records = related._default_manager.filter(**{f"{column}__in": _keys(related._meta.get_field(column), keys)})
        if hasattr(records, "with_related"):  # what its name reads (an opportunity's investor and target)
            records = records.with_related()
        for record in records:
            names[(related, str(getattr(record, column)))] = str(record)
    return names


def _keys(target: Field, keys: set[str]) -> list:
    valid = []
    for key in keys:
        try:
            valid.append(target.to_python(key))
        except ValidationError:  # recorded before the key changed type: shown as recorded
            continue
    return valid


def field_label(model: type[Model] | None, name: str) -> str:
    """The label staff know a recorded field by (its verbose name), or its name when it is gone."""
    return _label(_field(model, name), name)


def _field(model: type[Model] | None, name: str) -> Field | None:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # removed since the entry was recorded: shown by its name
        return None


def _label(field: Field | None, name: str) -> str:
    return str(getattr(field, "verbose_name", name))


def _shown(value: object) -> str:
    return "" if value in (None, NO_VALUE) else str(value)
