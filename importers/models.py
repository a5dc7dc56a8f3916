"""What the importer keeps of its own: the sources it follows and the background imports it runs.

- `Source`: a feed or a page the agency follows, how often to poll it, and its health (when it was
  last polled and last worked, the last error in words, consecutive failures, when it is next due).
  `importers.polling` polls it; the articles it brings go through the pipeline like any upload.
- `ImportJob` and `ImportJobItem`: an upload too large to import inside a web request, run by a
  worker (`importers.jobs`), with each article's outcome recorded in the same transaction as the
  article itself, so an interrupted job can be retried and finishes what is left.

These models point at `leads` (an outcome names its `SourceArticle`); `leads` never points back.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leads.outbound import non_public_address
from leads.text import normalize_name

FILTER_WORD_SEPARATORS = re.compile(r"[\n,;]+")


def validate_public_address(url: str) -> None:
    """Refuse a source on a private or local address unless `SOURCE_PRIVATE_TARGETS` allows them
    (`leads.outbound`: otherwise whoever may add a source could read the server's own network as news)."""
    if settings.SOURCE_PRIVATE_TARGETS:
        return
    address = non_public_address(url)
    if address:
        raise ValidationError(
            _("This address is private or local (%(address)s); sources are fetched only from public ones."),
            params={"address": address},
            code="private_address",
        )


class SourceKind(models.TextChoices):
    RSS = "rss", _("RSS feed")
    ATOM = "atom", _("Atom feed")
    PAGE = "page", _("Page of article links")


class SourceQuerySet(models.QuerySet):
    def due(self, now: dt.datetime | None = None) -> SourceQuerySet:
        """Active sources whose next poll is due (never polled ones first)."""
        now = now or timezone.now()
        return self.filter(active=True).filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))

    def failing(self) -> SourceQuerySet:
        return self.filter(consecutive_failures__gt=0)


class Source(models.Model):
    """A news feed or page the agency follows, polled on its interval, with its health.

    `next_poll_at` is when it is due: the interval after a success, the interval doubled per
    consecutive failure after an error (up to `SOURCE_BACKOFF_MAX`), so a broken source is asked
    less and less often and never holds up the others. `etag` and `last_modified` are what the
    server last sent, returned as a conditional request so an unchanged feed costs a 304.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    outlet = models.CharField(
        _("outlet"), max_length=200, blank=True, help_text=_("Stored on its articles; the feed's title when blank.")
    )
    url = models.URLField(
        _("feed or page URL"),
        max_length=1000,
        unique=True,
        validators=[URLValidator(schemes=["http", "https"]), validate_public_address],
    )
    kind = models.CharField(_("kind"), max_length=8, choices=SourceKind.choices, default=SourceKind.RSS)
    language = models.CharField(_("language"), max_length=8, default="vi")
    active = models.BooleanField(_("active"), default=True, db_index=True)
    poll_interval_minutes = models.PositiveIntegerField(
        _("polling interval (minutes)"), default=60, validators=[MinValueValidator(1), MaxValueValidator(7 * 24 * 60)]
    )
    filter_words = models.TextField(
        _("filter words"),
        blank=True,
        help_text=_(
            "Optional: one word or phrase per line (or separated by commas). Only items whose title or "
            "text mentions one of them are imported; accents and case are ignored."
        ),
    )

    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(_("consecutive failures"), default=0, editable=False)
    next_poll_at = models.DateTimeField(_("next poll due"), null=True, blank=True, db_index=True, editable=False)
    items_seen = models.PositiveIntegerField(_("items seen in the last poll"), default=0, editable=False)
    items_new = models.PositiveIntegerField(_("new articles in the last poll"), default=0, editable=False)
    items_new_total = models.PositiveIntegerField(_("articles imported in all"), default=0, editable=False)
    etag = models.CharField(_("ETag"), max_length=500, blank=True, editable=False)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True, editable=False)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_failing(self) -> bool:
        return self.consecutive_failures > 0

    def filter_terms(self) -> list[str]:
        """The filter words, folded as the text they are compared with is (accents and case off)."""
        return [normalize_name(word) for word in FILTER_WORD_SEPARATORS.split(self.filter_words) if word.strip()]


class JobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed")


class ItemStatus(models.TextChoices):
    NEW = "new", _("New")
    UNCHANGED = "unchanged", _("Already imported")
    UPDATED = "updated", _("Rebuilt")
    FAILED = "failed", _("Failed")


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user: models.Model) -> ImportJobQuerySet:
        """Every job for those who may view jobs; otherwise the user's own."""
        if user.has_perm("importers.view_importjob"):
            return self
        return self.filter(created_by=user)

    def stalled(self, before: dt.datetime) -> ImportJobQuerySet:
        """Running jobs whose worker has given no sign of life since `before`: neither started the job
        nor recorded an article (a killed worker leaves its job `running`, and nothing else says so)."""
        heartbeat = Coalesce("progress_at", "started_at", "created_at")
        last_sign = Greatest(heartbeat, Coalesce(Max("items__completed_at"), heartbeat))
        return self.filter(state=JobState.RUNNING).alias(last_sign=last_sign).filter(last_sign__lt=before)

    def with_counts(self) -> ImportJobQuerySet:
        """`processed` and one count per outcome status, in the same query."""
        counts = {f"count_{status}": Count("items", filter=Q(items__status=status)) for status in ItemStatus.values}
        return self.annotate(processed=Count("items"), **counts)


class ImportJob(models.Model):
    """An upload imported in the background by a worker, article by article.

    `payload` is the upload as received (so every worker can read it, whatever machine it runs on);
    it is emptied when the job finishes. `total` is the number of articles it holds, known once a
    worker has read it. A job that stopped midway (`failed`, or `running` with no worker left) is
    retried by `importers.jobs.import_job_retry`: articles already recorded are skipped. `progress_at`
    is the worker's heartbeat: the scheduler queues a running job again once it has been silent for
    `jobs.STALLED_AFTER` (`importers.jobs.import_jobs_recover_stalled`).
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_jobs",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    progress_at = models.DateTimeField(
        _("last progress"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When a worker last started or advanced the job: a running job silent for long has no worker."),
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    update = models.BooleanField(_("rebuild articles imported before"), default=False)
    payload = models.BinaryField(_("upload"), editable=False, default=bytes)
    total = models.PositiveIntegerField(_("articles"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    task_id = models.CharField(_("task"), max_length=64, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "created_at"], name="importers_job_state_idx")]

    def __str__(self) -> str:
        return _("Import job %(id)s (%(name)s)") % {"id": self.pk, "name": self.filename or _("pasted text")}


class ImportJobItem(models.Model):
    """One article's outcome in a job, saved in the same transaction as the article it names."""

    job = models.ForeignKey(ImportJob, verbose_name=_("import job"), on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("position"), help_text=_("The article's place in the upload, from 0."))
    source = models.CharField(_("source"), max_length=1000)
    status = models.CharField(_("status"), max_length=10, choices=ItemStatus.choices)
    error = models.TextField(_("error"), blank=True)
    article = models.ForeignKey(
        "leads.SourceArticle",
        verbose_name=_("source article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_job_items",
    )
    created = models.JSONField(_("created"), default=dict, help_text=_("New records per kind."))
    matched = models.JSONField(_("matched"), default=dict, help_text=_("Existing records found again, per kind."))
    completed_at = models.DateTimeField(_("completed"), auto_now_add=True)

    class Meta:
        verbose_name = _("import job outcome")
        verbose_name_plural = _("import job outcomes")
        ordering = ["job", "position"]
        constraints = [models.UniqueConstraint(fields=["job", "position"], name="importers_job_item_position_unique")]
        indexes = [models.Index(fields=["job", "status"], name="importers_job_item_status_idx")]

    def __str__(self) -> str:
        return f"{self.source}: {self.get_status_display()}"
