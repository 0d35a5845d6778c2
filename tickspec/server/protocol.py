"""uvicorn's HTTP/1.1 protocol with the limits `tickspec serve` needs against slow clients.

uvicorn (0.54) has no header-read timeout: its keep-alive timer starts only
after a first response and is cancelled by every byte received, so a client
that sends a header a byte at a time holds its connection forever; 1,500 of
them exhaust a 256-file limit. `GuardedH11Protocol` adds:

* a header deadline: from the moment a connection opens (or a response ends),
  the next request's headers must be complete within `header_timeout`
  seconds, however the bytes trickle in; otherwise the connection is closed;
* a connection cap: beyond `max_connections` open connections, a new one is
  answered 503 with the JSON error body and closed at once, so file
  descriptors stay bounded (uvicorn's `limit_concurrency` answers plain text);
* malformed requests (bad request line, headers over
  `h11_max_incomplete_event_size`) get the JSON error body, not plain text.

Use `protocol_class(header_timeout, max_connections)` as uvicorn's `http=`.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from tickspec.server import errors
from tickspec.server.limits import HEADER_TIMEOUT, MAX_CONNECTIONS


def raw_error(status: int, reason: str, code: str, message: str) -> bytes:
    """A complete HTTP/1.1 error response with TickTick's JSON body, closing the connection."""
    body = json.dumps(errors.error_body(code, message), separators=(",", ":")).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class GuardedH11Protocol(H11Protocol):
    header_timeout: float = HEADER_TIMEOUT
    max_connections: int = MAX_CONNECTIONS
    _header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            transport.write(
                raw_error(
                    503,
                    "Service Unavailable",
                    errors.INJECTED_FAULT,
                    f"more than {self.max_connections} open connections",
                )
            )
            transport.close()
            return
        self._arm_header_deadline()

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

    def handle_events(self) -> None:
        super().handle_events()
        if not self._waiting_for_headers():
            self._cancel_header_deadline()

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
