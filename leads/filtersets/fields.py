"""Form fields behind the filters: each parses and checks one query parameter.

A `ValidationError` raised here becomes a 400 naming the parameter. Multi-value fields read a
parameter given several times or once with commas; reference data is looked up by slug, code,
name or alias, written any way.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from leads.models import Country, ForeignRegion, Organization, Province
from leads.text import normalize_name

MAX_VALUES = 100
MAX_VALUE_LENGTH = 200
MAX_KEY = 2**63 - 1


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
