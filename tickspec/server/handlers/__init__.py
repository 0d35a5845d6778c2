"""Real behaviour per operation; importing this package registers every handler."""

from __future__ import annotations

from tickspec.server.handlers import (
    account,
    habits,
    listings,
    organize,
    projects,
    sync,
    tags,
    tasks,
    user,
)
from tickspec.server.handlers.base import HANDLERS, handles

__all__ = [
    "HANDLERS",
    "account",
    "habits",
    "handles",
    "listings",
    "organize",
    "projects",
    "sync",
    "tags",
    "tasks",
    "user",
]
