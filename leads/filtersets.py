"""Filters for every list the CRM offers, one FilterSet per model, shared by the API (and the admin where it fits).

Conventions, so that integrators can guess a parameter before reading the schema:

- Foreign keys come in pairs: `sector` takes slugs, `sector_id` takes keys. Several values are
  allowed, repeated (`?stage=qualified&stage=contacted`) or comma-separated (`?stage=qualified,contacted`).
- Provinces are looked up by slug, name or alias, written any way, and a pre-2025 province resolves
  to today's unit: `bac-giang`, `Bắc Giang` and `bac giang` all mean Bắc Ninh.
- `*_after` means "on or after" and `*_before` "on or before"; dates (`2025-09-18`) and date-times
  (`2025-09-18T08:30:00+07:00`) are both accepted; a bare date in a `*_before` includes that whole day.
- `q` is one accent-insensitive search box: "quang chau", "Quảng Châu" and "QUANG CHAU" are the same.
- `ordering` takes one or more columns, `-` for descending; blanks sort last; ties are broken by key.
- A value the filter cannot use is an error naming the parameter (the API answers 400), never
  silently ignored: an unknown sector slug, a malformed date, `has_owner=maybe`.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Case, Exists, Expression, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from leads.choices import (
    PIPELINE_ORDER,
    ActivityKind,
    Currency,
    InvestmentType,
    OrganizationKind,
    Priority,
    ReviewStatus,
    Stage,
)
from leads.models import (
    Activity,
    Contact,
    Country,
    DeletedRecord,
    Evidence,
    ForeignRegion,
    Opportunity,
    Organization,
    Province,
    Sector,
    SourceArticle,
    StageChange,
)
from leads.signals import TRACKED_MODELS
from leads.text import normalize_name

MAX_VALUES = 100
MAX_VALUE_LENGTH = 200
MAX_SEARCH_LENGTH = 200
MAX_KEY = 2**63 - 1

# ---------------------------------------------------------------------------------------------
# Form fields: parse and check one parameter; a ValidationError here becomes a 400 naming it.
# ---------------------------------------------------------------------------------------------


class ValuesWidget(forms.TextInput):
    """Read a parameter given several times, or once with commas, as one list of strings."""

    def format_value(self, value: Any) -> str | None:
        return ",".join(str(item) for item in value) if isinstance(value, list | tuple) else super().format_value(value)

    def value_from_datadict(self, data, files, name: str) -> list[str]:
        raw = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)] if name in data else []
        return [part.strip() for item in raw if item for part in str(item).split(",") if part.strip()]

    def value_omitted_from_data(self, data, files, name: str) -> bool:
        return name not in data


class ValuesField(forms.Field):
    """Several values for one filter; subclasses turn the strings into what the query needs."""

    widget = ValuesWidget

    def to_python(self, value: Any) -> list[str]:
        if value in EMPTY_VALUES:
            return []
        values = list(dict.fromkeys([value] if isinstance(value, str) else value))
        if len(values) > MAX_VALUES:
            raise ValidationError(_("Give at most %(max)d values."), params={"max": MAX_VALUES}, code="too_many")
        if any(len(item) > MAX_VALUE_LENGTH for item in values):
            raise ValidationError(
                _("A value may be at most %(max)d characters long."), params={"max": MAX_VALUE_LENGTH}, code="too_long"
            )
        return values

    def clean(self, value: Any) -> list[Any]:
        values = self.to_python(value)
        return self.convert(values) if values else []

    def convert(self, values: list[str]) -> list[Any]:
        return values


class ChoicesField(ValuesField):
    def __init__(self, *, choices, **kwargs) -> None:
        self.choices = [str(value) for value, _label in choices]
        super().__init__(**kwargs)

    def convert(self, values: list[str]) -> list[str]:
        unknown = [value for value in values if value not in self.choices]
        if unknown:
            raise ValidationError(
                _("%(values)s: not a valid choice; use one of %(choices)s."),
                params={"values": _quoted(unknown), "choices": ", ".join(self.choices)},
                code="invalid_choice",
            )
        return values


class KeysField(ValuesField):
    """Integer keys of `queryset`'s model; every key must exist."""

    def __init__(self, *, queryset: QuerySet, **kwargs) -> None:
        self.queryset = queryset
        super().__init__(**kwargs)

    def convert(self, values: list[str]) -> list[int]:
        bad = [value for value in values if not _is_key(value)]
        if bad:
            raise ValidationError(
                _("%(values)s: not a key (a whole number)."), params={"values": _quoted(bad)}, code="invalid"
            )
        keys = [int(value) for value in values]
        found = set(self.queryset.filter(pk__in=keys).values_list("pk", flat=True))
        missing = [str(key) for key in keys if key not in found]
        if missing:
            raise ValidationError(
                _("No %(model)s with key %(values)s."),
                params={"model": self.queryset.model._meta.verbose_name, "values": _quoted(missing)},
                code="not_found",
            )
        return keys


class SlugsField(ValuesField):
    """Slugs (or codes) of reference data; every value must exist. Case does not matter."""

    def __init__(self, *, queryset: QuerySet, to_field_name: str = "slug", upper: bool = False, **kwargs) -> None:
        self.queryset, self.to_field_name, self.upper = queryset, to_field_name, upper
        super().__init__(**kwargs)

    def convert(self, values: list[str]) -> list[str]:
        values = [value.upper() if self.upper else value.lower() for value in values]
        matching = self.queryset.filter(**{f"{self.to_field_name}__in": values})
        known = set(matching.values_list(self.to_field_name, flat=True))
        unknown = [value for value in values if value not in known]
        if unknown:
            raise ValidationError(
                _("Unknown %(model)s %(values)s."),
                params={"model": self.queryset.model._meta.verbose_name, "values": _quoted(unknown)},
                code="not_found",
            )
        return values


class ProvincesField(ValuesField):
    """Today's provinces for slugs, names or aliases, old or current; their pre-2025 units come along."""

    def convert(self, values: list[str]) -> list[int]:
        current, unknown = Province.objects.resolve_all(values)
        if unknown:
            raise ValidationError(
                _("%(values)s: no province of Vietnam has this slug, name or alias."),
                params={"values": _quoted(unknown)},
                code="not_found",
            )
        keys = {province.pk for province in current}
        keys |= set(Province.objects.filter(successor__in=keys).values_list("pk", flat=True))
        return sorted(keys)


class CountriesField(ValuesField):
    """ISO codes of countries, from a code (`CN`), a Vietnamese or English name, or an alias."""

    def convert(self, values: list[str]) -> list[str]:
        codes, unknown = [], []
        countries = list(Country.objects.only("code", "name", "name_en", "aliases"))
        for value in values:
            country = _find_country(value, countries)
            if country is None:
                unknown.append(value)
            else:
                codes.append(country.code)
        if unknown:
            raise ValidationError(
                _("Unknown country %(values)s."), params={"values": _quoted(unknown)}, code="not_found"
            )
        return codes


class OriginsField(ValuesField):
    """Foreign regions (with the regions inside them) and countries, by slug, code, name or alias.

    Returns `(region keys, country codes)`.
    """

    def convert(self, values: list[str]) -> tuple[list[int], list[str]]:
        regions = list(ForeignRegion.objects.only("pk", "slug", "name", "name_en", "aliases", "parent_id"))
        countries = list(Country.objects.only("code", "name", "name_en", "aliases"))
        region_keys: set[int] = set()
        codes: list[str] = []
        unknown = []
        for value in values:
            region = _find_region(value, regions)
            country = None if region else _find_country(value, countries)
            if region is not None:
                region_keys |= _with_subregions(region.pk, regions)
            elif country is not None:
                codes.append(country.code)
            else:
                unknown.append(value)
        if unknown:
            raise ValidationError(
                _("%(values)s: neither a foreign region nor a country."),
                params={"values": _quoted(unknown)},
                code="not_found",
            )
        return sorted(region_keys), codes


class UsersField(ValuesField):
    """Usernames, or `me` for whoever is asking; returns user keys with `me` left for the filter to resolve."""

    def convert(self, values: list[str]) -> list[int | str]:
        names = [value for value in values if value != "me"]
        found = dict(get_user_model().objects.filter(username__in=names).values_list("username", "pk"))
        unknown = [name for name in names if name not in found]
        if unknown:
            raise ValidationError(
                _("No user called %(values)s."), params={"values": _quoted(unknown)}, code="not_found"
            )
        return [found.get(value, value) for value in values]


class OrganizationsField(ValuesField):
    """Organizations by key (`12`) or by name or alias written any way (`Tập đoàn Alibaba`, `alibaba`)."""

    def convert(self, values: list[str]) -> list[int]:
        keys = [int(value) for value in values if _is_key(value)]
        found = set(Organization.objects.filter(pk__in=keys).values_list("pk", flat=True))
        unknown = [str(key) for key in keys if key not in found]
        for value in values:
            if _is_key(value):
                continue
            named = list(Organization.objects.named(value).values_list("pk", flat=True))
            if not named:
                unknown.append(value)
            found.update(named)
        if unknown:
            raise ValidationError(
                _("No organization with key, name or alias %(values)s."),
                params={"values": _quoted(unknown)},
                code="not_found",
            )
        return sorted(found)


class StrictBooleanField(forms.Field):
    """`true`/`false` (also `1`/`0`, `yes`/`no`); anything else is an error, not "no filter"."""

    TRUE, FALSE = {"true", "1", "yes", "on"}, {"false", "0", "no", "off"}

    def to_python(self, value: Any) -> bool | None:
        if value in EMPTY_VALUES:
            return None
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValidationError(_("Use true or false."), code="invalid")


class IsoDateField(forms.Field):
    """A date written `YYYY-MM-DD`."""

    def to_python(self, value: Any) -> date | None:
        if value in EMPTY_VALUES:
            return None
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError as error:
            raise ValidationError(_("Enter a date as YYYY-MM-DD, e.g. 2025-09-18."), code="invalid") from error


_SPACE_FOR_PLUS = re.compile(r" (\d{2}:?\d{2})$")


class MomentField(forms.Field):
    """A date or a date-time (ISO 8601); returns `(aware datetime, whether only a date was given)`."""

    def to_python(self, value: Any) -> tuple[datetime, bool] | None:
        if value in EMPTY_VALUES:
            return None
        text = str(value).strip()
        message = _("Enter a date (2025-09-18) or a date and time (2025-09-18T08:30:00+07:00).")
        try:
            if len(text) == 10:
                moment = datetime.combine(date.fromisoformat(text), time.min)
                return timezone.make_aware(moment), True
            # An unencoded "+07:00" in a query string arrives as " 07:00".
            moment = datetime.fromisoformat(_SPACE_FOR_PLUS.sub(r"+\1", text))
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            moment.astimezone(UTC)  # out-of-range years fail here rather than in the database
        except (ValueError, OverflowError) as error:
            raise ValidationError(message, code="invalid") from error
        return moment, False


# ---------------------------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------------------------


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


class AmountFilter(django_filters.NumberFilter):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_digits", 24)
        kwargs.setdefault("decimal_places", 2)
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


def _rank(field: str, values: tuple[str, ...]) -> Case:
    return Case(*(When(**{field: value}, then=Value(i)) for i, value in enumerate(values)), output_field=IntegerField())


STAGE_ORDER = _rank("stage", (*PIPELINE_ORDER, Stage.ON_HOLD, Stage.LOST))
PRIORITY_ORDER = _rank("priority", (Priority.LOW, Priority.MEDIUM, Priority.HIGH))


# ---------------------------------------------------------------------------------------------
# FilterSets
# ---------------------------------------------------------------------------------------------


class BaseFilterSet(django_filters.FilterSet):
    """Every filter is declared explicitly; nothing is generated from model fields.

    `q` goes to the model's queryset `search()`, the one accent-insensitive search the admin uses too.
    """

    class Meta:
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)


class OpportunityFilterSet(BaseFilterSet):
    q = SearchFilter(method="search")
    sector = SlugsFilter(
        field_name="sector__slug", queryset=Sector.objects.all(), help_text=_("Sector slugs, e.g. ai,cloud-data.")
    )
    sector_id = KeysFilter(field_name="sector", queryset=Sector.objects.all(), help_text=_("Sector keys."))
    province = ProvincesFilter(
        field_name="province",
        help_text=_(
            "Target provinces by slug, name or alias (bac-ninh, ho-chi-minh, “TP.HCM”); a pre-2025 province "
            "(bac-giang, binh-duong) means the unit it was merged into."
        ),
    )
    province_id = KeysFilter(field_name="province", queryset=Province.objects.all(), help_text=_("Province keys."))
    origin = OriginsFilter(
        field_name="origin_region",
        method="filter_origin",
        help_text=_(
            "Where the interest comes from: foreign regions by slug, name or alias (quang-tay, “Quảng Đông”, "
            "Guangxi; a region includes the cities in it) or countries (CN, “Hàn Quốc”)."
        ),
    )
    origin_region_id = KeysFilter(
        field_name="origin_region", queryset=ForeignRegion.objects.all(), help_text=_("Foreign region keys.")
    )
    country = CountriesFilter(
        field_name="organization__country",
        method="filter_country",
        help_text=_(
            "Investor countries (ISO code such as CN, or a name): the organization's country, the origin "
            "country, or the origin region's country."
        ),
    )
    stage = ChoicesFilter(field_name="stage", choices=Stage.choices, help_text=_("Stages."))
    investment_type = ChoicesFilter(
        field_name="investment_type", choices=InvestmentType.choices, help_text=_("Investment types.")
    )
    priority = ChoicesFilter(field_name="priority", choices=Priority.choices, help_text=_("Priorities."))
    currency = ChoicesFilter(field_name="currency", choices=Currency.choices, help_text=_("Currencies of the value."))
    review_status = ChoicesFilter(
        field_name="review_status", choices=ReviewStatus.choices, help_text=_("Review decisions.")
    )
    owner = UsersFilter(field_name="owner", help_text=_("Owners by username; `me` is the user asking."))
    owner_id = KeysFilter(field_name="owner", queryset=get_user_model().objects.all(), help_text=_("Owner keys."))
    has_owner = BooleanFilter(
        field_name="owner", lookup_expr="isnull", exclude=True, help_text=_("Whether anyone owns the opportunity.")
    )
    organization = OrganizationsFilter(
        field_name="organization", help_text=_("Organizations by key, or by name or alias written any way.")
    )
    organization_id = KeysFilter(
        field_name="organization", queryset=Organization.objects.all(), help_text=_("Organization keys.")
    )
    article = KeysFilter(
        field_name="evidence__article",
        method="filter_article",
        queryset=SourceArticle.objects.all(),
        help_text=_("Opportunities with evidence in these articles (keys)."),
    )
    is_imported = BooleanFilter(field_name="is_imported", lookup_expr="exact", help_text=_("Found by the importer."))
    value_min = AmountFilter(
        field_name="value", lookup_expr="gte", help_text=_("Value at least this much (in the opportunity's currency).")
    )
    value_max = AmountFilter(
        field_name="value", lookup_expr="lte", help_text=_("Value at most this much (in the opportunity's currency).")
    )
    created_after = MomentFilter(field_name="created_at", lookup_expr="gte", help_text=_("Created on or after."))
    created_before = MomentFilter(field_name="created_at", lookup_expr="lte", help_text=_("Created on or before."))
    updated_after = MomentFilter(
        field_name="updated_at", lookup_expr="gte", help_text=_("Changed on or after (incremental sync).")
    )
    next_step_before = DateFilter(
        field_name="next_step_on", lookup_expr="lte", help_text=_("Next step due on or before this date.")
    )
    ordering = OrderingFilter(
        columns={
            "updated_at": "updated_at",
            "created_at": "created_at",
            "value": "value",
            "next_step_on": "next_step_on",
            "expected_decision_on": "expected_decision_on",
            "stage": STAGE_ORDER,
            "priority": PRIORITY_ORDER,
            "title": "title",
            "organization": "organization__normalized_name",
            "province": "province__normalized_name",
        }
    )

    class Meta:
        model = Opportunity
        fields: list[str] = []

    def filter_origin(self, queryset: QuerySet, name: str, value: tuple[list[int], list[str]]) -> QuerySet:
        if not value:
            return queryset
        region_keys, codes = value
        condition = Q(pk__in=[])
        if region_keys:
            condition |= Q(origin_region__in=region_keys) | Q(organization__region__in=region_keys)
        if codes:
            condition |= _investor_country(codes)
        return queryset.filter(condition)

    def filter_country(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        return queryset.filter(_investor_country(value)) if value else queryset

    def filter_article(self, queryset: QuerySet, name: str, value: list[int]) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(Exists(Evidence.objects.filter(opportunity=OuterRef("pk"), article__in=value)))


def _investor_country(codes: list[str]) -> Q:
    return Q(organization__country__in=codes) | Q(origin_country__in=codes) | Q(origin_region__country__code__in=codes)


class OrganizationFilterSet(BaseFilterSet):
    q = SearchFilter(method="search")
    kind = ChoicesFilter(field_name="kind", choices=OrganizationKind.choices, help_text=_("Kinds of organization."))
    country = CountriesFilter(field_name="country", help_text=_("Countries (ISO code such as CN, or a name)."))
    province = ProvincesFilter(
        field_name="province", help_text=_("Home provinces by slug, name or alias; pre-2025 names resolve.")
    )
    province_id = KeysFilter(field_name="province", queryset=Province.objects.all(), help_text=_("Province keys."))
    region = OriginsFilter(
        field_name="region", method="filter_region", help_text=_("Home regions abroad by slug, name or alias.")
    )
    region_id = KeysFilter(
        field_name="region", queryset=ForeignRegion.objects.all(), help_text=_("Foreign region keys.")
    )
    sector = SlugsFilter(
        field_name="sectors__slug",
        method="filter_sector",
        queryset=Sector.objects.all(),
        help_text=_("Organizations working in any of these sectors (slugs)."),
    )
    sector_id = KeysFilter(
        field_name="sectors", method="filter_sector_id", queryset=Sector.objects.all(), help_text=_("Sector keys.")
    )
    has_opportunities = BooleanFilter(
        field_name="opportunities", method="filter_has_opportunities", help_text=_("Whether any opportunity names it.")
    )
    created_after = MomentFilter(field_name="created_at", lookup_expr="gte", help_text=_("Created on or after."))
    created_before = MomentFilter(field_name="created_at", lookup_expr="lte", help_text=_("Created on or before."))
    updated_after = MomentFilter(
        field_name="updated_at", lookup_expr="gte", help_text=_("Changed on or after (incremental sync).")
    )
    ordering = OrderingFilter(
        columns={
            "name": "normalized_name",
            "kind": "kind",
            "country": "country__code",
            "created_at": "created_at",
            "updated_at": "updated_at",
            "opportunity_count": "opportunity_count",
        }
    )

    class Meta:
        model = Organization
        fields: list[str] = []

    def filter_region(self, queryset: QuerySet, name: str, value: tuple[list[int], list[str]]) -> QuerySet:
        if not value:
            return queryset
        region_keys, codes = value
        return queryset.filter(Q(region__in=region_keys) | Q(country__in=codes))

    def filter_sector(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        if not value:
            return queryset
        through = Organization.sectors.through.objects.filter(organization=OuterRef("pk"), sector__slug__in=value)
        return queryset.filter(Exists(through))

    def filter_sector_id(self, queryset: QuerySet, name: str, value: list[int]) -> QuerySet:
        if not value:
            return queryset
        through = Organization.sectors.through.objects.filter(organization=OuterRef("pk"), sector__in=value)
        return queryset.filter(Exists(through))

    def filter_has_opportunities(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        found = Exists(Opportunity.objects.filter(organization=OuterRef("pk")))
        return queryset.filter(found if value else ~found)


class ContactFilterSet(BaseFilterSet):
    q = SearchFilter(method="search")
    organization = OrganizationsFilter(
        field_name="organization", help_text=_("Organizations by key, or by name or alias written any way.")
    )
    organization_id = KeysFilter(
        field_name="organization", queryset=Organization.objects.all(), help_text=_("Organization keys.")
    )
    country = CountriesFilter(
        field_name="organization__country", help_text=_("Countries of the contact's organization (ISO code or name).")
    )
    review_status = ChoicesFilter(
        field_name="review_status", choices=ReviewStatus.choices, help_text=_("Review decisions.")
    )
    is_imported = BooleanFilter(field_name="is_imported", lookup_expr="exact", help_text=_("Found by the importer."))
    created_after = MomentFilter(field_name="created_at", lookup_expr="gte", help_text=_("Created on or after."))
    updated_after = MomentFilter(
        field_name="updated_at", lookup_expr="gte", help_text=_("Changed on or after (incremental sync).")
    )
    ordering = OrderingFilter(
        columns={
            "full_name": "normalized_name",
            "organization": "organization__normalized_name",
            "created_at": "created_at",
            "updated_at": "updated_at",
        }
    )

    class Meta:
        model = Contact
        fields: list[str] = []


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


class ActivityFilterSet(BaseFilterSet):
    q = SearchFilter(
        method="search",
        help_text=_(
            "Search the subject and notes, and (accent-insensitively) the names of the opportunity, "
            "organization or contact."
        ),
    )
    kind = ChoicesFilter(field_name="kind", choices=ActivityKind.choices, help_text=_("Kinds of activity."))
    opportunity = KeysFilter(
        field_name="opportunity", queryset=Opportunity.objects.all(), help_text=_("Opportunity keys.")
    )
    organization = OrganizationsFilter(
        field_name="organization", help_text=_("Organizations by key, or by name or alias written any way.")
    )
    organization_id = KeysFilter(
        field_name="organization", queryset=Organization.objects.all(), help_text=_("Organization keys.")
    )
    contact = KeysFilter(field_name="contact", queryset=Contact.objects.all(), help_text=_("Contact keys."))
    created_by = UsersFilter(field_name="created_by", help_text=_("Logged by (usernames; `me` is the user asking)."))
    occurred_after = MomentFilter(field_name="occurred_at", lookup_expr="gte", help_text=_("Happened on or after."))
    occurred_before = MomentFilter(field_name="occurred_at", lookup_expr="lte", help_text=_("Happened on or before."))
    updated_after = MomentFilter(
        field_name="updated_at", lookup_expr="gte", help_text=_("Changed on or after (incremental sync).")
    )
    ordering = OrderingFilter(
        columns={"occurred_at": "occurred_at", "created_at": "created_at", "updated_at": "updated_at"}
    )

    class Meta:
        model = Activity
        fields: list[str] = []


class StageChangeFilterSet(BaseFilterSet):
    q = SearchFilter(
        method="search", help_text=_("Search the note, and (accent-insensitively) the opportunity's names.")
    )
    opportunity = KeysFilter(
        field_name="opportunity", queryset=Opportunity.objects.all(), help_text=_("Opportunity keys.")
    )
    from_stage = ChoicesFilter(field_name="from_stage", choices=Stage.choices, help_text=_("Stages moved from."))
    to_stage = ChoicesFilter(field_name="to_stage", choices=Stage.choices, help_text=_("Stages moved to."))
    changed_by = UsersFilter(field_name="changed_by", help_text=_("Moved by (usernames; `me` is the user asking)."))
    changed_after = MomentFilter(field_name="changed_at", lookup_expr="gte", help_text=_("Moved on or after."))
    changed_before = MomentFilter(field_name="changed_at", lookup_expr="lte", help_text=_("Moved on or before."))
    ordering = OrderingFilter(columns={"changed_at": "changed_at"})

    class Meta:
        model = StageChange
        fields: list[str] = []


class SectorFilterSet(BaseFilterSet):
    q = SearchFilter(method="search", help_text=_("Accent-insensitive search in slugs, names and keywords."))
    ordering = OrderingFilter(columns={"slug": "slug", "name_en": "name_en"})

    class Meta:
        model = Sector
        fields: list[str] = []


class ProvinceFilterSet(BaseFilterSet):
    q = SearchFilter(method="search", help_text=_("Accent-insensitive search in slugs, names and aliases."))
    is_current = BooleanFilter(
        field_name="is_current", lookup_expr="exact", help_text=_("Today's 34 units (true) or pre-2025 units (false).")
    )
    successor = SlugsFilter(
        field_name="successor__slug",
        queryset=Province.objects.all(),
        help_text=_("Pre-2025 units merged into these provinces (slugs)."),
    )
    ordering = OrderingFilter(columns={"name": "normalized_name", "slug": "slug", "code": "code"})

    class Meta:
        model = Province
        fields: list[str] = []


class CountryFilterSet(BaseFilterSet):
    q = SearchFilter(method="search", help_text=_("Accent-insensitive search in codes, names and aliases."))
    ordering = OrderingFilter(columns={"code": "code", "name": "normalized_name"})

    class Meta:
        model = Country
        fields: list[str] = []


class ForeignRegionFilterSet(BaseFilterSet):
    q = SearchFilter(method="search", help_text=_("Accent-insensitive search in slugs, names and aliases."))
    country = CountriesFilter(field_name="country__code", help_text=_("Countries (ISO code or name)."))
    parent = SlugsFilter(
        field_name="parent__slug", queryset=ForeignRegion.objects.all(), help_text=_("Regions inside these (slugs).")
    )
    ordering = OrderingFilter(columns={"slug": "slug", "name": "normalized_name", "country": "country__code"})

    class Meta:
        model = ForeignRegion
        fields: list[str] = []


class DeletedRecordFilterSet(BaseFilterSet):
    model = ChoicesFilter(
        field_name="model",
        choices=[(name.lower(), name) for name in TRACKED_MODELS],
        help_text=_("Kinds of record (model names such as opportunity, organization, contact)."),
    )
    deleted_after = MomentFilter(field_name="deleted_at", lookup_expr="gte", help_text=_("Deleted on or after."))

    class Meta:
        model = DeletedRecord
        fields: list[str] = []


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


_KEY = re.compile(r"[0-9]{1,19}")


def _is_key(value: str) -> bool:
    return bool(_KEY.fullmatch(value)) and int(value) <= MAX_KEY


def _quoted(values: list[str]) -> str:
    return ", ".join(f"“{value}”" for value in values)


def _names(*names: str) -> set[str]:
    return {normalize_name(name) for name in names if name}


def _find_country(value: str, countries: list[Country]) -> Country | None:
    code, key = value.strip().upper(), normalize_name(value)
    for country in countries:
        if country.code == code:
            return country
    for country in countries:
        if key in _names(country.name, country.name_en, *country.aliases):
            return country
    return None


def _find_region(value: str, regions: list[ForeignRegion]) -> ForeignRegion | None:
    slug, key = value.strip().lower(), normalize_name(value)
    for region in regions:
        if region.slug == slug:
            return region
    for region in regions:
        if key in _names(region.name, region.name_en, *region.aliases):
            return region
    return None


def _with_subregions(key: int, regions: list[ForeignRegion]) -> set[int]:
    found, frontier = {key}, {key}
    while frontier:
        frontier = {region.pk for region in regions if region.parent_id in frontier} - found
        found |= frontier
    return found
