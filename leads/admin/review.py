"""The review queue: what the importer found and nobody has looked at yet, decided in a click.

Accept keeps the lead; reject keeps it too, marked rejected, so the importer recognizes it
next time and does not bring it back (see `leads.services.lead_review`). Both go through the
service, from the queue page, from the buttons on a pending lead's page, and from the
changelist actions.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from leads.admin.base import opportunity_sectors, record_id
from leads.admin.highlight import highlight_sentence
from leads.choices import ReviewStatus
from leads.models import Contact, Evidence, Opportunity
from leads.services import lead_review

QUEUE_SIZE = 25
REVIEWABLE = {"opportunity": Opportunity, "contact": Contact}


class ReviewActionsMixin:
    """ "Accept" and "reject" as changelist actions, through the review service."""

    @admin.action(description=gettext_lazy("Accept selected leads"), permissions=["change"])
    def accept_leads(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._review(request, queryset, ReviewStatus.ACCEPTED)

    @admin.action(
        description=gettext_lazy("Reject selected leads (the importer will not bring them back)"),
        permissions=["change"],
    )
    def reject_leads(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._review(request, queryset, ReviewStatus.REJECTED)

    def _review(self, request: HttpRequest, queryset: QuerySet, decision: str) -> None:
        done = 0
        for lead in queryset:
            try:
                lead_review(lead=lead, decision=decision, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{lead}: {' '.join(error.messages)}", messages.ERROR)
            else:
                done += 1
        message = (
            ngettext("%(count)d lead accepted.", "%(count)d leads accepted.", done)
            if decision == ReviewStatus.ACCEPTED
            else ngettext("%(count)d lead rejected.", "%(count)d leads rejected.", done)
        )
        self.message_user(request, message % {"count": done}, messages.SUCCESS)


def _with_evidence(queryset: QuerySet) -> QuerySet:
    return queryset.prefetch_related(
        Prefetch(
            "evidence", queryset=Evidence.objects.select_related("article").order_by("article_id", "sentence_start")
        )
    )


def review_queue_view(model_admin: admin.ModelAdmin, request: HttpRequest):
    """Pending opportunities and contacts, oldest first, each with the sentences behind it."""
    if not (model_admin.has_view_permission(request) or request.user.has_perm("leads.view_contact")):
        raise PermissionDenied
    opportunities = list(
        _with_evidence(Opportunity.objects.pending_review().with_related().order_by("created_at", "pk"))[:QUEUE_SIZE]
    )
    contacts = list(
        _with_evidence(Contact.objects.pending_review().with_related().order_by("created_at", "pk"))[:QUEUE_SIZE]
    )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": _("Review queue"),
        "subtitle": _("Leads found by the importer and not reviewed yet"),
        "opportunities": [_item(opportunity, "opportunity") for opportunity in opportunities],
        "contacts": [_item(contact, "contact") for contact in contacts],
        "opportunity_total": Opportunity.objects.pending_review().count(),
        "contact_total": Contact.objects.pending_review().count(),
        "queue_size": QUEUE_SIZE,
    }
    return TemplateResponse(request, "admin/leads/review_queue.html", context)


def _item(lead: Opportunity | Contact, kind: str) -> dict:
    return {
        "lead": lead,
        "kind": kind,
        "change_url": reverse(f"admin:leads_{kind}_change", args=[lead.pk]),
        "evidence": [(item, highlight_sentence(item)) for item in lead.evidence.all()],
        "sectors": opportunity_sectors(lead) if kind == "opportunity" else [],
    }


def review_decide_view(model_admin: admin.ModelAdmin, request: HttpRequest):
    """POST kind, pk, decision (and next): accept or reject one lead."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    model = REVIEWABLE.get(request.POST.get("kind", ""))
    decision = request.POST.get("decision", "")
    pk = record_id(request.POST.get("pk"))
    if model is None or decision not in ReviewStatus.values or pk is None:
        messages.error(request, _("That review decision could not be understood."))
        return HttpResponseRedirect(reverse("admin:leads_opportunity_review"))
    if not request.user.has_perm(f"leads.change_{model._meta.model_name}"):
        raise PermissionDenied
    lead = get_object_or_404(model, pk=pk)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("admin:leads_opportunity_review")
    try:
        lead_review(lead=lead, decision=decision, user=request.user)
    except ValidationError as error:
        messages.error(request, f"{lead}: {' '.join(error.messages)}")
        return HttpResponseRedirect(target)
    text = {
        ReviewStatus.ACCEPTED: _("Accepted: %(lead)s"),
        ReviewStatus.REJECTED: _("Rejected: %(lead)s. Re-importing will not bring it back."),
        ReviewStatus.PENDING: _("Sent back to review: %(lead)s"),
    }[ReviewStatus(decision)]
    messages.success(request, text % {"lead": lead})
    return HttpResponseRedirect(target)
