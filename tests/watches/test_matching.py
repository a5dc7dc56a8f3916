"""A saved watch matches what is imported or moved: once per event, only when the filter says so, after the commit."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leads.models import Notification, Opportunity, Watch
from leads.models.watches import NotificationKind
from leads.watches import WatchEvents, event_record, watch_query_errors, watches_notify
from tests.api.conftest import client_for
from tests.factories import OpportunityFactory
from tests.watches.conftest import COMPANY, GROUNDBREAKING, KOREAN_TEXTILES, LICENSED

pytestmark = pytest.mark.django_db


def test_a_saved_watch_matches_the_imported_lead_once(analyst, watch_for, import_text):
    watch = watch_for(analyst)

    import_text(LICENSED)

    lead = Opportunity.objects.get(organization__name=COMPANY)
    notification = Notification.objects.get()
    assert (notification.watch, notification.user, notification.kind) == (watch, analyst, NotificationKind.NEW_LEAD)
    assert notification.opportunity == lead
    assert notification.evidence.opportunity == lead
    assert "Hoa Tinh" in notification.evidence.sentence and notification.evidence.article.published_on.day == 2

    import_text(LICENSED, "again.txt")  # the same article again: unchanged, nothing new to tell
    import_text(LICENSED, "rebuilt.txt", "--update")  # rebuilt from scratch: still the same lead and article
    assert Notification.objects.count() == 1


def test_a_lead_the_filter_does_not_select_makes_no_notification(analyst, watch_for, import_text):
    watch_for(analyst)
    watch_for(analyst, "country=KR&sector=ai", name="Hàn Quốc, AI")

    import_text(KOREAN_TEXTILES)

    assert Opportunity.objects.filter(organization__name__contains="Seoul Vina").exists()
    assert not Notification.objects.exists()


def test_a_later_article_about_a_known_lead_is_new_evidence(analyst, watch_for, import_text):
    watch_for(analyst)
    import_text(LICENSED)

    import_text(GROUNDBREAKING, "groundbreaking.txt")

    lead = Opportunity.objects.get(organization__name=COMPANY)
    assert lead.evidence.values("article").distinct().count() == 2
    kinds = dict(Notification.objects.values_list("kind", "evidence__article__published_on__day"))
    assert kinds == {NotificationKind.NEW_LEAD: 2, NotificationKind.NEW_EVIDENCE: 10}


def test_a_watch_notifies_only_the_kinds_it_asks_for(analyst, watch_for, import_text):
    watch_for(analyst, notify_new_leads=False)

    import_text(LICENSED)
    assert not Notification.objects.exists()
    import_text(GROUNDBREAKING, "groundbreaking.txt")
    assert list(Notification.objects.values_list("kind", flat=True)) == [NotificationKind.NEW_EVIDENCE]


def test_following_an_organization_matches_only_its_leads(analyst, watch_for, import_text):
    import_text(LICENSED)
    company = Opportunity.objects.get(organization__name=COMPANY).organization
    watch_for(analyst, "", name="Hoa Tinh", organization=company)

    import_text(KOREAN_TEXTILES, "korea.txt")
    import_text(GROUNDBREAKING, "groundbreaking.txt")

    assert list(Notification.objects.values_list("kind", "opportunity__organization")) == [
        (NotificationKind.NEW_EVIDENCE, company.pk)
    ]


def test_a_stage_move_of_a_watched_lead_notifies_once(
    analyst, watch_for, import_text, django_capture_on_commit_callbacks
):
    watch_for(analyst, notify_new_leads=False, notify_new_evidence=False)
    import_text(LICENSED)
    lead = Opportunity.objects.get(organization__name=COMPANY)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(analyst).post(
            reverse("api:opportunity-move-stage", args=[lead.pk]), {"stage": "qualified"}, format="json"
        )
    assert response.status_code == 201, response.json()

    notification = Notification.objects.get()
    assert notification.kind == NotificationKind.STAGE_MOVE
    assert (notification.stage_change.from_stage, notification.stage_change.to_stage) == ("identified", "qualified")
    events = WatchEvents(stage_changes={notification.stage_change_id})
    assert watches_notify(events=events) == []  # the same move processed again notifies nobody twice
    assert Notification.objects.count() == 1


def test_nothing_is_notified_for_a_rolled_back_transaction(analyst, watch_for, django_capture_on_commit_callbacks):
    watch_for(analyst, "country=CN&province=bac-ninh")

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                OpportunityFactory(origin_country_id="CN")
                raise RuntimeError("the import failed halfway")
        except RuntimeError:
            pass
    assert not Notification.objects.exists()

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        kept = OpportunityFactory(origin_country_id="CN")
    assert list(Notification.objects.values_list("opportunity", flat=True)) == [kept.pk]


def test_an_owner_who_may_no_longer_view_leads_is_not_notified(outsider, watch_for, import_text):
    watch_for(outsider)
    import_text(LICENSED)
    assert not Notification.objects.exists()


def test_matching_costs_the_same_queries_for_one_lead_as_for_thirty(analyst, watch_for, django_assert_num_queries):
    """Per batch of events, a bounded number of queries per watch, whatever the number of leads."""
    for name, query in [
        ("AI", "sector=ai"),
        ("Bắc Ninh", "province=bac-ninh"),
        ("Quảng Châu", "country=CN&q=quang+chau"),
    ]:
        watch_for(analyst, query, name=name)

    one = WatchEvents(opportunities={OpportunityFactory(origin_country_id="CN").pk})
    thirty = WatchEvents(opportunities={OpportunityFactory(origin_country_id="CN").pk for _ in range(30)})
    with CaptureQueriesContext(connection) as captured:
        assert len(watches_notify(events=one)) == 2  # the AI and the Bắc Ninh watches; no lead names Quảng Châu
    with django_assert_num_queries(len(captured)):
        assert len(watches_notify(events=thirty)) == 60


def test_events_wait_for_the_commit_and_are_processed_once(analyst, watch_for, django_capture_on_commit_callbacks):
    watch_for(analyst, "sector=ai")
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        lead = OpportunityFactory()
        event_record(lead)  # the signal already recorded it; recording twice changes nothing
        assert not Notification.objects.exists()  # the sectors are added after the insert: too early to match
    for callback in callbacks:
        callback()
    assert list(Notification.objects.values_list("opportunity", flat=True)) == [lead.pk]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("origin_country=CN", "origin_country: not an opportunity filter"),
        ("sector=robotics", "sector: Unknown sector"),
        ("province=atlantis", "province: “atlantis”: no province"),
        ("has_owner=maybe", "has_owner: Use true or false."),
    ],
)
def test_a_filter_the_api_would_refuse_is_an_error_naming_the_parameter(analyst, query, message):
    errors = watch_query_errors(query, user=analyst)
    assert len(errors) == 1 and errors[0].startswith(message), errors


def test_a_filter_that_no_longer_validates_matches_nothing(analyst, watch_for, django_capture_on_commit_callbacks):
    from leads.models import Sector

    sector = Sector.objects.create(slug="quantum", name_en="Quantum", name_vi="Lượng tử")
    watch = watch_for(analyst, "sector=quantum")
    sector.delete()
    assert Watch.objects.filter(pk=watch.pk).exists()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        OpportunityFactory()
    assert not Notification.objects.exists()
