"""The filters every FilterSet is built from, and the base FilterSet.

Each filter names its `field_name` and `lookup_expr` explicitly and describes itself in the
OpenAPI schema; the parsing and checking of values lives in `leads.filtersets.fields`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import django_filters
from django import forms
from django.db.models import Expression, F, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from leads.filtersets.fields import (
    ChoicesField,
    CountriesField,
    IsoDateField,
    KeysField,
    MomentField,
    OrganizationsField,
    OriginsField,
    ProvincesField,
    SlugsField,
    StrictBooleanField,
    UsersField,
    ValuesField,
)

MAX_SEARCH_LENGTH = 200


def _schema(filter_: django_filters.Filter, schema: dict) -> None:
    """Describe the parameter in the OpenAPI schema (drf-spectacular reads this override)."""
    help_text = filter_.extra.get("help_text")
    filter_._spectacular_annotation = {"field": {**schema, **({"description": str(help_text)} if help_text else {})}}


class ValuesFilter(django_filters.Filter):
    """Several values, matched with `<field_name>__<lookup_expr>` (usually `__in`)."""

    field_class = ValuesField
    item_schema: dict = {"type": "string"}

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(*args, **kwargs)
        _schema(self, {"type": "array", "items": self.item_schema})


class ChoicesFilter(ValuesFilter):
    field_class = ChoicesField

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _schema(self, {"type": "array", "items": {"type": "string", "enum": self.extra_choices()}})

    def extra_choices(self) -> list[str]:
        return [str(value) for value, _label in self.extra["choices"]]


class KeysFilter(ValuesFilter):
    field_class = KeysField
    item_schema = {"type": "integer"}


class SlugsFilter(ValuesFilter):
    field_class = SlugsField


class ProvincesFilter(ValuesFilter):
    field_class = ProvincesField


class CountriesFilter(ValuesFilter):
    field_class = CountriesField


class OriginsFilter(ValuesFilter):
    field_class = OriginsField


class OrganizationsFilter(ValuesFilter):
    field_class = OrganizationsField


class UsersFilter(ValuesFilter):
    """Usernames or `me`."""

    field_class = UsersField

    def filter(self, qs: QuerySet, value: list[int | str]) -> QuerySet:
        if value in EMPTY_VALUES:
            return qs
        request = getattr(self.parent, "request", None)
        me = getattr(getattr(request, "user", None), "pk", None)
        keys = [me if item == "me" else item for item in value]
        return self.get_method(qs)(**{f"{self.field_name}__{self.lookup_expr}": keys})


class BooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _schema(self, {"type": "boolean"})


class DateFilter(django_filters.Filter):
    field_class = IsoDateField

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _schema(self, {"type": "string", "format": "date"})


class MomentFilter(django_filters.Filter):
    """`gte` or `lte` on a date-time column; a bare date in an `lte` filter includes the whole day."""

    field_class = MomentField

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _schema(self, {"type": "string", "example": "2025-09-18T08:30:00+07:00"})

    def filter(self, qs: QuerySet, value: tuple[datetime, bool] | None) -> QuerySet:
        if value in EMPTY_VALUES:
            return qs
        moment, date_only = value
        if date_only and self.lookup_expr == "lte":
            return qs.filter(**{f"{self.field_name}__lt": moment + timedelta(days=1)})
        return qs.filter(**{f"{self.field_name}__{self.lookup_expr}": moment})


class YearFilter(django_filters.Filter):
    """A year, a whole number between 1900 and 2100."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)
        _schema(self, {"type": "integer", "minimum": 1900, "maximum": 2100})


class AmountFilter(django_filters.NumberFilter):
    """An amount of money: no value in the CRM is negative, so neither is a bound (as the schema says)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_digits", 24)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", 0)
        super().__init__(*args, **kwargs)
        _schema(self, {"type": "number", "minimum": 0})


class SearchFilter(django_filters.CharFilter):
    """`q`: the model's accent-insensitive `search()`."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_length", MAX_SEARCH_LENGTH)
        kwargs.setdefault("help_text", _("Accent-insensitive search: “quang chau” finds “Quảng Châu”."))
        super().__init__(*args, **kwargs)
        _schema(self, {"type": "string", "maxLength": MAX_SEARCH_LENGTH})


class OrderingFilter(django_filters.OrderingFilter):
    """`ordering=-value,title`: columns by name, `-` for descending, blanks last, ties broken by key.

    `columns` maps each parameter name to a field path or an expression (e.g. stages in pipeline order).
    """

    def __init__(self, *, columns: dict[str, str | Expression], **kwargs) -> None:
        self.columns = columns
        kwargs["fields"] = [(name, name) for name in columns]
        kwargs.setdefault(
            "help_text",
            _("Sort by one or more of: %(columns)s; prefix with - for descending.") % {"columns": ", ".join(columns)},
        )
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet, value: list[str]) -> QuerySet:
        if value in EMPTY_VALUES:
            return qs
        order = []
        for param in value:
            if param in EMPTY_VALUES:
                continue
            descending = param.startswith("-")
            column = self.columns[param.lstrip("-")]
            expression = F(column) if isinstance(column, str) else column
            order.append(expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True))
        return qs.order_by(*order, "-pk" if value[0].startswith("-") else "pk")


class BaseFilterSet(django_filters.FilterSet):
    """Every filter is declared explicitly; nothing is generated from model fields.

    `q` goes to the model's queryset `search()`, the one accent-insensitive search the admin uses too.
    """

    class Meta:
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)
