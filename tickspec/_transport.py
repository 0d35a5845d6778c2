"""The two drivers of the request core's flows: one blocking, one awaited.

`RequestCore.exchange` (tickspec/_base_client.py) decides everything about a
request; a driver only carries its steps out: send an `httpx.Request` (a
transport failure is thrown back into the flow), sleep, or sign on. Sign-on is
serialised by a lock shared with `with_options` copies, so concurrent first
requests (threads, or tasks of one event loop) produce exactly one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from tickspec_generated.endpoints._base import ApiRequest, ApiResponse

from tickspec._base_client import RequestCore, RequestFlow, SignOn
from tickspec.errors import ResponseValidationError, response_validation_error

if TYPE_CHECKING:
    import anyio

T = TypeVar("T")
SyncSleep = Callable[[float], None]
AsyncSleep = Callable[[float], Awaitable[None]]


class LazyLock:
    """An `anyio.Lock` made on first use: it must belong to the running event loop."""

    def __init__(self) -> None:
        self._lock: anyio.Lock | None = None

    def get(self) -> anyio.Lock:
        """The lock (made now if this is its first use)."""
        if self._lock is None:
            import anyio

            self._lock = anyio.Lock()
        return self._lock


class _Driver:
    """What both drivers hold; the generated stubs call `send` and `decode_error`."""

    def __init__(self, core: RequestCore[Any], http: Any, sleep: Any, login_lock: Any) -> None:
        self.core = core
        self.http = http
        self._sleep_fn = sleep
        self.login_lock = login_lock
        """Shared with `with_options` copies, which share the session."""

    def decode_error(
        self, request: ApiRequest, response: ApiResponse, error: ValueError
    ) -> ResponseValidationError:
        """The error for a 2xx answer whose body does not fit the spec."""
        return response_validation_error(
            request.operation_id, response.status_code, response.content, error
        )

    def _wants_signon(self, force: bool) -> bool:
        return force or self.core.auth.needs_signon()  # no lock once signed on

    def _signon_flow(self, force: bool, stale_generation: int | None) -> RequestFlow[Any]:
        flow: RequestFlow[Any] = self.core.auth.signon(
            self.core.exchange, force=force, stale_generation=stale_generation
        )
        return flow


class SyncTransport(_Driver):
    """Runs request flows over an `httpx.Client`."""

    def __init__(
        self,
        core: RequestCore[Any],
        http: httpx.Client,
        sleep: SyncSleep | None,
        login_lock: threading.Lock | None = None,
    ) -> None:
        super().__init__(core, http, sleep or time.sleep, login_lock or threading.Lock())

    def send(self, request: ApiRequest) -> ApiResponse:
        """Send with sign-on, retries and error mapping (the generated stubs call this)."""
        return self.run(self.core.exchange(request))

    def login(self, *, force: bool = False, stale_generation: int | None = None) -> Any:
        """Sign on unless a session exists (or `force`); None when nothing was needed."""
        if not self._wants_signon(force):
            return None
        return self.locked(self._signon_flow(force, stale_generation))

    def locked(self, flow: RequestFlow[T]) -> T:
        """Run a sign-on flow under the sign-on lock."""
        with self.login_lock:
            return self.run(flow)

    def run(self, flow: RequestFlow[T]) -> T:
        """Carry out a flow's steps until it returns."""
        try:
            step = next(flow)
            while True:
                if isinstance(step, httpx.Request):
                    try:
                        result: Any = self.http.send(step)
                    except httpx.TransportError as exc:
                        step = flow.throw(exc)
                        continue
                elif isinstance(step, SignOn):
                    result = self.login(force=step.force, stale_generation=step.stale_generation)
                else:
                    self._sleep_fn(step.seconds)
                    result = None
                step = flow.send(result)
        except StopIteration as stop:
            value: T = stop.value
            return value


class AsyncTransport(_Driver):
    """Runs request flows over an `httpx.AsyncClient`; sleeps with anyio (asyncio or trio)."""

    def __init__(
        self,
        core: RequestCore[Any],
        http: httpx.AsyncClient,
        sleep: AsyncSleep | None,
        login_lock: LazyLock | None = None,
    ) -> None:
        super().__init__(core, http, sleep, login_lock or LazyLock())

    async def _sleep(self, seconds: float) -> None:
        if self._sleep_fn is not None:
            await self._sleep_fn(seconds)
            return
        import anyio

        await anyio.sleep(seconds)

    async def send(self, request: ApiRequest) -> ApiResponse:
        """Send with sign-on, retries and error mapping (the generated stubs call this)."""
        return await self.run(self.core.exchange(request))

    async def login(self, *, force: bool = False, stale_generation: int | None = None) -> Any:
        """See `SyncTransport.login`."""
        if not self._wants_signon(force):
            return None  # and no anyio import
        return await self.locked(self._signon_flow(force, stale_generation))

    async def locked(self, flow: RequestFlow[T]) -> T:
        """Run a sign-on flow under the sign-on lock."""
        async with self.login_lock.get():
            return await self.run(flow)

    async def run(self, flow: RequestFlow[T]) -> T:
        """Carry out a flow's steps until it returns."""
        try:
            step = next(flow)
            while True:
                if isinstance(step, httpx.Request):
                    try:
                        result: Any = await self.http.send(step)
                    except httpx.TransportError as exc:
                        step = flow.throw(exc)
                        continue
                elif isinstance(step, SignOn):
                    result = await self.login(
                        force=step.force, stale_generation=step.stale_generation
                    )
                else:
                    await self._sleep(step.seconds)
                    result = None
                step = flow.send(result)
        except StopIteration as stop:
            value: T = stop.value
            return value
