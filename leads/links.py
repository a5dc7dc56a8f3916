"""Absolute links to the CRM's pages, for what leaves the request behind: e-mails, feeds and webhooks."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute_url(path: str) -> str:
    """`path` on the site staff open (`settings.SITE_URL`): e-mails, feeds and webhooks leave the request behind."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def opportunity_admin_url(opportunity_id: int) -> str:
    return absolute_url(reverse("admin:leads_opportunity_change", args=[opportunity_id]))


def evidence_admin_url(opportunity_id: int) -> str:
    """The evidence behind an opportunity in the admin: every sentence, with its article."""
    return absolute_url(f"{reverse('admin:leads_evidence_changelist')}?opportunity__id__exact={opportunity_id}")
