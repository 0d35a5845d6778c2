"""Closing a client and using it as a context manager, for the web and Open API clients.

A client closes the httpx client it made and leaves alone one the caller passed in
(`http_client=`), which the caller may still be using elsewhere.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

import httpx


class Closing:
    _http: httpx.Client
    _owns_http: bool

    def close(self) -> None:
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
    _http: httpx.AsyncClient
    _owns_http: bool

    async def close(self) -> None:
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
