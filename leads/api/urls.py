"""The API under /api/v1/: one router, plural kebab-case resources, the OpenAPI schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from leads.api import history, views, watches

app_name = "api"

router = DefaultRouter()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("contacts", views.ContactViewSet, basename="contact")
router.register("opportunities", views.OpportunityViewSet, basename="opportunity")
router.register("articles", views.SourceArticleViewSet, basename="article")
router.register("evidence", views.EvidenceViewSet, basename="evidence")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("stage-changes", views.StageChangeViewSet, basename="stage-change")
router.register("deleted-records", views.DeletedRecordViewSet, basename="deleted-record")
router.register("history", history.HistoryViewSet, basename="history-entry")
router.register("sectors", views.SectorViewSet, basename="sector")
router.register("provinces", views.ProvinceViewSet, basename="province")
router.register("sites", views.SiteViewSet, basename="site")
router.register("countries", views.CountryViewSet, basename="country")
router.register("foreign-regions", views.ForeignRegionViewSet, basename="foreign-region")
router.register("exchange-rates", views.ExchangeRateViewSet, basename="exchange-rate")
router.register("watches", watches.WatchViewSet, basename="watch")
router.register("notifications", watches.NotificationViewSet, basename="notification")
router.register("webhook-subscriptions", watches.WebhookSubscriptionViewSet, basename="webhook-subscription")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's setup as a script file: the production CSP allows no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("watches/<int:pk>/feed.atom", watches.WatchFeedView.as_view(), name="watch-feed"),
    path("", include(router.urls)),
]
