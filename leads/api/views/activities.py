"""Activities, stage history and the tombstones sync clients read."""

from __future__ import annotations

from rest_framework import mixins, viewsets

from leads import filtersets
from leads.api import serializers as s
from leads.api.pagination import SyncCursorPagination
from leads.api.serializers.lists import ACTIVITIES, STAGE_CHANGES
from leads.api.views.base import CrmViewSet, FlatListMixin, SyncMixin
from leads.models import Activity, DeletedRecord, StageChange


class ActivityViewSet(FlatListMixin, SyncMixin, CrmViewSet, viewsets.ModelViewSet):
    """Notes, calls, meetings, e-mails and visits logged against an opportunity, organization or contact."""

    queryset = Activity.objects.with_related().select_related(*s.opportunity_summary_related("opportunity"))
    serializer_class = s.ActivitySerializer
    flat_list = ACTIVITIES
    filterset_class = filtersets.ActivityFilterSet


class StageChangeViewSet(FlatListMixin, SyncMixin, CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Every stage move: from, to, who, when, why. Recorded by `move-stage` and the admin; never edited."""

    queryset = StageChange.objects.with_related().select_related(*s.opportunity_summary_related("opportunity"))
    serializer_class = s.StageChangeSerializer
    flat_list = STAGE_CHANGES
    filterset_class = filtersets.StageChangeFilterSet
    sync_field = "changed_at"


class DeletedRecordViewSet(CrmViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Tombstones for sync clients: what was deleted, oldest first, with a cursor.

    Follow `next` until it is null; keep the last `deleted_at` and pass it as `deleted_after` next time.
    """

    queryset = DeletedRecord.objects.all()
    serializer_class = s.DeletedRecordSerializer
    filterset_class = filtersets.DeletedRecordFilterSet
    pagination_class = SyncCursorPagination
    sync_field = "deleted_at"
