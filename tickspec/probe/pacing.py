"""Pacing: a steady request rate, and no second try after the account refused us.

TickTick locks an account after repeated failed sign-ons and throttles bursts,
so the probe sends at most `rate` requests a second (429 and `Retry-After` are
the client's retry policy's job), and once an answer says the credentials are
bad (401, or an auth error body) every later request is refused locally: a
retry storm against a lockout is the one thing a drift probe must never cause.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

DEFAULT_RATE = 2.0
"""Requests per second: a person clicking through the web app sends more."""


class AuthStopped(RuntimeError):
    """Raised before sending once an answer refused the credentials."""


class Pacer:
    """An httpx request hook: waits for the next slot, refuses after an auth failure."""

    def __init__(
        self,
        rate: float = DEFAULT_RATE,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError(f"--rate: {rate} is not a positive number of requests per second")
        self.interval = 1.0 / rate
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0
        self.auth_failure: str | None = None
        self.sent = 0

    def before(self, request: httpx.Request) -> None:
        """Request hook: block until this request's slot; refuse after an auth failure."""
        if self.auth_failure is not None:
            raise AuthStopped(f"stopped after an auth failure ({self.auth_failure})")
        now = self._clock()
        if now < self._next:
            self._sleep(self._next - now)
            now = self._next
        self._next = now + self.interval
        self.sent += 1

    def after(self, response: httpx.Response) -> None:
        """Response hook: remember an auth failure (401; signon's own refusal is a 400/500)."""
        if response.status_code == 401:
            self.auth_failure = f"HTTP 401 from {response.request.url.path}"
