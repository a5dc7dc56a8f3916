"""The reliability tests reuse the API tests' people and records (the seed pipeline)."""

from tests.api.conftest import _fresh_throttle_counts, full_staff, pipeline  # noqa: F401
