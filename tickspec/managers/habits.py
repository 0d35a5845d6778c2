"""HabitsManager: placeholder while the manager is being written."""

from __future__ import annotations

from typing import Any


class HabitsManager:
    """Synchronous habits manager."""

    def __init__(self, client: Any) -> None:
        self._client = client


class AsyncHabitsManager:
    """Asynchronous habits manager."""

    def __init__(self, client: Any) -> None:
        self._client = client
