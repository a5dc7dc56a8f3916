"""Shared fixtures. Django imports stay inside fixtures so pure tests run without settings."""

import pytest


@pytest.fixture
def staff_user(db):
    from tests.factories import UserFactory

    return UserFactory(username="staff")


@pytest.fixture
def superuser(db):
    from tests.factories import UserFactory

    return UserFactory(username="admin", is_superuser=True)
