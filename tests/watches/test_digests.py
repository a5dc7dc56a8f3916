"""Digest e-mails: each lead a watch matched, named, with a link to its evidence, in the watch's language."""

from __future__ import annotations

import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from leads.models import Notification, Opportunity
from leads.models.watches import DigestFrequency
from tests.watches.conftest import COMPANY, GROUNDBREAKING, LICENSED

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def send(frequency: str) -> str:
    out = io.StringIO()
    call_command("send_digests", "--frequency", frequency, stdout=out)
    return out.getvalue()


def links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"<>]+", text)


def test_the_digest_names_the_lead_and_links_to_its_evidence(colleague, watch_for, import_text, client, settings):
    settings.SITE_URL = "https://crm.xuctiendautu.example.vn"
    watch_for(colleague, frequency=DigestFrequency.DAILY)
    import_text(LICENSED)
    lead = Opportunity.objects.get(organization__name=COMPANY)

    assert "1 digest e-mail(s) sent (daily)." in send("daily")

    (message,) = mail.outbox
    assert message.to == ["quang.le@example.vn"]
    assert "1 new item" in message.subject
    html, content_type = message.alternatives[0]
    assert content_type == "text/html"
    for body in (message.body, html):
        assert COMPANY in body and "Trung Quốc, AI, Bắc Ninh" in body
        assert "Bắc Ninh, Khu công nghiệp Quế Võ: nhà máy sản xuất thiết bị điện tử" in body  # who → where: what
        assert "cấp phép nhà máy trí tuệ nhân tạo" in body  # the sentence that is its evidence
    evidence_url = f"https://crm.xuctiendautu.example.vn/admin/leads/evidence/?opportunity__id__exact={lead.pk}"
    lead_url = f"https://crm.xuctiendautu.example.vn/admin/leads/opportunity/{lead.pk}/change/"
    assert evidence_url in links(message.body) and lead_url in links(message.body)
    assert f'href="{evidence_url}"' in html.replace("&amp;", "&")

    # The link opens the lead's evidence in the workspace.
    client.force_login(colleague)
    page = client.get(evidence_url.removeprefix(settings.SITE_URL))
    assert page.status_code == 200
    assert page.context["cl"].result_count == lead.evidence.count() > 0

    assert "0 digest e-mail(s) sent" in send("daily")  # sent once
    assert len(mail.outbox) == 1


def test_a_watch_in_vietnamese_gets_its_digest_in_vietnamese(colleague, watch_for, import_text):
    watch_for(colleague, language="vi", frequency=DigestFrequency.WEEKLY)
    import_text(LICENSED)
    import_text(GROUNDBREAKING, "groundbreaking.txt")

    send("daily")
    assert mail.outbox == []  # a weekly watch waits for the weekly run
    send("weekly")

    (message,) = mail.outbox
    assert "2 mục mới" in message.subject
    assert message.body.startswith("Xin chào Hương Phạm,")
    assert "Cơ hội mới: Công ty TNHH Công nghệ Hoa Tinh Thâm Quyến" in message.body
    assert "Bằng chứng mới: Công ty TNHH Công nghệ Hoa Tinh Thâm Quyến" in message.body
    assert "toàn quốc" not in message.body and "khởi công" in message.body


def test_read_notifications_and_owners_without_e_mail_are_left_out(colleague, analyst, watch_for, import_text):
    watch_for(colleague, frequency=DigestFrequency.IMMEDIATE)
    analyst.email = ""
    analyst.save()
    watch_for(analyst, frequency=DigestFrequency.IMMEDIATE)
    import_text(LICENSED)
    Notification.objects.filter(user=colleague).update(read_at="2025-12-02T09:00:00+07:00")

    send("immediate")
    assert mail.outbox == []


def test_an_immediate_watch_queues_the_digest_when_it_is_notified(colleague, watch_for, import_text):
    from django_tasks import task_backends

    watch_for(colleague, frequency=DigestFrequency.IMMEDIATE)
    import_text(LICENSED)

    queued = [(result.task.name, result.kwargs) for result in task_backends["default"].results]
    assert queued == [("send_digests_task", {"frequency": "immediate"})]
    from leads.tasks import send_digests_task

    assert send_digests_task.call(frequency="immediate") == 1
    assert COMPANY in mail.outbox[0].body


def test_an_unknown_frequency_is_refused():
    with pytest.raises(CommandError):
        send("hourly")


def test_the_scheduler_sends_daily_digests_after_midnight_and_weekly_ones_on_monday(colleague, watch_for, import_text):
    from leads.tasks import send_due_digests_task
    from leads.watches import digests_due

    daily = watch_for(colleague, frequency=DigestFrequency.DAILY)
    weekly = watch_for(colleague, frequency=DigestFrequency.WEEKLY, name="Cả tuần", language="vi")
    import_text(LICENSED)
    tuesday_morning = datetime(2025, 12, 2, 9, 30, tzinfo=HANOI)
    Notification.objects.update(created_at=tuesday_morning)

    assert digests_due(now=tuesday_morning.replace(hour=23, minute=59)) == 0
    assert digests_due(now=datetime(2025, 12, 3, 0, 1, tzinfo=HANOI)) == 1  # Wednesday: yesterday's news
    assert [n.watch for n in Notification.objects.filter(emailed_at__isnull=False)] == [daily]
    assert digests_due(now=datetime(2025, 12, 7, 23, 0, tzinfo=HANOI)) == 0  # Sunday: the week is not over
    assert digests_due(now=datetime(2025, 12, 8, 0, 1, tzinfo=HANOI)) == 1  # Monday
    assert Notification.objects.get(watch=weekly).emailed_at is not None
    assert len(mail.outbox) == 2
    assert send_due_digests_task.call() == 0
