"""Reference data shipped in `fixtures/reference/`: places, sites, countries, sectors, exchange rates.

Loaded by migration and by `load_reference_data`; staff may edit it in the admin. Everything
that points at it uses PROTECT, so a province in use cannot disappear from under a lead.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from leads.choices import Currency, ProvinceKind, RegionKind, SiteKind
from leads.querysets import (
    CountryQuerySet,
    ExchangeRateQuerySet,
    ForeignRegionQuerySet,
    ProvinceQuerySet,
    SectorQuerySet,
    SiteQuerySet,
)
from leads.text import normalize_name


def _stored(record: models.Model, column: str) -> str | None:
    """The folded name `record` has in the database now (None when it is new)."""
    if record.pk is None or record._state.adding:
        return None
    return type(record)._default_manager.filter(pk=record.pk).values_list(column, flat=True).first()


def _refresh_if_renamed(record: models.Model, stored: str | None, column: str, **lookup) -> None:
    """A renamed reference record is searched through the opportunities that name it: refresh theirs."""
    if stored is not None and stored != getattr(record, column):
        from leads.models.opportunity import Opportunity
        from leads.models.search import refresh_opportunity_search

        refresh_opportunity_search(Opportunity.objects.filter(**lookup))


class Country(models.Model):
    """A country or territory investors come from (and Việt Nam itself)."""

    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    normalized_name = models.CharField(max_length=150, editable=False, db_index=True)

    objects = CountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["normalized_name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.normalized_name = normalize_name(f"{self.name} {self.name_en}")
        stored = _stored(self, "normalized_name")
        super().save(*args, **kwargs)
        _refresh_if_renamed(self, stored, "normalized_name", origin_country=self.code)


class Province(models.Model):
    """A Vietnamese province-level unit: one of today's 34, or a pre-2025 unit with its successor.

    Old units stay so that an article saying "Bắc Giang" resolves to today's Bắc Ninh while the
    evidence keeps the name as written.
    """

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    code = models.CharField(_("GSO code"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=100)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProvinceKind.choices)
    is_current = models.BooleanField(_("in force since 1 July 2025"), default=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        help_text=_("Today's unit this pre-2025 unit was merged into."),
    )
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    normalized_name = models.CharField(max_length=150, editable=False, db_index=True)

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["-is_current", "normalized_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_current=True, successor__isnull=True) | models.Q(is_current=False),
                name="province_current_has_no_successor",
            ),
        ]

    def __str__(self) -> str:
        return self.name if self.is_current else f"{self.name} (→ {self.successor_id and self.successor.name})"

    def save(self, *args, **kwargs) -> None:
        """Keep the folded name in step with the name: lookups and ordering depend on it."""
        self.normalized_name = normalize_name(self.name)
        stored = _stored(self, "normalized_name")
        super().save(*args, **kwargs)
        _refresh_if_renamed(self, stored, "normalized_name", province=self)

    @property
    def current(self) -> "Province":
        """Today's unit: itself, or the unit it was merged into."""
        return self if self.is_current or self.successor is None else self.successor


class ForeignRegion(models.Model):
    """A region of another country (Quảng Đông, Thâm Quyến ⊂ Quảng Đông...), an investor's origin."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="regions")
    kind = models.CharField(_("kind"), max_length=40, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    ambiguous = models.BooleanField(
        _("ambiguous name"), default=False, help_text=_("The name also means a Vietnamese place.")
    )
    normalized_name = models.CharField(max_length=150, editable=False, db_index=True)

    objects = ForeignRegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("foreign region")
        verbose_name_plural = _("foreign regions")
        ordering = ["country__code", "normalized_name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.normalized_name = normalize_name(self.name)
        stored = _stored(self, "normalized_name")
        super().save(*args, **kwargs)
        _refresh_if_renamed(self, stored, "normalized_name", origin_region=self)


class Sector(models.Model):
    """A sector of the taxonomy, with the keywords that signal it in an article."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_en = models.CharField(_("English name"), max_length=100)
    name_vi = models.CharField(_("Vietnamese name"), max_length=100)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    normalized_name = models.CharField(max_length=250, editable=False, db_index=True)

    objects = SectorQuerySet.as_manager()

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name_vi if get_language() == "vi" else self.name_en

    def save(self, *args, **kwargs) -> None:
        self.normalized_name = normalize_name(f"{self.name_en} {self.name_vi}")
        stored = _stored(self, "normalized_name")
        super().save(*args, **kwargs)
        _refresh_if_renamed(self, stored, "normalized_name", sectors=self)


class Site(models.Model):
    """An industrial park, export-processing zone, economic zone, hi-tech park or industrial cluster.

    Sites named after places are sites, not places: "KCN Quang Châu" is a park in Bắc Ninh
    (Bắc Giang before 2025), never Guangzhou. `former_province` is the pre-2025 unit, so an
    article of 2005 and one of 2026 name the same site in the same province.
    """

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=SiteKind.choices)
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="sites",
        limit_choices_to={"is_current": True},
    )
    former_province = models.ForeignKey(
        Province,
        verbose_name=_("province before 2025"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="former_sites",
    )
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    normalized_name = models.CharField(max_length=200, editable=False, db_index=True)
    search_text = models.TextField(editable=False, default="")

    objects = SiteQuerySet.as_manager()

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["normalized_name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """Fold the name; the search column (name, aliases, slug) is what opportunities at the site are found by."""
        from leads.models.search import site_search_text

        self.normalized_name = normalize_name(self.name)
        self.search_text = site_search_text(normalized_name=self.normalized_name, aliases=self.aliases, slug=self.slug)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "normalized_name", "search_text"}
        stored = _stored(self, "search_text")
        super().save(*args, **kwargs)
        _refresh_if_renamed(self, stored, "search_text", site=self)


class ExchangeRate(models.Model):
    """A currency's yearly reference rate to the US dollar, so values in VND, yen and dollars add up.

    Shipped in `fixtures/reference/exchange_rates.json` (rounded annual averages); an
    opportunity's value in USD uses the rate of the year the news reported it.
    """

    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    units_per_usd = models.DecimalField(_("units per US dollar"), max_digits=18, decimal_places=6)

    objects = ExchangeRateQuerySet.as_manager()

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency", "year"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "year"], name="exchange_rate_unique_per_year"),
            models.CheckConstraint(condition=models.Q(units_per_usd__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.year}: {self.units_per_usd}"
