"""The API under /api/v1/: one router, plural kebab-case resources, the OpenAPI schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from leads.api import views

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
router.register("sectors", views.SectorViewSet, basename="sector")
router.register("provinces", views.ProvinceViewSet, basename="province")
router.register("sites", views.SiteViewSet, basename="site")
router.register("countries", views.CountryViewSet, basename="country")
router.register("foreign-regions", views.ForeignRegionViewSet, basename="foreign-region")
router.register("exchange-rates", views.ExchangeRateViewSet, basename="exchange-rate")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("", include(router.urls)),
]
