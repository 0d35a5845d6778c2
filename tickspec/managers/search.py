"""SearchManager: placeholder while the manager is being written."""

from __future__ import annotations

from typing import Any


class SearchManager:
    """Synchronous search manager."""

    def __init__(self, client: Any) -> None:
        self._client = client


class AsyncSearchManager:
    """Asynchronous search manager."""

    def __init__(self, client: Any) -> None:
        self._client = client
