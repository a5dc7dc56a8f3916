"""The pipeline summary: counts and values by stage, status, sector and province."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from leads.api.serializers.summaries import ProvinceSummarySerializer, SectorSummarySerializer
from leads.choices import Currency, ReportedStatus, Stage

USD_TOTAL_HELP = "Sum of the values in US dollars at the yearly reference rate; those without one add nothing."


class AmountSerializer(serializers.Serializer):
    currency = serializers.ChoiceField(choices=Currency.choices, allow_blank=True)
    total = serializers.DecimalField(max_digits=24, decimal_places=2)


class GroupSerializer(serializers.Serializer):
    """What every group of the summary gives: how many, their stated values per currency, their value in USD."""

    count = serializers.IntegerField()
    total_value = AmountSerializer(many=True, help_text=_("Sum of stated values, per currency."))
    total_value_usd = serializers.DecimalField(max_digits=24, decimal_places=2, help_text=USD_TOTAL_HELP)


class StageCountSerializer(GroupSerializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    label = serializers.CharField()


class StatusCountSerializer(GroupSerializer):
    status = serializers.ChoiceField(
        choices=ReportedStatus.choices, allow_null=True, help_text="What the news reports; null: none reported."
    )
    label = serializers.CharField(allow_null=True)


class SectorCountSerializer(GroupSerializer):
    sector = SectorSummarySerializer(allow_null=True, help_text=_("null: no sector recorded."))


class ProvinceCountSerializer(GroupSerializer):
    province = ProvinceSummarySerializer(allow_null=True, help_text=_("null: nationwide."))


class PipelineSummarySerializer(GroupSerializer):
    by_stage = StageCountSerializer(many=True)
    by_status = StatusCountSerializer(many=True)
    by_sector = SectorCountSerializer(
        many=True,
        help_text=(
            "An opportunity counts once in each of its sectors (the primary one and the others), "
            "so these counts may add up to more than the total."
        ),
    )
    by_province = ProvinceCountSerializer(many=True)
