"""uvicorn's HTTP/1.1 protocol with the limits `tickspec serve` needs against slow clients.

uvicorn (0.54) has no header-read timeout: its keep-alive timer starts only
after a first response and is cancelled by every byte received, so a client
that sends a header a byte at a time holds its connection forever; 1,500 of
them exhaust a 256-file limit. `GuardedH11Protocol` adds:

* a header deadline: from the moment a connection opens (or a response ends),
  the next request's headers must be complete within `header_timeout`
  seconds, however the bytes trickle in; otherwise the connection is closed;
* a connection cap: beyond `max_connections` open connections, a new one is
  answered 503 with the JSON error body and closed, so file descriptors stay
  bounded (uvicorn's `limit_concurrency` answers plain text). The admin API
  does not count: a connection beyond the cap is held until its request line
  shows the path, and one to `/__tickspec__/` is served (up to
  `ADMIN_CONNECTIONS` such connections, each closed after its answer), so an
  observer can watch a server that is full;
* malformed requests (bad request line, headers over
  `h11_max_incomplete_event_size`) get the JSON error body, not plain text.

Use `protocol_class(header_timeout, max_connections)` as uvicorn's `http=`.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any
from urllib.parse import unquote

from uvicorn.protocols.http.h11_impl import H11Protocol

from tickspec.server import errors
from tickspec.server.admin import is_admin
from tickspec.server.limits import (
    ADMIN_CONNECTIONS,
    HEADER_TIMEOUT,
    MAX_CONNECTIONS,
    MAX_HEADER_BYTES,
)

_CLOSE = (b"connection", b"close")
_SLASHES = re.compile("/{2,}")


def raw_error(status: int, reason: str, code: str, message: str) -> bytes:
    """A complete HTTP/1.1 error response with TickTick's JSON body, closing the connection."""
    body = json.dumps(errors.error_body(code, message), separators=(",", ":")).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


def _target_path(request_line: bytes) -> str:
    """The path of `GET /p?q HTTP/1.1` as routing sees it (decoded, slashes collapsed)."""
    parts = request_line.split()
    target = parts[1] if len(parts) == 3 else b""
    path = unquote(target.partition(b"?")[0].decode("latin-1"))
    return _SLASHES.sub("/", path)


class GuardedH11Protocol(H11Protocol):
    header_timeout: float = HEADER_TIMEOUT
    max_connections: int = MAX_CONNECTIONS
    _header_deadline: asyncio.TimerHandle | None = None
    beyond_cap: bool = False
    """Accepted beyond `max_connections`: it may only reach the admin API."""
    _held: bytearray | None = None
    """Beyond the cap: the bytes received until the request line is complete."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        regular = sum(not getattr(c, "beyond_cap", False) for c in self.connections)
        if regular > self.max_connections:
            self.beyond_cap = True
            beyond = len(self.connections) - regular + 1
            if beyond > ADMIN_CONNECTIONS:
                self._refuse()
                return
            self._held = bytearray()
        self._arm_header_deadline()

    def _refuse(self) -> None:
        message = f"more than {self.max_connections} open connections"
        self.transport.write(raw_error(503, "Service Unavailable", errors.INJECTED_FAULT, message))
        self.transport.close()

    def data_received(self, data: bytes) -> None:
        """Beyond the cap, wait for the request line: only the admin API is served."""
        if self._held is None:
            super().data_received(data)
            return
        self._held += data
        line, found, _ = bytes(self._held).partition(b"\n")
        if not found:
            if len(self._held) > MAX_HEADER_BYTES:
                self._refuse()
            return
        held, self._held = bytes(self._held), None
        if not is_admin(_target_path(line)):
            self._refuse()
            return
        super().data_received(held)

    def handle_events(self) -> None:
        super().handle_events()
        if self.beyond_cap and self.cycle is not None and _CLOSE not in self.headers:
            self.headers.append(_CLOSE)  # the answer says close: no API request can follow
        if not self._waiting_for_headers():
            self._cancel_header_deadline()

    def _arm_header_deadline(self) -> None:
        self._cancel_header_deadline()
        self._header_deadline = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _cancel_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _waiting_for_headers(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        if self._waiting_for_headers() and not self.transport.is_closing():
            self.transport.close()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_deadline()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        self.transport.write(raw_error(400, "Bad Request", errors.INVALID_REQUEST, msg))
        self.transport.close()


def protocol_class(
    header_timeout: float = HEADER_TIMEOUT,
    max_connections: int = MAX_CONNECTIONS,
) -> type[GuardedH11Protocol]:
    """A subclass bound to these limits (uvicorn instantiates the class it is given)."""
    attributes: dict[str, Any] = {
        "header_timeout": header_timeout,
        "max_connections": max_connections,
    }
    return type("BoundGuardedH11Protocol", (GuardedH11Protocol,), attributes)
