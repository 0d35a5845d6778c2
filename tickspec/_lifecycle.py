"""The client shell both APIs share: an httpx client and a driver over a request core,
`with_options` copies, closing and the context managers.

`Client`/`AsyncClient` (the web API) and `OpenClient`/`AsyncOpenClient` are each a
`ClientShell` with a `Flavour`, the sync or async half of everything: the httpx
client class, its lazily built transport, the driver (`_transport.py`), the
generated `Api` and the managers' mode. Nothing else about a client depends on
it, so each API has one constructor for both flavours.

A client closes the httpx client it made and leaves alone one the caller passed in
(`http_client=`), which the caller may still be using elsewhere.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, ClassVar, Self

import httpx
from tickspec_generated.endpoints import Api, AsyncApi

from tickspec._base_client import RequestCore
from tickspec._lazy_http import LazyAsyncTransport, LazyTransport
from tickspec._options import ClientOptions
from tickspec._transport import AsyncTransport, SyncTransport
from tickspec.managers._flow import (
    AWAITING,
    BLOCKING,
    RAW_AWAITING,
    RAW_BLOCKING,
    ManagerMode,
)


@dataclass(frozen=True, slots=True)
class Flavour:
    """The sync or the async half of a client."""

    http_class: type[httpx.Client] | type[httpx.AsyncClient]
    lazy_transport: Callable[[], httpx.BaseTransport | httpx.AsyncBaseTransport]
    """httpx's default transport, built on the first request (`tickspec._lazy_http`)."""
    driver: type[SyncTransport] | type[AsyncTransport]
    api: type[Api] | type[AsyncApi]
    mode: ManagerMode
    raw_mode: ManagerMode


SYNC = Flavour(httpx.Client, LazyTransport, SyncTransport, Api, BLOCKING, RAW_BLOCKING)
ASYNC = Flavour(
    httpx.AsyncClient, LazyAsyncTransport, AsyncTransport, AsyncApi, AWAITING, RAW_AWAITING
)


class ClientShell:
    """A request core, the httpx client its requests go through, and the driver between.

    A subclass sets `_flavour` and mixes in its managers (`_attach_managers`).
    """

    _flavour: ClassVar[Flavour]
    _core: RequestCore[Any]
    _http: Any
    _owns_http: bool
    _sleep: Any
    _transport: Any
    api: Any
    options: ClientOptions
    """What this client was configured with (see `ClientOptions`)."""
    _attach_managers: Callable[[Any, Any], None]

    def _open_http(self, http_client: Any, options: ClientOptions, sleep: Any) -> None:
        """Take the caller's httpx client, or make one whose transport is built lazily."""
        flavour = self._flavour
        self._owns_http = http_client is None
        self._http = http_client or flavour.http_class(
            timeout=options.timeout,
            transport=flavour.lazy_transport(),  # type: ignore[arg-type]
        )
        self._sleep = sleep

    def _connect(self, core: RequestCore[Any], login_lock: Any = None) -> None:
        """Make the driver over `core` and the httpx client, then `api` and the managers."""
        flavour = self._flavour
        self._core = core
        self.options = core.options  # read by every manager call: an attribute, not a property
        self._transport = flavour.driver(core, self._http, self._sleep, login_lock)
        self.api = flavour.api(self._transport)
        self._attach_managers(self, flavour.mode)

    def _copy_with(self, changes: dict[str, Any]) -> Self:
        """A copy with other options over the same pool, identity and session.

        `headers` are added to (and override) this client's; closing the copy does
        not close the shared pool.
        """
        if "headers" in changes:
            changes["headers"] = {**self.options.headers, **changes["headers"]}
        clone = copy.copy(self)
        clone._owns_http = False
        options = dataclasses.replace(self.options, **changes)
        clone._connect(self._core.reconfigured(options), login_lock=self._transport.login_lock)
        return clone


class Closing:
    """`close()` and `with` for a blocking client."""

    _http: httpx.Client
    _owns_http: bool

    def close(self) -> None:
        """Close the connection pool, if this client made it."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncClosing:
    """`await close()` and `async with` for an awaiting client."""

    _http: httpx.AsyncClient
    _owns_http: bool

    async def close(self) -> None:
        """Close the connection pool, if this client made it."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
