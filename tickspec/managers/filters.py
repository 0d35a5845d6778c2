"""FiltersManager: placeholder while the manager is being written."""

from __future__ import annotations

from typing import Any


class FiltersManager:
    """Synchronous filters manager."""

    def __init__(self, client: Any) -> None:
        self._client = client


class AsyncFiltersManager:
    """Asynchronous filters manager."""

    def __init__(self, client: Any) -> None:
        self._client = client
