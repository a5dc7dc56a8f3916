"""Watches in the workspace: my notifications only, the unread count in the header, marking read, saving a watch."""

from __future__ import annotations

import pytest
from django.urls import reverse

from leads.models import Notification, Opportunity, Watch
from tests.watches.conftest import CHINESE_AI_BAC_NINH, COMPANY, LICENSED

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:leads_notification_changelist")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def notified(analyst, colleague, superuser, watch_for, import_text) -> Opportunity:
    """The licensed factory, notified to the analyst, a colleague and a superuser (a watch each)."""
    for user in (analyst, colleague, superuser):
        watch_for(user)
    import_text(LICENSED)
    return Opportunity.objects.get(organization__name=COMPANY)


def test_my_notifications_lists_only_mine_with_links_to_the_lead_and_its_evidence(client, analyst, notified):
    client.force_login(analyst)
    response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == list(Notification.objects.filter(user=analyst))
    page = response.content.decode()
    assert "My notifications" in page
    assert reverse("admin:leads_opportunity_change", args=[notified.pk]) in page
    evidence_url = f"{reverse('admin:leads_evidence_changelist')}?opportunity__id__exact={notified.pk}"
    assert evidence_url.replace("&", "&amp;") in page or evidence_url in page
    assert client.get(evidence_url).status_code == 200


def test_a_superuser_also_sees_only_their_own(client, superuser, notified):
    client.force_login(superuser)
    response = client.get(CHANGELIST)
    assert [n.user for n in response.context["cl"].result_list] == [superuser]
    others = Notification.objects.exclude(user=superuser).first()
    assert client.get(reverse("admin:leads_notification_change", args=[others.pk])).status_code == 302  # not found


def test_the_header_shows_the_unread_count_and_marking_read_clears_it(client, analyst, notified):
    client.force_login(analyst)
    assert "My notifications (1 unread)" in client.get(reverse("admin:index")).content.decode()

    mine = Notification.objects.get(user=analyst)
    response = client.post(CHANGELIST, {"action": "mark_read", "_selected_action": [mine.pk]}, follow=True)
    assert "1 notification marked as read." in response.content.decode()
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert Notification.objects.filter(read_at__isnull=True).count() == 2  # the others' stay unread
    index = client.get(reverse("admin:index")).content.decode()
    assert "My notifications (" not in index and "My notifications" in index


def test_the_header_shows_nothing_to_who_may_not_view_leads(client, outsider):
    outsider.is_staff = True
    outsider.save()
    client.force_login(outsider)
    assert "My notifications" not in client.get(reverse("admin:index")).content.decode()


def test_saving_a_watch_checks_its_filter_and_makes_it_mine(client, analyst):
    client.force_login(analyst)
    url = reverse("admin:leads_watch_add")
    form = {
        "name": "Trung Quốc, AI, Bắc Ninh",
        "query": "origin_country=CN&sector=ai",
        "notify_new_leads": "on",
        "frequency": "daily",
        "language": "vi",
        "is_active": "on",
    }

    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "origin_country: not an opportunity filter" in refused.content.decode()

    saved = client.post(url, {**form, "query": CHINESE_AI_BAC_NINH})
    assert saved.status_code == 302
    watch = Watch.objects.get()
    assert (watch.owner, watch.query, watch.language, watch.notify_stage_moves) == (
        analyst,
        CHINESE_AI_BAC_NINH,
        "vi",
        False,
    )
    listed = client.get(reverse("admin:leads_watch_changelist"))
    assert list(listed.context["cl"].result_list) == [watch]
