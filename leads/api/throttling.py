"""Rate limits per API token (or per user for browser sessions), so one busy integration cannot starve others.

The rate (`API_THROTTLE_RATE`, by default 600 requests a minute per token) is counted in fixed
windows: one counter per token and minute in the cache, added to with one atomic increment, so a
request costs the same however high the rate is set (DRF's own throttle keeps and rewrites the
time of every request in the window, thousands at a high rate). A window may thus take up to twice
the rate across its boundary with the next; `Retry-After` says when the current window ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from leads.models import ApiToken

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


class TokenRateThrottle(SimpleRateThrottle):
    """`REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["token"]` requests per token; two tokens of one user count apart."""

    scope = "token"

    def get_rate(self) -> str | None:
        # Read at request time (not import time) so settings overrides take effect.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request: Request, view: APIView) -> str:
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"address-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def allow_request(self, request: Request, view: APIView) -> bool:
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_ends = (window + 1) * self.duration
        counter = f"{key}:{window}"
        if self.cache.add(counter, 1, self.duration + 1):
            return True
        try:
            count = self.cache.incr(counter)
        except ValueError:  # the counter expired between the two calls: this request opens it again
            self.cache.set(counter, 1, self.duration + 1)
            return True
        return count <= self.num_requests or self.throttle_failure()

    def wait(self) -> float:
        return max(0.0, self.window_ends - self.now)
