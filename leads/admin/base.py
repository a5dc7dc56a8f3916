"""Pieces every admin class in the workspace shares: folded search, links, Vietnamese order, saves under lock."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import smart_split, unescape_string_literal

from leads.collation import vietnamese_sort_key
from leads.models.versioning import StaleRecord
from leads.text import normalize_name


class HttpsUrlMixin:
    """URL fields typed without a scheme get "https://", the default Django 6 moves to."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class FoldedSearchMixin:
    """Accent-insensitive search: "quang chau" finds "Quảng Châu" through the queryset's `search()`.

    As in Django's own admin search, every word must match (in any searched field) and a
    "quoted phrase" matches as a whole: "so cong thuong bac ninh" finds "Sở Công Thương tỉnh Bắc Ninh".
    """

    search_fields = ("pk",)  # shows the search box (and enables autocomplete); `search()` does the work
    search_help_text = None

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        for word in smart_split(search_term):
            if word[0] in "\"'" and word[-1] == word[0] and len(word) > 1:
                word = unescape_string_literal(word)
            queryset = self.search_queryset(queryset, word)
        return queryset, False

    def search_queryset(self, queryset: QuerySet, word: str) -> QuerySet:
        """The rows matching one word or phrase; the model's own `search()` unless an admin says otherwise."""
        return queryset.search(word)


class VersionedAdminMixin:
    """The change page of an organization, contact or opportunity: saved under the row lock, never over a colleague.

    The form carries the version the page was opened at (`leads.admin.forms.VersionedModelForm`,
    a hidden field added to the first fieldset); a page opened before another change is refused
    with a form error. When the form is posted the record is read under its row lock, inside the
    transaction Django's change view runs in, so the check and the save see the same row and no
    other writer (the API, a stage move, a merge, the importer) changes it in between. Should a
    row saved with it (an inline contact) still have moved on, nothing is saved and the page says so.
    """

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Model | None:
        record = super().get_object(request, object_id, from_field)
        if record is None or request.method != "POST" or not transaction.get_connection().in_atomic_block:
            return record
        if not list(self.model._default_manager.select_for_update().filter(pk=record.pk).values_list("pk")):
            return None  # deleted meanwhile: Django's "does not exist" message follows
        return super().get_object(request, object_id, from_field)  # read again, now that the row is ours

    def get_fieldsets(self, request: HttpRequest, obj: Model | None = None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        (name, options), *others = fieldsets
        return [(name, {**options, "fields": (*options["fields"], "opened_version")}), *others]

    def changeform_view(self, request: HttpRequest, object_id=None, form_url: str = "", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleRecord as error:  # the view's transaction was rolled back: nothing of the page was saved
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class VersionedInlineMixin:
    """Inline rows of versioned records (an organization's contacts) carry their version too, where editable."""

    def get_fields(self, request: HttpRequest, obj: Model | None = None):
        fields = super().get_fields(request, obj)
        return [*fields, "opened_version"] if self.has_change_permission(request, obj) else fields


class ActivityAuthorMixin:
    """Activities added inline are logged as the user who added them."""

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        from leads.models import Activity

        for inline_form in formset.forms:
            if isinstance(inline_form.instance, Activity) and not inline_form.instance.pk:
                inline_form.instance.created_by = request.user
        super().save_formset(request, form, formset, change)


class NormalizedNameSearchMixin:
    """Search reference data by slug or code, and by name written with or without diacritics.

    `search_fields` stay as Django does them; the folded term is also matched against
    `normalized_name`, so "bac ninh", "Bắc Ninh" and "BẮC NINH" find the same province.
    """

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        key = normalize_name(search_term)
        if key:
            results = results | queryset.filter(normalized_name__contains=key)
        return results, may_have_duplicates


OPPORTUNITY_SUMMARY = ("organization", "origin_region", "origin_country", "province", "site", "primary_sector")
"""What an opportunity's one-line summary (`Opportunity.describe()`, its `str()`) reads."""


def opportunity_summary_related(path: str = "opportunity") -> tuple[str, ...]:
    """`select_related` names that load, through `path`, everything an opportunity's summary shows."""
    return tuple(f"{path}__{name}" for name in OPPORTUNITY_SUMMARY)


def opportunity_sectors(opportunity: Model) -> list[Model]:
    """The opportunity's sectors, the primary one first (even if, by a slip, it is not among them)."""
    primary = opportunity.primary_sector if opportunity.primary_sector_id else None
    others = [sector for sector in opportunity.sectors.all() if sector.pk != opportunity.primary_sector_id]
    others.sort(key=lambda sector: vietnamese_sort_key(str(sector)))
    return [primary, *others] if primary is not None else others


_RECORD_ID = re.compile(r"[0-9]+")


def record_id(value: object) -> int | None:
    """A record id as it comes from a query string or a form, or None when it is not one.

    Only ASCII digits: `str.isdigit()` is also true of "²" or "٣", which are no id ("²" fails `int()`).
    """
    text = str(value).strip() if value is not None else ""
    return int(text) if _RECORD_ID.fullmatch(text) else None


def admin_url(obj: Model, view: str = "change") -> str | None:
    """The admin URL of `obj` (change page by default), or None when its model has no admin."""
    meta = obj._meta
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])
    except NoReverseMatch:
        return None


def changelist_url(model: type[Model], **params: Any) -> str:
    """The changelist of `model`, filtered by `params` (e.g. `sector__id__exact=3`)."""
    from urllib.parse import urlencode

    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def admin_link(obj: Model | None, text: Any = None) -> SafeString | str:
    """`<a href="change page">text</a>`, escaped; a dash for nothing."""
    if obj is None:
        return "-"
    url = admin_url(obj)
    label = str(obj) if text is None else text
    return format_html('<a href="{}">{}</a>', url, label) if url else format_html("{}", label)


def html_list(items: Iterable[Any], empty: str = "-") -> SafeString:
    """A `<ul>` of already-safe or to-be-escaped items."""
    items = list(items)
    if not items:
        return format_html('<span class="crm-muted">{}</span>', empty)
    return format_html('<ul class="crm-list">{}</ul>', format_html_join("", "<li>{}</li>", ((item,) for item in items)))


def vietnamese_choices(choices: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Choices sorted by their label in Vietnamese alphabetical order (good in English too)."""
    return sorted(choices, key=lambda choice: vietnamese_sort_key(str(choice[1])))


class VietnameseRelatedFilter(admin.RelatedFieldListFilter):
    """A related-field filter whose choices read in Vietnamese alphabetical order.

    For short lists whose label depends on the language (sectors are named in the
    interface's language), sorting in Python is exact and costs nothing.
    """

    def field_choices(self, field, request, model_admin):
        return vietnamese_choices(super().field_choices(field, request, model_admin))


class VietnameseRelatedOnlyFilter(admin.RelatedOnlyFieldListFilter):
    """Only the related records in use, in Vietnamese alphabetical order."""

    def field_choices(self, field, request, model_admin):
        return vietnamese_choices(super().field_choices(field, request, model_admin))
