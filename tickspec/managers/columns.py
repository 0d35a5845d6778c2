"""ColumnsManager: placeholder while the manager is being written."""

from __future__ import annotations

from typing import Any


class ColumnsManager:
    """Synchronous columns manager."""

    def __init__(self, client: Any) -> None:
        self._client = client


class AsyncColumnsManager:
    """Asynchronous columns manager."""

    def __init__(self, client: Any) -> None:
        self._client = client
