"""What every viewset of the API shares: per-action permissions, sync, one record's ETag and If-Match.

One organization, contact or opportunity carries an `ETag` and honours `If-Match` on its writes;
every write is made on the row read under its lock (`VersionedRecordMixin`, `leads.api.preconditions`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from leads import audit, services
from leads.api import serializers as s
from leads.api.exports import CSVRenderer
from leads.api.pagination import SyncCursorPagination
from leads.api.preconditions import IF_MATCH, etag, etag_header, if_match_versions
from leads.api.renderers import JSONRenderer
from leads.models.versioning import check_version

LIST_RENDERERS = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "csv"],
    description=_("csv: the whole filtered list (not one page) as a UTF-8 CSV file with a byte-order mark, for Excel."),
)
SYNC_DESCRIPTION = _(
    "Walk the whole table in the order records last changed, oldest first, with a cursor: start without "
    "`cursor`, then follow `next` until it is null; store the last `updated_at` and pass it as `updated_after` "
    "next time. Deleted records are listed by `/api/v1/deleted-records/`."
)


class SyncMixin:
    """`GET <resource>/sync/`: cursor pagination over `sync_field`, with the list's filters."""

    sync_field = "updated_at"

    @extend_schema(description=SYNC_DESCRIPTION)
    @action(detail=False, methods=["get"], pagination_class=SyncCursorPagination)
    def sync(self, request: Request) -> Response:
        return self.list_page(self.filter_queryset(self.get_queryset()))


class FlatListMixin:
    """`GET <resource>/`: pages read as flat rows and shaped by the viewset's `flat_list` (see `CrmViewSet`)."""

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.list_page(self.filter_queryset(self.get_queryset()))


class CrmViewSet(viewsets.GenericViewSet):
    """What every viewset shares: a detail serializer for one record, per-action permissions, list pages.

    A viewset with a `flat_list` (`leads.api.serializers.lists`) reads its list and sync pages as flat
    rows shaped by hand into its serializer's JSON: the same response, without building a serializer
    per nested summary. The serializer still documents the list, and reads and writes one record.
    """

    detail_serializer_class: type | None = None
    flat_list: s.FlatList | None = None
    action_permissions: dict[str, list[str]] = {}
    filtered_actions: tuple[str, ...] = ("sync",)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        audit.record_actor(request.user)  # a token's user, known only now, is who made the changes

    def get_serializer_class(self) -> type:
        if self.detail_serializer_class is not None and self.action == "retrieve":
            return self.detail_serializer_class
        return super().get_serializer_class()

    def list_page(self, queryset: QuerySet) -> Response:
        """One page of `queryset` (filtered and ordered), paginated as the action's pagination says.

        With a `flat_list`, the pagination pages through keys only (and the column a sync cursor
        reads): none of the joins of the rows enter its count or its page query. The page's rows are
        then read by key.
        """
        if self.flat_list is None:
            page = self.paginate_queryset(queryset)
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        listed = ["id", *([self.sync_field] if self.action == "sync" else [])]
        page = self.paginate_queryset(queryset.prefetch_related(None).values(*listed))
        rows = self.flat_list.rows(self.get_queryset(), [row["id"] for row in page])
        return self.get_paginated_response(self.flat_list.shape(rows, self.get_serializer_context()))


def versioned_write_responses(responses: dict) -> dict:
    """`responses` of a write of one record, with the 409 and 412 a concurrent writer may cause."""
    return {
        **responses,
        409: OpenApiResponse(
            s.ErrorSerializer,
            description=_(
                "Another request changed or removed the record (or a record this write moves) at the same moment; "
                "nothing was saved: read it again and retry. On a deletion: the record is still in use."
            ),
        ),
        412: OpenApiResponse(
            s.ErrorSerializer,
            description=_(
                "If-Match names another version than the record's: it changed since you read it. Nothing was "
                "saved; the response's ETag is the current one."
            ),
        ),
    }


def versioned_record_schema(serializer: type) -> dict[str, Any]:
    """The schema of one record's reads and writes (for `extend_schema_view`): ETag, If-Match, 409, 412."""

    def write(status_code: int) -> Any:
        return extend_schema(
            parameters=[IF_MATCH, etag_header(status_code)],
            responses=versioned_write_responses({status_code: serializer}),
        )

    return {
        "retrieve": extend_schema(parameters=[etag_header(200)]),
        "create": extend_schema(parameters=[etag_header(201)]),
        "update": write(200),
        "partial_update": write(200),
        "destroy": extend_schema(parameters=[IF_MATCH], responses=versioned_write_responses({204: None})),
    }


class VersionedRecordMixin:
    """One organization, contact or opportunity: its `ETag`, and `If-Match` and a row lock on its writes.

    A write action runs in one transaction that first locks the row the URL names, then reads it,
    so permissions, `If-Match` and the serializer see the record as it is now and no other writer
    changes it before this one is saved (they wait). The merge locks its organizations itself, all
    in one query, and checks `If-Match` there (`services.organizations_merge`).
    """

    locked_actions = ("update", "partial_update", "destroy", "move_stage", "review")

    def get_object(self) -> Any:
        locked = self.action in self.locked_actions
        if locked:
            self._lock_row()
        record = super().get_object()
        if locked:
            check_version(record, if_match_versions(self.request, record))  # VersionMismatch: a 412
        return record

    def _lock_row(self) -> None:
        """Lock the row the URL names (before `get_object()` reads it); nothing when it names none."""
        value = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        rows = self.queryset.model.objects.select_for_update()
        try:
            list(rows.filter(**{self.lookup_field: value}).values_list("pk", flat=True))
        except (TypeError, ValueError, DjangoValidationError):
            return  # not a key: get_object() answers 404

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        record = self.get_object()
        return Response(self.get_serializer(record).data, headers={"ETag": etag(record)})

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        return Response(serializer.data, status=status.HTTP_201_CREATED, headers={"ETag": etag(serializer.instance)})

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with transaction.atomic():
            record = self.get_object()
            serializer = self.get_serializer(record, data=request.data, partial=kwargs.pop("partial", False))
            serializer.is_valid(raise_exception=True)
            self.perform_update(serializer)  # saves only the fields sent (`services.record_save`)
        record._prefetched_objects_cache = {}  # links just set are read again for the response
        return Response(serializer.data, headers={"ETag": etag(record)})

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with transaction.atomic():
            self.perform_destroy(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


def review_response(view: CrmViewSet, request: Request) -> Response:
    with transaction.atomic():
        lead = view.get_object()
        payload = s.ReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.lead_review(lead=lead, decision=payload.validated_data["decision"], user=request.user)
    lead = view.get_queryset().get(pk=lead.pk)
    return Response(
        view.serializer_class(lead, context=view.get_serializer_context()).data, headers={"ETag": etag(lead)}
    )
