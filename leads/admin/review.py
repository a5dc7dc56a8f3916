"""The review queue: what the importer found and nobody has looked at yet, decided in a click.

Accept keeps the lead; reject keeps it too, marked rejected, so the importer recognizes it
next time and does not bring it back (see `leads.services.lead_review`). Both go through the
service, from the queue page, from the buttons on a pending lead's page, and from the
changelist actions.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
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
from leads.models import Contact, Evidence, Opportunity, SourceArticle
from leads.permissions import WON_MESSAGE, may_change_opportunity, may_view
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
            if not may_decide(request.user, lead):
                self.message_user(request, f"{lead}: {WON_MESSAGE}", messages.ERROR)
                continue
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


def may_decide(user: AbstractBaseUser | AnonymousUser, lead: Opportunity | Contact) -> bool:
    """Whether `user` may accept or reject `lead`: the change permission of its model, and for a won
    opportunity the permission to mark one won (`leads.permissions.may_change_opportunity`)."""
    if isinstance(lead, Opportunity):
        return may_change_opportunity(user, lead)
    return user.has_perm("leads.change_contact")


def _pending(model: type[Opportunity | Contact]) -> QuerySet:
    """What waits for review, oldest first, with its evidence: the first `QUEUE_SIZE` of them."""
    return _with_evidence(model.objects.pending_review().with_related().order_by("created_at", "pk"))[:QUEUE_SIZE]


def review_queue_view(model_admin: admin.ModelAdmin, request: HttpRequest):
    """Pending opportunities and contacts, oldest first, each with the sentences behind it.

    Each section only for a user who may view its records (`leads.permissions.may_view`): a user who
    may only view contacts sees the pending contacts, not the opportunities nor their evidence
    (`opportunities` is then None). Accept and reject appear on the leads the user may decide.
    """
    user = request.user
    show_opportunities, show_contacts = may_view(user, Opportunity), may_view(user, Contact)
    if not (show_opportunities or show_contacts):
        raise PermissionDenied
    opportunities = [_item(lead, "opportunity", user) for lead in _pending(Opportunity)] if show_opportunities else None
    contacts = [_item(lead, "contact", user) for lead in _pending(Contact)] if show_contacts else None
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": _("Review queue"),
        "subtitle": _("Leads found by the importer and not reviewed yet"),
        "opportunities": opportunities,
        "contacts": contacts,
        "opportunity_total": Opportunity.objects.pending_review().count() if show_opportunities else None,
        "contact_total": Contact.objects.pending_review().count() if show_contacts else None,
        "may_view_articles": may_view(user, SourceArticle),
        "queue_size": QUEUE_SIZE,
    }
    return TemplateResponse(request, "admin/leads/review_queue.html", context)


def _item(lead: Opportunity | Contact, kind: str, user: AbstractBaseUser) -> dict:
    return {
        "lead": lead,
        "kind": kind,
        "change_url": reverse(f"admin:leads_{kind}_change", args=[lead.pk]),
        "may_decide": may_decide(user, lead),
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
    if not may_decide(request.user, lead):
        raise PermissionDenied
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
