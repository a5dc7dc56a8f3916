"""Source articles (read-only, imported through `import`) and the evidence they hold."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from leads import filtersets
from leads.api import serializers as s
from leads.api.exceptions import PayloadTooLarge
from leads.api.parsers import FormParser, JSONParser, MultiPartParser
from leads.api.serializers.lists import ARTICLES, EVIDENCE
from leads.api.views.base import CrmViewSet, FlatListMixin, SyncMixin
from leads.models import Contact, Evidence, Opportunity, Organization, SourceArticle


class SourceArticleViewSet(FlatListMixin, SyncMixin, CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Articles as imported. Never edited through the API; new ones arrive through `import`."""

    queryset = SourceArticle.objects.select_related("imported_by").with_counts()
    serializer_class = s.SourceArticleSerializer
    flat_list = ARTICLES
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
        request={"application/json": s.ArticleImportSerializer, "multipart/form-data": s.ArticleImportSerializer},
        responses={
            201: s.ImportResultSerializer,
            200: s.ImportResultSerializer,
            202: s.ImportQueuedSerializer,
            413: OpenApiResponse(
                s.ErrorSerializer,
                description=_(
                    "More than IMPORT_MAX_BYTES, more articles than IMPORT_MAX_ARTICLES, or a dry run of more than "
                    "IMPORT_SYNC_MAX_CHARACTERS of text; nothing was saved."
                ),
            ),
        },
        description=_(
            "Import articles through the same pipeline as `manage.py import_articles`: send `text` or `html` as "
            "JSON, or a `file` as multipart. Returns, per article, whether it was new or already known, what was "
            "created or matched, and the records its evidence supports. 201 when anything was created. "
            "Importing the same article again changes nothing. More than IMPORT_SYNC_MAX_ARTICLES articles (20 "
            "unless configured), or more than IMPORT_SYNC_MAX_CHARACTERS of article text (200,000), are imported "
            "by a background job: "
            "202 with the job's URL, whose progress and per-article outcomes the client reads there. A dry run "
            "previews at most IMPORT_MAX_ARTICLES articles (200) and IMPORT_SYNC_MAX_CHARACTERS, and any request "
            "sends at most IMPORT_MAX_BYTES (5 MB): more is a 413 and nothing is saved."
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
        from importers.jobs import count_articles, import_job_create, in_background, too_long_for_a_request
        from importers.pipeline import TEXT_SOURCE, TooManyArticles, import_bytes

        # An upload is refused on its announced length before Django spools it to disk.
        announced = request.META.get("CONTENT_LENGTH") or ""
        if announced.isdigit() and int(announced) > settings.IMPORT_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise PayloadTooLarge(s.import_too_large_message())
        payload = s.ArticleImportSerializer(data=request.data)
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
        if data["dry_run"] and too_long_for_a_request([(raw, name)]):
            raise PayloadTooLarge(
                _(
                    "A dry run previews at most %(limit)s characters of article text (IMPORT_SYNC_MAX_CHARACTERS). "
                    "Nothing was saved: preview less at a time, or import it without dry_run as a background job."
                )
                % {"limit": f"{settings.IMPORT_SYNC_MAX_CHARACTERS:,}"},
                field=data["source_field"],
            )
        if not data["dry_run"] and in_background([(raw, name)]):
            count = count_articles(raw, name)
            job = import_job_create(data=raw, filename=name, user=request.user, update=data["update"])
            url = reverse("api:import-job-detail", args=[job.pk])
            queued = {"id": job.pk, "url": url, "state": job.state, "articles": count}
            return Response(
                s.ImportQueuedSerializer(queued).data, status=status.HTTP_202_ACCEPTED, headers={"Location": url}
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
            "outcomes": import_outcomes(report.outcomes, request.user),
        }
        if data["dry_run"]:
            result["articles"]["preview"] = report.articles.get("preview", 0)
        created = report.articles.get("new", 0) or report.articles.get("updated", 0)
        return Response(
            s.ImportResultSerializer(result).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


# What an imported article's evidence can support, as the import response lists it.
SUPPORTED = {
    "organizations": Organization.objects.all(),
    "contacts": Contact.objects.all(),
    "opportunities": Opportunity.objects.select_related(*s.OPPORTUNITY_SUMMARY_RELATED),
}


def import_outcomes(outcomes: list[Any], user: Any) -> list[dict]:
    """Each source's outcome with the records its article's evidence supports: four queries in all.

    Only the kinds `user` may view are listed: one who may import articles but not view
    organizations learns their counts, never their names.
    """
    visible = {kind: queryset for kind, queryset in SUPPORTED.items() if user.has_perm(_view_permission(queryset))}
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
        for kind, queryset in visible.items()
    }

    def records(article_id: int) -> dict[str, list]:
        return {kind: [r for r in ordered[kind] if r.pk in wanted[article_id][kind]] for kind in visible}

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


def _view_permission(queryset: QuerySet) -> str:
    return f"{queryset.model._meta.app_label}.view_{queryset.model._meta.model_name}"


class EvidenceViewSet(FlatListMixin, CrmViewSet, viewsets.ReadOnlyModelViewSet):
    """Why each record exists: the article, the sentence (with offsets into the cleaned body), the words."""

    queryset = Evidence.objects.with_related().select_related(*s.opportunity_summary_related("opportunity"))
    serializer_class = s.EvidenceSerializer
    flat_list = EVIDENCE
    filterset_class = filtersets.EvidenceFilterSet

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().defer("article__body", "article__raw_text", "article__search_text")
