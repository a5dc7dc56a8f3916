"""What the writable serializers share: saving through the services, review decisions, the error shape."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from leads import services
from leads.choices import ReviewStatus


class RecordSerializer(serializers.ModelSerializer):
    """Creates and updates through `services.record_save`: full validation, then save, then many-to-many links."""

    many_to_many: tuple[str, ...] = ()

    def create(self, validated_data: dict) -> Any:
        links = {name: validated_data.pop(name) for name in self.many_to_many if name in validated_data}
        return services.record_save(record=self.Meta.model(**validated_data), many_to_many=links)

    def update(self, instance: Any, validated_data: dict) -> Any:
        links = {name: validated_data.pop(name) for name in self.many_to_many if name in validated_data}
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return services.record_save(record=instance, many_to_many=links)


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
