"""When to repeat a request, and how long to wait first.

The rule: repeat a request only when repeating it cannot change the outcome on
the server, or when the server provably never saw it.

* Safe to repeat (`ApiRequest.idempotent`, from the spec's `x-idempotent`):
  GETs, whole-object PUTs, DELETEs, and batch writes whose objects carry
  client-generated ids (a second `add` of the same id upserts the same object
  instead of creating a copy). For these, retry on
    - 429 Too Many Requests (TickTick's throttle, usually an empty body),
    - 502/503/504 (gateway/load-balancer trouble),
    - 500 only when the body is NOT a TickTick error body: TickTick reports
      semantic errors (`task_not_found`, `username_password_not_match`) as 500
      with `{"errorCode": ...}`; those are answers, and repeating them would
      only repeat the answer (or lock the account for a wrong password),
    - connection errors after the request may have been sent: read errors,
      read/write timeouts, remote protocol errors (server closed the socket).
* Not safe to repeat (creates without a client id, `signon`, counters, ...):
  retried only when nothing reached the server, i.e. connect errors, connect
  timeouts and pool timeouts. Everything else surfaces at once, because a
  second POST after a lost response could write twice.

Waiting: exponential backoff with full jitter (sleep a uniform random time in
[0, min(backoff_max, backoff_base * 2**attempt)]), which spreads the retries
of many clients instead of synchronising them. A `Retry-After` header (delta
seconds or an HTTP date) replaces the backoff when it is at most
`retry_after_max`; a longer one is not waited for at all: the request gives up
at once, raising the status's typed error (`RateLimitError` for 429, carrying
`retry_after`), so a hostile or buggy value cannot park a client for an hour
and the caller decides whether to come back that much later.

The random source is injectable (and the sleep function is injected in the
transports), so tests are instant and deterministic.
"""

from __future__ import annotations

import email.utils
import random as _random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import httpx

RETRYABLE_STATUS = frozenset({429, 502, 503, 504})
"""Always retryable for idempotent requests; 500 is decided by its body."""

Exposure = Literal["not_sent", "maybe_sent", "fatal"]


def exposure(exc: BaseException) -> Exposure:
    """How far an httpx failure got: did the server possibly see the request?"""
    if isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return "not_sent"
    if isinstance(exc, httpx.ProxyError):
        return "not_sent"
    if isinstance(
        exc,
        httpx.ReadError
        | httpx.WriteError
        | httpx.ReadTimeout
        | httpx.WriteTimeout
        | httpx.RemoteProtocolError
        | httpx.NetworkError,
    ):
        return "maybe_sent"
    return "fatal"


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or HTTP date), or None."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None:  # pragma: no cover - older Pythons returned None
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


def retry_after_from_headers(headers: Mapping[str, str]) -> float | None:
    return parse_retry_after(headers.get("retry-after"))


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Pure retry decisions; the transports own the loop and the sleeping."""

    max_retries: int = 3
    backoff_base: float = 0.5
    backoff_max: float = 8.0
    retry_after_max: float = 60.0
    """A longer Retry-After is not waited for: the request gives up at once."""
    random: Callable[[], float] = field(default=_random.random)

    def backoff(self, attempt: int) -> float:
        """Full jitter: uniform in [0, min(max, base * 2**attempt)]."""
        ceiling = min(self.backoff_max, self.backoff_base * (2.0**attempt))
        return ceiling * self.random()

    def _wait(self, attempt: int, retry_after: float | None) -> float | None:
        if retry_after is not None:
            return retry_after if retry_after <= self.retry_after_max else None
        return self.backoff(attempt)

    def delay_for_status(
        self,
        *,
        idempotent: bool,
        status_code: int,
        ticktick_error_body: bool,
        retry_after: float | None,
        attempt: int,
    ) -> float | None:
        """Seconds to wait before retrying a non-2xx response, or None to give up.

        `attempt` counts retries already made (0 for the first response).
        """
        if attempt >= self.max_retries or not idempotent:
            return None
        retryable = status_code in RETRYABLE_STATUS or (
            status_code == 500 and not ticktick_error_body
        )
        return self._wait(attempt, retry_after) if retryable else None

    def delay_for_exception(
        self, *, idempotent: bool, exc: BaseException, attempt: int
    ) -> float | None:
        """Seconds to wait before retrying after a transport failure, or None."""
        if attempt >= self.max_retries:
            return None
        how_far = exposure(exc)
        if how_far == "not_sent" or (how_far == "maybe_sent" and idempotent):
            return self.backoff(attempt)
        return None
