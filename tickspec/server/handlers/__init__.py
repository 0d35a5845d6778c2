"""Real behaviour per operation; importing this package registers every handler."""

from __future__ import annotations

from tickspec.server.handlers import (
    account,
    countdowns,
    extras,
    focus,
    habits,
    listings,
    oauth,
    open_api,
    open_habits,
    open_objects,
    open_tasks,
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
    "countdowns",
    "extras",
    "focus",
    "habits",
    "handles",
    "listings",
    "oauth",
    "open_api",
    "open_habits",
    "open_objects",
    "open_tasks",
    "organize",
    "projects",
    "sync",
    "tags",
    "tasks",
    "user",
]
