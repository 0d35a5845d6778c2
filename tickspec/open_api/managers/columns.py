"""`OpenClient.columns`: the kanban columns of a project."""

from __future__ import annotations

from typing import Any, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import open as open_api
from tickspec_generated.models.open_column import OpenColumn
from tickspec_generated.models.open_column_create import OpenColumnCreate
from tickspec_generated.models.open_column_update import OpenColumnUpdate

from tickspec.managers._flow import Flow, ModeT, operation

from ._base import OpenManager, body_of

__all__ = ["AsyncOpenColumnsManager", "OpenColumnsManager"]


class OpenColumnsManager(OpenManager[ModeT]):
    """Columns over the Open API; blocking on `OpenClient`, awaited on `AsyncOpenClient`."""

    @operation
    def get_by_project(
        self, project_id: str, **options: Unpack[RequestOptions]
    ) -> Flow[list[OpenColumn]]:
        """A project's columns: `get_by_project("6226ff9877acee87727f6bca")`."""
        return list((yield from open_api.open_list_columns(project_id)))

    @operation
    def create(self, /, project_id: str, name: str, **fields: Any) -> Flow[OpenColumn]:
        """A new column (name up to 1000 characters): `create("6226ff98...", "Doing")`."""
        body = body_of(OpenColumnCreate, {"name": name}, fields)
        return (yield from open_api.open_create_column(project_id, body))

    @operation
    def update(self, /, project_id: str, column_id: str, **fields: Any) -> Flow[OpenColumn]:
        """Change the named fields of a column:
        `update("6226ff98...", "6226ff9e76e5fc39f2862d1b", name="Done")`.
        """
        body = body_of(OpenColumnUpdate, None, fields)
        return (yield from open_api.open_update_column(project_id, column_id, body))


AsyncOpenColumnsManager = OpenColumnsManager
"""The same class: `AsyncOpenClient.columns` is an `OpenColumnsManager[Awaiting]`."""
