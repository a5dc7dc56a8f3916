"""Watches and alerts: which saved filters a new lead, new evidence or a stage move matches, and telling their owners.

**Events.** `leads.signals` calls `event_record()` when an opportunity, a source article, an
evidence row or a stage change is created. The event is only remembered (its key, in a
per-thread batch); a callback registered with `transaction.on_commit` processes the batch once
the transaction commits, so a rolled-back import notifies nobody, and the matching sees the
opportunity as the transaction left it (with the sectors and evidence the importer adds after
creating it). The importer writes evidence in bulk, without signals: a new article stands for its
evidence. Whatever the batch holds, matching costs a bounded number of queries per watch (the
watch's filter applied to `Opportunity.objects.filter(pk__in=...)`), not one per lead and watch.

**Notifications** are created once per watch and event (`event_key`: `lead:<opportunity>`,
`evidence:<opportunity>:<article>`, `stage:<stage change>`), so importing or processing an event
again never notifies twice. Each new one gets a webhook delivery per active subscription of its
watch; digest e-mails (`send_digests`) list those not yet sent, in the watch's language.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.db.models import Min, QuerySet
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import feedgenerator, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leads.filtersets.opportunities import OpportunityFilterSet
from leads.links import absolute_url, evidence_admin_url, opportunity_admin_url
from leads.models import Evidence, Notification, Opportunity, SourceArticle, StageChange, Watch
from leads.models.watches import DigestFrequency, NotificationKind
from leads.webhooks import deliveries_create

logger = logging.getLogger(__name__)

CHUNK = 500  # keys per `IN (...)`, well under SQLite's and PostgreSQL's limits on bound parameters
VIEW_OPPORTUNITY = "leads.view_opportunity"
FEED_ENTRIES = 50


# ---------------------------------------------------------------------------------------------
# A watch's filter
# ---------------------------------------------------------------------------------------------


def _query_data(query: str) -> QueryDict:
    return QueryDict(query.strip().lstrip("?"))


def _filterset(query: str, user: AbstractBaseUser | None, queryset: QuerySet) -> OpportunityFilterSet:
    """The API's opportunity filterset for `query`, with `owner=me` meaning the watch's owner."""
    return OpportunityFilterSet(_query_data(query), queryset=queryset, request=SimpleNamespace(user=user))


def watch_query_errors(query: str, *, user: AbstractBaseUser | None) -> list[str]:
    """What is wrong with a watch's filter, each message naming its parameter; empty when it can be used.

    The same checks as the API's list (`StrictFilterBackend` and the filterset's form): an unknown
    parameter or a value a filter cannot use is an error, never a filter silently dropped.
    """
    data = _query_data(query)
    known = OpportunityFilterSet.base_filters
    errors = [
        _("%(parameter)s: not an opportunity filter; the filters are %(known)s.")
        % {"parameter": name, "known": ", ".join(sorted(known))}
        for name in sorted(set(data) - set(known))
    ]
    if errors:
        return errors
    filterset = _filterset(query, user, Opportunity.objects.none())
    if filterset.is_valid():
        return []
    return [f"{name}: {' '.join(messages)}" for name, messages in filterset.errors.items()]


def watch_clean_query(query: str, *, user: AbstractBaseUser | None) -> str:
    """The filter as stored (without a leading `?`), for the admin form and the API alike; a `ValidationError`
    whose messages name each bad parameter."""
    errors = watch_query_errors(query, user=user)
    if errors:
        raise ValidationError(errors)
    return query.strip().lstrip("?")


def watch_opportunities(watch: Watch, queryset: QuerySet | None = None) -> QuerySet:
    """The opportunities of `queryset` (all by default) that `watch` matches; none when its filter no longer
    validates (a sector since deleted): a filter that cannot be applied must not match everything."""
    queryset = Opportunity.objects.all() if queryset is None else queryset
    if watch.organization_id:
        queryset = queryset.filter(organization_id=watch.organization_id)
    if not watch.query:
        return queryset
    filterset = _filterset(watch.query, watch.owner, queryset)
    if not filterset.is_valid():
        logger.warning("Watch %s has a filter that no longer validates: %s", watch.pk, dict(filterset.errors))
        return queryset.none()
    return filterset.qs


def _matching(watch: Watch, opportunity_ids: set[int]) -> set[int]:
    """Which of `opportunity_ids` the watch matches: one query per chunk of keys, plus its filter's lookups."""
    matched: set[int] = set()
    ids = sorted(opportunity_ids)
    for start in range(0, len(ids), CHUNK):
        chunk = Opportunity.objects.filter(pk__in=ids[start : start + CHUNK])
        matched.update(watch_opportunities(watch, chunk).values_list("pk", flat=True))
    return matched


# ---------------------------------------------------------------------------------------------
# Events, and the notifications they make
# ---------------------------------------------------------------------------------------------


@dataclass
class WatchEvents:
    """Keys of what was created, that watches may care about."""

    opportunities: set[int] = field(default_factory=set)
    articles: set[int] = field(default_factory=set)
    evidence: set[int] = field(default_factory=set)
    stage_changes: set[int] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.opportunities or self.articles or self.evidence or self.stage_changes)


_pending = threading.local()


def _pending_events() -> WatchEvents:
    events = getattr(_pending, "events", None)
    if events is None:
        events = _pending.events = WatchEvents()
    return events


def event_record(instance: models.Model) -> None:
    """Remember that `instance` was created; the watches see it when the transaction commits.

    Each event registers the same processing callback: the first to run after the commit takes the
    whole batch, the others find it empty (no query). Keys of records a rolled-back transaction
    created may linger in the batch until the next commit: the matching reads the database, so such
    a key matches nothing, or (SQLite reuses keys) a record created since, whose own event it repeats
    and which `event_key` notifies once.
    """
    events = _pending_events()
    if isinstance(instance, Opportunity):
        events.opportunities.add(instance.pk)
    elif isinstance(instance, SourceArticle):
        events.articles.add(instance.pk)
    elif isinstance(instance, Evidence):
        if instance.opportunity_id is None:
            return
        events.evidence.add(instance.pk)
    elif isinstance(instance, StageChange):
        events.stage_changes.add(instance.pk)
    else:
        return
    transaction.on_commit(events_process, robust=True)


def events_process() -> list[Notification]:
    """Notify the watches of the events remembered so far (run after a commit)."""
    events = _pending_events()
    if not events:
        return []
    _pending.events = WatchEvents()
    return watches_notify(events=events)


@dataclass(frozen=True)
class _Candidate:
    kind: str
    opportunity_id: int
    event_key: str
    evidence_id: int | None = None
    stage_change_id: int | None = None


def _candidates(events: WatchEvents) -> dict[str, list[_Candidate]]:
    """The events as notifications could be made of them, by kind: two queries whatever their number."""
    first_evidence: dict[tuple[int, int], int] = {}
    article_ids, evidence_ids = sorted(events.articles), sorted(events.evidence)
    for start in range(0, max(len(article_ids), len(evidence_ids)), CHUNK):
        rows = (
            Evidence.objects.filter(
                models.Q(article__in=article_ids[start : start + CHUNK])
                | models.Q(pk__in=evidence_ids[start : start + CHUNK]),
                opportunity__isnull=False,
            )
            .values_list("opportunity_id", "article_id")
            .annotate(first=Min("pk"))
        )
        for opportunity_id, article_id, first in rows:
            key = (opportunity_id, article_id)
            first_evidence[key] = min(first, first_evidence.get(key, first))
    lead_evidence: dict[int, int] = {}
    for (opportunity_id, _article_id), evidence_id in sorted(first_evidence.items()):
        if opportunity_id in events.opportunities:
            lead_evidence.setdefault(opportunity_id, evidence_id)
    stage_ids = sorted(events.stage_changes)
    stage_rows = [
        row
        for start in range(0, len(stage_ids), CHUNK)
        for row in StageChange.objects.filter(pk__in=stage_ids[start : start + CHUNK]).values_list(
            "pk", "opportunity_id"
        )
    ]
    return {
        NotificationKind.NEW_LEAD: [
            _Candidate(NotificationKind.NEW_LEAD, pk, f"lead:{pk}", evidence_id=lead_evidence.get(pk))
            for pk in sorted(events.opportunities)
        ],
        NotificationKind.NEW_EVIDENCE: [
            # Evidence of a lead created in the same batch is its "new lead" notification, not news of its own.
            _Candidate(NotificationKind.NEW_EVIDENCE, opportunity_id, f"evidence:{opportunity_id}:{article_id}", pk)
            for (opportunity_id, article_id), pk in sorted(first_evidence.items())
            if opportunity_id not in events.opportunities
        ],
        NotificationKind.STAGE_MOVE: [
            _Candidate(NotificationKind.STAGE_MOVE, opportunity_id, f"stage:{pk}", stage_change_id=pk)
            for pk, opportunity_id in stage_rows
        ],
    }


def watches_notify(*, events: WatchEvents) -> list[Notification]:
    """Create the notifications (and webhook deliveries) the events make for every active watch they match.

    Idempotent: an event a watch was already notified of is skipped. Returns the notifications created.
    A watch whose owner may no longer view opportunities is left out.
    """
    active = list(Watch.objects.active().select_related("owner").prefetch_related("webhook_subscriptions"))
    owners = {watch.owner_id: watch.owner for watch in active}
    may_view = {pk: owner.has_perm(VIEW_OPPORTUNITY) for pk, owner in owners.items()}  # once per owner
    watches = [watch for watch in active if may_view[watch.owner_id]]
    if not watches:  # the common case of an import nobody watches: one query
        return []
    candidates = _candidates(events)
    wanted: list[Notification] = []
    for watch in watches:
        relevant = [c for kind in watch.kinds for c in candidates[kind]]
        if not relevant:
            continue
        matched = _matching(watch, {c.opportunity_id for c in relevant})
        wanted.extend(
            Notification(
                user_id=watch.owner_id,
                watch=watch,
                kind=c.kind,
                opportunity_id=c.opportunity_id,
                evidence_id=c.evidence_id,
                stage_change_id=c.stage_change_id,
                event_key=c.event_key,
            )
            for c in relevant
            if c.opportunity_id in matched
        )
    if not wanted:
        return []
    with transaction.atomic():
        created = _create_new(wanted)
        deliveries = deliveries_create(created, {watch.pk: watch for watch in watches})
    _enqueue_followups(created, deliveries=deliveries)
    return created


def _create_new(wanted: list[Notification]) -> list[Notification]:
    """Insert the notifications not yet made (a concurrent run may make some first) and return those inserted."""
    watch_ids = {n.watch_id for n in wanted}
    keys = {n.event_key for n in wanted}
    existing = set(
        Notification.objects.filter(watch__in=watch_ids, event_key__in=keys).values_list("watch_id", "event_key")
    )
    new = [n for n in wanted if (n.watch_id, n.event_key) not in existing]
    if not new:
        return []
    moment = timezone.now()
    Notification.objects.bulk_create(new, ignore_conflicts=True, batch_size=CHUNK)
    # `ignore_conflicts` leaves the keys unset: read back what this run inserted.
    return list(
        Notification.objects.with_related()
        .filter(watch__in=watch_ids, event_key__in={n.event_key for n in new}, created_at__gte=moment)
        .order_by("pk")
    )


def _enqueue_followups(created: list[Notification], *, deliveries: int) -> None:
    """Ask the worker to send what is due now: immediate digests and webhook deliveries."""
    from leads import tasks

    if any(n.watch.frequency == DigestFrequency.IMMEDIATE for n in created):
        tasks.send_digests_task.enqueue(frequency=DigestFrequency.IMMEDIATE)
    if deliveries:
        tasks.deliver_webhooks_task.enqueue()


def notifications_mark_read(*, user: AbstractBaseUser, notifications: QuerySet) -> int:
    """Mark `user`'s unread notifications among `notifications` as read; how many were."""
    return notifications.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


# ---------------------------------------------------------------------------------------------
# Links and texts shared by e-mails, feeds and webhooks
# ---------------------------------------------------------------------------------------------


def notification_item(notification: Notification) -> dict[str, Any]:
    """What a digest shows of one notification (texts in the active language, absolute links)."""
    evidence = notification.evidence
    stage_change = notification.stage_change
    sentence = evidence.sentence if evidence else ""
    article = evidence.article if evidence else None
    return {
        "kind": notification.get_kind_display(),
        "lead": str(notification.opportunity),
        "lead_url": opportunity_admin_url(notification.opportunity_id),
        "evidence_url": evidence_admin_url(notification.opportunity_id),
        "sentence": sentence,
        # A headline that is itself the evidence is not repeated as its source.
        "article": article.title if article and article.title != sentence else "",
        "article_url": article.url if article else "",
        "stage_change": str(stage_change) if stage_change else "",
    }


# ---------------------------------------------------------------------------------------------
# Digest e-mails
# ---------------------------------------------------------------------------------------------


DIGEST_INTRODUCTIONS = {
    DigestFrequency.IMMEDIATE: gettext_lazy("What your watches just found:"),
    DigestFrequency.DAILY: gettext_lazy("What your watches found today:"),
    DigestFrequency.WEEKLY: gettext_lazy("What your watches found this week:"),
}


def digests_due(*, now: datetime | None = None) -> int:
    """The digests due now, for the scheduler's every-minute tick; how many e-mails were sent.

    Immediate watches get what is new at once; daily ones, from midnight on, what came the day
    before (and earlier); weekly ones, from Monday 00:00, what came the week before (local time).
    """
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    monday = today - timedelta(days=today.weekday())
    return (
        send_digests(frequency=DigestFrequency.IMMEDIATE)
        + send_digests(frequency=DigestFrequency.DAILY, before=today)
        + send_digests(frequency=DigestFrequency.WEEKLY, before=monday)
    )


def send_digests(*, frequency: str, before: datetime | None = None) -> int:
    """E-mail each owner the unread notifications of their `frequency` watches not yet e-mailed (those created
    `before` a moment, when given); how many e-mails.

    One e-mail per owner and language (a watch's `language`), grouped by watch, each lead named with
    links to its page and its evidence. Notifications are claimed before sending and released if
    sending fails, so two runs at once never send the same notification twice.
    """
    if frequency not in DigestFrequency.values:
        raise ValueError(frequency)
    pending = (
        Notification.objects.with_related()
        .select_related("user")
        .filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            watch__frequency=frequency,
            watch__is_active=True,
            user__is_active=True,
        )
        .exclude(user__email="")
        .order_by("user_id", "watch__language", "watch__name", "watch_id", "created_at", "pk")
    )
    if before is not None:
        pending = pending.filter(created_at__lt=before)
    digests: dict[tuple[int, str], list[Notification]] = defaultdict(list)
    for notification in pending:
        digests[(notification.user_id, notification.watch.language)].append(notification)
    sent = 0
    for (_user_id, language), notifications in digests.items():
        if _digest_send(notifications, language=language, frequency=frequency):
            sent += 1
    return sent


def _digest_send(notifications: list[Notification], *, language: str, frequency: str) -> bool:
    ids = [n.pk for n in notifications]
    claimed_at = timezone.now()
    with transaction.atomic():
        if Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=claimed_at) != len(ids):
            transaction.set_rollback(True)  # another run took some of them: it sends them
            return False
    user = notifications[0].user
    try:
        with translation.override(language):
            message = _digest_message(user, notifications, frequency=frequency)
            message.send()
    except Exception:
        Notification.objects.filter(pk__in=ids, emailed_at=claimed_at).update(emailed_at=None)
        logger.exception("Could not send the digest of %s notification(s) to user %s", len(ids), user.pk)
        return False
    return True


def _digest_message(
    user: AbstractBaseUser, notifications: list[Notification], *, frequency: str
) -> EmailMultiAlternatives:
    by_watch: dict[int, dict[str, Any]] = {}
    for notification in notifications:
        group = by_watch.setdefault(notification.watch_id, {"watch": notification.watch, "items": []})
        group["items"].append(notification_item(notification))
    context = {
        "user": user,
        "introduction": DIGEST_INTRODUCTIONS[frequency],
        "count": len(notifications),
        "watches": list(by_watch.values()),
        "notifications_url": absolute_url(reverse("admin:leads_notification_changelist")),
    }
    subject = " ".join(render_to_string("leads/email/digest_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("leads/email/digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    message.attach_alternative(render_to_string("leads/email/digest.html", context), "text/html")
    return message


# ---------------------------------------------------------------------------------------------
# Atom feed
# ---------------------------------------------------------------------------------------------


def watch_feed(watch: Watch, *, feed_url: str) -> str:
    """An Atom feed of the newest leads `watch` matches, each with its first evidence sentence and article."""
    opportunities = list(
        watch_opportunities(watch, Opportunity.objects.with_related())
        .prefetch_related(models.Prefetch("evidence", Evidence.objects.select_related("article")))
        .order_by("-created_at", "-pk")[:FEED_ENTRIES]
    )
    with translation.override(watch.language):
        feed = feedgenerator.Atom1Feed(
            title=watch.name,
            link=absolute_url(reverse("admin:leads_watch_change", args=[watch.pk])),
            description=_("New leads that match the watch “%(name)s”.") % {"name": watch.name},
            language=watch.language,
            feed_url=feed_url,
            feed_guid=feed_url,
        )
        for opportunity in opportunities:
            evidence = next(iter(opportunity.evidence.all()), None)
            description = (
                _("“%(sentence)s” (%(article)s)") % {"sentence": evidence.sentence, "article": evidence.article.title}
                if evidence
                else ""
            )
            feed.add_item(
                title=str(opportunity),
                link=opportunity_admin_url(opportunity.pk),
                description=description,
                unique_id=absolute_url(reverse("api:opportunity-detail", args=[opportunity.pk])),
                pubdate=opportunity.created_at,
                updateddate=opportunity.updated_at,
                categories=[sector.slug for sector in opportunity.sectors.all()],
            )
        return feed.writeString("utf-8")
