"""Saved filters (batch only) and kanban columns (read, upsert).

`POST /api/v2/column` upserts by id (seed 001: "the API upserts by column id"),
so add and update both write; `delete` entries (shape never captured) may be
ids or `{columnId|id, projectId}` objects. `GET /api/v2/column?from=<ms>`
answers the columns modified at or after that Unix time in milliseconds (all
when absent or 0); `GET /api/v2/column/project/{id}` a project's columns, by
sortOrder.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tickspec.server.context import Call
from tickspec.server.handlers import batch
from tickspec.server.handlers.base import handles
from tickspec.server.handlers.kinds import COLUMN, FILTER
from tickspec.server.store import COLUMNS

JsonObject = dict[str, Any]


@handles("batchFilter")
def batch_filter(call: Call) -> JsonObject:
    return batch.apply(call.store, FILTER, call.body).body()


@handles("upsertColumns")
def upsert_columns(call: Call) -> JsonObject:
    return batch.apply(call.store, COLUMN, call.body).body()


def _modified_ms(column: JsonObject) -> int:
    stamp = column.get("modifiedTime")
    if not isinstance(stamp, str):
        return 0
    try:
        moment = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%f%z")
    except ValueError:
        return 0
    return int(moment.astimezone(UTC).timestamp() * 1000)


def _ordered(columns: list[JsonObject]) -> list[JsonObject]:
    return sorted(columns, key=lambda c: (int(c.get("sortOrder") or 0), str(c.get("id"))))


@handles("getColumns")
def get_columns(call: Call) -> list[JsonObject]:
    since = int(call.query.get("from") or 0)
    return _ordered([c for c in call.store.values(COLUMNS) if _modified_ms(c) >= since])


@handles("getProjectColumns")
def project_columns(call: Call) -> list[JsonObject]:
    project_id = call.path["projectId"]
    return _ordered([c for c in call.store.values(COLUMNS) if c.get("projectId") == project_id])
