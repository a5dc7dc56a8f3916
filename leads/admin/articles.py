"""Source articles: the body with its mentions marked, what came of it, re-extraction, the import page."""

from __future__ import annotations

import base64
from collections import Counter
from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from leads.admin.base import FoldedSearchMixin, HttpsUrlMixin, admin_link, html_list, opportunity_summary_related
from leads.admin.evidence import body_with_mentions
from leads.admin.forms import ImportForm
from leads.admin.highlight import highlight_sentence
from leads.choices import ReportedStatus
from leads.models import Evidence, Sector, SourceArticle

IMPORT_SALT = "leads.admin.import-preview"
IMPORT_MAX_AGE = 60 * 60  # a preview may be confirmed within the hour


def _evidence_of(article: SourceArticle) -> list[Evidence]:
    """The article's evidence with every subject loaded, read once per page."""
    if not hasattr(article, "_crm_evidence"):
        article._crm_evidence = list(
            article.evidence.select_related("organization", "contact", *opportunity_summary_related()).order_by(
                "sentence_start", "mention_start", "pk"
            )
        )
    return article._crm_evidence


@admin.register(SourceArticle)
class SourceArticleAdmin(HttpsUrlMixin, FoldedSearchMixin, admin.ModelAdmin):
    list_display = ("title", "outlet", "published_on", "language", "evidence_count", "imported_at")
    list_filter = ("outlet", "language", "published_on", "imported_at")
    search_help_text = gettext_lazy("Words of the title or body; accents optional.")
    date_hierarchy = "published_on"
    readonly_fields = (
        "title",
        "outlet",
        "byline",
        "url_link",
        "published_on",
        "language",
        "origin",
        "imported_by",
        "imported_at",
        "extracted_at",
        "content_hash",
        "body_html",
        "found_html",
        "raw_text_html",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    ("outlet", "byline"),
                    ("published_on", "language"),
                    "url_link",
                    "origin",
                    ("imported_by", "imported_at", "extracted_at"),
                    "content_hash",
                )
            },
        ),
        (gettext_lazy("What was found"), {"fields": ("found_html",)}),
        (gettext_lazy("Cleaned body, mentions marked"), {"fields": ("body_html",)}),
        (gettext_lazy("Raw text as read"), {"fields": ("raw_text_html",), "classes": ("collapse",)}),
    )
    actions = ("reextract",)

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).select_related("imported_by").with_counts()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # articles come in through the import page, which previews them first

    def can_import(self, request: HttpRequest) -> bool:
        return request.user.has_perm(f"{self.opts.app_label}.add_{self.opts.model_name}")

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name=f"{prefix}_import"),
            path("<int:object_id>/reextract/", view(self.reextract_view), name=f"{prefix}_reextract"),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}), "can_import": self.can_import(request)})

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        # Every field is read-only (an article is never altered after import): no save buttons.
        extra_context = {**(extra_context or {}), "show_save": False, "show_save_and_continue": False}
        return super().change_view(request, object_id, form_url, extra_context)

    # --- columns and fields ----------------------------------------------------------------

    @admin.display(description=gettext_lazy("evidence"), ordering="evidence_count")
    def evidence_count(self, article: SourceArticle) -> int:
        return article.evidence_count

    @admin.display(description=gettext_lazy("URL"))
    def url_link(self, article: SourceArticle) -> str:
        if not article.url:
            return "-"
        return format_html('<a href="{}" rel="noopener noreferrer" target="_blank">{}</a>', article.url, article.url)

    @admin.display(description=gettext_lazy("cleaned body"))
    def body_html(self, article: SourceArticle) -> str:
        legend = format_html(
            '<p class="crm-legend"><mark class="crm-organization">{}</mark><mark class="crm-contact">{}</mark>'
            '<mark class="crm-opportunity">{}</mark></p>',
            _("organization"),
            _("contact"),
            _("opportunity"),
        )
        return format_html("{}{}", legend, body_with_mentions(article, _evidence_of(article)))

    @admin.display(description=gettext_lazy("raw text as read"))
    def raw_text_html(self, article: SourceArticle) -> str:
        return format_html('<pre class="crm-raw-text" id="raw-text">{}</pre>', article.raw_text)

    @admin.display(description=gettext_lazy("created or matched"))
    def found_html(self, article: SourceArticle) -> str:
        evidence = _evidence_of(article)
        groups: dict[str, dict[int, Any]] = {"organization": {}, "contact": {}, "opportunity": {}}
        mentions: Counter = Counter()
        for item in evidence:
            for kind in groups:
                subject = getattr(item, kind)
                if subject is not None:
                    groups[kind].setdefault(subject.pk, subject)
                    mentions[(kind, subject.pk)] += 1
        titles = {
            "organization": _("Organizations"),
            "contact": _("Contacts"),
            "opportunity": _("Opportunities"),
        }
        sections = []
        for kind, subjects in groups.items():
            items = [
                format_html(
                    "{} <span class='crm-muted'>({})</span>",
                    admin_link(subject),
                    ngettext("%(count)d mention", "%(count)d mentions", mentions[(kind, pk)])
                    % {"count": mentions[(kind, pk)]},
                )
                for pk, subject in subjects.items()
            ]
            sections.append((titles[kind], len(items), html_list(items, empty=_("none"))))
        return format_html(
            '<div id="found-records">{}</div>',
            format_html_join("", "<h4>{} ({})</h4>{}", sections),
        )

    # --- re-extraction ---------------------------------------------------------------------

    @admin.action(description=gettext_lazy("Re-run extraction on selected articles"), permissions=["change"])
    def reextract(self, request: HttpRequest, queryset) -> None:
        for article in queryset:
            self._reextract(request, article)

    def reextract_view(self, request: HttpRequest, object_id: int):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(SourceArticle, pk=object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        self._reextract(request, article)
        return HttpResponseRedirect(reverse("admin:leads_sourcearticle_change", args=[article.pk]))

    def _reextract(self, request: HttpRequest, article: SourceArticle) -> None:
        from importers.saving import reextract_article

        try:
            outcome = reextract_article(article, user=request.user)
        except Exception as error:  # an extraction bug must become a message, not a 500
            self.message_user(
                request,
                _("Extraction failed on “%(title)s”: %(error)s") % {"title": article, "error": error},
                messages.ERROR,
            )
            return
        self.message_user(
            request,
            _("Extraction re-run on “%(title)s”: %(created)s created, %(matched)s matched.")
            % {"title": article, "created": _counts(outcome.created), "matched": _counts(outcome.matched)},
            messages.SUCCESS,
        )

    # --- import page -----------------------------------------------------------------------

    def import_view(self, request: HttpRequest):
        """Upload files or paste an article; see what would be found; import on confirmation."""
        if not self.can_import(request):
            raise PermissionDenied
        if request.method == "POST" and "_confirm" in request.POST:
            return self._import_confirmed(request)
        form = ImportForm(request.POST or None, request.FILES or None)
        previews: list[dict[str, Any]] | None = []
        payload = ""
        in_background = False
        if request.method == "POST" and form.is_valid():
            items = self._collect(request, form)
            if items is not None:
                payload = signing.dumps(items, salt=IMPORT_SALT, compress=True)
                previews = self._previews(request, items)
                in_background = previews is None
                previews = previews or []
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import articles"),
            "form": form,
            "previews": previews,
            "payload": payload,
            "can_confirm": in_background or any(not p.get("error") and not p.get("known") for p in previews),
            "max_megabytes": settings.IMPORT_MAX_BYTES // (1024 * 1024),
        }
        return TemplateResponse(request, "admin/leads/sourcearticle/import.html", context)

    def _collect(self, request: HttpRequest, form: ImportForm) -> list[dict[str, str]] | None:
        """The documents to import, each {"name", "data" (base64)}; None after reporting a file too large."""
        items = []
        for upload in form.cleaned_data["files"]:
            if upload.size > settings.IMPORT_MAX_BYTES:
                form.add_error(
                    "files",
                    _("“%(name)s” is larger than %(size)d MB.")
                    % {"name": upload.name, "size": settings.IMPORT_MAX_BYTES // (1024 * 1024)},
                )
                return None
            items.append({"name": upload.name, "data": base64.b64encode(upload.read()).decode("ascii")})
        text = (form.cleaned_data.get("text") or "").strip().encode("utf-8")
        if len(text) > settings.IMPORT_MAX_BYTES:
            form.add_error(
                "text",
                _("The pasted text is larger than %(size)d MB.") % {"size": settings.IMPORT_MAX_BYTES // (1024 * 1024)},
            )
            return None
        if text:
            items.append({"name": "", "data": base64.b64encode(text).decode("ascii")})
        return items

    def _previews(self, request: HttpRequest, items: list[dict[str, str]]) -> list[dict[str, Any]] | None:
        """What each document would give; None when the upload holds more than a preview takes.

        A preview of more than IMPORT_MAX_ARTICLES or IMPORT_SYNC_MAX_CHARACTERS (every file and the
        pasted text together) would keep the page waiting for minutes: such an upload is not previewed, the
        page says so, and once confirmed it is imported whole by background jobs.
        """
        from importers.pipeline import TooManyArticles, check_article_limit, import_documents, read_upload

        try:
            documents = [
                document
                for item in items
                for document in read_upload(base64.b64decode(item["data"]), _source_name(item))
            ]
            check_article_limit(len(documents))
            _check_text_length(documents)
        except TextTooLong as error:
            self.message_user(
                request,
                _(
                    "These files hold %(length)s characters of article text, more than a preview reads "
                    "(%(limit)s). Nothing is imported yet: confirm to import all of them in the background."
                )
                % {"length": f"{error.length:,}", "limit": f"{settings.IMPORT_SYNC_MAX_CHARACTERS:,}"},
                messages.WARNING,
            )
            return None
        except TooManyArticles as error:
            self.message_user(
                request,
                _(
                    "These files hold %(count)d articles, more than a preview shows (%(limit)d). "
                    "Nothing is imported yet: confirm to import all of them in the background."
                )
                % {"count": error.count, "limit": error.limit},
                messages.WARNING,
            )
            return None
        previews = []
        for outcome in import_documents(documents, dry_run=True).outcomes:
            preview = dict(outcome.preview or {})
            preview.setdefault("source", outcome.source)
            if outcome.error:
                preview["error"] = outcome.error
            previews.append(preview)
        sectors = {sector.slug: str(sector) for sector in Sector.objects.all()}
        for preview in previews:
            for found in preview.get("sectors", []):
                found["label"] = sectors.get(found.get("slug"), found.get("slug"))
            for opportunity in preview.get("opportunities", []):
                slugs = opportunity.get("sectors") or ([opportunity["sector"]] if opportunity.get("sector") else [])
                opportunity["sector_labels"] = [sectors.get(slug, slug) for slug in slugs]
                status = opportunity.get("status")
                opportunity["status_label"] = ReportedStatus(status).label if status in ReportedStatus.values else ""
        hashes = [p["article"]["content_hash"] for p in previews if p.get("article", {}).get("content_hash")]
        known = dict(SourceArticle.objects.filter(content_hash__in=hashes).values_list("content_hash", "pk"))
        for preview in previews:
            pk = known.get(preview.get("article", {}).get("content_hash"))
            if pk:
                preview["known"] = reverse("admin:leads_sourcearticle_change", args=[pk])
        return previews

    def _import_confirmed(self, request: HttpRequest):
        from importers.jobs import in_background
        from importers.pipeline import import_bytes

        try:
            items = signing.loads(request.POST.get("payload", ""), salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
        except signing.BadSignature:
            self.message_user(
                request, _("The preview expired; please upload or paste the article again."), messages.ERROR
            )
            return HttpResponseRedirect(reverse("admin:leads_sourcearticle_import"))
        uploads = [(base64.b64decode(item["data"]), _source_name(item)) for item in items]
        if in_background(uploads):
            return self._import_in_background(request, uploads)
        saved: list[SourceArticle] = []
        statuses: Counter = Counter()
        for item in items:
            report = import_bytes(base64.b64decode(item["data"]), _source_name(item), user=request.user)
            for outcome in report.outcomes:
                statuses[outcome.status] += 1
                if outcome.error:
                    self.message_user(request, f"{outcome.source}: {outcome.error}", messages.ERROR)
                elif outcome.saved is not None:
                    saved.append(outcome.saved.article)
                    self.message_user(
                        request,
                        _("“%(title)s”: %(status)s; %(created)s created, %(matched)s matched.")
                        % {
                            "title": outcome.saved.article.title,
                            "status": _status_label(outcome.status),
                            "created": _counts(outcome.saved.created),
                            "matched": _counts(outcome.saved.matched),
                        },
                        messages.SUCCESS if outcome.status == "new" else messages.INFO,
                    )
        if len(saved) == 1:
            return HttpResponseRedirect(reverse("admin:leads_sourcearticle_change", args=[saved[0].pk]))
        return HttpResponseRedirect(reverse("admin:leads_sourcearticle_changelist"))

    def _import_in_background(self, request: HttpRequest, uploads: list[tuple[bytes, str]]):
        """More than a page should wait for (IMPORT_SYNC_MAX_ARTICLES, IMPORT_SYNC_MAX_CHARACTERS): one
        background job per file, whose page shows its progress and then its outcomes."""
        from importers.jobs import import_job_create

        jobs = [import_job_create(data=data, filename=name, user=request.user) for data, name in uploads]
        self.message_user(
            request,
            ngettext(
                "The import runs in the background; its page shows the progress.",
                "The import runs in the background as %(count)d jobs; each one's page shows its progress.",
                len(jobs),
            )
            % {"count": len(jobs)},
            messages.SUCCESS,
        )
        if len(jobs) == 1:
            return HttpResponseRedirect(reverse("admin:importers_importjob_change", args=[jobs[0].pk]))
        return HttpResponseRedirect(reverse("admin:importers_importjob_changelist"))


class TextTooLong(Exception):
    """More article text than a page should wait to preview (IMPORT_SYNC_MAX_CHARACTERS)."""

    def __init__(self, length: int) -> None:
        super().__init__(f"{length:,} characters of article text")
        self.length = length


def _check_text_length(documents: list) -> None:
    from importers.pipeline import text_length

    length = text_length(documents)
    if length > settings.IMPORT_SYNC_MAX_CHARACTERS:
        raise TextTooLong(length)


def _source_name(item: dict[str, str]) -> str:
    """An uploaded file keeps its name (its extension tells the format); pasted text is "<text>"."""
    from importers.pipeline import TEXT_SOURCE

    return item["name"] or TEXT_SOURCE


def _status_label(status: str) -> str:
    return {
        "new": pgettext("import status", "imported"),
        "unchanged": pgettext("import status", "already imported, unchanged"),
        "updated": pgettext("import status", "rebuilt"),
        "failed": pgettext("import status", "failed"),
    }.get(status, status)


def _counts(counter: Counter) -> str:
    """ "2 organizations, 1 contact, 0 opportunities" """
    return ", ".join(
        [
            ngettext("%d organization", "%d organizations", counter["organizations"]) % counter["organizations"],
            ngettext("%d contact", "%d contacts", counter["contacts"]) % counter["contacts"],
            ngettext("%d opportunity", "%d opportunities", counter["opportunities"]) % counter["opportunities"],
        ]
    )


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    """Every sentence behind every record; made by the importer, so read-only (wrong ones may be deleted)."""

    list_display = ("sentence_marked", "subject", "article")
    list_filter = (
        ("organization", admin.EmptyFieldListFilter),
        ("contact", admin.EmptyFieldListFilter),
        ("opportunity", admin.EmptyFieldListFilter),
    )
    list_select_related = ("article", "organization", "contact", *opportunity_summary_related())
    search_fields = ("mention", "sentence")
    fields = ("article", "subject", "sentence_marked", "mention", "sentence_start", "sentence_end", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=gettext_lazy("sentence"))
    def sentence_marked(self, evidence: Evidence) -> str:
        return highlight_sentence(evidence)

    @admin.display(description=gettext_lazy("record"))
    def subject(self, evidence: Evidence) -> str:
        return admin_link(evidence.organization or evidence.contact or evidence.opportunity)
