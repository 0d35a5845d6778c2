"""TagsManager: placeholder while the manager is being written."""

from __future__ import annotations

from typing import Any


class TagsManager:
    """Synchronous tags manager."""

    def __init__(self, client: Any) -> None:
        self._client = client


class AsyncTagsManager:
    """Asynchronous tags manager."""

    def __init__(self, client: Any) -> None:
        self._client = client
