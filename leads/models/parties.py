"""Organizations and the people (contacts) who speak for them."""

from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from leads.choices import OrganizationKind, ReviewStatus
from leads.models.reference import Country, ForeignRegion, Province, Sector
from leads.models.search import refresh_named_by_organizations
from leads.models.versioning import VersionedModel
from leads.querysets import ContactQuerySet, OrganizationQuerySet
from leads.text import normalize_name


class Organization(VersionedModel):
    """A company, government body, consulate, association, university, fund or local authority.

    Duplicate-safe: `normalized_name` (case, diacritics, đ, punctuation and spacing folded) is
    unique per country, and every lookup also goes through the aliases. `search_text` holds the
    folded name and aliases, one per line, for search (see `leads.models.search`).
    """

    name = models.CharField(_("name"), max_length=300)
    normalized_name = models.CharField(max_length=300, editable=False, db_index=True)
    search_text = models.TextField(editable=False, default="")
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices, default=OrganizationKind.OTHER)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        to_field="code",
        db_column="country_code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("home province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
        limit_choices_to={"is_current": True},
    )
    region = models.ForeignKey(
        ForeignRegion,
        verbose_name=_("home region abroad"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True, related_name="organizations")
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["normalized_name"]
        constraints = [
            models.UniqueConstraint(
                Coalesce("country", models.Value("")),
                "normalized_name",
                name="organization_unique_name_per_country",
                violation_error_message=_("An organization with this name already exists for this country."),
            ),
        ]
        indexes = [models.Index(fields=["kind", "country"], name="organization_kind_country")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def from_db(cls, db, field_names, values):
        record = super().from_db(db, field_names, values)
        record._saved_normalized_name = record.__dict__.get("normalized_name")
        return record

    def save(self, *args, **kwargs) -> None:
        """Keep the dedup key and the search column in step with the name, whoever saves (admin, API or importer).

        A new name is searched through the records that name the organization too: its
        opportunities and contacts follow in the same transaction.
        """
        self.normalized_name = normalize_name(self.name)
        existed = self.pk is not None and not self._state.adding
        renamed = self.normalized_name != getattr(self, "_saved_normalized_name", None)
        update_fields = kwargs.get("update_fields")
        rewrite = update_fields is None or renamed
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "normalized_name", *(["search_text"] if rewrite else [])}
        if rewrite:
            aliases = sorted(self.aliases.values_list("normalized_name", flat=True)) if existed else []
            self.search_text = "\n".join([self.normalized_name, *aliases])
        super().save(*args, **kwargs)
        if existed and renamed:
            refresh_named_by_organizations([self.pk], organizations=False)
        self._saved_normalized_name = self.normalized_name


class OrganizationAlias(models.Model):
    """Another name of an organization: an abbreviation, a translation, or a merged duplicate's name."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("alias"), max_length=300)
    normalized_name = models.CharField(max_length=300, editable=False, db_index=True)

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "normalized_name"],
                name="alias_unique_per_organization",
                violation_error_message=_("This organization already has this name or alias."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """Fold the name; the organization, and what names it, are then searched by it too."""
        self.normalized_name = normalize_name(self.name)
        super().save(*args, **kwargs)
        refresh_named_by_organizations([self.organization_id])

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        refresh_named_by_organizations([self.organization_id])
        return deleted


class Contact(VersionedModel):
    """A person: full name, title as written (e.g. "Thứ trưởng Bộ Khoa học và Công nghệ"), organization."""

    full_name = models.CharField(_("full name"), max_length=200)
    normalized_name = models.CharField(max_length=200, editable=False, db_index=True)
    title = models.CharField(_("title / position"), max_length=400, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        # PROTECT: deleting an organization must not orphan its people (nor collide two
        # same-named contacts without one); staff merge or move them first.
        on_delete=models.PROTECT,
        related_name="contacts",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    review_status = models.CharField(
        _("review"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING, db_index=True
    )
    is_imported = models.BooleanField(_("found by the importer"), default=False)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["normalized_name"]
        constraints = [
            models.UniqueConstraint(
                Coalesce("organization", models.Value(0)),
                "normalized_name",
                name="contact_unique_name_per_organization",
                violation_error_message=_("This person is already a contact of this organization."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.title})" if self.title else self.full_name

    def save(self, *args, **kwargs) -> None:
        """Keep the dedup key and the search column in step with the name, the title and the organization.

        The search column is the folded name and title, then the organization's folded name on
        its own line (see `leads.models.search`).
        """
        self.normalized_name = normalize_name(self.full_name)
        organization = ""
        if self.organization_id is not None:
            organization = "\n" + (
                self.organization.normalized_name
                if Contact.organization.is_cached(self)
                else Organization.objects.filter(pk=self.organization_id).values_list("normalized_name", flat=True)[0]
            )
        self.search_text = normalize_name(f"{self.full_name} {self.title}") + organization
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "normalized_name", "search_text"}
        super().save(*args, **kwargs)
