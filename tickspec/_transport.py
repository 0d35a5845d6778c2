"""The senders behind `client.api`: the I/O loop, once blocking and once async.

A generated stub hands `send()` an `ApiRequest`; the sender signs on if that
has not happened yet, sends, and either returns the 2xx `ApiResponse` or raises
the typed error. Every try is recorded (`tickspec.errors.Attempt`): the error
given up with keeps them all and says whether the request may have been
applied. Every decision (headers, what to retry, how long to wait,
which error) is asked of `BaseClient`; the two classes below differ only in
`await`, which is the point: behaviour cannot diverge between sync and async.

Sign-on is serialised by a lock so that concurrent first requests (threads, or
tasks of one event loop) produce exactly one signon.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING

import httpx
from tickspec_generated.endpoints._base import ApiRequest, ApiResponse

from tickspec import auth
from tickspec._base_client import BaseClient, Retry
from tickspec._headers import trace_id as new_trace_id
from tickspec.errors import Attempt, ResponseValidationError, response_validation_error

if TYPE_CHECKING:
    import anyio

SyncSleep = Callable[[float], None]
AsyncSleep = Callable[[float], Awaitable[None]]


class LazyLock:
    """An `anyio.Lock` made on first use: it must belong to the running event loop."""

    def __init__(self) -> None:
        self._lock: anyio.Lock | None = None

    def get(self) -> anyio.Lock:
        if self._lock is None:
            import anyio

            self._lock = anyio.Lock()
        return self._lock


class SyncTransport:
    """`SyncSender` over an `httpx.Client`."""

    def __init__(
        self,
        core: BaseClient,
        http: httpx.Client,
        sleep: SyncSleep | None,
        login_lock: threading.Lock | None = None,
    ) -> None:
        self._core = core
        self.http = http
        self._sleep: SyncSleep = sleep or time.sleep
        self.login_lock = login_lock or threading.Lock()
        """Shared with `with_options` copies, which share the session."""

    def decode_error(
        self, request: ApiRequest, response: ApiResponse, error: ValueError
    ) -> ResponseValidationError:
        return response_validation_error(
            request.operation_id, response.status_code, response.content, error
        )

    def send(self, request: ApiRequest) -> ApiResponse:
        """Send with sign-on, retries and error mapping (the generated stubs call this)."""
        return self._exchange(
            request, authenticate=request.operation_id not in auth.AUTH_OPERATIONS
        )

    def login(
        self, *, force: bool = False, stale_generation: int | None = None
    ) -> auth.LoginResult | None:
        """Sign on unless a session exists (or `force`); None when nothing was needed.

        `stale_generation`: re-sign-on after an expired session only if no other
        thread did so since that request was sent.
        """
        session = self._core._session
        if not force and not session.needs_signon():
            return None  # fast path: no lock once signed on
        with self.login_lock:
            if stale_generation is not None and session.generation != stale_generation:
                return None
            if not force and not session.needs_signon():
                return None
            request = self._core._signon_request()
            response = self._exchange(request, authenticate=False)
            return self._core._accept_login(response, self.http.cookies)

    def verify_mfa(self, code: str) -> auth.LoginResult:
        with self.login_lock:
            request, headers = self._core._mfa_request(code)
            response = self._exchange(request, authenticate=False, extra_headers=headers)
            return self._core._accept_login(response, self.http.cookies)

    def _exchange(
        self,
        request: ApiRequest,
        *,
        authenticate: bool,
        extra_headers: Mapping[str, str] | None = None,
    ) -> ApiResponse:
        core = self._core
        if authenticate:
            self.login()
            core._check_can_send()
        trace_id = new_trace_id()
        attempt = 0
        relogged = False
        attempts: list[Attempt] = []
        while True:
            generation = core._session.generation
            http_request = core._build_request(
                request, self.http.cookies, trace_id=trace_id, extra_headers=extra_headers
            )
            try:
                response = self.http.send(http_request)
            except httpx.TransportError as exc:
                delay = core._delay_after(
                    request, exc, attempt=attempt, trace_id=trace_id, attempts=attempts
                )
            else:
                outcome = core._outcome(
                    request,
                    response,
                    attempt=attempt,
                    trace_id=trace_id,
                    may_relogin=authenticate and not relogged,
                    attempts=attempts,
                )
                if not isinstance(outcome, Retry):
                    return outcome
                if outcome.relogin:
                    relogged = True
                    self.login(force=True, stale_generation=generation)
                    core._check_can_send()  # the new signon may want MFA
                    continue
                delay = outcome.delay
            self._sleep(delay)
            attempt += 1


class AsyncTransport:
    """`AsyncSender` over an `httpx.AsyncClient`; sleeps with anyio (asyncio or trio)."""

    def __init__(
        self,
        core: BaseClient,
        http: httpx.AsyncClient,
        sleep: AsyncSleep | None,
        login_lock: LazyLock | None = None,
    ) -> None:
        self._core = core
        self.http = http
        self._sleep_fn = sleep
        self.login_lock = login_lock or LazyLock()
        """Shared with `with_options` copies, which share the session."""

    async def _sleep(self, seconds: float) -> None:
        if self._sleep_fn is not None:
            await self._sleep_fn(seconds)
            return
        import anyio

        await anyio.sleep(seconds)

    def _login_lock(self) -> anyio.Lock:
        return self.login_lock.get()

    def decode_error(
        self, request: ApiRequest, response: ApiResponse, error: ValueError
    ) -> ResponseValidationError:
        return response_validation_error(
            request.operation_id, response.status_code, response.content, error
        )

    async def send(self, request: ApiRequest) -> ApiResponse:
        """Send with sign-on, retries and error mapping (the generated stubs call this)."""
        return await self._exchange(
            request, authenticate=request.operation_id not in auth.AUTH_OPERATIONS
        )

    async def login(
        self, *, force: bool = False, stale_generation: int | None = None
    ) -> auth.LoginResult | None:
        """See `SyncTransport.login`."""
        session = self._core._session
        if not force and not session.needs_signon():
            return None  # fast path: no lock (and no anyio import) once signed on
        async with self._login_lock():
            if stale_generation is not None and session.generation != stale_generation:
                return None
            if not force and not session.needs_signon():
                return None
            request = self._core._signon_request()
            response = await self._exchange(request, authenticate=False)
            return self._core._accept_login(response, self.http.cookies)

    async def verify_mfa(self, code: str) -> auth.LoginResult:
        async with self._login_lock():
            request, headers = self._core._mfa_request(code)
            response = await self._exchange(request, authenticate=False, extra_headers=headers)
            return self._core._accept_login(response, self.http.cookies)

    async def _exchange(
        self,
        request: ApiRequest,
        *,
        authenticate: bool,
        extra_headers: Mapping[str, str] | None = None,
    ) -> ApiResponse:
        core = self._core
        if authenticate:
            await self.login()
            core._check_can_send()
        trace_id = new_trace_id()
        attempt = 0
        relogged = False
        attempts: list[Attempt] = []
        while True:
            generation = core._session.generation
            http_request = core._build_request(
                request, self.http.cookies, trace_id=trace_id, extra_headers=extra_headers
            )
            try:
                response = await self.http.send(http_request)
            except httpx.TransportError as exc:
                delay = core._delay_after(
                    request, exc, attempt=attempt, trace_id=trace_id, attempts=attempts
                )
            else:
                outcome = core._outcome(
                    request,
                    response,
                    attempt=attempt,
                    trace_id=trace_id,
                    may_relogin=authenticate and not relogged,
                    attempts=attempts,
                )
                if not isinstance(outcome, Retry):
                    return outcome
                if outcome.relogin:
                    relogged = True
                    await self.login(force=True, stale_generation=generation)
                    core._check_can_send()  # the new signon may want MFA
                    continue
                delay = outcome.delay
            await self._sleep(delay)
            attempt += 1
