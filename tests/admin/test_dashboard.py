"""The dashboard on the admin index: charts drawn on the server, counts, value, next steps."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.choices import ReportedStatus, ReviewStatus, Stage
from leads.dashboard import (
    Bar,
    bar_chart_svg,
    funnel_svg,
    pipeline_value,
    pipeline_value_usd,
    province_counts,
    sector_counts,
    stage_counts,
    status_counts,
)
from leads.models import Opportunity, Province, Sector
from tests.factories import OpportunityFactory, SourceArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_index_shows_non_empty_charts_and_lists(admin_client_logged_in, superuser):
    OpportunityFactory(stage=Stage.QUALIFIED, value=500_000_000, currency="USD")
    OpportunityFactory(province=Province.objects.get(slug="ha-noi"), primary_sector=Sector.objects.get(slug="trade"))
    OpportunityFactory(owner=superuser, next_step="Gửi thư mời", next_step_on=timezone.localdate())
    SourceArticleFactory(title="Nhiều tập đoàn lớn của Trung Quốc muốn hợp tác")

    html = admin_client_logged_in.get(reverse("admin:index")).content.decode()

    assert html.count('<svg class="crm-chart"') == 4  # stages, sectors, reported status, provinces
    assert html.count("<rect") >= 6
    assert "500,000,000" in html
    assert "Gửi thư mời" in html
    assert "Nhiều tập đoàn lớn của Trung Quốc muốn hợp tác" in html
    assert "https://" not in html.split('id="chart-stages"')[1].split("</section>")[0]  # nothing fetched from outside


def test_rejected_leads_are_left_out():
    OpportunityFactory()
    OpportunityFactory(review_status=ReviewStatus.REJECTED, primary_sector=Sector.objects.get(slug="trade"))
    assert stage_counts()[Stage.IDENTIFIED] == 1


def test_value_is_summed_per_currency_over_open_opportunities_only():
    OpportunityFactory(value=100, currency="USD")
    OpportunityFactory(value=50, currency="USD", primary_sector=Sector.objects.get(slug="trade"))
    OpportunityFactory(value=7, currency="VND", primary_sector=Sector.objects.get(slug="iot"))
    OpportunityFactory(value=1000, currency="USD", stage=Stage.WON, primary_sector=Sector.objects.get(slug="fintech"))
    assert [(row.currency, int(row.total), row.count) for row in pipeline_value()] == [("USD", 150, 2), ("VND", 7, 1)]


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
        owner=superuser,
        next_step_on=today - datetime.timedelta(days=1),
        primary_sector=Sector.objects.get(slug="trade"),
    )
    OpportunityFactory(owner=UserFactory(), next_step_on=today, primary_sector=Sector.objects.get(slug="iot"))
    OpportunityFactory(
        owner=superuser, next_step_on=today, stage=Stage.WON, primary_sector=Sector.objects.get(slug="fintech")
    )

    response = admin_client_logged_in.get(reverse("admin:index"))

    assert response.context["my_next_steps"] == [overdue, later]
    assert 'class="crm-overdue"' in response.content.decode()


def test_pipeline_value_is_also_totalled_in_usd_at_each_year_s_rate(admin_client_logged_in):
    reported = datetime.date(2025, 9, 18)
    OpportunityFactory(value=100_000_000, currency="USD", reported_on=reported)
    OpportunityFactory(value=26_000_000_000_000, currency="VND", reported_on=reported)
    OpportunityFactory(value=1_000_000, currency="USD", stage=Stage.WON)  # closed: not in the pipeline
    OpportunityFactory(value=5, currency="USD", review_status=ReviewStatus.REJECTED)  # not a lead

    totals = {row.currency: row for row in pipeline_value()}
    total_usd, counted, without_rate = pipeline_value_usd(list(totals.values()))
    html = admin_client_logged_in.get(reverse("admin:index")).content.decode()

    vnd_in_usd = totals["VND"].total_usd
    assert 900_000_000 < vnd_in_usd < 1_100_000_000  # 26 trillion VND at the 2025 rate
    assert totals["USD"].total_usd == Decimal(100_000_000)
    assert (total_usd, counted, without_rate) == (vnd_in_usd + 100_000_000, 2, 0)
    section = html.split('id="pipeline-value"')[1].split("</section>")[0]
    assert f"{total_usd:,.0f}" in section and "26,000,000,000,000" in section and f"{vnd_in_usd:,.0f}" in section


def test_values_without_a_reference_rate_are_left_out_of_the_usd_total_and_said_so(admin_client_logged_in):
    OpportunityFactory(value=100, currency="USD")
    no_rate = OpportunityFactory(value=7, currency="THB", reported_on=datetime.date(1990, 1, 1))
    Opportunity.objects.filter(pk=no_rate.pk).update(value_usd=None)  # as if no rate existed for that year

    total_usd, counted, without_rate = pipeline_value_usd(pipeline_value())
    html = admin_client_logged_in.get(reverse("admin:index")).content.decode()

    assert (total_usd, counted, without_rate) == (Decimal(100), 1, 1)
    assert "1 value has no exchange rate and is left out" in html


def test_leads_by_sector_count_each_lead_once_under_each_of_its_sectors():
    ai, trade, iot = (Sector.objects.get(slug=slug) for slug in ("ai", "trade", "iot"))
    OpportunityFactory(primary_sector=ai, sectors=[trade])
    OpportunityFactory(primary_sector=trade, sectors=[ai, iot])
    OpportunityFactory(primary_sector=None)
    OpportunityFactory(primary_sector=iot, stage=Stage.WON)  # closed

    counts = {name: n for _pk, name, n in sector_counts()}

    assert counts == {"Artificial intelligence": 2, "Trade": 2, "Internet of Things": 1, "No sector": 1}


def test_open_leads_are_broken_down_by_reported_status_in_the_order_projects_advance(admin_client_logged_in):
    OpportunityFactory(status=ReportedStatus.LICENSED)
    OpportunityFactory(status=ReportedStatus.LICENSED)
    OpportunityFactory(status=ReportedStatus.INTEREST)
    OpportunityFactory()
    OpportunityFactory(status=ReportedStatus.OPERATING, stage=Stage.WON)  # closed

    html = admin_client_logged_in.get(reverse("admin:index")).content.decode()

    assert status_counts() == [
        ("interest", "Interest", 1),
        ("licensed", "Licensed or registered", 2),
        ("", "Not reported", 1),
    ]
    chart = html.split('id="chart-statuses"')[1].split("</svg>")[0]
    assert "status__exact=licensed" in chart and "Licensed or registered" in chart


def test_every_chart_bar_opens_the_list_of_the_leads_it_counts(admin_client_logged_in):
    import html as html_module
    import re

    ai, trade = Sector.objects.get(slug="ai"), Sector.objects.get(slug="trade")
    both = OpportunityFactory(primary_sector=ai, sectors=[trade], status=ReportedStatus.LICENSED)
    no_sector = OpportunityFactory(primary_sector=None)
    OpportunityFactory(primary_sector=ai, stage=Stage.WON, status=ReportedStatus.LICENSED)  # closed

    page = admin_client_logged_in.get(reverse("admin:index")).content.decode()

    opened = {}
    for chart in ("chart-sectors", "chart-statuses"):
        svg = page.split(f'id="{chart}"')[1].split("</svg>")[0]
        for url, label in re.findall(r'<a href="([^"]+)"><rect[^>]*><title>(.*?): \d+</title>', svg):
            response = admin_client_logged_in.get(html_module.unescape(url))
            assert response.status_code == 200, url
            opened[html_module.unescape(label)] = {o.pk for o in response.context["cl"].result_list}

    assert opened["Artificial intelligence"] == opened["Trade"] == {both.pk}
    assert opened["No sector"] == {no_sector.pk}
    assert opened["Licensed or registered"] == {both.pk}
    assert opened["Not reported"] == {no_sector.pk}


# --- Each panel only for who may view what it shows ---------------------------------------------


def _staff_with(*codenames: str):
    from django.contrib.auth.models import Permission

    user = UserFactory(username=f"dash.{len(codenames)}.{'.'.join(codenames)}"[:150])
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="leads", codename__in=codenames))
    return user


@pytest.fixture
def pipeline_and_news():
    OpportunityFactory(title="Nhà máy linh kiện Thâm Quyến", value=750_000_000, currency="USD", is_imported=True)
    SourceArticleFactory(title="Doanh nghiệp Quảng Tây tìm hiểu khu công nghiệp ở Bắc Ninh")


def test_a_staff_user_without_any_permission_sees_an_empty_dashboard_that_says_why(client, pipeline_and_news):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(_staff_with())

    with CaptureQueriesContext(connection) as captured:
        html = client.get(reverse("admin:index")).content.decode()

    assert "Your account may not view the records this dashboard counts" in html
    for secret in ("Nhà máy linh kiện Thâm Quyến", "Doanh nghiệp Quảng Tây", "750,000,000", '<svg class="crm-chart"'):
        assert secret not in html
    assert 'id="pending-count"' not in html and "Review queue" not in html
    assert not [
        query for query in captured if "leads_opportunity" in query["sql"] or "leads_sourcearticle" in query["sql"]
    ]


def test_who_may_view_only_articles_sees_the_newest_articles_and_nothing_of_the_pipeline(client, pipeline_and_news):
    client.force_login(_staff_with("view_sourcearticle"))
    html = client.get(reverse("admin:index")).content.decode()

    assert "Doanh nghiệp Quảng Tây tìm hiểu khu công nghiệp ở Bắc Ninh" in html
    assert "Nhà máy linh kiện Thâm Quyến" not in html and "750,000,000" not in html
    assert 'id="chart-stages"' not in html and 'id="pipeline-value"' not in html
    assert "Your account may not view" not in html


def test_who_may_view_only_opportunities_sees_the_pipeline_and_not_the_article_titles(client, pipeline_and_news):
    client.force_login(_staff_with("view_opportunity"))
    html = client.get(reverse("admin:index")).content.decode()

    assert "Nhà máy linh kiện Thâm Quyến" in html and "750,000,000" in html
    assert html.count('<svg class="crm-chart"') == 4
    assert "Doanh nghiệp Quảng Tây" not in html and 'id="newest-articles"' not in html
    assert "Possible duplicates" not in html and "Import articles" not in html  # organizations, adding articles
    assert "1 opportunity found by the importer waits for review" in html


def test_who_may_view_only_contacts_reads_only_the_pending_contacts_in_the_review_note(client, pipeline_and_news):
    from tests.factories import ContactFactory

    ContactFactory(is_imported=True)
    client.force_login(_staff_with("view_contact"))
    html = client.get(reverse("admin:index")).content.decode()

    assert "1 contact found by the importer waits for review." in html
    assert "found by the importer wait" not in html.replace("1 contact found by the importer waits", "")
    assert 'id="pending-count">1<' in html
