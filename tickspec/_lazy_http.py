"""httpx's default transports, built on the first request instead of with the client.

`httpx.Client()` builds its connection pool at once, and that imports httpcore
(and h11): a third of a cold start that has sent nothing yet. A client that
owns its httpx client gives it one of these instead; the first request builds
exactly the transport httpx would have (`httpx.HTTPTransport()` with its
defaults) and every request after goes straight to it.
"""

from __future__ import annotations

import threading

import httpx

__all__ = ["LazyAsyncTransport", "LazyTransport"]


class LazyTransport(httpx.BaseTransport):
    """`httpx.HTTPTransport()`, made on the first request."""

    def __init__(self) -> None:
        self._real: httpx.HTTPTransport | None = None
        self._lock = threading.Lock()

    def _transport(self) -> httpx.HTTPTransport:
        if self._real is None:
            with self._lock:  # two threads' first requests share one pool
                if self._real is None:
                    self._real = httpx.HTTPTransport()
        return self._real

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request` through the real transport (built now if it is the first)."""
        return self._transport().handle_request(request)

    def close(self) -> None:
        """Close the real transport, if a request ever built it."""
        if self._real is not None:
            self._real.close()


class LazyAsyncTransport(httpx.AsyncBaseTransport):
    """`httpx.AsyncHTTPTransport()`, made on the first request."""

    def __init__(self) -> None:
        self._real: httpx.AsyncHTTPTransport | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request` through the real transport (built now if it is the first)."""
        if self._real is None:
            self._real = httpx.AsyncHTTPTransport()
        return await self._real.handle_async_request(request)

    async def aclose(self) -> None:
        """Close the real transport, if a request ever built it."""
        if self._real is not None:
            await self._real.aclose()
