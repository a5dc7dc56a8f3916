"""Working the pipeline: the opportunity list and page, stage moves, owners, activities, exports."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from leads.admin.base import (
    ActivityAuthorMixin,
    FoldedSearchMixin,
    VersionedAdminMixin,
    VietnameseRelatedFilter,
    VietnameseRelatedOnlyFilter,
    admin_link,
    admin_url,
    opportunity_sectors,
    opportunity_summary_related,
    record_id,
)
from leads.admin.evidence import evidence_list, matched_terms
from leads.admin.forms import OpportunityForm, StageMoveForm
from leads.admin.history import AuditHistoryMixin
from leads.admin.review import ReviewActionsMixin, review_decide_view, review_queue_view
from leads.api.exports import OPPORTUNITY_COLUMNS, csv_response
from leads.choices import Stage
from leads.dashboard import STAGE_COLOURS
from leads.models import Activity, Evidence, Opportunity, StageChange
from leads.permissions import WON_MESSAGE, may_change_opportunity, may_delete_opportunity
from leads.querysets import related_count
from leads.services import ALLOWED_MOVES, opportunities_assign_owner, opportunity_move_stage


class OwnerFilter(admin.SimpleListFilter):
    """Mine, nobody's, or a given colleague's."""

    title = gettext_lazy("owner")
    parameter_name = "owner"

    def lookups(self, request: HttpRequest, model_admin):
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.filter(opportunities__isnull=False).distinct().order_by("username")
        return [
            ("me", _("Me")),
            ("none", _("Nobody")),
            *((str(user.pk), user.get_full_name() or user.get_username()) for user in users),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet):
        value = self.value()
        if value == "me":
            return queryset.filter(owner=request.user)
        if value == "none":
            return queryset.filter(owner__isnull=True)
        if record_id(value) is not None:
            return queryset.filter(owner_id=record_id(value))
        return queryset


class ValueFilter(admin.SimpleListFilter):
    title = gettext_lazy("total investment")
    parameter_name = "value"

    def lookups(self, request: HttpRequest, model_admin):
        return [("stated", _("Stated")), ("unknown", _("Not stated"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet):
        if self.value() == "stated":
            return queryset.filter(value__isnull=False)
        if self.value() == "unknown":
            return queryset.filter(value__isnull=True)
        return queryset


class NextStepFilter(admin.SimpleListFilter):
    """Next steps as staff plan them: overdue, today, this week, later, none."""

    title = gettext_lazy("next step date")
    parameter_name = "next_step"

    def lookups(self, request: HttpRequest, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("today", _("Today")),
            ("week", _("Next 7 days")),
            ("later", _("Later")),
            ("none", _("No date")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet):
        today = timezone.localdate()
        week = today + datetime.timedelta(days=7)
        return {
            "overdue": lambda: queryset.filter(next_step_on__lt=today),
            "today": lambda: queryset.filter(next_step_on=today),
            "week": lambda: queryset.filter(next_step_on__gt=today, next_step_on__lte=week),
            "later": lambda: queryset.filter(next_step_on__gt=week),
            "none": lambda: queryset.filter(next_step_on__isnull=True),
        }.get(self.value() or "", lambda: queryset)()


class ActivityInline(admin.StackedInline):
    """Log a call, meeting, e-mail or note against the opportunity."""

    model = Activity
    fk_name = "opportunity"
    fields = (("kind", "occurred_at"), "subject", "notes", "created_by")
    readonly_fields = ("created_by",)
    extra = 1
    verbose_name = gettext_lazy("activity")
    verbose_name_plural = gettext_lazy("activities")

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("created_by")


def whole_number(value) -> str:
    """An amount rounded to a whole number, digits grouped as the interface language groups them."""
    return number_format(Decimal(value).quantize(Decimal(1), ROUND_HALF_UP), decimal_pos=0, force_grouping=True)


def stated_value(opportunity: Opportunity) -> str:
    """The value as the news states it, in its own currency; a dash when it states none."""
    if opportunity.value is None:
        return "-"
    return f"{whole_number(opportunity.value)} {opportunity.currency}".strip()


def target_html(opportunity: Opportunity) -> str:
    """The target province (or nationwide) and, when stated, the site under it."""
    where = opportunity.province.name if opportunity.province_id else _("Nationwide")
    if not opportunity.site_id:
        return where
    return format_html('{}<br><span class="crm-muted crm-site">{}</span>', where, opportunity.site)


def sectors_html(opportunity: Opportunity) -> str:
    """The opportunity's sectors, the primary one first and in bold; a dash for none."""
    sectors = opportunity_sectors(opportunity)
    if not sectors:
        return "-"
    return format_html_join(
        ", ",
        "{}",
        (
            (
                format_html('<strong class="crm-primary-sector">{}</strong>', sector)
                if sector.pk == opportunity.primary_sector_id
                else sector,
            )
            for sector in sectors
        ),
    )


def stage_badge(stage: str) -> str:
    return format_html(
        '<span class="crm-stage" style="background:{}">{}</span>', STAGE_COLOURS.get(stage, "#777"), Stage(stage).label
    )


@admin.register(Opportunity)
class OpportunityAdmin(
    VersionedAdminMixin, AuditHistoryMixin, ActivityAuthorMixin, ReviewActionsMixin, FoldedSearchMixin, admin.ModelAdmin
):
    form = OpportunityForm
    list_display = (
        "lead",
        "investor",
        "target",
        "project",
        "sectors_display",
        "status",
        "stage_display",
        "value_display",
        "value_usd_display",
        "owner",
        "next_step_on",
        "updated_at",
    )
    list_display_links = ("lead",)
    list_filter = (
        "status",
        "stage",
        "review_status",
        ("sectors", VietnameseRelatedFilter),
        ("province", VietnameseRelatedFilter),
        ("site", VietnameseRelatedOnlyFilter),
        ("origin_region", VietnameseRelatedOnlyFilter),
        ("origin_country", VietnameseRelatedOnlyFilter),
        ("organization", VietnameseRelatedOnlyFilter),
        OwnerFilter,
        ValueFilter,
        NextStepFilter,
        "investment_type",
        "priority",
        "updated_at",
    )
    search_help_text = gettext_lazy(
        "Organization, origin, province, site, project, sector, title or next step; accents optional."
    )
    date_hierarchy = "created_at"
    autocomplete_fields = (
        "organization",
        "origin_region",
        "origin_country",
        "province",
        "site",
        "primary_sector",
        "sectors",
        "owner",
        "contacts",
    )
    readonly_fields = (
        "value_usd_html",
        "reported_on",
        "stage_with_link",
        "stage_reason",
        "review_status",
        "is_imported",
        "created_at",
        "updated_at",
        "evidence_html",
        "history_html",
        "contacts_html",
    )
    fieldsets = (
        (
            gettext_lazy("Investor"),
            {
                "fields": ("organization", ("origin_region", "origin_country")),
                "description": gettext_lazy("An organization, or only where the investors come from."),
            },
        ),
        (
            gettext_lazy("Target"),
            {
                "fields": (("province", "site"),),
                "description": gettext_lazy("Where in Vietnam; no province means nationwide."),
            },
        ),
        (
            gettext_lazy("What"),
            {
                "fields": (
                    "title",
                    "project",
                    "primary_sector",
                    "sectors",
                    "investment_type",
                    ("value", "currency", "value_usd_html"),
                    ("land_area_ha", "expected_jobs"),
                    "description",
                )
            },
        ),
        (
            gettext_lazy("What the news reports"),
            {
                "fields": (("status", "reported_on"), "evidence_html"),
                "description": gettext_lazy("The status as reported; the agency's own progress is the stage."),
            },
        ),
        (
            gettext_lazy("Pipeline"),
            {
                "fields": (
                    "stage_with_link",
                    "stage_reason",
                    ("owner", "priority"),
                    ("next_step", "next_step_on"),
                    ("likelihood", "expected_decision_on"),
                )
            },
        ),
        (gettext_lazy("Contacts"), {"fields": ("contacts_html", "contacts")}),
        (gettext_lazy("Stage history"), {"fields": ("history_html",)}),
        (
            gettext_lazy("Record"),
            {"fields": (("review_status", "is_imported"), ("created_at", "updated_at")), "classes": ("collapse",)},
        ),
    )
    inlines = (ActivityInline,)
    actions = ("move_to_stage", "assign_to_me", "accept_leads", "reject_leads", "export_csv")
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).with_related()

    def search_queryset(self, queryset: QuerySet, word: str) -> QuerySet:
        return queryset.search(word)

    # A won opportunity opens read-only, and cannot be deleted, for a user who may not mark one won.
    def has_change_permission(self, request: HttpRequest, obj: Opportunity | None = None) -> bool:
        if obj is None:
            return super().has_change_permission(request)
        return may_change_opportunity(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Opportunity | None = None) -> bool:
        if obj is None:
            return super().has_delete_permission(request)
        return may_delete_opportunity(request.user, obj)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("review/", view(self.review_view), name=f"{prefix}_review"),
            path("review/decide/", view(self.review_decide_view), name=f"{prefix}_review_decide"),
            path("<int:object_id>/move-stage/", view(self.move_stage_view), name=f"{prefix}_move_stage"),
            *super().get_urls(),
        ]

    # --- columns -------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("lead"), ordering="title")
    def lead(self, opportunity: Opportunity) -> str:
        # Who, where and what have their own columns: the link shows the title, or the number.
        return opportunity.title or f"#{opportunity.pk}"

    @admin.display(description=gettext_lazy("investor"), ordering="organization__normalized_name")
    def investor(self, opportunity: Opportunity) -> str:
        """The organization, linked; else the region or country the investors come from."""
        if opportunity.organization_id:
            return admin_link(opportunity.organization)
        origin = opportunity.origin_region or opportunity.origin_country
        return format_html('<span class="crm-origin">{}</span>', origin) if origin else "-"

    @admin.display(description=gettext_lazy("target"), ordering="province__normalized_name")
    def target(self, opportunity: Opportunity) -> str:
        return target_html(opportunity)

    @admin.display(description=gettext_lazy("sectors"))
    def sectors_display(self, opportunity: Opportunity) -> str:
        """Every sector, the primary one first and in bold."""
        return sectors_html(opportunity)

    @admin.display(description=gettext_lazy("stage"), ordering="stage")
    def stage_display(self, opportunity: Opportunity) -> str:
        return stage_badge(opportunity.stage)

    @admin.display(description=gettext_lazy("total investment"), ordering="value")
    def value_display(self, opportunity: Opportunity) -> str:
        return stated_value(opportunity)

    @admin.display(description=gettext_lazy("value in USD"), ordering="value_usd")
    def value_usd_display(self, opportunity: Opportunity) -> str:
        """The value at the reference rate of the year it was reported; a dash without a value or a rate."""
        if opportunity.value_usd is None:
            return "-"
        return whole_number(opportunity.value_usd)

    # --- change page ---------------------------------------------------------------------

    @admin.display(description=gettext_lazy("value in USD"))
    def value_usd_html(self, opportunity: Opportunity) -> str:
        """The value in USD, with the year whose reference rate gave it, or why there is none."""
        if opportunity.value_usd is not None:
            return format_html(
                '{} USD <span class="crm-muted">{}</span>',
                whole_number(opportunity.value_usd),
                _("at the %(year)d reference rate") % {"year": opportunity.value_year},
            )
        if opportunity.value is not None and opportunity.currency:
            return format_html(
                '<span class="crm-muted">{}</span>',
                _("No %(currency)s reference rate for %(year)d.")
                % {"currency": opportunity.currency, "year": opportunity.value_year},
            )
        return "-"

    @admin.display(description=gettext_lazy("stage"))
    def stage_with_link(self, opportunity: Opportunity) -> str:
        if not opportunity.pk:
            return stage_badge(Stage.IDENTIFIED)
        url = reverse("admin:leads_opportunity_move_stage", args=[opportunity.pk])
        return format_html(
            '{} <a class="button crm-move-stage" href="{}">{}</a>', stage_badge(opportunity.stage), url, _("Move…")
        )

    @admin.display(description=gettext_lazy("evidence"))
    def evidence_html(self, opportunity: Opportunity) -> str:
        if not opportunity.pk:
            return "-"
        return evidence_list(opportunity.evidence.all(), matched_terms(opportunity))

    @admin.display(description=gettext_lazy("stage history"))
    def history_html(self, opportunity: Opportunity) -> str:
        if not opportunity.pk:
            return "-"
        changes = list(opportunity.stage_changes.select_related("changed_by"))
        if not changes:
            return _("Not moved yet.")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>→</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    timezone.localtime(change.changed_at).strftime("%Y-%m-%d %H:%M"),
                    stage_badge(change.from_stage),
                    stage_badge(change.to_stage),
                    change.changed_by.get_username() if change.changed_by else "-",
                    change.note or "",
                )
                for change in changes
            ),
        )
        return format_html(
            '<table class="crm-table" id="stage-history"><thead><tr><th>{}</th><th>{}</th><th></th><th>{}</th>'
            "<th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("when"),
            _("from"),
            _("to"),
            _("by"),
            _("note / reason"),
            rows,
        )

    @admin.display(description=gettext_lazy("related contacts"))
    def contacts_html(self, opportunity: Opportunity) -> str:
        if not opportunity.pk:
            return "-"
        contacts = list(opportunity.contacts.select_related("organization"))
        people = {contact.pk: contact for contact in contacts}
        if opportunity.organization_id:
            people.update({c.pk: c for c in opportunity.organization.contacts.select_related("organization")})
        if not people:
            return _("No contacts yet.")
        return format_html(
            '<ul class="crm-list">{}</ul>',
            format_html_join(
                "",
                "<li>{} <span class='crm-muted'>{}</span></li>",
                (
                    (admin_link(contact, contact.full_name), ", ".join(filter(None, [contact.title, contact.email])))
                    for contact in people.values()
                ),
            ),
        )

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        pk = record_id(object_id)  # not a number: Django's own "does not exist" redirect follows
        if pk is not None:
            extra_context = {
                **(extra_context or {}),
                "move_stage_url": reverse("admin:leads_opportunity_move_stage", args=[pk]),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    # --- stage moves -----------------------------------------------------------------------

    def move_stage_view(self, request: HttpRequest, object_id: int):
        """Move one opportunity: the target stage and a note (a reason where one is needed)."""
        opportunity = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, opportunity):
            raise PermissionDenied
        allowed = sorted(ALLOWED_MOVES.get(opportunity.stage, ()), key=Stage.values.index)
        form = StageMoveForm(request.POST or None, allowed=allowed)
        if request.method == "POST" and form.is_valid():
            try:
                opportunity_move_stage(
                    opportunity=opportunity,
                    to_stage=form.cleaned_data["to_stage"],
                    user=request.user,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:  # StageMoveError, or the record failing validation
                field = "note" if getattr(error, "code", None) == "reason_required" else None
                form.add_error(field, error.messages)
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            except PermissionDenied as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("“%(lead)s” moved to “%(stage)s”.")
                    % {"lead": opportunity, "stage": Stage(opportunity.stage).label},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:leads_opportunity_change", args=[opportunity.pk]))
        return self._move_stage_page(request, form, [opportunity])

    def _move_stage_page(self, request: HttpRequest, form: StageMoveForm, opportunities, action: str = ""):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Move to another stage"),
            "form": form,
            "opportunities": opportunities,
            "current_stages": {o.pk: stage_badge(o.stage) for o in opportunities},
            "action": action,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/leads/opportunity/move_stage.html", context)

    @admin.action(description=gettext_lazy("Move selected opportunities to a stage…"), permissions=["change"])
    def move_to_stage(self, request: HttpRequest, queryset: QuerySet):
        form = StageMoveForm(request.POST if "apply" in request.POST else None)
        opportunities = list(queryset)
        if "apply" in request.POST and form.is_valid():
            moved, failed = [], []
            for opportunity in opportunities:
                try:
                    opportunity_move_stage(
                        opportunity=opportunity,
                        to_stage=form.cleaned_data["to_stage"],
                        user=request.user,
                        note=form.cleaned_data["note"],
                    )
                    moved.append(opportunity)
                except ValidationError as error:  # StageMoveError, or the record failing validation
                    if getattr(error, "code", None) == "reason_required":
                        form.add_error("note", error.messages)
                        break
                    failed.append(f"{opportunity}: {' '.join(error.messages)}")
                except PermissionDenied as error:
                    failed.append(f"{opportunity}: {error}")
            else:
                stage = Stage(form.cleaned_data["to_stage"]).label
                if moved:
                    self.message_user(
                        request,
                        ngettext(
                            "%(count)d opportunity moved to “%(stage)s”.",
                            "%(count)d opportunities moved to “%(stage)s”.",
                            len(moved),
                        )
                        % {"count": len(moved), "stage": stage},
                        messages.SUCCESS,
                    )
                for failure in failed:
                    self.message_user(request, failure, messages.ERROR)
                return None
        return self._move_stage_page(request, form, opportunities, action="move_to_stage")

    # --- other actions ---------------------------------------------------------------------

    @admin.action(description=gettext_lazy("Assign selected opportunities to me"), permissions=["change"])
    def assign_to_me(self, request: HttpRequest, queryset: QuerySet) -> None:
        allowed = [opportunity for opportunity in queryset if may_change_opportunity(request.user, opportunity)]
        if len(allowed) < len(queryset):
            self.message_user(request, WON_MESSAGE, messages.WARNING)
        try:
            changed = opportunities_assign_owner(opportunities=allowed, owner=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(
            request,
            ngettext("%(count)d opportunity assigned to you.", "%(count)d opportunities assigned to you.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=gettext_lazy("Export selected opportunities as CSV"), permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet) -> StreamingHttpResponse:
        """The API's CSV export of the selection (same columns, formulas defused), plus each row's admin link."""
        columns = [*OPPORTUNITY_COLUMNS, ("admin_url", lambda o: request.build_absolute_uri(admin_url(o)))]
        rows = (
            queryset.with_related()
            .prefetch_related("contacts")
            .annotate(evidence_count=related_count(Evidence, "opportunity"))
            .order_by("pk")
        )
        return csv_response(rows, columns, "opportunities")

    # --- review queue ----------------------------------------------------------------------

    def review_view(self, request: HttpRequest):
        return review_queue_view(self, request)

    def review_decide_view(self, request: HttpRequest):
        return review_decide_view(self, request)

    def changelist_view(self, request: HttpRequest, extra_context=None):
        pending = Opportunity.objects.pending_review().count()
        return super().changelist_view(request, {**(extra_context or {}), "pending_review": pending})


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin):
    """The record of every stage move; written only by the stage service."""

    list_display = ("opportunity", "from_stage", "to_stage", "changed_by", "changed_at", "note")
    list_filter = ("to_stage", "from_stage", "changed_at")
    list_select_related = (*opportunity_summary_related(), "changed_by")
    date_hierarchy = "changed_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Activity)
class ActivityAdmin(AuditHistoryMixin, admin.ModelAdmin):
    list_display = ("subject", "kind", "occurred_at", "opportunity", "organization", "contact", "created_by")
    list_filter = ("kind", "occurred_at")
    list_select_related = (*opportunity_summary_related(), "organization", "contact", "created_by")
    autocomplete_fields = ("opportunity", "organization", "contact")
    readonly_fields = ("created_by",)
    search_fields = ("subject", "notes")
    date_hierarchy = "occurred_at"

    def save_model(self, request: HttpRequest, obj: Activity, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
