"""UserManager: placeholder while the manager is being written."""

from __future__ import annotations

from typing import Any


class UserManager:
    """Synchronous user manager."""

    def __init__(self, client: Any) -> None:
        self._client = client


class AsyncUserManager:
    """Asynchronous user manager."""

    def __init__(self, client: Any) -> None:
        self._client = client
