"""Helpers shared by the manager, workflow and stateful tests (no tests of its own).

`mirror_problems` is the check that the client's local state is the server's
truth: the same objects under the same keys, every field the client holds
equal on the server (so nothing it sent was lost or changed), and the only
fields the server has beyond those the ones it owns (`creator`, `deleted`,
`userId`) or fills in as defaults on add (read from the server's own kind
table, so the check follows the server instead of copying it).
"""

from __future__ import annotations

import inspect
from typing import Any, TypedDict

from tickspec.server.handlers import kinds
from tickspec.state import LocalState


class Unknown(TypedDict):
    """The planted field's shape: a TypedDict, so `**UNKNOWN` can only land in `**fields`."""

    x_future_field: dict[str, list[int]]


UNKNOWN: Unknown = {"x_future_field": {"nested": [1, 2]}}
"""A field no spec knows, planted in created objects: it must survive everywhere."""

SERVER_COLLECTION = {
    "tasks": ("tasks", kinds.TASK),
    "projects": ("projects", kinds.PROJECT),
    "project_groups": ("projectGroups", kinds.PROJECT_GROUP),
    "tags": ("tags", kinds.TAG),
    "filters": ("filters", kinds.FILTER),
    "columns": ("columns", kinds.COLUMN),
    "habits": ("habits", kinds.HABIT),
    "habit_checkins": ("habitCheckins", kinds.CHECKIN),
}
SERVER_OWNED = frozenset({"creator", "deleted", "userId"})


class _Documents:
    """What the default tables read of a store: its documents (the settings' time zone)."""

    def __init__(self, documents: dict[str, Any]) -> None:
        self.documents = documents

    def document(self, name: str) -> dict[str, Any]:
        found: dict[str, Any] = self.documents.get(name) or {}
        return found


def _server_fills(kind: Any, server: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    defaults: dict[str, Any] = kind.defaults(_Documents(server.get("documents") or {}))
    return defaults, tuple(kind.time_fields)


def mirror_problems(state: LocalState, server: dict[str, Any]) -> list[str]:
    """Every way the local state differs from the server's store (empty: a mirror)."""
    problems: list[str] = []
    local_all = state.snapshot()
    for local_name, (server_name, kind) in SERVER_COLLECTION.items():
        local, remote = local_all[local_name], server[server_name]
        if set(local) != set(remote):
            problems.append(
                f"{local_name}: only local {sorted(set(local) - set(remote))}, "
                f"only server {sorted(set(remote) - set(local))}"
            )
        defaults, time_fields = _server_fills(kind, server)
        for key in sorted(set(local) & set(remote)):
            mine, theirs = local[key], remote[key]
            # what the server derives from what was sent (a tag's rawName from its name)
            sent = {f: v for f, v in theirs.items() if f in mine}
            derived = kind.prepare(sent) if kind.prepare is not None else sent
            for field in sorted(set(mine) | set(theirs)):
                where = f"{local_name}[{key}].{field}"
                if field in mine and field in theirs:
                    if mine[field] != theirs[field]:
                        problems.append(f"{where}: local {mine[field]!r} != {theirs[field]!r}")
                elif field in mine:
                    problems.append(f"{where}: only in local state")
                elif field in SERVER_OWNED or field in time_fields:
                    continue
                elif derived.get(field, defaults.get(field, ...)) != theirs[field]:
                    problems.append(f"{where}: only on the server ({theirs[field]!r})")
    return problems


async def resolve(value: Any) -> Any:
    """Await a coroutine (async client), pass a plain value (sync client) through.

    Lets one scenario drive `Client` and `AsyncClient` alike.
    """
    if inspect.isawaitable(value):
        return await value
    return value


class Recorder:
    """Wraps a manager and records which public methods a scenario called."""

    def __init__(self, target: Any, seen: set[str], prefix: str) -> None:
        self._target = target
        self._seen = seen
        self._prefix = prefix

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._target, name)
        if callable(attr) and not name.startswith("_"):
            self._seen.add(f"{self._prefix}.{name}")
        return attr


def public_methods(cls: type) -> set[str]:
    """Public methods a manager class defines itself or inherits from its flows."""
    return {
        name
        for name, value in inspect.getmembers(cls)
        if not name.startswith("_") and inspect.isfunction(value)
    }
