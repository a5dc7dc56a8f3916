"""Rows of the watches' admin lists for `tests/admin/test_query_counts.py`, owned by its logged-in superuser."""

from __future__ import annotations

from leads.models import Evidence, Notification, Watch, WebhookSubscription
from tests.factories import OpportunityFactory, OrganizationFactory, SourceArticleFactory, UserFactory


def _admin():
    return UserFactory(username="admin", is_superuser=True)  # the `superuser` fixture's user


def watches(n: int) -> list[int]:
    owner = _admin()
    return [
        Watch.objects.create(
            owner=owner, name=f"Theo dõi {i}", query="sector=ai", organization=OrganizationFactory()
        ).pk
        for i in range(n)
    ]


def notifications(n: int) -> list[int]:
    owner = _admin()
    watch = Watch.objects.create(owner=owner, name="Trung Quốc, AI, Bắc Ninh", query="country=CN")
    article = SourceArticleFactory()
    pks = []
    for _ in range(n):
        lead = OpportunityFactory(origin_country_id="CN")
        evidence = Evidence.objects.create(
            article=article, opportunity=lead, sentence="Câu.", sentence_start=0, sentence_end=4
        )
        pks.append(
            Notification.objects.create(
                user=owner,
                watch=watch,
                kind="new_lead",
                opportunity=lead,
                evidence=evidence,
                event_key=f"lead:{lead.pk}",
            ).pk
        )
    return pks


def webhook_subscriptions(n: int) -> list[int]:
    owner = _admin()
    pks = []
    for i in range(n):
        watch = Watch.objects.create(owner=owner, name=f"Webhook {i}")
        subscription = WebhookSubscription.objects.create(
            owner=owner, watch=watch, target_url=f"https://bi.example.vn/{i}"
        )
        pks.append(subscription.pk)
    return pks
