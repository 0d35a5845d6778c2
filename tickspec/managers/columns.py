"""`client.columns`: kanban columns (sections) of projects.

Create and update share `POST /api/v2/column`, which upserts by column id
(seed 001). Columns are not part of the sync answer; reads store what they get.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn

from tickspec_generated.models.column import Column
from tickspec_generated.models.column_batch_request import ColumnBatchRequest

from tickspec.workflows.tasks import patch

from ._base import BatchEndpoint, ManagerBase, to_wire_fields, wire_of
from ._flow import Call, Flow, arun, run

__all__ = ["AsyncColumnsManager", "ColumnsManager"]

SORT_STEP = 1 << 40
BATCH = BatchEndpoint(
    "columns", "columns", "upsert_columns", "upsertColumns", ColumnBatchRequest, ("add", "update")
)

NO_DELETE = (
    "TickTick has no known endpoint to delete a column (seed 001: none was found in the "
    "web app's traffic); deleting the project removes its columns"
)


class ColumnFlows(ManagerBase):
    """Generators behind `ColumnsManager` and `AsyncColumnsManager`."""

    def _get_all(self, from_: int | None) -> Flow[list[Column]]:
        columns: list[Column] = list((yield Call("columns", "get_columns", (), {"from_": from_})))
        if not from_:
            self._state.replace("columns", columns)
        else:
            self._state.upsert("columns", columns)
        return columns

    def _get_by_project(self, project_id: str) -> Flow[list[Column]]:
        columns: list[Column] = list((yield Call("columns", "get_project_columns", (project_id,))))
        stale = [k for k, c in self._state.columns.items() if c.project_id == project_id]
        self._state.remove("columns", stale)
        self._state.upsert("columns", columns)
        return columns

    def _create(self, project_id: str, name: str, fields: Mapping[str, Any]) -> Flow[Column]:
        orders = [
            c.sort_order
            for c in self._state.columns.values()
            if c.project_id == project_id and c.sort_order is not None
        ]
        now = self._now()
        body: dict[str, Any] = {
            "id": self._new_id(),
            "projectId": project_id,
            "name": name,
            "sortOrder": max([0, *orders]) + SORT_STEP,
            "createdTime": now,
            "modifiedTime": now,
        }
        body.update({k: v for k, v in to_wire_fields(Column, fields).items() if v is not None})
        yield from self._write_batch(BATCH, add=[body])
        return self._stored("columns", body["id"], Column)

    def _update(self, column: Column | Mapping[str, Any]) -> Flow[Column]:
        body = patch(wire_of(column), self._now())
        yield from self._write_batch(BATCH, update=[body])
        return self._stored("columns", body["id"], Column)

    def _rename(self, column_id: str, project_id: str, name: str) -> Flow[Column]:
        current = yield from self._find(
            "columns",
            column_id,
            Column,
            f"column {column_id} not found in project {project_id}",
            refresh=lambda: self._get_by_project(project_id),
        )
        return (yield from self._update({**wire_of(current), "name": name}))


class ColumnsManager(ColumnFlows):
    """Column operations over a blocking `Client`."""

    def get_all(self, *, from_: int | None = None) -> list[Column]:
        """Columns of every project (modified since `from_`, epoch ms, when given)."""
        return run(self._client, self._get_all(from_))

    def get_by_project(self, project_id: str) -> list[Column]:
        return run(self._client, self._get_by_project(project_id))

    def create(self, project_id: str, name: str, **fields: Any) -> Column:
        """Add a column after the project's other columns."""
        return run(self._client, self._create(project_id, name, fields))

    def rename(self, column_id: str, project_id: str, name: str) -> Column:
        return run(self._client, self._rename(column_id, project_id, name))

    def update(self, column: Column | Mapping[str, Any]) -> Column:
        return run(self._client, self._update(column))

    def delete(self, column_id: str, project_id: str | None = None) -> NoReturn:
        """Not possible: raises NotImplementedError (no delete endpoint is known)."""
        raise NotImplementedError(NO_DELETE)


class AsyncColumnsManager(ColumnFlows):
    """Column operations over an `AsyncClient`; same methods, awaited."""

    async def get_all(self, *, from_: int | None = None) -> list[Column]:
        return await arun(self._client, self._get_all(from_))

    async def get_by_project(self, project_id: str) -> list[Column]:
        return await arun(self._client, self._get_by_project(project_id))

    async def create(self, project_id: str, name: str, **fields: Any) -> Column:
        return await arun(self._client, self._create(project_id, name, fields))

    async def rename(self, column_id: str, project_id: str, name: str) -> Column:
        return await arun(self._client, self._rename(column_id, project_id, name))

    async def update(self, column: Column | Mapping[str, Any]) -> Column:
        return await arun(self._client, self._update(column))

    async def delete(self, column_id: str, project_id: str | None = None) -> NoReturn:
        """Not possible: raises NotImplementedError (no delete endpoint is known)."""
        raise NotImplementedError(NO_DELETE)
