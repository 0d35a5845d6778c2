"""`client.filters`: saved filters (smart lists); every write is `POST /api/v2/batch/filter`.

A filter's `rule` is JSON serialized into a string, e.g.
`{"and": [{"or": [5, 3], "conditionType": 1, "conditionName": "priority"}], "version": 1,
"type": 0}`; `build_rule` writes it from keyword arguments (ticktick-sdk's helper).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Literal, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import filters as filters_api
from tickspec_generated.fields import FilterCreateFields
from tickspec_generated.models.filter import Filter
from tickspec_generated.models.filter_batch_request import FilterBatchRequest

from tickspec.workflows.tasks import patch

from ._base import BatchEndpoint, ManagerBase, to_wire_fields, wire_of
from ._flow import Flow, ModeT, operation

__all__ = ["AsyncFiltersManager", "FiltersManager", "build_rule"]

SORT_STEP = 1 << 40
BATCH = BatchEndpoint("filters", filters_api.batch_filter, "batchFilter", FilterBatchRequest)


def build_rule(
    *,
    project_ids: Sequence[str] = (),
    priority: Sequence[int] = (),
    tag_names: Sequence[str] = (),
    due: Sequence[str] = (),
    group_ids: Sequence[str] = (),
) -> str:
    """A filter rule (as the string TickTick stores): every given condition must hold.

    `due` takes TickTick's date keys (`today`, `tomorrow`, `thisweek`, `overdue`,
    `nodue`, ...). Conditions left empty are not part of the rule.
    """
    conditions: list[dict[str, Any]] = []
    for name, values in (
        ("list", list(project_ids)),
        ("group", list(group_ids)),
        ("tag", list(tag_names)),
        ("priority", list(priority)),
        ("dueDate", list(due)),
    ):
        if values:
            conditions.append({"or": values, "conditionType": 1, "conditionName": name})
    return json.dumps({"and": conditions, "version": 1, "type": 0}, separators=(",", ":"))


class FiltersManager(ManagerBase[ModeT]):
    """Filter operations; `Client.filters` runs them blocking, `AsyncClient.filters` awaited."""

    build_rule = staticmethod(build_rule)

    @operation
    def get_all(self, **options: Unpack[RequestOptions]) -> Flow[list[Filter]]:
        """Every saved filter, after a sync.

        For example:

            for flt in client.filters.get_all(): print(flt.name)
        """
        yield from self._sync()
        return list(self._state.filters.values())

    @operation
    def get(self, filter_id: str, **options: Unpack[RequestOptions]) -> Flow[Filter]:
        """One saved filter by id (synced first if it is not known).

        For example:

            client.filters.get(filter_id).rule
        """
        return (
            yield from self._find("filters", filter_id, Filter, f"filter {filter_id} not found")
        )

    @operation
    def create(
        self,
        /,
        name: str,
        rule: str | Mapping[str, Any],
        *,
        view_mode: Literal["list", "kanban", "timeline"] | None = None,
        **fields: Unpack[FilterCreateFields],
    ) -> Flow[Filter]:
        """A saved smart list; `rule` is TickTick's JSON rule (text, or a mapping dumped compactly).

        `fields` are `Filter` attributes; `view_mode` is list, kanban or timeline.

            client.filters.create("Today", {"type": 0, "and": [{"conditionType": 1,
                "or": ["today"], "conditionName": "dueDate"}], "version": 1})
        """
        given: dict[str, Any] = {"view_mode": view_mode, **fields}
        orders = [f.sort_order for f in self._state.filters.values() if f.sort_order is not None]
        now = self._now()
        body: dict[str, Any] = {
            "id": self._new_id(),
            "name": name,
            "rule": rule if isinstance(rule, str) else json.dumps(rule, separators=(",", ":")),
            "sortOrder": min([0, *orders]) - SORT_STEP,
            "sortType": "dueDate",
            "viewMode": "list",
            "createdTime": now,
            "modifiedTime": now,
        }
        body.update({k: v for k, v in to_wire_fields(Filter, given).items() if v is not None})
        yield from self._write_batch(BATCH, add=[body])
        return self._stored("filters", body["id"], Filter)

    @operation
    def update(
        self, filter_: Filter | Mapping[str, Any], **options: Unpack[RequestOptions]
    ) -> Flow[Filter]:
        """Write a whole filter back (its `modifiedTime` set now).

        For example:

            client.filters.update(flt.model_copy(update={"name": "Soon"}))
        """
        body = patch(wire_of(filter_), self._now())
        yield from self._write_batch(BATCH, update=[body])
        return self._stored("filters", body["id"], Filter)

    @operation
    def delete(self, filter_id: str, **options: Unpack[RequestOptions]) -> Flow[None]:
        """Delete a saved filter by id.

        For example:

            client.filters.delete(flt.id)
        """
        yield from self._write_batch(BATCH, delete=[filter_id])


AsyncFiltersManager = FiltersManager
"""The same class: `AsyncClient.filters` is a `FiltersManager[Awaiting]`."""
