"""`/api/v1/history/`: the audit history of organizations, contacts, opportunities and activities.

Read-only: every create, update and delete (and every change of a many-to-many link) auditlog
recorded, newest first, with who made it (`actor`: null for the importer, a command or the shell)
and each field's value before and after, as recorded. A user or token reads the entries of the
models it may view (`view_<model>`) and no others, so the history never shows more than the records
themselves would. The remote address auditlog keeps is personal data and is not served.
"""

from __future__ import annotations

import re
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers, viewsets
from rest_framework.request import Request

from leads import audit
from leads.api.serializers.summaries import UserSummarySerializer
from leads.api.views import CrmViewSet
from leads.filtersets.base import (
    BaseFilterSet,
    BooleanFilter,
    ChoicesFilter,
    MomentFilter,
    OrderingFilter,
    UsersFilter,
    ValuesFilter,
)
from leads.filtersets.fields import MAX_KEY, ValuesField

MODELS = [name.lower() for name in audit.AUDITED]
_KEY = re.compile(r"[0-9]{1,19}")

# ---------------------------------------------------------------------------------------------
# Serializer
# ---------------------------------------------------------------------------------------------

VALUE_CHANGE = {
    "type": "array",
    "items": {"type": "string"},
    "minItems": 2,
    "maxItems": 2,
    "description": _(
        "The value before and after, as recorded: text, a related record's key, “None” for no value. "
        "A creation has “None” before, a deletion “None” after."
    ),
}
LINK_CHANGE = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["m2m"]},
        "operation": {"type": "string", "enum": ["add", "delete"]},
        "objects": {"type": "array", "items": {"type": "string"}, "description": _("The linked records' names.")},
    },
    "required": ["type", "operation", "objects"],
    "description": _("A many-to-many link (sectors, contacts) gained or lost these records."),
}


@extend_schema_field({"type": "string", "enum": list(audit.ACTIONS)})
class ActionField(serializers.Field):
    """`create`, `update` or `delete`, where auditlog stores a number."""

    def to_representation(self, value: int) -> str:
        return audit.ACTION_NAMES[value]


@extend_schema_field({"type": "object", "additionalProperties": {"oneOf": [VALUE_CHANGE, LINK_CHANGE]}})
class ChangesField(serializers.Field):
    """The changed fields by name: `[old, new]`, or for a many-to-many link what was added or removed."""

    def to_representation(self, value: dict) -> dict:
        return value


class HistoryEntrySerializer(serializers.ModelSerializer):
    model = serializers.CharField(
        source="content_type.model", read_only=True, help_text=_("organization, contact, opportunity or activity.")
    )
    object_id = serializers.IntegerField(read_only=True, help_text=_("The changed record's key (it may be deleted)."))
    object_repr = serializers.CharField(read_only=True, help_text=_("The record's name when it was changed."))
    action = ActionField(read_only=True)
    changes = ChangesField(source="changes_dict", read_only=True)
    actor = UserSummarySerializer(
        read_only=True, allow_null=True, help_text=_("Who made the change; null for the importer or the shell.")
    )
    timestamp = serializers.DateTimeField(read_only=True)

    class Meta:
        model = LogEntry
        fields = ["id", "model", "object_id", "object_repr", "action", "changes", "actor", "timestamp"]


# ---------------------------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------------------------


class RecordKeysField(ValuesField):
    """Keys of records, deleted ones included: whole numbers, none of which need exist any more."""

    def convert(self, values: list[str]) -> list[int]:
        bad = [value for value in values if not _KEY.fullmatch(value) or int(value) > MAX_KEY]
        if bad:
            raise ValidationError(
                _("%(values)s: not a key (a whole number)."),
                params={"values": ", ".join(f"“{value}”" for value in bad)},
                code="invalid",
            )
        return [int(value) for value in values]


class RecordKeysFilter(ValuesFilter):
    field_class = RecordKeysField
    item_schema = {"type": "integer"}


class HistoryFilterSet(BaseFilterSet):
    model = ChoicesFilter(
        method="filter_model",
        choices=[(name, name) for name in MODELS],
        help_text=_("Kinds of record: organization, contact, opportunity, activity."),
    )
    object_id = RecordKeysFilter(
        field_name="object_id", help_text=_("Keys of the changed records (with `model`: of that kind).")
    )
    actor = UsersFilter(field_name="actor", help_text=_("Changed by (usernames; `me` is the user asking)."))
    has_actor = BooleanFilter(
        field_name="actor",
        lookup_expr="isnull",
        exclude=True,
        help_text=_("false: the changes nobody signed (the importer, a command or the shell)."),
    )
    action = ChoicesFilter(
        method="filter_action",
        choices=[(name, name) for name in audit.ACTIONS],
        help_text=_("What happened: create, update, delete."),
    )
    timestamp_after = MomentFilter(field_name="timestamp", lookup_expr="gte", help_text=_("Changed on or after."))
    timestamp_before = MomentFilter(field_name="timestamp", lookup_expr="lte", help_text=_("Changed on or before."))
    ordering = OrderingFilter(columns={"timestamp": "timestamp"})

    class Meta:
        model = LogEntry
        fields: list[str] = []

    def filter_model(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        if not value:
            return queryset
        models = [model for model in audit.audited_models() if model._meta.model_name in value]
        return queryset.filter(content_type__in=[ct.pk for ct in ContentType.objects.get_for_models(*models).values()])

    def filter_action(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        return queryset.filter(action__in=[audit.ACTIONS[item] for item in value]) if value else queryset


# ---------------------------------------------------------------------------------------------
# View
# ---------------------------------------------------------------------------------------------


class MayReadHistory(permissions.BasePermission):
    """Whoever may view at least one audited model; which entries they see is the queryset's business."""

    message = _("Reading the history needs permission to view organizations, contacts, opportunities or activities.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(audit.viewable_models(request.user))


class HistoryViewSet(CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Every change of organizations, contacts, opportunities and activities: who, when, which fields, old, new.

    Newest first. Only entries of the models you may view are listed.
    """

    queryset = LogEntry.objects.select_related("content_type", "actor").order_by("-timestamp", "-pk")
    serializer_class = HistoryEntrySerializer
    filterset_class = HistoryFilterSet
    permission_classes = [permissions.IsAuthenticated, MayReadHistory]

    def get_queryset(self) -> QuerySet:
        return audit.visible_entries(self.request.user, super().get_queryset())
