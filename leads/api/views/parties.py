"""Organizations (with merging duplicates) and contacts."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from leads import filtersets, services
from leads.api import serializers as s
from leads.api.exports import CONTACT_COLUMNS, ORGANIZATION_COLUMNS, CSVExportMixin
from leads.api.preconditions import IF_MATCH, etag, etag_header, if_match_versions
from leads.api.serializers.lists import CONTACTS, ORGANIZATIONS
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
from leads.models import Contact, Evidence, Organization
from leads.querysets import related_count


@extend_schema_view(
    list=extend_schema(parameters=[FORMAT_PARAMETER]), **versioned_record_schema(s.OrganizationSerializer)
)
class OrganizationViewSet(
    CSVExportMixin, FlatListMixin, SyncMixin, VersionedRecordMixin, CrmViewSet, viewsets.ModelViewSet
):
    """Companies, government bodies, consulates, associations... with their aliases, sectors and evidence."""

    queryset = (
        Organization.objects.with_related()
        .select_related("region__country")
        .with_counts()
        .annotate(evidence_count=related_count(Evidence, "organization"))
        .order_by("normalized_name", "pk")
    )
    serializer_class = s.OrganizationSerializer
    flat_list = ORGANIZATIONS
    detail_serializer_class = s.OrganizationDetailSerializer
    filterset_class = filtersets.OrganizationFilterSet
    renderer_classes = LIST_RENDERERS
    csv_columns = ORGANIZATION_COLUMNS
    csv_name = "organizations"
    action_permissions = {"merge": ["leads.change_organization", "leads.delete_organization"]}

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(Prefetch("evidence", Evidence.objects.select_related("article")))
        return queryset

    @extend_schema(
        request=s.MergeSerializer,
        parameters=[IF_MATCH, etag_header(200)],
        responses=versioned_write_responses({200: s.MergeResultSerializer}),
        description=_(
            "Fold duplicates into this organization: their contacts, opportunities, evidence and activities move "
            "here and their names become aliases; the duplicates are deleted (and listed by deleted-records). "
            "Needs the change and delete organization permissions. A duplicate merged or deleted by another "
            "request meanwhile is a 409, and nothing is merged."
        ),
    )
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str | None = None) -> Response:
        keep = self.get_object()  # not locked here: the merge locks all its organizations in one order
        payload = s.MergeSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        result = services.organizations_merge(
            keep=keep,
            merge=payload.validated_data["merge"],
            user=request.user,
            expected_versions=if_match_versions(request, keep),
        )
        return Response(
            s.MergeResultSerializer(result, context=self.get_serializer_context()).data,
            headers={"ETag": etag(result.kept)},
        )


@extend_schema_view(list=extend_schema(parameters=[FORMAT_PARAMETER]), **versioned_record_schema(s.ContactSerializer))
class ContactViewSet(CSVExportMixin, FlatListMixin, SyncMixin, VersionedRecordMixin, CrmViewSet, viewsets.ModelViewSet):
    """People who speak for organizations, with their titles as written."""

    queryset = (
        Contact.objects.with_related()
        .annotate(evidence_count=related_count(Evidence, "contact"))
        .order_by("normalized_name", "pk")
    )
    serializer_class = s.ContactSerializer
    flat_list = CONTACTS
    detail_serializer_class = s.ContactDetailSerializer
    filterset_class = filtersets.ContactFilterSet
    renderer_classes = LIST_RENDERERS
    csv_columns = CONTACT_COLUMNS
    csv_name = "contacts"
    action_permissions = {"review": ["leads.change_contact"]}

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(Prefetch("evidence", Evidence.objects.select_related("article")))
        return queryset

    @extend_schema(
        request=s.ReviewSerializer,
        parameters=[IF_MATCH, etag_header(200)],
        responses=versioned_write_responses({200: s.ContactSerializer}),
    )
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        """Accept or reject a contact the importer found (logged as a note); a rejected one stays rejected."""
        return review_response(self, request)
