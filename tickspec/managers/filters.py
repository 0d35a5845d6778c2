"""`client.filters`: saved filters (smart lists); every write is `POST /api/v2/batch/filter`.

A filter's `rule` is JSON serialized into a string, e.g.
`{"and": [{"or": [5, 3], "conditionType": 1, "conditionName": "priority"}], "version": 1,
"type": 0}`; `build_rule` writes it from keyword arguments (ticktick-sdk's helper).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from tickspec_generated.models.filter import Filter
from tickspec_generated.models.filter_batch_request import FilterBatchRequest

from tickspec.workflows.tasks import patch

from ._base import BatchEndpoint, ManagerBase, to_wire_fields, wire_of
from ._flow import Flow, arun, run

__all__ = ["AsyncFiltersManager", "FiltersManager", "build_rule"]

SORT_STEP = 1 << 40
BATCH = BatchEndpoint("filters", "filters", "batch_filter", "batchFilter", FilterBatchRequest)


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


class FilterFlows(ManagerBase):
    """Generators behind `FiltersManager` and `AsyncFiltersManager`."""

    build_rule = staticmethod(build_rule)

    def _get_all(self) -> Flow[list[Filter]]:
        yield from self._sync()
        return list(self._state.filters.values())

    def _get(self, filter_id: str) -> Flow[Filter]:
        return (
            yield from self._find("filters", filter_id, Filter, f"filter {filter_id} not found")
        )

    def _create(
        self, name: str, rule: str | Mapping[str, Any], fields: Mapping[str, Any]
    ) -> Flow[Filter]:
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
        body.update({k: v for k, v in to_wire_fields(Filter, fields).items() if v is not None})
        yield from self._write_batch(BATCH, add=[body])
        return self._stored("filters", body["id"], Filter)

    def _update(self, filter_: Filter | Mapping[str, Any]) -> Flow[Filter]:
        body = patch(wire_of(filter_), self._now())
        yield from self._write_batch(BATCH, update=[body])
        return self._stored("filters", body["id"], Filter)

    def _delete(self, filter_id: str) -> Flow[None]:
        yield from self._write_batch(BATCH, delete=[filter_id])


class FiltersManager(FilterFlows):
    """Filter operations over a blocking `Client`."""

    def create(
        self,
        name: str,
        rule: str | Mapping[str, Any],
        *,
        view_mode: str | None = None,
        **fields: Any,
    ) -> Filter:
        return run(self._client, self._create(name, rule, {"view_mode": view_mode, **fields}))

    def get(self, filter_id: str) -> Filter:
        return run(self._client, self._get(filter_id))

    def get_all(self) -> list[Filter]:
        return run(self._client, self._get_all())

    def update(self, filter_: Filter | Mapping[str, Any]) -> Filter:
        return run(self._client, self._update(filter_))

    def delete(self, filter_id: str) -> None:
        run(self._client, self._delete(filter_id))


class AsyncFiltersManager(FilterFlows):
    """Filter operations over an `AsyncClient`; same methods, awaited."""

    async def create(
        self,
        name: str,
        rule: str | Mapping[str, Any],
        *,
        view_mode: str | None = None,
        **fields: Any,
    ) -> Filter:
        return await arun(
            self._client, self._create(name, rule, {"view_mode": view_mode, **fields})
        )

    async def get(self, filter_id: str) -> Filter:
        return await arun(self._client, self._get(filter_id))

    async def get_all(self) -> list[Filter]:
        return await arun(self._client, self._get_all())

    async def update(self, filter_: Filter | Mapping[str, Any]) -> Filter:
        return await arun(self._client, self._update(filter_))

    async def delete(self, filter_id: str) -> None:
        await arun(self._client, self._delete(filter_id))
