"""The importer's API under /api/v1/: the sources it follows and the background import jobs.

- `sources/`: the feeds and pages polled on a schedule, with their health (read-only); staff with
  the source permissions create, change and delete them; `{id}/poll/` queues a poll now.
- `import-jobs/`: large imports run by a worker (`POST articles/import/` answers 202 with one):
  state, progress and counts per outcome; `{id}/retry/` finishes a job that stopped midway.
- `import-job-items/?job=ID`: every article's outcome in a job, page by page.

A user reads their own jobs; `importers.view_importjob` shows everyone's. The routes join the
leads API's in `crm/urls.py`, under the same `api` namespace and schema.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from importers.jobs import import_job_retry
from importers.models import ImportJob, ImportJobItem, ItemStatus, JobState, Source, SourceKind
from importers.tasks import poll_source
from leads.api.serializers import ArticleSummarySerializer, UserSummarySerializer
from leads.api.views import CrmViewSet
from leads.filtersets.base import BaseFilterSet, BooleanFilter, ChoicesFilter, KeysFilter, OrderingFilter, SearchFilter

# --- serializers -------------------------------------------------------------------------------


class SourceSerializer(serializers.ModelSerializer):
    is_failing = serializers.BooleanField(read_only=True, help_text=gettext_lazy("The last poll failed."))

    class Meta:
        model = Source
        fields = [
            "id",
            "name",
            "outlet",
            "url",
            "kind",
            "language",
            "active",
            "poll_interval_minutes",
            "filter_words",
            "is_failing",
            "last_polled_at",
            "last_success_at",
            "last_error",
            "consecutive_failures",
            "next_poll_at",
            "items_seen",
            "items_new",
            "items_new_total",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "last_polled_at",
            "last_success_at",
            "last_error",
            "consecutive_failures",
            "next_poll_at",
            "items_seen",
            "items_new",
            "items_new_total",
            "created_at",
            "updated_at",
        ]

    def validate_url(self, value: str) -> str:
        # DRF drops the model's URL validator for its own, which also takes ftp://.
        if not value.lower().startswith(("http://", "https://")):
            raise serializers.ValidationError(_("Give an http or https address."))
        return value


class ImportCountsSerializer(serializers.Serializer):
    new = serializers.IntegerField(source="count_new")
    unchanged = serializers.IntegerField(source="count_unchanged")
    updated = serializers.IntegerField(source="count_updated")
    failed = serializers.IntegerField(source="count_failed")


class ImportJobSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=gettext_lazy("This job, to poll for its progress."))
    processed = serializers.IntegerField(read_only=True, help_text=gettext_lazy("Articles done so far."))
    outcomes = ImportCountsSerializer(source="*", read_only=True, help_text=gettext_lazy("Articles per outcome."))
    items_url = serializers.SerializerMethodField(help_text=gettext_lazy("Every article's outcome, page by page."))
    created_by = UserSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "url",
            "state",
            "filename",
            "update",
            "total",
            "processed",
            "outcomes",
            "items_url",
            "attempts",
            "error",
            "created_by",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_url(self, job: ImportJob) -> str:
        return reverse("api:import-job-detail", args=[job.pk])

    def get_items_url(self, job: ImportJob) -> str:
        return f"{reverse('api:import-job-item-list')}?job={job.pk}"


class ImportJobItemSerializer(serializers.ModelSerializer):
    article = ArticleSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = ImportJobItem
        fields = ["id", "job", "position", "source", "status", "error", "article", "created", "matched", "completed_at"]
        read_only_fields = fields


# --- filters -------------------------------------------------------------------------------------


class SourceFilterSet(BaseFilterSet):
    q = SearchFilter(method="filter_q", help_text=gettext_lazy("Words of the name, outlet or URL."))
    kind = ChoicesFilter(field_name="kind", choices=SourceKind.choices, help_text=gettext_lazy("Source kinds."))
    active = BooleanFilter(field_name="active", help_text=gettext_lazy("Polled, or paused."))
    failing = BooleanFilter(method="filter_failing", help_text=gettext_lazy("The last poll failed."))
    ordering = OrderingFilter(
        columns={"name": "name", "last_polled_at": "last_polled_at", "consecutive_failures": "consecutive_failures"}
    )

    class Meta:
        model = Source
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(name__icontains=value) | Q(outlet__icontains=value) | Q(url__icontains=value))

    def filter_failing(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(consecutive_failures__gt=0) if value else queryset.filter(consecutive_failures=0)


class ImportJobFilterSet(BaseFilterSet):
    state = ChoicesFilter(field_name="state", choices=JobState.choices, help_text=gettext_lazy("Job states."))
    ordering = OrderingFilter(columns={"created_at": "created_at"})

    class Meta:
        model = ImportJob
        fields: list[str] = []


class ImportJobItemFilterSet(BaseFilterSet):
    job = KeysFilter(field_name="job", queryset=ImportJob.objects.all(), help_text=gettext_lazy("Import job keys."))
    status = ChoicesFilter(field_name="status", choices=ItemStatus.choices, help_text=gettext_lazy("Outcomes."))
    ordering = OrderingFilter(columns={"position": "position", "completed_at": "completed_at"})

    class Meta:
        model = ImportJobItem
        fields: list[str] = []


# --- views ---------------------------------------------------------------------------------------


class SourceViewSet(CrmViewSet, viewsets.ModelViewSet):
    """Feeds and pages polled on a schedule, with their health; `poll` queues a poll now."""

    queryset = Source.objects.order_by("name", "pk")
    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet
    action_permissions = {"poll": ["importers.change_source"]}

    @extend_schema(
        request=None,
        responses={202: SourceSerializer},
        description=gettext_lazy("Queue a poll of this source now, due or not; read the source later for its health."),
    )
    @action(detail=True, methods=["post"])
    def poll(self, request: Request, pk: str | None = None) -> Response:
        source = self.get_object()
        poll_source.enqueue(source.pk)
        source.refresh_from_db()
        return Response(self.get_serializer(source).data, status=status.HTTP_202_ACCEPTED)


class ImportJobViewSet(CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Imports run by a worker: their state, progress and outcome counts; `retry` finishes a stopped one."""

    queryset = (
        ImportJob.objects.select_related("created_by").with_counts().defer("payload").order_by("-created_at", "-pk")
    )
    serializer_class = ImportJobSerializer
    filterset_class = ImportJobFilterSet
    # Anyone may read the jobs they started (the queryset limits whose); retrying is importing again.
    action_permissions = {"list": [], "retrieve": [], "retry": ["leads.add_sourcearticle"]}

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().visible_to(self.request.user)

    @extend_schema(
        request=None,
        responses={202: ImportJobSerializer},
        description=gettext_lazy(
            "Queue a job that stopped midway (failed, or left running by a worker that died) to finish: "
            "articles already done are skipped, none is imported twice. 400 for a finished job."
        ),
    )
    @action(detail=True, methods=["post"])
    def retry(self, request: Request, pk: str | None = None) -> Response:
        job = self.get_object()
        if job.update and not request.user.has_perm("leads.change_sourcearticle"):
            raise PermissionDenied(_("Rebuilding imported articles needs the change article permission."))
        import_job_retry(job=job)
        return Response(self.get_serializer(self.get_queryset().get(pk=job.pk)).data, status=status.HTTP_202_ACCEPTED)


class ImportJobItemViewSet(CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Each article's outcome in an import job, in upload order; filter by `job` and `status`."""

    queryset = ImportJobItem.objects.select_related("article").order_by("job", "position")
    serializer_class = ImportJobItemSerializer
    filterset_class = ImportJobItemFilterSet
    action_permissions = {"list": [], "retrieve": []}

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().filter(job__in=ImportJob.objects.visible_to(self.request.user))


router = SimpleRouter()
router.register("sources", SourceViewSet, basename="source")
router.register("import-jobs", ImportJobViewSet, basename="import-job")
router.register("import-job-items", ImportJobItemViewSet, basename="import-job-item")

urlpatterns = router.urls
