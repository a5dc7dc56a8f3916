"""The investment lead: who wants to invest or cooperate, where, in what, and how far it has got."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from leads.choices import Currency, InvestmentType, Priority, ReviewStatus, Stage
from leads.models.parties import Contact, Organization
from leads.models.reference import Country, ForeignRegion, Province, Sector
from leads.querysets import OpportunityQuerySet
from leads.text import normalize_name


class Opportunity(models.Model):
    """An investment lead.

    Who is an organization, or only an origin (a foreign region or country: "technology firms in
    Shenzhen"). Where is a current province, or nationwide when empty. The stage only changes
    through `leads.services.opportunity_move_stage`, which records every move.

    An imported opportunity is unique per (organization or origin, province, sector): a second
    article reporting the same interest adds evidence, not a new opportunity.
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
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT, related_name="opportunities"
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
    expected_jobs = models.PositiveIntegerField(_("expected jobs"), null=True, blank=True)
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
        help_text=_("Imported leads are unique per organization or origin, province and sector."),
    )
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
                Coalesce("sector", models.Value(0)),
                condition=models.Q(is_imported=True),
                name="opportunity_unique_imported_lead",
            ),
        ]
        indexes = [
            models.Index(fields=["sector", "province", "stage"], name="opportunity_sector_prov_stage"),
        ]

    def __str__(self) -> str:
        return self.title or self.describe()

    def save(self, *args, **kwargs) -> None:
        """Keep the search text in step with the opportunity's own text fields.

        Names of the organization, origin, province and sector are searched through their own
        normalized columns, so a rename there never leaves this copy stale.
        """
        self.search_text = normalize_name(" ".join(filter(None, [self.title, self.next_step, self.description])))
        super().save(*args, **kwargs)

    def describe(self) -> str:
        """A readable one-line summary such as "Quảng Tây → Bắc Ninh: AI", in the interface language."""
        who = self.organization or self.origin_region or self.origin_country or "?"
        where = self.province.name if self.province_id else _("nationwide")
        what = str(self.sector) if self.sector_id else "-"
        return f"{who} → {where}: {what}"
