"""Organizations and contacts: inlines, evidence, merging duplicates, and finding them."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from leads.admin.base import (
    ActivityAuthorMixin,
    FoldedSearchMixin,
    HttpsUrlMixin,
    VersionedAdminMixin,
    VersionedInlineMixin,
    VietnameseRelatedFilter,
    VietnameseRelatedOnlyFilter,
    admin_link,
    html_list,
    record_id,
)
from leads.admin.evidence import evidence_list
from leads.admin.forms import ContactForm, FoldedKeysInlineFormSet, OrganizationAliasForm, OrganizationForm
from leads.admin.history import AuditHistoryMixin
from leads.admin.opportunities import ActivityInline as OpportunityActivityInline
from leads.admin.opportunities import sectors_html, stated_value, target_html
from leads.admin.review import ReviewActionsMixin
from leads.collation import VietnameseCollate
from leads.models import Contact, Opportunity, Organization, OrganizationAlias
from leads.querysets import organization_duplicate_pairs
from leads.services import organizations_merge
from leads.text import normalize_name


class OrganizationAliasInline(admin.TabularInline):
    model = OrganizationAlias
    form = OrganizationAliasForm
    formset = FoldedKeysInlineFormSet
    fields = ("name",)
    extra = 0


class ContactInline(VersionedInlineMixin, admin.TabularInline):
    """The organization's people, editable in place; each row carries the version it was opened at."""

    model = Contact
    form = ContactForm
    formset = FoldedKeysInlineFormSet
    fields = ("full_name", "title", "email", "phone", "review_status")
    readonly_fields = ("review_status",)
    extra = 0
    show_change_link = True


class OpportunityInline(admin.TabularInline):
    """The organization's opportunities; stages move on the opportunity's own page."""

    model = Opportunity
    fields = (
        "lead",
        "target",
        "project",
        "sectors_display",
        "status",
        "stage",
        "value_display",
        "owner",
        "next_step_on",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).with_related()

    @admin.display(description=gettext_lazy("lead"))
    def lead(self, opportunity: Opportunity) -> str:
        # The organization is the page's own: the row names the lead by its title, or its number.
        return opportunity.title or f"#{opportunity.pk}"

    @admin.display(description=gettext_lazy("target"))
    def target(self, opportunity: Opportunity) -> str:
        return target_html(opportunity)

    @admin.display(description=gettext_lazy("sectors"))
    def sectors_display(self, opportunity: Opportunity) -> str:
        return sectors_html(opportunity)

    @admin.display(description=gettext_lazy("total investment"))
    def value_display(self, opportunity: Opportunity) -> str:
        return stated_value(opportunity)


class OrganizationActivityInline(OpportunityActivityInline):
    fk_name = "organization"
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(
    VersionedAdminMixin, AuditHistoryMixin, ActivityAuthorMixin, HttpsUrlMixin, FoldedSearchMixin, admin.ModelAdmin
):
    form = OrganizationForm
    list_display = ("name", "kind", "country", "province", "region", "contact_count", "opportunity_count", "updated_at")
    list_filter = (
        "kind",
        ("country", VietnameseRelatedOnlyFilter),
        "province",
        ("region", VietnameseRelatedOnlyFilter),
        ("sectors", VietnameseRelatedFilter),
        "updated_at",
    )
    list_select_related = ("country", "province", "region")
    search_help_text = gettext_lazy("Name or alias; accents optional.")
    autocomplete_fields = ("country", "province", "region", "sectors")
    readonly_fields = ("evidence_html", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("name", "kind", ("country", "province", "region"), "sectors", "website", "notes")}),
        (gettext_lazy("Evidence"), {"fields": ("evidence_html",)}),
        (gettext_lazy("Record"), {"fields": (("created_at", "updated_at"),), "classes": ("collapse",)}),
    )
    inlines = (OrganizationAliasInline, ContactInline, OpportunityInline, OrganizationActivityInline)
    actions = ("merge_selected",)
    ordering = (VietnameseCollate("name"),)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).with_counts()

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("duplicates/", view(self.duplicates_view), name=f"{prefix}_duplicates"),
            path("merge/", view(self.merge_view), name=f"{prefix}_merge"),
            *super().get_urls(),
        ]

    @admin.display(description=gettext_lazy("contacts"), ordering="contact_count")
    def contact_count(self, organization: Organization) -> int:
        return organization.contact_count

    @admin.display(description=gettext_lazy("opportunities"), ordering="opportunity_count")
    def opportunity_count(self, organization: Organization) -> int:
        return organization.opportunity_count

    @admin.display(description=gettext_lazy("evidence"))
    def evidence_html(self, organization: Organization) -> str:
        if not organization.pk:
            return "-"
        return evidence_list(organization.evidence.all())

    # --- merging -------------------------------------------------------------------------

    def _can_merge(self, request: HttpRequest) -> bool:
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description=gettext_lazy("Merge selected organizations…"), permissions=["change", "delete"])
    def merge_selected(self, request: HttpRequest, queryset: QuerySet):
        ids = list(queryset.values_list("pk", flat=True))
        if len(ids) < 2:
            self.message_user(request, _("Select at least two organizations to merge."), messages.WARNING)
            return None
        return HttpResponseRedirect(
            f"{reverse('admin:leads_organization_merge')}?{urlencode({'ids': ','.join(map(str, ids))})}"
        )

    def merge_view(self, request: HttpRequest):
        """Confirmation page: pick the organization to keep, see what moves where, then merge."""
        if not self._can_merge(request):
            raise PermissionDenied
        raw_ids = request.POST.get("ids") or request.GET.get("ids", "")
        ids = [pk for pk in map(record_id, raw_ids.split(",")) if pk is not None]
        organizations = list(
            Organization.objects.filter(pk__in=ids)
            .select_related("country", "province", "region")
            .prefetch_related("aliases", "contacts", "sectors")
            .annotate(
                evidence_count=Count("evidence", distinct=True),
                activity_count=Count("activities", distinct=True),
            )
            .order_by("pk")
        )
        if len(organizations) < 2:
            self.message_user(request, _("Select at least two organizations to merge."), messages.WARNING)
            return HttpResponseRedirect(reverse("admin:leads_organization_changelist"))
        opportunities = list(Opportunity.objects.filter(organization__in=organizations).with_related().order_by("pk"))
        by_org: dict[int, list[Opportunity]] = {}
        for opportunity in opportunities:
            by_org.setdefault(opportunity.organization_id, []).append(opportunity)

        keep_id = request.POST.get("keep") or request.GET.get("keep")
        keep = next((o for o in organizations if str(o.pk) == str(keep_id)), None) or min(
            organizations,
            key=lambda o: (-len(by_org.get(o.pk, [])), -len(o.contacts.all()), -o.evidence_count, o.pk),
        )
        if request.method == "POST" and "_merge" in request.POST:
            duplicates = [o for o in organizations if o.pk != keep.pk]
            try:
                result = organizations_merge(keep=keep, merge=duplicates, user=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.log_change(
                    request, result.kept, _("Merged: %(names)s") % {"names": ", ".join(result.merged_names)}
                )
                self.message_user(request, merge_summary(result), messages.SUCCESS)
                if result.opportunities_kept_apart:
                    self.message_user(
                        request,
                        _(
                            "Opportunities %(ids)s duplicate one the kept organization already had; both were "
                            "kept for you to decide."
                        )
                        % {"ids": ", ".join(f"#{pk}" for pk in result.opportunities_kept_apart)},
                        messages.WARNING,
                    )
                return HttpResponseRedirect(reverse("admin:leads_organization_change", args=[result.kept.pk]))

        plan = []
        kept_contact_names = {c.normalized_name for c in keep.contacts.all()}
        for organization in organizations:
            if organization.pk == keep.pk:
                continue
            plan.append(
                {
                    "organization": organization,
                    "names": [organization.name, *(alias.name for alias in organization.aliases.all())],
                    "contacts_moved": [
                        c for c in organization.contacts.all() if c.normalized_name not in kept_contact_names
                    ],
                    "contacts_combined": [
                        c for c in organization.contacts.all() if c.normalized_name in kept_contact_names
                    ],
                    "opportunities": by_org.get(organization.pk, []),
                    "evidence_count": organization.evidence_count,
                    "activity_count": organization.activity_count,
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Merge organizations"),
            "organizations": [
                {"organization": o, "opportunities": by_org.get(o.pk, []), "keep": o.pk == keep.pk}
                for o in organizations
            ],
            "keep": keep,
            "plan": plan,
            "ids": ",".join(str(o.pk) for o in organizations),
            "normalize": normalize_name,
        }
        return TemplateResponse(request, "admin/leads/organization/merge.html", context)

    def duplicates_view(self, request: HttpRequest):
        """Organizations whose folded names are close, most alike first, each pair one click from merging."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            threshold = min(max(float(request.GET.get("threshold", "0.5")), 0.1), 1.0)
        except ValueError:
            threshold = 0.5
        pairs = organization_duplicate_pairs(threshold=threshold, limit=100)
        wanted = {pk for pair in pairs for pk in pair[:2]}
        organizations = {
            o.pk: o for o in Organization.objects.filter(pk__in=wanted).select_related("country").with_counts()
        }
        rows = [
            {
                "left": organizations[left],
                "right": organizations[right],
                "score": round(score * 100),
                "merge_url": f"{reverse('admin:leads_organization_merge')}?{urlencode({'ids': f'{left},{right}'})}",
            }
            for left, right, score in pairs
            if left in organizations and right in organizations
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Possible duplicate organizations"),
            "rows": rows,
            "threshold": threshold,
            "can_merge": self._can_merge(request),
        }
        return TemplateResponse(request, "admin/leads/organization/duplicates.html", context)


def merge_summary(result) -> str:
    """One sentence saying what a merge moved."""
    return _(
        "Merged %(names)s into “%(kept)s”: %(contacts)s, %(opportunities)s, %(evidence)s, %(activities)s moved; "
        "%(aliases)s added."
    ) % {
        "names": ", ".join(f"“{name}”" for name in result.merged_names),
        "kept": result.kept.name,
        "contacts": ngettext("%d contact", "%d contacts", result.contacts_moved + result.contacts_combined)
        % (result.contacts_moved + result.contacts_combined),
        "opportunities": ngettext("%d opportunity", "%d opportunities", result.opportunities_moved)
        % result.opportunities_moved,
        "evidence": ngettext("%d evidence sentence", "%d evidence sentences", result.evidence_moved)
        % result.evidence_moved,
        "activities": ngettext("%d activity", "%d activities", result.activities_moved) % result.activities_moved,
        "aliases": ngettext("%d alias", "%d aliases", result.aliases_added) % result.aliases_added,
    }


class ContactActivityInline(OpportunityActivityInline):
    fk_name = "contact"
    extra = 0


@admin.register(Contact)
class ContactAdmin(
    VersionedAdminMixin, AuditHistoryMixin, ActivityAuthorMixin, ReviewActionsMixin, FoldedSearchMixin, admin.ModelAdmin
):
    form = ContactForm
    list_display = ("full_name", "title", "organization_link", "email", "phone", "review_status", "updated_at")
    list_filter = ("review_status", "is_imported", "organization__kind", "organization__country", "updated_at")
    list_select_related = ("organization",)
    search_help_text = gettext_lazy("Name, title or organization; accents optional.")
    autocomplete_fields = ("organization",)
    readonly_fields = (
        "evidence_html",
        "opportunities_html",
        "review_status",
        "is_imported",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("full_name", "title", "organization", ("email", "phone"), "notes")}),
        (gettext_lazy("Evidence"), {"fields": ("evidence_html",)}),
        (gettext_lazy("Opportunities"), {"fields": ("opportunities_html",)}),
        (
            gettext_lazy("Record"),
            {"fields": (("review_status", "is_imported"), ("created_at", "updated_at")), "classes": ("collapse",)},
        ),
    )
    inlines = (ContactActivityInline,)
    actions = ("accept_leads", "reject_leads")
    ordering = (VietnameseCollate("full_name"),)

    @admin.display(description=gettext_lazy("organization"), ordering="organization__normalized_name")
    def organization_link(self, contact: Contact) -> str:
        return admin_link(contact.organization)

    @admin.display(description=gettext_lazy("evidence"))
    def evidence_html(self, contact: Contact) -> str:
        if not contact.pk:
            return "-"
        return evidence_list(contact.evidence.all())

    @admin.display(description=gettext_lazy("opportunities"))
    def opportunities_html(self, contact: Contact) -> str:
        if not contact.pk:
            return "-"
        return html_list(admin_link(opportunity) for opportunity in contact.opportunities.all().with_related())
