"""The API of watches: one's own only, filters checked like the opportunity list, notifications, the Atom feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leads.models import Notification, Opportunity, Watch, WebhookSubscription
from tests.api.conftest import client_for
from tests.factories import OpportunityFactory
from tests.watches.conftest import CHINESE_AI_BAC_NINH, COMPANY, LICENSED

pytestmark = pytest.mark.django_db

WATCHES = reverse("api:watch-list")
NOTIFICATIONS = reverse("api:notification-list")
SUBSCRIPTIONS = reverse("api:webhook-subscription-list")
ATOM = "{http://www.w3.org/2005/Atom}"


def test_staff_save_a_watch_from_an_api_filter(analyst):
    api = client_for(analyst)
    response = api.post(
        WATCHES,
        {"name": "Trung Quốc, AI, Bắc Ninh", "query": f"?{CHINESE_AI_BAC_NINH}", "frequency": "immediate"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["query"] == CHINESE_AI_BAC_NINH
    assert body["feed_url"].endswith(f"/api/v1/watches/{body['id']}/feed.atom")
    watch = Watch.objects.get()
    assert (watch.owner, watch.frequency, watch.language) == (analyst, "immediate", "en")
    assert api.get(WATCHES).json()["results"][0]["id"] == watch.pk


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("origin_country=CN", "origin_country"),
        ("sector=robotics", "sector"),
        ("reported_after=hôm qua", "reported_after"),
    ],
)
def test_a_filter_the_list_would_refuse_is_a_400_naming_the_parameter(analyst, query, parameter):
    response = client_for(analyst).post(WATCHES, {"name": "Sai", "query": query}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == ["query"]
    assert body["errors"]["query"][0].startswith(f"{parameter}: ")
    assert body["detail"].startswith(f"query: {parameter}: ")
    assert not Watch.objects.exists()


def test_another_users_watch_notifications_and_subscriptions_are_not_found(analyst, colleague, watch_for):
    theirs = watch_for(colleague)
    subscription = WebhookSubscription.objects.create(owner=colleague, watch=theirs, target_url="https://example.vn/h")
    notification = Notification.objects.create(
        user=colleague, watch=theirs, kind="new_lead", opportunity=OpportunityFactory(), event_key="lead:x"
    )
    api = client_for(analyst)

    assert api.get(reverse("api:watch-detail", args=[theirs.pk])).status_code == 404
    assert api.patch(reverse("api:watch-detail", args=[theirs.pk]), {"name": "x"}, format="json").status_code == 404
    assert api.delete(reverse("api:watch-detail", args=[theirs.pk])).status_code == 404
    assert api.get(reverse("api:watch-feed", args=[theirs.pk])).status_code == 404
    assert api.get(reverse("api:notification-detail", args=[notification.pk])).status_code == 404
    assert api.post(reverse("api:notification-mark-read", args=[notification.pk])).status_code == 404
    assert api.get(reverse("api:webhook-subscription-detail", args=[subscription.pk])).status_code == 404
    assert api.get(WATCHES).json()["count"] == 0
    assert api.get(NOTIFICATIONS).json()["count"] == 0
    assert api.get(SUBSCRIPTIONS).json()["count"] == 0
    # Their watch cannot be subscribed to, nor named in a filter: it reads as if it did not exist.
    response = api.post(SUBSCRIPTIONS, {"watch": theirs.pk, "target_url": "https://example.vn/h"}, format="json")
    assert response.status_code == 400 and "watch" in response.json()["errors"]
    assert api.get(NOTIFICATIONS, {"watch": theirs.pk}).status_code == 400
    Watch.objects.get(pk=theirs.pk, name="Trung Quốc, AI, Bắc Ninh")


def test_saving_a_watch_needs_the_view_opportunity_permission(outsider, api):
    response = client_for(outsider).post(WATCHES, {"name": "AI", "query": "sector=ai"}, format="json")
    assert response.status_code == 403
    assert client_for(outsider).get(WATCHES).status_code == 200  # one's own (empty) list
    assert api.get(WATCHES).status_code == 401


def test_a_read_only_token_may_list_but_not_save(analyst):
    api = client_for(analyst, read_only=True)
    assert api.get(WATCHES).status_code == 200
    assert api.post(WATCHES, {"name": "AI", "query": "sector=ai"}, format="json").status_code == 403


def test_notifications_list_the_lead_and_its_evidence_and_are_marked_read(analyst, watch_for, import_text):
    watch_for(analyst)
    import_text(LICENSED)
    lead = Opportunity.objects.get(organization__name=COMPANY)
    api = client_for(analyst)

    (item,) = api.get(NOTIFICATIONS, {"unread": "true"}).json()["results"]
    assert item["kind"] == "new_lead" and item["read_at"] is None
    assert item["opportunity"]["id"] == lead.pk and COMPANY in item["opportunity"]["display"]
    assert (
        "cấp phép nhà máy trí tuệ nhân tạo" in item["evidence"]["sentence"]
        and item["evidence"]["article"]["published_on"]
    )
    assert item["evidence_url"].endswith(f"/api/v1/evidence/?opportunity={lead.pk}")

    marked = api.post(reverse("api:notification-mark-read", args=[item["id"]])).json()
    assert marked["read_at"] is not None
    assert api.get(NOTIFICATIONS, {"unread": "true"}).json()["count"] == 0
    assert api.post(reverse("api:notification-mark-all-read")).json() == {"marked_read": 0}


def test_the_notifications_list_costs_the_same_queries_for_one_and_for_forty(
    analyst, watch_for, django_assert_num_queries
):
    watch = watch_for(analyst)
    api = client_for(analyst)
    api.get(NOTIFICATIONS)  # the token's last use is written once a minute: not part of what is measured

    def notify(n: int) -> None:
        for _ in range(n):
            lead = OpportunityFactory(origin_country_id="CN", site=None)
            evidence = lead.evidence.create(
                article=_article(), sentence="Nhà máy AI tại Bắc Ninh.", sentence_start=0, sentence_end=24
            )
            Notification.objects.create(
                user=analyst,
                watch=watch,
                kind="new_lead",
                opportunity=lead,
                evidence=evidence,
                event_key=f"lead:{lead.pk}",
            )

    notify(1)
    with CaptureQueriesContext(connection) as one:
        assert len(api.get(NOTIFICATIONS, {"page_size": 1}).json()["results"]) == 1
    notify(39)
    with django_assert_num_queries(len(one)):
        assert len(api.get(NOTIFICATIONS, {"page_size": 40}).json()["results"]) == 40


def _article():
    from tests.factories import SourceArticleFactory

    return SourceArticleFactory()


def test_the_atom_feed_lists_the_watchs_new_leads(analyst, watch_for, import_text, settings):
    settings.SITE_URL = "https://crm.example.vn"
    watch = watch_for(analyst)
    import_text(LICENSED)
    OpportunityFactory(organization=None, origin_country_id="KR")  # a Korean lead: not in this watch
    lead = Opportunity.objects.get(organization__name=COMPANY)

    response = client_for(analyst).get(reverse("api:watch-feed", args=[watch.pk]), HTTP_ACCEPT="application/atom+xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == watch.name
    (entry,) = feed.findall(f"{ATOM}entry")
    assert COMPANY in entry.find(f"{ATOM}title").text
    assert entry.find(f"{ATOM}link").get("href") == f"https://crm.example.vn/admin/leads/opportunity/{lead.pk}/change/"
    assert "cấp phép nhà máy trí tuệ nhân tạo" in entry.find(f"{ATOM}summary").text
    assert {c.get("term") for c in entry.findall(f"{ATOM}category")} >= {"ai", "electronics"}


def test_the_feed_needs_credentials_and_answers_errors_in_json(analyst, watch_for, api):
    watch = watch_for(analyst)
    url = reverse("api:watch-feed", args=[watch.pk])
    response = api.get(url, HTTP_ACCEPT="application/atom+xml")
    assert response.status_code == 401
    assert response.json()["detail"]
