"""How a related record appears inside another one: a few fields, read-only.

**Only what the requesting user may view.** A summary of an organization, a contact, an opportunity or a
source article, and evidence, reads as `null` inside another record when the user behind the request may
not view that model (`leads.permissions.may_view`: its view or change permission): a token that may only
view contacts reads each contact's `organization` and `evidence` as null. The rule lives here, in
`VisibleToRequestMixin`, which those serializers share, so every response that nests them follows it;
each field that nests them is nullable in the schema and says why. Reference data (sectors, provinces,
sites, countries, regions) and users (owners, authors) are the vocabulary records are read in and are
always shown.

The decision is taken once per model and response (cached in the serializer context; the user's
permissions themselves are cached by Django's `ModelBackend`), so a list costs no more queries for it.
A serializer used without a request in its context (inside the server, not for a client) shows everything.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Model
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from leads.models import (
    Contact,
    Country,
    ForeignRegion,
    Opportunity,
    Organization,
    Province,
    Sector,
    Site,
    SourceArticle,
)
from leads.permissions import may_view

User = get_user_model()
VISIBLE_MODELS = "visible_models"  # the serializer context's cache: model -> may the request's user view it


def may_view_in(context: dict[str, Any], model: type[Model]) -> bool:
    """Whether the user behind the serializer context's request may view `model` (True without a request)."""
    request = context.get("request")
    if request is None:
        return True
    cache = context.setdefault(VISIBLE_MODELS, {})
    if model not in cache:
        cache[model] = may_view(request.user, model)
    return cache[model]


def hidden_help(model: type[Model], help_text: str = "") -> str:
    """A nested field's help text, saying when it reads as null (translated lazily, like the others)."""
    hidden = format_lazy(_("Reads as null when you may not view {models}."), models=model._meta.verbose_name_plural)
    return format_lazy("{} {}", help_text, hidden) if help_text else hidden


class VisibleListSerializer(serializers.ListSerializer):
    """A nested list of records: null as a whole when the user may not view their model."""

    def to_representation(self, data: Any) -> list | None:
        if not may_view_in(self.context, self.child.Meta.model):
            return None
        return super().to_representation(data)

    @property
    def data(self) -> Any:
        # Serialized on its own (not nested), a hidden list is null too, not a list built from None.
        if not may_view_in(self.context, self.child.Meta.model):
            return None
        return super().data


class VisibleToRequestMixin:
    """A serializer of records that reads as null for a user who may not view its model."""

    def to_representation(self, instance: Any) -> dict | None:
        if not may_view_in(self.context, self.Meta.model):
            return None
        return super().to_representation(instance)

    @property
    def data(self) -> Any:
        # Nested key and slug fields read their summary's `data` (`leads.api.fields`).
        if not may_view_in(self.context, self.Meta.model):
            return None
        return super().data


class VisibleManyField(serializers.ManyRelatedField):
    """A writable list of related records (keys on write, summaries on read): null on read as a whole
    when the user may not view their model. `child_relation` is a `NestedKeyField`."""

    def to_representation(self, iterable: Any) -> list | None:
        if not may_view_in(self.context, self.child_relation.summary.Meta.model):
            return None
        return super().to_representation(iterable)


class VisibleManyFieldExtension(OpenApiSerializerFieldExtension):
    """The schema of a `VisibleManyField`: an array of keys in requests, a nullable array of summaries in responses."""

    target_class = VisibleManyField

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict:
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction == "response":
            schema["nullable"] = True
        return schema


class SectorSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["id", "slug", "name_en", "name_vi"]


class ProvinceSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["id", "slug", "name"]


class CountrySummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["code", "name", "name_en"]


class ForeignRegionSummarySerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", read_only=True, help_text=_("ISO code."))

    class Meta:
        model = ForeignRegion
        fields = ["id", "slug", "name", "name_en", "country"]


class SiteSummarySerializer(serializers.ModelSerializer):
    province = ProvinceSummarySerializer(read_only=True)

    class Meta:
        model = Site
        fields = ["id", "slug", "name", "kind", "province"]


class OrganizationSummarySerializer(VisibleToRequestMixin, serializers.ModelSerializer):
    country = serializers.CharField(source="country_id", read_only=True, allow_null=True, help_text=_("ISO code."))

    class Meta:
        model = Organization
        fields = ["id", "name", "kind", "country"]
        list_serializer_class = VisibleListSerializer


class ContactSummarySerializer(VisibleToRequestMixin, serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "full_name", "title"]
        list_serializer_class = VisibleListSerializer


class UserSummarySerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="get_full_name", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "full_name"]


class OpportunitySummarySerializer(VisibleToRequestMixin, serializers.ModelSerializer):
    display = serializers.CharField(
        source="__str__", read_only=True, help_text="Title, or who → where: project (or primary sector)."
    )

    class Meta:
        model = Opportunity
        fields = ["id", "display", "stage"]
        list_serializer_class = VisibleListSerializer


# Joins an opportunity summary needs for its `display` (`Opportunity.describe()`: who → where: what).
OPPORTUNITY_SUMMARY_RELATED = (
    "organization",
    "origin_region",
    "origin_country",
    "province",
    "site",
    "primary_sector",
)


def opportunity_summary_related(prefix: str) -> list[str]:
    return [prefix, *(f"{prefix}__{name}" for name in OPPORTUNITY_SUMMARY_RELATED)]


class ArticleSummarySerializer(VisibleToRequestMixin, serializers.ModelSerializer):
    class Meta:
        model = SourceArticle
        fields = ["id", "title", "outlet", "published_on", "url"]
        list_serializer_class = VisibleListSerializer
