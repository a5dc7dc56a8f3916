"""What the writable serializers share: strict fields, saving through the services, reviews, the error shape."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from leads import services
from leads.api.fields import RFC3339DateTimeField, StrictCharField
from leads.choices import ReviewStatus


class ApiModelSerializer(serializers.ModelSerializer):
    """A model serializer whose generated fields are strict about what they take and clear in what they give.

    Text columns take strings only (`"notes": 0` is a 400, not "0"); amounts, areas and counts take
    nothing below zero, and the schema says `minimum: 0` (no field of this CRM is negative);
    date-times read as RFC 3339 whatever the year.
    """

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.DateTimeField: RFC3339DateTimeField,
    }

    def build_standard_field(self, field_name: str, model_field: models.Field) -> tuple[type, dict]:
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        numeric = issubclass(field_class, serializers.DecimalField | serializers.IntegerField | serializers.FloatField)
        if numeric and not model_field.primary_key and field_kwargs.get("min_value") is None:
            field_kwargs["min_value"] = 0
        return field_class, field_kwargs


class RecordSerializer(ApiModelSerializer):
    """Creates and updates through `services.record_save`: full validation, then save, then many-to-many links."""

    many_to_many: tuple[str, ...] = ()

    def create(self, validated_data: dict) -> Any:
        links = {name: validated_data.pop(name) for name in self.many_to_many if name in validated_data}
        return services.record_save(record=self.Meta.model(**validated_data), many_to_many=links)

    def update(self, instance: Any, validated_data: dict) -> Any:
        links = {name: validated_data.pop(name) for name in self.many_to_many if name in validated_data}
        for name, value in validated_data.items():
            setattr(instance, name, value)
        # Only the fields sent are saved: a change another writer made to the others stays.
        return services.record_save(record=instance, many_to_many=links, fields=validated_data)


class ReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=ReviewStatus.choices, help_text=_("accepted, rejected or pending."))


class ErrorSerializer(serializers.Serializer):
    """The shape of every error response."""

    detail = serializers.CharField(help_text=_("What went wrong, in a sentence a person can read."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=_("Validation errors only: messages per field or query parameter."),
    )
