"""Fields of the API's serializers.

Related fields read as a small nested summary and write as a key or slug:
`{"sector": {"slug": "ai", "name_en": "...", "name_vi": "..."}}` on read, `{"sector": "ai"}` on
write. The OpenAPI schema shows both shapes (see `leads.api.schema`).

`StrictCharField` takes text only, and `RFC3339DateTimeField` writes an offset every client can read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from leads.models import Province

# Render as a text box in the browsable API instead of a <select> listing the whole table.
TEXT_INPUT = {"base_template": "input.html"}


class _NestedChoices:
    """Offer keys or slugs (what is written) as the browsable API's choices, not the nested summaries."""

    def write_value(self, obj: Any) -> Any:
        raise NotImplementedError

    def get_choices(self, cutoff: int | None = None) -> dict:
        queryset = self.get_queryset()
        if queryset is None:
            return {}
        if cutoff is not None:
            queryset = queryset[:cutoff]
        return {self.write_value(item): self.display_value(item) for item in queryset}


class NestedSlugField(_NestedChoices, serializers.SlugRelatedField):
    """Write a slug (or code, or username); read `summary`'s representation of the related object."""

    write_schema = {"type": "string"}

    def __init__(self, *, summary: type[serializers.Serializer], **kwargs: Any) -> None:
        self.summary = summary
        super().__init__(**kwargs)

    def to_representation(self, obj: Any) -> Any:
        return self.summary(obj, context=self.context).data

    def write_value(self, obj: Any) -> Any:
        return getattr(obj, self.slug_field)


class NestedKeyField(_NestedChoices, serializers.PrimaryKeyRelatedField):
    """Write a key; read `summary`'s representation of the related object."""

    write_schema = {"type": "integer"}

    def __init__(self, *, summary: type[serializers.Serializer], **kwargs: Any) -> None:
        self.summary = summary
        kwargs.setdefault("style", TEXT_INPUT)
        super().__init__(**kwargs)

    def use_pk_only_optimization(self) -> bool:
        return False

    def write_value(self, obj: Any) -> Any:
        return obj.pk

    def to_representation(self, obj: Any) -> Any:
        return self.summary(obj, context=self.context).data


class ProvinceField(NestedSlugField):
    """A province by slug, name or alias; a pre-2025 province is stored as the unit it was merged into."""

    default_error_messages = {
        "does_not_exist": _("“{value}”: no province of Vietnam has this slug, name or alias."),
        "invalid": _("Give a province slug such as bac-ninh."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("slug_field", "slug")
        kwargs.setdefault("queryset", Province.objects.current())
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Province:
        if not isinstance(data, str) or not data.strip() or len(data) > 200:
            self.fail("invalid")
        province = Province.objects.resolve(data)
        if province is None:
            self.fail("does_not_exist", value=data)
        return province


class StrictCharField(serializers.CharField):
    """Text, and only text: DRF's CharField turns `"notes": 0` into "0", a number staff never wrote.

    A number or a boolean where the schema says string is the client's mistake, so it is a 400.
    """

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class RFC3339DateTimeField(serializers.DateTimeField):
    """ISO 8601 in the current time zone, unless its offset there is not whole minutes: then UTC.

    Until 1911 Asia/Ho_Chi_Minh is +07:06:30 in tzdata (a mean solar time), and ISO 8601 writes the seconds of
    the offset, which RFC 3339 (what OpenAPI's `date-time` means) has no room for. The instant is
    the same either way.
    """

    def to_representation(self, value: Any) -> Any:
        text = super().to_representation(value)
        if isinstance(value, dt.datetime) and isinstance(text, str):
            offset = self.enforce_timezone(value).utcoffset()
            if offset is not None and offset.total_seconds() % 60:
                return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
        return text
