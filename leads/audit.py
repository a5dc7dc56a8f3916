"""The audit history: who changed which field of a record staff work, when, from what to what.

Kept by django-auditlog: one `auditlog.LogEntry` per create, update or delete (and per change of
a many-to-many link) of an organization, contact, opportunity or activity, with the actor and the
old and new value of each field that changed. It works the same on SQLite and PostgreSQL.

Columns the models derive themselves (folded names, search text, the project key, the value in
USD, the version, timestamps) are left out: they change with the fields they come from, which are
recorded. Registered in `LeadsConfig.ready()`.
"""

from __future__ import annotations

from auditlog.context import auditlog_value
from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

DERIVED_FIELDS = ["normalized_name", "search_text", "project_key", "value_usd", "version", "created_at", "updated_at"]

# What is audited, and its many-to-many links.
AUDITED = {
    "Organization": ["sectors"],
    "Contact": [],
    "Opportunity": ["sectors", "contacts"],
    "Activity": [],
}


def register() -> None:
    from django.apps import apps

    for name, links in AUDITED.items():
        model = apps.get_model("leads", name)
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=[*DERIVED_FIELDS, "imported_facts"], m2m_fields=set(links))


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
