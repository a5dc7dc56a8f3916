"""Who may do what: anonymous, token holders (full and read-only), revoked tokens, model permissions, won."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.choices import Stage
from leads.models import ApiToken, Organization
from tests.api.conftest import client_for, token_for

pytestmark = pytest.mark.django_db

NEW_ORGANIZATION = {"name": "Tập đoàn Công nghệ Thâm Quyến", "kind": "company", "country": "CN"}


@pytest.mark.parametrize(
    "url",
    [
        reverse("api:opportunity-list"),
        reverse("api:organization-list"),
        reverse("api:contact-list"),
        reverse("api:article-list"),
        reverse("api:sector-list"),
        reverse("api:deleted-record-list"),
        reverse("api:opportunity-summary"),
    ],
)
def test_anonymous_requests_get_401_with_the_token_challenge(api, url):
    response = api.get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "detail" in response.json()


def test_anonymous_writes_get_401_too(api, db):
    assert api.post(reverse("api:organization-list"), NEW_ORGANIZATION, format="json").status_code == 401


def test_a_valid_token_authenticates_and_records_when_it_was_used(api, full_staff):
    token = token_for(full_staff)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(reverse("api:sector-list")).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_last_used_is_written_at_most_once_a_minute(api, full_staff, django_assert_num_queries):
    token = token_for(full_staff)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    api.get(reverse("api:sector-list"))
    first_use = ApiToken.objects.get(pk=token.pk).last_used_at
    api.get(reverse("api:sector-list"))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first_use
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    api.get(reverse("api:sector-list"))
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first_use


def test_a_revoked_token_gets_401(api, full_staff):
    token = token_for(full_staff)
    token.revoked_at = timezone.now()
    token.save()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.get(reverse("api:sector-list"))
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_an_unknown_or_malformed_token_gets_401(api, db):
    for header in ["Token 0123456789abcdef", "Token", "Token a b", "Token " + "x" * 5000]:
        api.credentials(HTTP_AUTHORIZATION=header)
        assert api.get(reverse("api:sector-list")).status_code == 401, header


def test_the_token_of_an_inactive_user_gets_401(api, full_staff):
    token = token_for(full_staff)
    full_staff.is_active = False
    full_staff.save()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(reverse("api:sector-list")).status_code == 401


def test_a_read_only_token_may_read_but_not_write(full_staff, pipeline):
    client = client_for(full_staff, read_only=True)
    assert client.get(reverse("api:opportunity-list")).status_code == 200
    response = client.post(reverse("api:organization-list"), NEW_ORGANIZATION, format="json")
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    moved = client.post(
        reverse("api:opportunity-move-stage", args=[pipeline["ai"].pk]), {"stage": "qualified"}, format="json"
    )
    assert moved.status_code == 403
    assert (
        client.delete(reverse("api:organization-detail", args=[pipeline["bac_ninh_department"].pk])).status_code == 403
    )


def test_a_user_without_view_permission_gets_403_on_lists(nobody):
    response = client_for(nobody).get(reverse("api:opportunity-list"))
    assert response.status_code == 403
    assert response.json()["detail"]


def test_a_viewer_may_read_but_not_create_change_or_delete(viewer, pipeline):
    client = client_for(viewer)
    assert client.get(reverse("api:organization-list")).status_code == 200
    assert client.post(reverse("api:organization-list"), NEW_ORGANIZATION, format="json").status_code == 403
    detail = reverse("api:organization-detail", args=[pipeline["bac_ninh_department"].pk])
    assert client.patch(detail, {"notes": "Đã gặp"}, format="json").status_code == 403
    assert client.delete(detail).status_code == 403
    merge = reverse("api:organization-merge", args=[pipeline["guangxi_department"].pk])
    assert client.post(merge, {"merge": [pipeline["bac_ninh_department"].pk]}, format="json").status_code == 403


def test_full_staff_may_create_organizations(staff_api):
    response = staff_api.post(reverse("api:organization-list"), NEW_ORGANIZATION, format="json")
    assert response.status_code == 201, response.json()
    assert Organization.objects.filter(name="Tập đoàn Công nghệ Thâm Quyến").exists()


def test_staff_without_the_won_permission_cannot_mark_an_opportunity_won(staff_without_won, pipeline):
    client = client_for(staff_without_won)
    url = reverse("api:opportunity-move-stage", args=[pipeline["fintech"].pk])
    response = client.post(url, {"stage": "won"}, format="json")
    assert response.status_code == 403
    assert "Won" in response.json()["detail"]
    pipeline["fintech"].refresh_from_db()
    assert pipeline["fintech"].stage == Stage.NEGOTIATING
    # Other moves are fine.
    assert client.post(url, {"stage": "engaged"}, format="json").status_code == 201


def test_full_staff_may_mark_an_opportunity_won(staff_api, pipeline):
    url = reverse("api:opportunity-move-stage", args=[pipeline["fintech"].pk])
    response = staff_api.post(url, {"stage": "won", "note": "Đã ký MOU"}, format="json")
    assert response.status_code == 201
    assert response.json()["to_stage"] == "won"


def test_session_authentication_works_for_the_browsable_api(client, full_staff):
    client.force_login(full_staff)
    response = client.get(reverse("api:opportunity-list"), HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"Opportunity" in response.content


def test_requests_are_throttled_per_token(settings, full_staff, viewer):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": "3/minute"}}
    first, second = client_for(full_staff), client_for(full_staff)
    url = reverse("api:sector-list")
    assert [first.get(url).status_code for _ in range(3)] == [200, 200, 200]
    throttled = first.get(url)
    assert throttled.status_code == 429
    assert "Retry-After" in throttled
    # Another token of the same user has its own allowance.
    assert second.get(url).status_code == 200


def test_the_api_root_lists_the_resources(staff_api):
    response = staff_api.get(reverse("api:api-root"))
    assert response.status_code == 200
    assert {"opportunities", "organizations", "articles", "stage-changes", "provinces"} <= set(response.json())


def test_the_browsable_api_renders_a_record_with_its_edit_forms(client, full_staff, pipeline):
    client.force_login(full_staff)
    response = client.get(reverse("api:opportunity-detail", args=[pipeline["railway"].pk]), HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert "Đường sắt kết nối Hà Nội với Quảng Châu" in response.content.decode()
