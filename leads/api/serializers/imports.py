"""What the article import endpoint takes and answers: the upload, each article's outcome, a queued job."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from leads.api.exceptions import PayloadTooLarge
from leads.api.fields import StrictCharField
from leads.api.serializers.summaries import (
    ArticleSummarySerializer,
    ContactSummarySerializer,
    OpportunitySummarySerializer,
    OrganizationSummarySerializer,
)


class ArticleImportSerializer(serializers.Serializer):
    """One of `text` (plain text, JSON or HTML), `html`, or a `file` upload (multipart).

    Bounded like every synchronous import: at most `IMPORT_MAX_BYTES` (a 413 naming the field); a dry
    run previews at most `IMPORT_MAX_ARTICLES` articles (a 413 from the view once the input is read,
    before anything is extracted), and a real import of more than a few becomes a background job.
    """

    text = StrictCharField(required=False, trim_whitespace=False, help_text=_("Article text, JSON or HTML."))
    html = StrictCharField(required=False, trim_whitespace=False, help_text=_("An article page's HTML."))
    file = serializers.FileField(required=False, help_text=_("A file: .txt, .html, .json, .jsonl, RSS/Atom."))
    filename = StrictCharField(
        required=False, max_length=255, help_text=_("Names the source; its extension decides the format.")
    )
    dry_run = serializers.BooleanField(default=False, help_text=_("Extract and return previews; write nothing."))
    update = serializers.BooleanField(
        default=False,
        help_text=_("Rebuild what came from an article imported before (needs the change article permission)."),
    )

    def validate(self, data: dict) -> dict:
        given = [name for name in ("text", "html", "file") if data.get(name) not in (None, "")]
        if len(given) != 1:
            raise ValidationError({"non_field_errors": [_("Send exactly one of text, html or file.")]})
        limit = settings.IMPORT_MAX_BYTES
        name = given[0]
        size = data["file"].size if name == "file" else len(data[name].encode("utf-8"))
        if size > limit:
            raise PayloadTooLarge(import_too_large_message(), field=name)
        data["source_field"] = name
        return data


def import_too_large_message() -> str:
    return _("At most %(mb).0f MB per import.") % {"mb": settings.IMPORT_MAX_BYTES / 1024 / 1024}


class ImportedRecordsSerializer(serializers.Serializer):
    """Each kind only for a user who may view it: importing is not a way to read the CRM's records."""

    organizations = OrganizationSummarySerializer(many=True, required=False)
    contacts = ContactSummarySerializer(many=True, required=False)
    opportunities = OpportunitySummarySerializer(many=True, required=False)


class ImportOutcomeSerializer(serializers.Serializer):
    source = serializers.CharField()
    status = serializers.ChoiceField(choices=["new", "unchanged", "updated", "failed", "preview"])
    error = serializers.CharField(allow_blank=True)
    article = ArticleSummarySerializer(allow_null=True)
    created = serializers.DictField(child=serializers.IntegerField(), help_text=_("New records per kind."))
    matched = serializers.DictField(
        child=serializers.IntegerField(), help_text=_("Existing records found again, per kind.")
    )
    records = ImportedRecordsSerializer(allow_null=True, help_text=_("The records this article's evidence supports."))
    preview = serializers.DictField(allow_null=True, help_text=_("Dry run: what would be extracted."))


class ImportResultSerializer(serializers.Serializer):
    articles = serializers.DictField(child=serializers.IntegerField(), help_text=_("Documents per status."))
    created = serializers.DictField(child=serializers.IntegerField())
    matched = serializers.DictField(child=serializers.IntegerField())
    outcomes = ImportOutcomeSerializer(many=True)


class ImportQueuedSerializer(serializers.Serializer):
    """202: more than IMPORT_SYNC_MAX_ARTICLES articles, queued as a background job (`import-jobs/`)."""

    id = serializers.IntegerField()
    url = serializers.CharField(help_text=_("The job: its state, progress, and a link to every article's outcome."))
    state = serializers.CharField()
    articles = serializers.IntegerField(help_text=_("Articles counted in the upload."))
