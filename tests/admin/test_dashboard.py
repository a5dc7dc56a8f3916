"""The dashboard on the admin index: charts drawn on the server, counts, value, next steps."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.choices import ReviewStatus, Stage
from leads.dashboard import Bar, bar_chart_svg, funnel_svg, pipeline_value, province_counts, stage_counts
from leads.models import Province, Sector
from tests.factories import OpportunityFactory, SourceArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_index_shows_non_empty_charts_and_lists(admin_client_logged_in, superuser):
    OpportunityFactory(stage=Stage.QUALIFIED, value=500_000_000, currency="USD")
    OpportunityFactory(province=Province.objects.get(slug="ha-noi"), sector=Sector.objects.get(slug="trade"))
    OpportunityFactory(owner=superuser, next_step="Gửi thư mời", next_step_on=timezone.localdate())
    SourceArticleFactory(title="Nhiều tập đoàn lớn của Trung Quốc muốn hợp tác")

    html = admin_client_logged_in.get(reverse("admin:index")).content.decode()

    assert html.count('<svg class="crm-chart"') == 3
    assert html.count("<rect") >= 6
    assert "500,000,000" in html
    assert "Gửi thư mời" in html
    assert "Nhiều tập đoàn lớn của Trung Quốc muốn hợp tác" in html
    assert "https://" not in html.split('id="chart-stages"')[1].split("</section>")[0]  # nothing fetched from outside


def test_rejected_leads_are_left_out():
    OpportunityFactory()
    OpportunityFactory(review_status=ReviewStatus.REJECTED, sector=Sector.objects.get(slug="trade"))
    assert stage_counts()[Stage.IDENTIFIED] == 1


def test_value_is_summed_per_currency_over_open_opportunities_only():
    OpportunityFactory(value=100, currency="USD")
    OpportunityFactory(value=50, currency="USD", sector=Sector.objects.get(slug="trade"))
    OpportunityFactory(value=7, currency="VND", sector=Sector.objects.get(slug="iot"))
    OpportunityFactory(value=1000, currency="USD", stage=Stage.WON, sector=Sector.objects.get(slug="fintech"))
    assert [(currency, int(total), n) for currency, total, n in pipeline_value()] == [("USD", 150, 2), ("VND", 7, 1)]


def test_nationwide_opportunities_are_counted_under_nationwide():
    OpportunityFactory(province=None)
    assert province_counts() == [(None, "Nationwide", 1)]


def test_charts_escape_labels_and_link_to_filtered_lists():
    svg = bar_chart_svg([Bar('<b>"x"</b>', 3, "/admin/leads/opportunity/?sector__id__exact=1&stage__in=a")], "T")
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert 'href="/admin/leads/opportunity/?sector__id__exact=1&amp;stage__in=a"' in svg
    assert "Nothing to show yet." in funnel_svg([Bar("Identified", 0)], "T")


def test_my_next_steps_are_mine_open_and_soonest_first(admin_client_logged_in, superuser):
    today = timezone.localdate()
    later = OpportunityFactory(owner=superuser, next_step_on=today + datetime.timedelta(days=3))
    overdue = OpportunityFactory(
        owner=superuser, next_step_on=today - datetime.timedelta(days=1), sector=Sector.objects.get(slug="trade")
    )
    OpportunityFactory(owner=UserFactory(), next_step_on=today, sector=Sector.objects.get(slug="iot"))
    OpportunityFactory(owner=superuser, next_step_on=today, stage=Stage.WON, sector=Sector.objects.get(slug="fintech"))

    response = admin_client_logged_in.get(reverse("admin:index"))

    assert response.context["my_next_steps"] == [overdue, later]
    assert 'class="crm-overdue"' in response.content.decode()
