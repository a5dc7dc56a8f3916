"""Opportunities: the list, one record, stage moves, reviews and the pipeline summary."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from leads import filtersets, services
from leads.api import serializers as s
from leads.api.exports import OPPORTUNITY_COLUMNS, CSVExportMixin
from leads.api.preconditions import IF_MATCH, etag, etag_header
from leads.api.serializers.lists import OPPORTUNITIES
from leads.api.summary import pipeline_summary
from leads.api.views.base import (
    FORMAT_PARAMETER,
    LIST_RENDERERS,
    CrmViewSet,
    FlatListMixin,
    SyncMixin,
    VersionedRecordMixin,
    review_response,
    versioned_record_schema,
    versioned_write_responses,
)
from leads.models import Evidence, Opportunity, StageChange
from leads.querysets import related_count
from leads.services import StageMoveError


@extend_schema_view(
    list=extend_schema(parameters=[FORMAT_PARAMETER]), **versioned_record_schema(s.OpportunitySerializer)
)
class OpportunityViewSet(
    CSVExportMixin, FlatListMixin, SyncMixin, VersionedRecordMixin, CrmViewSet, viewsets.ModelViewSet
):
    """Investment leads. The stage moves only through `move-stage`, which records every move."""

    queryset = (
        Opportunity.objects.with_related()
        .prefetch_related("contacts")
        .annotate(evidence_count=related_count(Evidence, "opportunity"))
    )
    serializer_class = s.OpportunitySerializer
    flat_list = OPPORTUNITIES
    detail_serializer_class = s.OpportunityDetailSerializer
    filterset_class = filtersets.OpportunityFilterSet
    renderer_classes = LIST_RENDERERS
    csv_columns = OPPORTUNITY_COLUMNS
    csv_name = "opportunities"
    action_permissions = {
        "move_stage": ["leads.change_opportunity"],
        "review": ["leads.change_opportunity"],
        "summary": ["leads.view_opportunity"],
    }
    filtered_actions = ("sync", "summary")

    def get_queryset(self) -> QuerySet:
        if self.action == "summary":
            return Opportunity.objects.all()
        queryset = super().get_queryset()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("evidence", Evidence.objects.select_related("article")),
                Prefetch("stage_changes", StageChange.objects.select_related("changed_by")),
            )
        return queryset

    @extend_schema(
        request=s.MoveStageSerializer,
        parameters=[IF_MATCH, etag_header(201)],
        responses=versioned_write_responses({201: s.StageChangeSerializer}),
        description=_(
            "Move the opportunity to another stage through the same rules as the admin, and record the move. "
            "A forbidden move or a missing reason (lost, on hold) is a 400 with the reason; moving to or from "
            "won without the `leads.mark_won` permission is a 403."
        ),
    )
    @action(detail=True, methods=["post"], url_path="move-stage")
    def move_stage(self, request: Request, pk: str | None = None) -> Response:
        with transaction.atomic():
            opportunity = self.get_object()
            payload = s.MoveStageSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            try:
                change = services.opportunity_move_stage(
                    opportunity=opportunity,
                    to_stage=payload.validated_data["stage"],
                    user=request.user,
                    note=payload.validated_data["note"],
                )
            except StageMoveError as error:
                field = "note" if error.code == "reason_required" else "stage"
                raise ValidationError({field: error.messages}) from error
        return Response(
            s.StageChangeSerializer(change).data, status=status.HTTP_201_CREATED, headers={"ETag": etag(opportunity)}
        )

    @extend_schema(
        request=s.ReviewSerializer,
        parameters=[IF_MATCH, etag_header(200)],
        responses=versioned_write_responses({200: s.OpportunitySerializer}),
    )
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        """Accept or reject an opportunity the importer found (logged as a note); a rejected one stays rejected."""
        return review_response(self, request)

    @extend_schema(
        responses={200: s.PipelineSummarySerializer},
        description=_(
            "Counts, stated value (per currency) and value in USD, in all and by stage, status, sector and "
            "province, for the opportunities the same filters as the list select. An opportunity counts once "
            "in each of its sectors."
        ),
    )
    @action(detail=False, methods=["get"])
    def summary(self, request: Request) -> Response:
        summary = pipeline_summary(self.filter_queryset(self.get_queryset()))
        return Response(s.PipelineSummarySerializer(summary).data)
