"""`manage.py create_api_token`: issue a token for scripts and the README, or revoke one by id or prefix."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from leads.models import ApiToken
from leads.models.integration import hash_token_key
from tests.api.conftest import token_for

pytestmark = pytest.mark.django_db


def test_the_command_prints_a_key_that_authenticates_and_stores_only_its_hash(api, full_staff):
    out = StringIO()
    call_command("create_api_token", user=full_staff.username, name="Bảng điều khiển BI", read_only=True, stdout=out)
    key = out.getvalue().strip()
    token = ApiToken.objects.get(key_hash=hash_token_key(key))
    assert (token.user, token.name, token.read_only, token.prefix) == (full_staff, "Bảng điều khiển BI", True, key[:8])
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get(reverse("api:sector-list")).status_code == 200


@pytest.mark.parametrize("by", ["prefix", "id"])
def test_the_command_revokes_a_token_by_its_prefix_or_its_id(api, full_staff, by):
    token = token_for(full_staff, name="cũ")
    other = token_for(full_staff, name="còn dùng")
    revoke = token.prefix if by == "prefix" else str(token.pk)
    call_command("create_api_token", revoke=revoke, stdout=StringIO())
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(reverse("api:sector-list")).status_code == 401
    api.credentials(HTTP_AUTHORIZATION=f"Token {other.key}")
    assert api.get(reverse("api:sector-list")).status_code == 200
    with pytest.raises(CommandError, match="No active token"):
        call_command("create_api_token", revoke=token.prefix, stdout=StringIO())


def test_a_prefix_two_active_tokens_share_asks_for_the_id(full_staff):
    first, second = token_for(full_staff), token_for(full_staff)
    ApiToken.objects.filter(pk=second.pk).update(prefix=first.prefix)
    with pytest.raises(CommandError, match="give the token's id"):
        call_command("create_api_token", revoke=first.prefix, stdout=StringIO())
    assert ApiToken.objects.filter(revoked_at__isnull=True).count() == 2


@pytest.mark.parametrize("value", ["", "deadbeef", "99999999999999999999999"])
def test_revoking_an_unknown_token_is_a_command_error_and_creates_nothing(full_staff, value):
    token_for(full_staff)
    with pytest.raises(CommandError, match="No active token"):
        call_command("create_api_token", revoke=value, stdout=StringIO())
    assert ApiToken.objects.count() == 1


def test_an_unknown_user_is_a_command_error(db):
    with pytest.raises(CommandError, match="No user"):
        call_command("create_api_token", user="khong-co", stdout=StringIO())
