"""Sources on private or local addresses: refused when saved, and when a fetch or its redirect leads there.

Whoever may add a source chooses where the server connects, and reads the answer back as an article;
without the check they could read the server's own network (a cache, the cloud's metadata service).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from importers import polling
from importers.models import Source, SourceKind
from tests.api.conftest import client_for
from tests.sources import news
from tests.sources.test_sources_api_and_admin import source_staff

METADATA = "http://169.254.169.254/latest/meta-data/"


@pytest.mark.django_db
@pytest.mark.parametrize("url", [METADATA, "http://127.0.0.1:6379/", "http://localhost/rss.xml", "http://[::1]/"])
def test_a_source_on_a_private_address_is_refused_with_a_400(url):
    staff = source_staff("add_source", "view_source")

    response = client_for(staff).post(
        reverse("api:source-list"), {"name": "Nội bộ", "url": url, "kind": SourceKind.RSS}, format="json"
    )

    assert response.status_code == 400
    assert "private or local" in response.json()["errors"]["url"][0]
    assert not Source.objects.exists()


@pytest.mark.django_db
def test_the_admin_refuses_it_too(client):
    staff = source_staff("add_source", "view_source", "change_source")
    staff.is_staff = True
    staff.save()
    client.force_login(staff)

    response = client.post(
        reverse("admin:importers_source_add"),
        {"name": "Nội bộ", "url": METADATA, "kind": SourceKind.RSS, "language": "vi", "poll_interval_minutes": 60},
    )

    assert response.status_code == 200
    assert "private or local" in " ".join(response.context["adminform"].form.errors["url"])
    assert not Source.objects.exists()


@pytest.mark.django_db
def test_a_saved_source_whose_address_is_now_private_is_not_fetched(news_server, fast_polling):
    url = news_server.add("/rss.xml", news.rss([(news.HOA_THINH, True)], news_server.base))
    source = Source.objects.create(name="Báo Đầu tư", url=url, kind=SourceKind.RSS)  # saved where allowed
    fast_polling.SOURCE_PRIVATE_TARGETS = False

    result = polling.source_poll(source)

    assert not result.ok and "private or local address (127.0.0.1)" in result.error
    assert news_server.requests == []


@pytest.mark.django_db
def test_a_redirect_into_the_private_network_is_not_followed(news_server, fast_polling, monkeypatch):
    """The news server stands for a public site here: only the metadata service's address counts as private."""
    url = news_server.add("/rss.xml", status=302, location=METADATA)
    source = Source.objects.create(name="Báo chuyển hướng", url=url, kind=SourceKind.RSS)
    fast_polling.SOURCE_PRIVATE_TARGETS = False
    monkeypatch.setattr(polling, "non_public_address", lambda target: "169.254.169.254" if "169.254" in target else "")

    result = polling.source_poll(source)

    assert not result.ok
    assert result.error.startswith(f"{METADATA} is on a private or local address (169.254.169.254)")
    assert len(news_server.hits("/rss.xml")) == 1  # asked once; the redirect was refused, not retried
