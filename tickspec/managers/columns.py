"""`client.columns`: kanban columns (sections) of projects.

Create and update share `POST /api/v2/column`, which upserts by column id
(seed 001). Columns are not part of the sync answer; reads store what they get.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import columns as columns_api
from tickspec_generated.fields import ColumnCreateFields
from tickspec_generated.models.column import Column
from tickspec_generated.models.column_batch_request import ColumnBatchRequest

from tickspec.workflows.tasks import patch

from ._base import BatchEndpoint, ManagerBase, to_wire_fields, wire_of
from ._flow import Flow, ModeT, operation

__all__ = ["AsyncColumnsManager", "ColumnsManager"]

SORT_STEP = 1 << 40
BATCH = BatchEndpoint(
    "columns", columns_api.upsert_columns, "upsertColumns", ColumnBatchRequest, ("add", "update")
)

NO_DELETE = (
    "TickTick has no known endpoint to delete a column (seed 001: none was found in the "
    "web app's traffic); deleting the project removes its columns"
)


class ColumnsManager(ManagerBase[ModeT]):
    """Column operations; `Client.columns` runs them blocking, `AsyncClient`'s awaited."""

    @operation
    def get_all(
        self, *, from_: int | None = None, **options: Unpack[RequestOptions]
    ) -> Flow[list[Column]]:
        """Columns of every project (modified since `from_`, epoch ms, when given)."""
        columns = list((yield from columns_api.get_columns(from_=from_)))
        if not from_:
            self._state.replace("columns", columns)
        else:
            self._state.upsert("columns", columns)
        return columns

    @operation
    def get_by_project(
        self, project_id: str, **options: Unpack[RequestOptions]
    ) -> Flow[list[Column]]:
        """The kanban columns of one project, read from the server.

        For example:

            names = [c.name for c in client.columns.get_by_project(project.id)]
        """
        return (yield from self._get_by_project(project_id))

    def _get_by_project(self, project_id: str) -> Flow[list[Column]]:
        columns = list((yield from columns_api.get_project_columns(project_id)))
        stale = [k for k, c in self._state.columns.items() if c.project_id == project_id]
        self._state.remove("columns", stale)
        self._state.upsert("columns", columns)
        return columns

    @operation
    def create(
        self, /, project_id: str, name: str, **fields: Unpack[ColumnCreateFields]
    ) -> Flow[Column]:
        """Add a column after the project's other columns."""
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

    @operation
    def update(
        self, column: Column | Mapping[str, Any], **options: Unpack[RequestOptions]
    ) -> Flow[Column]:
        """Write a whole column back (a `Column` or mapping, with its etag).

        For example:

            client.columns.update(column.model_copy(update={"sort_order": 0}))
        """
        return (yield from self._update(column))

    def _update(self, column: Column | Mapping[str, Any]) -> Flow[Column]:
        body = patch(wire_of(column), self._now())
        yield from self._write_batch(BATCH, update=[body])
        return self._stored("columns", body["id"], Column)

    @operation
    def rename(
        self, column_id: str, project_id: str, name: str, **options: Unpack[RequestOptions]
    ) -> Flow[Column]:
        """Rename a kanban column of `project_id`.

        For example:

            client.columns.rename(column.id, project.id, "Doing")
        """
        current = yield from self._find(
            "columns",
            column_id,
            Column,
            f"column {column_id} not found in project {project_id}",
            refresh=lambda: self._get_by_project(project_id),
        )
        return (yield from self._update({**wire_of(current), "name": name}))

    @operation
    def delete(
        self, column_id: str, project_id: str | None = None, **options: Unpack[RequestOptions]
    ) -> Flow[None]:
        """Not possible: raises NotImplementedError (no delete endpoint is known)."""
        raise NotImplementedError(NO_DELETE)
        yield  # unreachable; makes this a flow like the others


AsyncColumnsManager = ColumnsManager
"""The same class: `AsyncClient.columns` is a `ColumnsManager[Awaiting]`."""
