"""The API's viewsets: thin, each a queryset from `with_related()`, a serializer and a filterset.

Where each query happens is visible here: every list queryset names its `select_related` (through
`with_related()`), its `prefetch_related` for nested lists and its count annotations, so a list costs
the same number of queries for 1 row as for 500. Writes with rules go through `leads.services`.

One organization, contact or opportunity carries an `ETag` and honours `If-Match` on its writes;
every write is made on the row read under its lock (`VersionedRecordMixin`, `leads.api.preconditions`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from leads import audit, filtersets, services
from leads.api import serializers as s
from leads.api.exceptions import PayloadTooLarge
from leads.api.exports import (
    CONTACT_COLUMNS,
    OPPORTUNITY_COLUMNS,
    ORGANIZATION_COLUMNS,
    CSVExportMixin,
    CSVRenderer,
)
from leads.api.fields import StrictCharField
from leads.api.pagination import SyncCursorPagination
from leads.api.parsers import FormParser, JSONParser, MultiPartParser
from leads.api.preconditions import IF_MATCH, etag, etag_header, if_match_versions
from leads.models import (
    Activity,
    Contact,
    Country,
    DeletedRecord,
    Evidence,
    ExchangeRate,
    ForeignRegion,
    Opportunity,
    Organization,
    Province,
    Sector,
    Site,
    SourceArticle,
    StageChange,
)
from leads.models.versioning import check_version
from leads.querysets import opportunities_summary, related_count
from leads.services import StageMoveError

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
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class CrmViewSet(viewsets.GenericViewSet):
    """What every viewset shares: a detail serializer for one record, per-action permissions."""

    detail_serializer_class: type | None = None
    action_permissions: dict[str, list[str]] = {}
    filtered_actions: tuple[str, ...] = ("sync",)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        audit.record_actor(request.user)  # a token's user, known only now, is who made the changes

    def get_serializer_class(self) -> type:
        if self.detail_serializer_class is not None and self.action == "retrieve":
            return self.detail_serializer_class
        return super().get_serializer_class()


# ---------------------------------------------------------------------------------------------
# Organizations, contacts, opportunities
# ---------------------------------------------------------------------------------------------


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


@extend_schema_view(
    list=extend_schema(parameters=[FORMAT_PARAMETER]), **versioned_record_schema(s.OrganizationSerializer)
)
class OrganizationViewSet(CSVExportMixin, SyncMixin, VersionedRecordMixin, CrmViewSet, viewsets.ModelViewSet):
    """Companies, government bodies, consulates, associations... with their aliases, sectors and evidence."""

    queryset = (
        Organization.objects.with_related()
        .select_related("region__country")
        .with_counts()
        .annotate(evidence_count=related_count(Evidence, "organization"))
        .order_by("normalized_name", "pk")
    )
    serializer_class = s.OrganizationSerializer
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
class ContactViewSet(CSVExportMixin, SyncMixin, VersionedRecordMixin, CrmViewSet, viewsets.ModelViewSet):
    """People who speak for organizations, with their titles as written."""

    queryset = Contact.objects.with_related().annotate(evidence_count=related_count(Evidence, "contact"))
    serializer_class = s.ContactSerializer
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
        return _review(self, request)


@extend_schema_view(
    list=extend_schema(parameters=[FORMAT_PARAMETER]), **versioned_record_schema(s.OpportunitySerializer)
)
class OpportunityViewSet(CSVExportMixin, SyncMixin, VersionedRecordMixin, CrmViewSet, viewsets.ModelViewSet):
    """Investment leads. The stage moves only through `move-stage`, which records every move."""

    queryset = (
        Opportunity.objects.with_related()
        .prefetch_related("contacts")
        .annotate(evidence_count=related_count(Evidence, "opportunity"))
    )
    serializer_class = s.OpportunitySerializer
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
        return _review(self, request)

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
        summary = opportunities_summary(self.filter_queryset(self.get_queryset()))
        return Response(s.PipelineSummarySerializer(summary).data)


def _review(view: CrmViewSet, request: Request) -> Response:
    with transaction.atomic():
        lead = view.get_object()
        payload = s.ReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.lead_review(lead=lead, decision=payload.validated_data["decision"], user=request.user)
    lead = view.get_queryset().get(pk=lead.pk)
    return Response(
        view.serializer_class(lead, context=view.get_serializer_context()).data, headers={"ETag": etag(lead)}
    )


# ---------------------------------------------------------------------------------------------
# Articles and their evidence
# ---------------------------------------------------------------------------------------------


class ArticleImportSerializer(serializers.Serializer):
    """One of `text` (plain text, JSON or HTML), `html`, or a `file` upload (multipart).

    Bounded like every synchronous import: at most `IMPORT_MAX_BYTES` (a 413 naming the field); a dry
    run previews at most `IMPORT_MAX_ARTICLES` articles (a 413 from the view once the input is read,
    before anything is extracted), and a real import of more than a few becomes a background job.
    """

    text = StrictCharField(required=False, trim_whitespace=False, help_text=_("Article text, JSON or HTML."))
    html = StrictCharField(required=False, trim_whitespace=False, help_text=_("An article page's HTML."))
    file = serializers.FileField(required=False, help_text=_("A file: .txt, .html, .json, .jsonl, RSS/Atom."))
    filename = StrictCharField(
        required=False, max_length=255, help_text=_("Names the source; its extension decides the format.")
    )
    dry_run = serializers.BooleanField(default=False, help_text=_("Extract and return previews; write nothing."))
    update = serializers.BooleanField(
        default=False,
        help_text=_("Rebuild what came from an article imported before (needs the change article permission)."),
    )

    def validate(self, data: dict) -> dict:
        given = [name for name in ("text", "html", "file") if data.get(name) not in (None, "")]
        if len(given) != 1:
            raise ValidationError({"non_field_errors": [_("Send exactly one of text, html or file.")]})
        limit = settings.IMPORT_MAX_BYTES
        name = given[0]
        size = data["file"].size if name == "file" else len(data[name].encode("utf-8"))
        if size > limit:
            raise PayloadTooLarge(_import_too_large_message(), field=name)
        data["source_field"] = name
        return data


def _import_too_large_message() -> str:
    return _("At most %(mb).0f MB per import.") % {"mb": settings.IMPORT_MAX_BYTES / 1024 / 1024}


class ImportedRecordsSerializer(serializers.Serializer):
    organizations = s.OrganizationSummarySerializer(many=True)
    contacts = s.ContactSummarySerializer(many=True)
    opportunities = s.OpportunitySummarySerializer(many=True)


class ImportOutcomeSerializer(serializers.Serializer):
    source = serializers.CharField()
    status = serializers.ChoiceField(choices=["new", "unchanged", "updated", "failed", "preview"])
    error = serializers.CharField(allow_blank=True)
    article = s.ArticleSummarySerializer(allow_null=True)
    created = serializers.DictField(child=serializers.IntegerField(), help_text=_("New records per kind."))
    matched = serializers.DictField(
        child=serializers.IntegerField(), help_text=_("Existing records found again, per kind.")
    )
    records = ImportedRecordsSerializer(allow_null=True, help_text=_("The records this article's evidence supports."))
    preview = serializers.DictField(allow_null=True, help_text=_("Dry run: what would be extracted."))


class ImportResultSerializer(serializers.Serializer):
    articles = serializers.DictField(child=serializers.IntegerField(), help_text=_("Documents per status."))
    created = serializers.DictField(child=serializers.IntegerField())
    matched = serializers.DictField(child=serializers.IntegerField())
    outcomes = ImportOutcomeSerializer(many=True)


class ImportQueuedSerializer(serializers.Serializer):
    """202: more than IMPORT_SYNC_MAX_ARTICLES articles, queued as a background job (`import-jobs/`)."""

    id = serializers.IntegerField()
    url = serializers.CharField(help_text=_("The job: its state, progress, and a link to every article's outcome."))
    state = serializers.CharField()
    articles = serializers.IntegerField(help_text=_("Articles counted in the upload."))


class SourceArticleViewSet(SyncMixin, CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Articles as imported. Never edited through the API; new ones arrive through `import`."""

    queryset = SourceArticle.objects.select_related("imported_by").with_counts()
    serializer_class = s.SourceArticleSerializer
    detail_serializer_class = s.SourceArticleDetailSerializer
    filterset_class = filtersets.SourceArticleFilterSet
    action_permissions = {"import_articles": ["leads.add_sourcearticle"]}

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        if self.action == "list" or self.action == "sync":
            queryset = queryset.defer("body", "raw_text", "search_text")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch(
                    "evidence",
                    Evidence.objects.select_related(
                        "organization", "contact", *s.opportunity_summary_related("opportunity")
                    ).prefetch_related(None),
                )
            )
        return queryset

    @extend_schema(
        request={"application/json": ArticleImportSerializer, "multipart/form-data": ArticleImportSerializer},
        responses={
            201: ImportResultSerializer,
            200: ImportResultSerializer,
            202: ImportQueuedSerializer,
            413: OpenApiResponse(
                s.ErrorSerializer,
                description=_(
                    "More than IMPORT_MAX_BYTES, or more articles than IMPORT_MAX_ARTICLES; nothing was saved."
                ),
            ),
        },
        description=_(
            "Import articles through the same pipeline as `manage.py import_articles`: send `text` or `html` as "
            "JSON, or a `file` as multipart. Returns, per article, whether it was new or already known, what was "
            "created or matched, and the records its evidence supports. 201 when anything was created. "
            "Importing the same article again changes nothing. More than IMPORT_SYNC_MAX_ARTICLES articles (20 "
            "unless configured) are imported by a background job: 202 with the job's URL, whose progress and "
            "per-article outcomes the client reads there. A dry run previews at most IMPORT_MAX_ARTICLES articles "
            "(200) and any request at most IMPORT_MAX_BYTES (5 MB): more is a 413 and nothing is saved."
        ),
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        url_name="import",
        parser_classes=[JSONParser, MultiPartParser, FormParser],
    )
    def import_articles(self, request: Request) -> Response:
        from importers.jobs import count_articles, import_job_create
        from importers.pipeline import TEXT_SOURCE, TooManyArticles, import_bytes

        # An upload is refused on its announced length before Django spools it to disk.
        announced = request.META.get("CONTENT_LENGTH") or ""
        if announced.isdigit() and int(announced) > settings.IMPORT_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise PayloadTooLarge(_import_too_large_message())
        payload = ArticleImportSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        if data["update"] and not request.user.has_perm("leads.change_sourcearticle"):
            raise PermissionDenied(_("Rebuilding imported articles needs the change article permission."))
        options = {"user": request.user, "update": data["update"], "dry_run": data["dry_run"]}
        if "file" in data:
            raw, name = data["file"].read(), data.get("filename") or data["file"].name
        elif "html" in data:
            raw, name = data["html"].encode("utf-8"), data.get("filename") or "posted.html"
        else:
            raw, name = data["text"].encode("utf-8"), data.get("filename") or TEXT_SOURCE
        count = 0 if data["dry_run"] else count_articles(raw, name)
        if count > settings.IMPORT_SYNC_MAX_ARTICLES:
            job = import_job_create(data=raw, filename=name, user=request.user, update=data["update"])
            url = reverse("api:import-job-detail", args=[job.pk])
            queued = {"id": job.pk, "url": url, "state": job.state, "articles": count}
            return Response(
                ImportQueuedSerializer(queued).data, status=status.HTTP_202_ACCEPTED, headers={"Location": url}
            )
        try:
            report = import_bytes(raw, name, **options)
        except TooManyArticles as error:
            raise PayloadTooLarge(
                _(
                    "This import holds %(count)d articles; one request imports at most %(limit)d "
                    "(IMPORT_MAX_ARTICLES). Nothing was saved: split it, or have staff run manage.py import_articles."
                )
                % {"count": error.count, "limit": error.limit},
                field=data["source_field"],
            ) from error
        result = {
            "articles": {key: report.articles.get(key, 0) for key in ("new", "unchanged", "updated", "failed")},
            "created": dict(report.created),
            "matched": dict(report.matched),
            "outcomes": _import_outcomes(report.outcomes),
        }
        if data["dry_run"]:
            result["articles"]["preview"] = report.articles.get("preview", 0)
        created = report.articles.get("new", 0) or report.articles.get("updated", 0)
        return Response(
            ImportResultSerializer(result).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


# What an imported article's evidence can support, as the import response lists it.
SUPPORTED = {
    "organizations": Organization.objects.all(),
    "contacts": Contact.objects.all(),
    "opportunities": Opportunity.objects.select_related(*s.OPPORTUNITY_SUMMARY_RELATED),
}


def _import_outcomes(outcomes: list[Any]) -> list[dict]:
    """Each source's outcome with the records its article's evidence supports: four queries in all."""
    articles = {outcome.saved.article.pk for outcome in outcomes if outcome.saved}
    wanted: dict[int, dict[str, set[int]]] = {pk: {kind: set() for kind in SUPPORTED} for pk in articles}
    links = Evidence.objects.filter(article__in=articles).values_list(
        "article_id", "organization_id", "contact_id", "opportunity_id"
    )
    for article_id, *subjects in links:
        for kind, pk in zip(SUPPORTED, subjects, strict=True):
            if pk is not None:
                wanted[article_id][kind].add(pk)
    # In each model's own order (by name), as a filtered list of that model would be.
    ordered = {
        kind: list(queryset.filter(pk__in={pk for keys in wanted.values() for pk in keys[kind]}))
        for kind, queryset in SUPPORTED.items()
    }

    def records(article_id: int) -> dict[str, list]:
        return {kind: [r for r in ordered[kind] if r.pk in wanted[article_id][kind]] for kind in SUPPORTED}

    return [
        {
            "source": outcome.source,
            "status": outcome.status,
            "error": outcome.error,
            "article": outcome.saved.article if outcome.saved else None,
            "created": dict(outcome.saved.created) if outcome.saved else {},
            "matched": dict(outcome.saved.matched) if outcome.saved else {},
            "records": records(outcome.saved.article.pk) if outcome.saved else None,
            "preview": outcome.preview,
        }
        for outcome in outcomes
    ]


class EvidenceViewSet(CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Why each record exists: the article, the sentence (with offsets into the cleaned body), the words."""

    queryset = Evidence.objects.with_related().select_related(*s.opportunity_summary_related("opportunity"))
    serializer_class = s.EvidenceSerializer
    filterset_class = filtersets.EvidenceFilterSet

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().defer("article__body", "article__raw_text", "article__search_text")


# ---------------------------------------------------------------------------------------------
# Activities and stage history
# ---------------------------------------------------------------------------------------------


class ActivityViewSet(SyncMixin, CrmViewSet, viewsets.ModelViewSet):
    """Notes, calls, meetings, e-mails and visits logged against an opportunity, organization or contact."""

    queryset = Activity.objects.with_related().select_related(*s.opportunity_summary_related("opportunity"))
    serializer_class = s.ActivitySerializer
    filterset_class = filtersets.ActivityFilterSet


class StageChangeViewSet(SyncMixin, CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Every stage move: from, to, who, when, why. Recorded by `move-stage` and the admin; never edited."""

    queryset = StageChange.objects.with_related().select_related(*s.opportunity_summary_related("opportunity"))
    serializer_class = s.StageChangeSerializer
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


# ---------------------------------------------------------------------------------------------
# Reference data (read-only)
# ---------------------------------------------------------------------------------------------


class SectorViewSet(CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """The sector taxonomy: slugs to filter and write with, English and Vietnamese names, keywords."""

    queryset = Sector.objects.all()
    serializer_class = s.SectorSerializer
    filterset_class = filtersets.SectorFilterSet


class ProvinceViewSet(CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Vietnam's 34 province-level units since 1 July 2025, and the 63 pre-2025 units with their successors."""

    queryset = Province.objects.select_related("successor")
    serializer_class = s.ProvinceSerializer
    filterset_class = filtersets.ProvinceFilterSet


class SiteViewSet(CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Industrial parks, export-processing zones, economic zones, hi-tech parks and clusters, by province."""

    queryset = Site.objects.with_related()
    serializer_class = s.SiteSerializer
    filterset_class = filtersets.SiteFilterSet


class ExchangeRateViewSet(CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Yearly reference rates to the US dollar, by which opportunities' `value_usd` is computed."""

    queryset = ExchangeRate.objects.all()
    serializer_class = s.ExchangeRateSerializer
    filterset_class = filtersets.ExchangeRateFilterSet


class CountryViewSet(CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Countries investors come from, by ISO code."""

    queryset = Country.objects.all()
    serializer_class = s.CountrySerializer
    filterset_class = filtersets.CountryFilterSet
    lookup_field = "code"


class ForeignRegionViewSet(CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Regions abroad that investors come from (Quảng Đông, Thâm Quyến ⊂ Quảng Đông...)."""

    queryset = ForeignRegion.objects.select_related("country", "parent__country")
    serializer_class = s.ForeignRegionSerializer
    filterset_class = filtersets.ForeignRegionFilterSet


__all__ = [
    "ActivityViewSet",
    "ContactViewSet",
    "CountryViewSet",
    "DeletedRecordViewSet",
    "EvidenceViewSet",
    "ExchangeRateViewSet",
    "ForeignRegionViewSet",
    "OpportunityViewSet",
    "OrganizationViewSet",
    "ProvinceViewSet",
    "SectorViewSet",
    "SiteViewSet",
    "SourceArticleViewSet",
    "StageChangeViewSet",
]
