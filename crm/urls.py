"""Root URLs: the admin, the API under /api/v1/, and language switching.

The interface language comes from the `django_language` cookie that `/i18n/setlang/` sets
(then the browser's Accept-Language), so URLs stay the same in English and Vietnamese.
"""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("leads.api.urls")),
]
