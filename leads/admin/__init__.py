"""The staff workspace in the Django admin.

One module per concern: `reference` (provinces, regions, countries, sectors, sites, exchange rates), `parties`
(organizations with merge and duplicates, contacts), `opportunities` (the pipeline: stage
moves, owners, activities, CSV), `review` (the queue of imported leads), `articles` (bodies
with their mentions, re-extraction, the import page), `integration` (API tokens). The admin
index shows the dashboard (`leads.dashboard`, through `templates/admin/index.html`).

Admin classes stay thin: stage moves, merges, reviews and imports call `leads.services` and
`importers.pipeline`; search goes through the querysets' `search()`; every changelist and change
page names what it loads (the querysets' `with_related()` for opportunities), so its number of
queries does not grow with its rows.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from leads.admin import articles, integration, opportunities, parties, reference, review, watches
from leads.admin.base import FoldedSearchMixin

admin.site.site_header = _("Investment-lead CRM")
admin.site.site_title = _("Investment-lead CRM")
admin.site.index_title = _("Staff workspace")
admin.site.site_url = None  # "/" only leads back here
admin.site.enable_nav_sidebar = False  # the lists need the width; the index and breadcrumbs lead everywhere

__all__ = [
    "FoldedSearchMixin",
    "articles",
    "integration",
    "opportunities",
    "parties",
    "reference",
    "review",
    "watches",
]
