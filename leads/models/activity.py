"""What staff did: stage moves (recorded by the stage service) and logged activities."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leads.choices import ActivityKind, Stage
from leads.models.opportunity import Opportunity
from leads.models.parties import Contact, Organization
from leads.querysets import ActivityQuerySet, StageChangeQuerySet


class StageChange(models.Model):
    """One move of an opportunity between stages: from, to, who, when, why. Never edited."""

    opportunity = models.ForeignKey(
        Opportunity, verbose_name=_("opportunity"), on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stage_changes",
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    note = models.TextField(_("note / reason"), blank=True)

    objects = StageChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}"


class Activity(models.Model):
    """A note, call, meeting, e-mail or visit logged against an opportunity, organization or contact."""

    kind = models.CharField(_("kind"), max_length=10, choices=ActivityKind.choices, default=ActivityKind.NOTE)
    subject = models.CharField(_("subject"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunity"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activities",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activities",
    )
    contact = models.ForeignKey(
        Contact, verbose_name=_("contact"), null=True, blank=True, on_delete=models.CASCADE, related_name="activities"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opportunity__isnull=False)
                | models.Q(organization__isnull=False)
                | models.Q(contact__isnull=False),
                name="activity_has_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"
