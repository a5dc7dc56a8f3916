"""Source articles as imported, and the evidence that ties every lead back to a sentence in one."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from leads.models.opportunity import Opportunity
from leads.models.parties import Contact, Organization
from leads.querysets import EvidenceQuerySet, SourceArticleQuerySet
from leads.text import normalize_name


class SourceArticle(models.Model):
    """A news article as imported. Never silently altered: re-extraction rebuilds what came from it.

    `content_hash` is unique, so the same article imported twice is one article.
    """

    title = models.TextField(_("title"))
    body = models.TextField(_("cleaned body"))
    raw_text = models.TextField(_("raw text as read"))
    outlet = models.CharField(_("outlet"), max_length=200, blank=True, db_index=True)
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True, db_index=True)
    language = models.CharField(_("language"), max_length=8, default="vi")
    origin = models.CharField(_("imported from"), max_length=1000, blank=True, help_text=_("File path or URL."))
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_articles",
    )
    search_text = models.TextField(editable=False, default="")
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True, db_index=True)
    extracted_at = models.DateTimeField(_("last extracted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = SourceArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("source article")
        verbose_name_plural = _("source articles")
        ordering = ["-published_on", "-imported_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        """Keep the folded search text in step with the title and body."""
        self.search_text = normalize_name(f"{self.title}\n{self.body}")
        super().save(*args, **kwargs)


class Evidence(models.Model):
    """Why a record exists: the article, the sentence (with offsets into the cleaned body), the words.

    Exactly one of organization, contact and opportunity is set.
    """

    article = models.ForeignKey(
        SourceArticle, verbose_name=_("source article"), on_delete=models.CASCADE, related_name="evidence"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    contact = models.ForeignKey(
        Contact, verbose_name=_("contact"), null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunity"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    sentence = models.TextField(_("sentence"))
    sentence_start = models.PositiveIntegerField(_("sentence start"))
    sentence_end = models.PositiveIntegerField(_("sentence end"))
    mention = models.CharField(_("words as written"), max_length=500, blank=True)
    mention_start = models.PositiveIntegerField(_("mention start"), null=True, blank=True)
    mention_end = models.PositiveIntegerField(_("mention end"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["article_id", "sentence_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organization__isnull=False, contact__isnull=True, opportunity__isnull=True)
                    | models.Q(organization__isnull=True, contact__isnull=False, opportunity__isnull=True)
                    | models.Q(organization__isnull=True, contact__isnull=True, opportunity__isnull=False)
                ),
                name="evidence_exactly_one_subject",
            ),
            models.CheckConstraint(
                condition=models.Q(sentence_end__gte=models.F("sentence_start")), name="evidence_sentence_span"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article}: {self.sentence[:80]}"
