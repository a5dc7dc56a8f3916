"""The investment lead: one investor's intention toward one target, what the news reports of it, the agency's work."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leads.choices import Currency, InvestmentType, Priority, ReportedStatus, ReviewStatus, Stage
from leads.models.parties import Contact, Organization
from leads.models.reference import Country, ExchangeRate, ForeignRegion, Province, Sector, Site
from leads.models.search import connect, opportunity_names
from leads.models.versioning import VersionedModel
from leads.querysets import OpportunityQuerySet
from leads.text import normalize_name

# The fields the search column is made from (the sectors too, through `leads.models.search.connect`).
SEARCHED_FIELDS = frozenset(
    {
        *("title", "project", "next_step", "description"),
        *("organization", "origin_region", "origin_country", "province", "site"),
        *("organization_id", "origin_region_id", "origin_country_id", "province_id", "site_id"),
    }
)


class Opportunity(VersionedModel):
    """An investment lead: one investor's intention toward one target in Vietnam, the unit staff count.

    Who is an organization, or only an origin (a foreign region or country: "technology firms in
    Shenzhen") when the news names no firm. Where is a current province (nationwide when empty)
    and, when stated, a site. What is the project as written and its sectors (the primary one
    first). `status` is what the news reports (proposal, licence, capital increase...);
    `stage` is the agency's own pipeline, and only changes through
    `leads.services.opportunity_move_stage`, which records every move.

    An imported opportunity is unique per investor + target (+ project, when one investor has
    two distinct projects there): a second article reporting the same intention adds evidence,
    sectors and missing facts (see `importers.saving`), never a new opportunity, and never
    overwrites a fact staff edited: `imported_facts` remembers what the importer last wrote.
    """

    title = models.CharField(_("title"), max_length=300, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    origin_region = models.ForeignKey(
        ForeignRegion,
        verbose_name=_("origin region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    origin_country = models.ForeignKey(
        Country,
        verbose_name=_("origin country"),
        to_field="code",
        db_column="origin_country_code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("target province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opportunities",
        limit_choices_to={"is_current": True},
        help_text=_("Empty means nationwide."),
    )
    site = models.ForeignKey(
        Site,
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opportunities",
        help_text=_("Industrial park, economic zone or cluster, when stated."),
    )
    project = models.CharField(_("project"), max_length=500, blank=True, help_text=_("The project as written."))
    project_key = models.CharField(max_length=500, editable=False, default="", blank=True)
    primary_sector = models.ForeignKey(
        Sector,
        verbose_name=_("primary sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="primary_opportunities",
    )
    sectors = models.ManyToManyField(
        Sector,
        verbose_name=_("sectors"),
        blank=True,
        related_name="opportunities",
        help_text=_("Every sector the news names for it, the primary one included."),
    )
    status = models.CharField(
        _("reported status"),
        max_length=20,
        choices=ReportedStatus.choices,
        blank=True,
        db_index=True,
        help_text=_("What the news reports; the stage is what the agency did."),
    )
    contacts = models.ManyToManyField(Contact, verbose_name=_("contacts"), blank=True, related_name="opportunities")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.IDENTIFIED, db_index=True)
    stage_reason = models.TextField(
        _("lost / on-hold reason"), blank=True, help_text=_("Required when the opportunity is lost or on hold.")
    )
    investment_type = models.CharField(
        _("investment type"), max_length=20, choices=InvestmentType.choices, blank=True, db_index=True
    )
    value = models.DecimalField(_("total investment"), max_digits=20, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    value_usd = models.DecimalField(
        _("value in USD"),
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("The value at the reference rate of the year the news reported it."),
    )
    land_area_ha = models.DecimalField(_("land area (ha)"), max_digits=12, decimal_places=2, null=True, blank=True)
    expected_jobs = models.PositiveIntegerField(_("expected jobs"), null=True, blank=True)
    reported_on = models.DateField(
        _("first reported"), null=True, blank=True, db_index=True, help_text=_("When the news first reported it.")
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM, db_index=True
    )
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood to land (%)"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    expected_decision_on = models.DateField(_("expected decision date"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
    )
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    next_step_on = models.DateField(_("next step date"), null=True, blank=True, db_index=True)
    description = models.TextField(_("description"), blank=True)
    review_status = models.CharField(
        _("review"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING, db_index=True
    )
    is_imported = models.BooleanField(
        _("found by the importer"),
        default=False,
        help_text=_("Imported leads are unique per investor, province and project."),
    )
    imported_facts = models.JSONField(editable=False, default=dict, blank=True)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["-updated_at", "-id"]
        permissions = [("mark_won", _("Can mark an opportunity as won"))]
        constraints = [
            models.CheckConstraint(condition=models.Q(stage__in=Stage.values), name="opportunity_valid_stage"),
            models.CheckConstraint(
                condition=models.Q(likelihood__isnull=True) | models.Q(likelihood__lte=100),
                name="opportunity_likelihood_percent",
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=0), name="opportunity_value_not_negative"
            ),
            models.UniqueConstraint(
                Coalesce("organization", models.Value(0)),
                Coalesce("origin_region", models.Value(0)),
                Coalesce("origin_country", models.Value("")),
                Coalesce("province", models.Value(0)),
                "project_key",
                condition=models.Q(is_imported=True),
                name="opportunity_unique_imported_intention",
            ),
            models.CheckConstraint(
                condition=models.Q(land_area_ha__isnull=True) | models.Q(land_area_ha__gte=0),
                name="opportunity_land_area_not_negative",
            ),
        ]
        # The lists' orderings, ties broken by key, so a page is read in index order and stops at its
        # last row: newest first (the default), and within a province and stage. Migrations add
        # what Django cannot declare on both databases: `value DESC NULLS LAST, id DESC` (ordering by
        # value, value ranges) and the trigram index on `search_text` (PostgreSQL).
        indexes = [
            models.Index(F("updated_at").desc(), F("id").desc(), name="opportunity_recent"),
            models.Index(
                "province", "stage", F("updated_at").desc(), F("id").desc(), name="opportunity_province_recent"
            ),
            # The importer's lookup of an intention by its investor and target, with NULL for a missing
            # part (see `importers.resolution.imported_opportunities`); the unique constraint's index
            # is on the coalesced columns, which a lookup for NULL cannot use.
            models.Index(
                fields=["organization", "origin_region", "origin_country", "province"],
                condition=models.Q(is_imported=True),
                name="opportunity_imported_target",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.describe()

    def save(self, *args, **kwargs) -> None:
        """Keep the derived columns in step with the fields they come from, whoever saves.

        The search column holds the opportunity's own text, folded, then the folded names of what
        it points at (see `leads.models.search`); a save that names only other fields leaves it
        alone. The project key folds the project; the value in USD follows the value, its currency
        and the year it was reported.
        """
        update_fields = kwargs.get("update_fields")
        derived = {"project_key", "value_usd"}
        if update_fields is None or SEARCHED_FIELDS.intersection(update_fields):
            own = normalize_name(" ".join(filter(None, [self.title, self.project, self.next_step, self.description])))
            # A bulk writer that refreshes the names itself once its links are made (the importer) says so.
            names_later = getattr(self, "search_names_refreshed_by_caller", False)
            self.search_text = own + (
                ""
                if names_later
                else opportunity_names(
                    organization=self.organization_id,
                    region=self.origin_region_id,
                    country=self.origin_country_id,
                    province=self.province_id,
                    site=self.site_id,
                    opportunity=self.pk,
                )
            )
            derived.add("search_text")
        self.project_key = normalize_name(self.project)[:500]
        self.value_usd = ExchangeRate.objects.to_usd(self.value, self.currency, self.value_year)
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *derived}
        super().save(*args, **kwargs)

    @property
    def value_year(self) -> int:
        """The year whose exchange rate values the opportunity: when the news reported it, else today."""
        if self.reported_on:
            return self.reported_on.year
        return (self.created_at or timezone.now()).year

    def describe(self) -> str:
        """A readable one-line summary such as "Quảng Tây → Bắc Ninh: AI", in the interface language."""
        who = self.organization or self.origin_region or self.origin_country or "?"
        where = self.province.name if self.province_id else _("nationwide")
        if self.site_id:
            where = f"{where}, {self.site}"
        what = self.project or (str(self.primary_sector) if self.primary_sector_id else "-")
        return f"{who} → {where}: {what}"


connect(Opportunity.sectors.through)
