"""The API of watches and alerts: a user's own watches, notifications and webhook subscriptions, and Atom feeds.

Each user reads and writes only their own records (another user's is a 404, as if it did not
exist); saving a watch or a subscription needs the view opportunity permission, since both tell
of opportunities. A watch's `query` is an opportunity filter of `/api/v1/opportunities/`, checked
as that list checks it: an unknown parameter or a value a filter cannot use is a 400 naming it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from leads import watches
from leads.api.permissions import ReadOnlyTokenPermission
from leads.api.serializers.summaries import (
    ArticleSummarySerializer,
    OpportunitySummarySerializer,
    hidden_help,
)
from leads.api.views import CrmViewSet
from leads.filtersets.watches import NotificationFilterSet, WatchFilterSet, WebhookSubscriptionFilterSet
from leads.models import Evidence, Notification, Opportunity, Organization, SourceArticle, StageChange, Watch
from leads.models.watches import WebhookSubscription
from leads.webhooks import webhook_target_refusal


class OwnRecordsPermission(permissions.BasePermission):
    """Reading one's own records needs nothing more; writing needs the view opportunity permission."""

    message = _("Watches and subscriptions tell of opportunities: saving one needs the view opportunity permission.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return request.method in permissions.SAFE_METHODS or request.user.has_perm(watches.VIEW_OPPORTUNITY)


OWN_PERMISSIONS = [permissions.IsAuthenticated, OwnRecordsPermission, ReadOnlyTokenPermission]


# ---------------------------------------------------------------------------------------------
# Serializers
# ---------------------------------------------------------------------------------------------


class WatchSerializer(serializers.ModelSerializer):
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Key of an organization to follow: only its leads match."),
    )
    feed_url = serializers.SerializerMethodField(help_text=_("The Atom feed of the watch's newest leads."))

    class Meta:
        model = Watch
        fields = [
            "id",
            "name",
            "query",
            "organization",
            "notify_new_leads",
            "notify_new_evidence",
            "notify_stage_moves",
            "frequency",
            "language",
            "is_active",
            "feed_url",
            "created_at",
            "updated_at",
        ]

    def validate_query(self, value: str) -> str:
        return watches.watch_clean_query(value, user=self.context["request"].user)

    @extend_schema_field(OpenApiTypes.URI)
    def get_feed_url(self, watch: Watch) -> str:
        url = reverse("api:watch-feed", args=[watch.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class WatchSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Watch
        fields = ["id", "name"]


class NotificationEvidenceSerializer(serializers.ModelSerializer):
    article = ArticleSummarySerializer(read_only=True, allow_null=True, help_text=hidden_help(SourceArticle))

    class Meta:
        model = Evidence
        fields = ["id", "article", "sentence"]


class NotificationStageChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = StageChange
        fields = ["id", "from_stage", "to_stage", "changed_at"]


class NotificationSerializer(serializers.ModelSerializer):
    watch = WatchSummarySerializer(read_only=True)
    opportunity = OpportunitySummarySerializer(read_only=True, allow_null=True, help_text=hidden_help(Opportunity))
    evidence = NotificationEvidenceSerializer(
        read_only=True, allow_null=True, help_text=_("The sentence that made the event, when there is one.")
    )
    evidence_url = serializers.SerializerMethodField(help_text=_("Every piece of evidence behind the opportunity."))
    stage_change = NotificationStageChangeSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "watch",
            "opportunity",
            "evidence",
            "evidence_url",
            "stage_change",
            "created_at",
            "read_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_evidence_url(self, notification: Notification) -> str:
        url = f"{reverse('api:evidence-list')}?opportunity={notification.opportunity_id}"
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class MarkedReadSerializer(serializers.Serializer):
    marked_read = serializers.IntegerField(help_text=_("How many notifications were unread and are now read."))


class OwnWatchField(serializers.PrimaryKeyRelatedField):
    """A key of one of the asking user's own watches."""

    def get_queryset(self) -> QuerySet:
        return Watch.objects.filter(owner=self.context["request"].user)


class WebhookSubscriptionSerializer(serializers.ModelSerializer):
    watch = OwnWatchField(help_text=_("Key of one of your watches."))

    class Meta:
        model = WebhookSubscription
        fields = [
            "id",
            "watch",
            "target_url",
            "secret",
            "is_active",
            "failure_count",
            "last_error",
            "last_success_at",
            "created_at",
        ]
        read_only_fields = ["secret", "failure_count", "last_error", "last_success_at", "created_at"]

    def validate_target_url(self, url: str) -> str:
        refusal = webhook_target_refusal(url)
        if refusal:
            raise serializers.ValidationError(refusal)
        return url


# ---------------------------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------------------------


class WatchViewSet(CrmViewSet, viewsets.ModelViewSet):
    """Your saved opportunity filters and followed organizations: what the CRM tells you of, and how often."""

    queryset = Watch.objects.all()
    serializer_class = WatchSerializer
    filterset_class = WatchFilterSet
    permission_classes = OWN_PERMISSIONS

    def get_queryset(self) -> QuerySet:
        return Watch.objects.filter(owner=self.request.user).order_by("name", "pk")

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.save(owner=self.request.user)


class NotificationViewSet(CrmViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """What your watches matched, newest first; `unread=true` for the unread ones."""

    queryset = Notification.objects.all()
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilterSet
    permission_classes = OWN_PERMISSIONS

    def get_queryset(self) -> QuerySet:
        return Notification.objects.with_related().filter(user=self.request.user).order_by("-created_at", "-pk")

    @extend_schema(request=None, responses={200: NotificationSerializer})
    @action(detail=True, methods=["post"], url_path="mark-read")
    def mark_read(self, request: Request, pk: str | None = None) -> Response:
        """Mark this notification as read."""
        notification = self.get_object()
        own = Notification.objects.filter(pk=notification.pk)
        watches.notifications_mark_read(user=request.user, notifications=own)
        notification.refresh_from_db(fields=["read_at"])
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses={200: MarkedReadSerializer})
    @action(detail=False, methods=["post"], url_path="mark-all-read")
    def mark_all_read(self, request: Request) -> Response:
        """Mark every notification the filters select (all, without filters) as read."""
        marked = watches.notifications_mark_read(
            user=request.user, notifications=self.filter_queryset(self.get_queryset())
        )
        return Response({"marked_read": marked})


class WebhookSubscriptionViewSet(CrmViewSet, viewsets.ModelViewSet):
    """Integrations told of a watch's notifications by a POST signed with `X-CRM-Signature: sha256=<hmac>`."""

    queryset = WebhookSubscription.objects.all()
    serializer_class = WebhookSubscriptionSerializer
    filterset_class = WebhookSubscriptionFilterSet
    permission_classes = OWN_PERMISSIONS

    def get_queryset(self) -> QuerySet:
        return WebhookSubscription.objects.filter(owner=self.request.user).order_by("-created_at", "-pk")

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        serializer.save(owner=self.request.user)


class FirstRendererNegotiation(BaseContentNegotiation):
    """A feed reader asks for Atom; errors still come as JSON, so the client's `Accept` does not decide."""

    def select_parser(self, request: Request, parsers: list) -> Any:
        return parsers[0]

    def select_renderer(self, request: Request, renderers: list, format_suffix: str | None = None) -> tuple:
        return renderers[0], renderers[0].media_type


class WatchFeedView(APIView):
    """`GET /api/v1/watches/<id>/feed.atom`: the newest leads your watch matches, as an Atom feed."""

    permission_classes = [permissions.IsAuthenticated, ReadOnlyTokenPermission]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = FirstRendererNegotiation

    @extend_schema(
        operation_id="watches_feed",
        responses={(200, "application/atom+xml"): OpenApiResponse(OpenApiTypes.STR, description=_("An Atom feed."))},
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        watch = get_object_or_404(Watch.objects.select_related("owner"), pk=pk, owner=request.user)
        if not request.user.has_perm(watches.VIEW_OPPORTUNITY):
            raise PermissionDenied(_("Reading a feed of leads needs the view opportunity permission."))
        feed = watches.watch_feed(watch, feed_url=request.build_absolute_uri())
        return HttpResponse(feed, content_type="application/atom+xml; charset=utf-8")
