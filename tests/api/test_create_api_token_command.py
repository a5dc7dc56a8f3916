"""`manage.py create_api_token`: issue a token for scripts and the README, or revoke one."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from leads.models import ApiToken

pytestmark = pytest.mark.django_db


def test_the_command_prints_a_key_that_authenticates(api, full_staff):
    out = StringIO()
    call_command("create_api_token", user=full_staff.username, name="Bảng điều khiển BI", read_only=True, stdout=out)
    key = out.getvalue().strip()
    token = ApiToken.objects.get(key=key)
    assert (token.user, token.name, token.read_only) == (full_staff, "Bảng điều khiển BI", True)
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get(reverse("api:sector-list")).status_code == 200


def test_the_command_revokes_a_token(api, full_staff):
    token = ApiToken.objects.create(user=full_staff, name="cũ")
    call_command("create_api_token", revoke=token.key, stdout=StringIO())
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(reverse("api:sector-list")).status_code == 401
    with pytest.raises(CommandError):
        call_command("create_api_token", revoke=token.key, stdout=StringIO())


def test_an_unknown_user_is_a_command_error(db):
    with pytest.raises(CommandError, match="No user"):
        call_command("create_api_token", user="khong-co", stdout=StringIO())
