"""Fixtures for the audit-history tests: staff with tokens, the seed articles imported, staff edits made."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.api.conftest import _leads_codenames, _user, client_for

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "articles"


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """Throttle counts live in the cache; each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def full_staff(db):
    """Staff with every permission of the CRM (not a superuser: what they see comes from permissions)."""
    return _user("lan.tran", _leads_codenames())


@pytest.fixture
def staff_api(full_staff):
    return client_for(full_staff)


@pytest.fixture
def contacts_viewer(db):
    """A mailing tool's user: it may only view contacts."""
    return _user("mailing.bacninh", ["view_contact"])


def import_seeds() -> None:
    """The seed articles through the importer's command: records created with no user behind them."""
    from django.core.management import call_command

    call_command("import_articles", str(SEEDS), stdout=io.StringIO(), stderr=io.StringIO())
