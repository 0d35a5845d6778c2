"""`ClientOptions`: every knob of a client, as one frozen value.

Plain data only (no callables; an `httpx.Timeout` is the one httpx value, typed
without importing httpx here) so it is cheap to import, safe to
share between a sync and an async client, and printable in a bug report.
Injectable behaviour (sleep, random source, clock) is passed to the client
constructor instead, because it is test plumbing rather than configuration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    import httpx

DEFAULT_BASE_URL = "https://api.ticktick.com"
WEB_ORIGIN = "https://ticktick.com"


@dataclass(frozen=True, slots=True)
class ClientOptions:
    """What a `Client` / `AsyncClient` was configured with.

    `device` holds overrides of the X-Device JSON fields (e.g. `{"version": 8010}`),
    `headers` overrides or adds any header (applied last, so it wins over
    everything the client computes).
    """

    base_url: str = DEFAULT_BASE_URL
    timeout: float | httpx.Timeout = 30.0
    """Seconds for every phase of a request, or an `httpx.Timeout` for each its own."""
    max_retries: int = 3
    device: Mapping[str, Any] = field(default_factory=dict)
    user_agent: str | None = None
    timezone: str = "UTC"
    locale: str = "en_US"
    origin: str = WEB_ORIGIN
    headers: Mapping[str, str] = field(default_factory=dict)
    backoff_base: float = 0.5
    """First retry waits up to this many seconds (full jitter), doubling per attempt."""
    backoff_max: float = 8.0
    """No single backoff sleep exceeds this."""
    retry_after_max: float = 60.0
    """A server's Retry-After is waited for up to this many seconds; a longer one
    raises at once (`RateLimitError.retry_after` for 429) instead of blocking."""
    relogin: bool = True
    """Sign on again once when a session expires mid-run (needs username/password).

    The request that met the expired session (401, or 500 `user_not_sign_on`)
    is then sent again, writes included: this assumes TickTick never applies a
    write it answers 401, which is what an unauthenticated request means.
    Pass `relogin=False` to get the `AuthError` instead."""

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        if isinstance(self.timeout, int | float) and self.timeout <= 0:
            raise ValueError("timeout must be > 0")
        object.__setattr__(self, "base_url", self.base_url.rstrip("/"))
        object.__setattr__(self, "device", MappingProxyType(dict(self.device)))
        object.__setattr__(self, "headers", MappingProxyType(dict(self.headers)))


class OptionChanges(TypedDict, total=False):
    """`ClientOptions` fields as keywords (`Client.with_options(**changes)`), types only.

    The defaults stay on `ClientOptions`; a test keeps the two name lists equal.
    """

    base_url: str
    timeout: float | httpx.Timeout
    max_retries: int
    device: Mapping[str, Any]
    user_agent: str | None
    timezone: str
    locale: str
    origin: str
    headers: Mapping[str, str]
    backoff_base: float
    backoff_max: float
    retry_after_max: float
    relogin: bool
