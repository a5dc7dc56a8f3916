"""`ensure_local_admin`: the README's first command prints working credentials, and never takes a password away."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from leads.management.commands import ensure_local_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def password_file(tmp_path, monkeypatch):
    path = tmp_path / ".local-admin-password"
    monkeypatch.setattr(ensure_local_admin, "PASSWORD_FILE", path)
    return path


def run(*args: str) -> str:
    out = StringIO()
    call_command("ensure_local_admin", *args, stdout=out)
    return out.getvalue()


def test_a_new_admin_gets_a_password_that_logs_in_and_is_printed_again(password_file):
    first = run()
    password = password_file.read_text().strip()
    assert f"password: {password}" in first
    assert get_user_model().objects.get(username="admin").check_password(password)
    assert f"password: {password}" in run()


def test_an_admin_who_changed_the_password_keeps_it(password_file):
    run()
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("mật khẩu riêng của tôi")
    admin.save()
    output = run()
    admin.refresh_from_db()
    assert admin.check_password("mật khẩu riêng của tôi")
    assert "--reset" in output


def test_reset_gives_a_new_password(password_file):
    run()
    old = password_file.read_text().strip()
    run("--reset")
    new = password_file.read_text().strip()
    assert new != old
    assert get_user_model().objects.get(username="admin").check_password(new)
