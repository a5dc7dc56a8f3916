"""Root URLs: the admin, the API under /api/v1/, and language switching.

The interface language comes from the `django_language` cookie that `/i18n/setlang/` sets
(then the browser's Accept-Language), so URLs stay the same in English and Vietnamese.

The API is one namespace (`api:`) and one schema: the leads resources, then the importer's
(`sources/`, `import-jobs/`, `import-job-items/`), which the domain does not know about.

Errors Django answers itself (no such URL, a body too large, a bug) are JSON under /api/: see
`leads.api.exceptions`.
"""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from importers.api import urlpatterns as importer_api
from leads.api.urls import urlpatterns as leads_api

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(([*leads_api, *importer_api], "api"))),
]

# JSON for paths under /api/ (what an integration parses), Django's HTML pages for the admin.
handler400 = "leads.api.exceptions.bad_request"
handler403 = "leads.api.exceptions.permission_denied"
handler404 = "leads.api.exceptions.page_not_found"
handler500 = "leads.api.exceptions.server_error"
