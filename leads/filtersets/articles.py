"""Filters of source articles and the evidence drawn from them."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from leads.filtersets.base import (
    BaseFilterSet,
    DateFilter,
    KeysFilter,
    MomentFilter,
    OrderingFilter,
    OrganizationsFilter,
    SearchFilter,
    ValuesFilter,
)
from leads.models import Contact, Evidence, Opportunity, Organization, SourceArticle


class SourceArticleFilterSet(BaseFilterSet):
    q = SearchFilter(method="search", help_text=_("Accent-insensitive search in titles and article text."))
    published_after = DateFilter(field_name="published_on", lookup_expr="gte", help_text=_("Published on or after."))
    published_before = DateFilter(field_name="published_on", lookup_expr="lte", help_text=_("Published on or before."))
    outlet = ValuesFilter(field_name="outlet", method="filter_outlet", help_text=_("Outlets, e.g. “Báo Đầu tư”."))
    mentions_organization = OrganizationsFilter(
        field_name="evidence__organization",
        method="filter_mentions_organization",
        help_text=_(
            "Articles with evidence for these organizations (or their contacts or opportunities), by key or name."
        ),
    )
    language = ValuesFilter(field_name="language", help_text=_("Languages, e.g. vi."))
    imported_after = MomentFilter(field_name="imported_at", lookup_expr="gte", help_text=_("Imported on or after."))
    updated_after = MomentFilter(
        field_name="updated_at", lookup_expr="gte", help_text=_("Changed on or after (incremental sync).")
    )
    ordering = OrderingFilter(
        columns={
            "published_on": "published_on",
            "imported_at": "imported_at",
            "updated_at": "updated_at",
            "title": "title",
            "outlet": "outlet",
        }
    )

    class Meta:
        model = SourceArticle
        fields: list[str] = []

    def filter_outlet(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        if not value:
            return queryset
        condition = Q()
        for outlet in value:
            condition |= Q(outlet__iexact=outlet)
        return queryset.filter(condition)

    def filter_mentions_organization(self, queryset: QuerySet, name: str, value: list[int]) -> QuerySet:
        if not value:
            return queryset
        mentions = Evidence.objects.filter(article=OuterRef("pk")).filter(
            Q(organization__in=value) | Q(contact__organization__in=value) | Q(opportunity__organization__in=value)
        )
        return queryset.filter(Exists(mentions))


class EvidenceFilterSet(BaseFilterSet):
    q = SearchFilter(method="search", help_text=_("Accent-insensitive search in the article's title and text."))
    article = KeysFilter(field_name="article", queryset=SourceArticle.objects.all(), help_text=_("Article keys."))
    organization = KeysFilter(
        field_name="organization", queryset=Organization.objects.all(), help_text=_("Organization keys.")
    )
    contact = KeysFilter(field_name="contact", queryset=Contact.objects.all(), help_text=_("Contact keys."))
    opportunity = KeysFilter(
        field_name="opportunity", queryset=Opportunity.objects.all(), help_text=_("Opportunity keys.")
    )
    ordering = OrderingFilter(columns={"article": "article_id", "sentence_start": "sentence_start"})

    class Meta:
        model = Evidence
        fields: list[str] = []
