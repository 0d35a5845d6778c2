"""`client.tags`: tags and sub-tags, keyed by their lowercase name.

A sub-tag is named `parent/child` and carries `parent` (ticktick-sdk, spec).
Create and update go through `POST /api/v2/batch/tag`; a top-level tag is
deleted with `DELETE /api/v2/tag/{name}`, a sub-tag (whose name holds a `/`
the path cannot carry) with the batch `delete`. Rename, merge and delete
change tasks on the server too, so they end with a sync that brings those
tasks (and the tag list) back into the local state.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tickspec_generated.models.tag import Tag
from tickspec_generated.models.tag_batch_request import TagBatchRequest
from tickspec_generated.models.tag_merge_request import TagMergeRequest
from tickspec_generated.models.tag_rename_request import TagRenameRequest

from tickspec import wire

from ._base import BatchEndpoint, ManagerBase, to_wire_fields, wire_of
from ._flow import Call, Flow, arun, run

__all__ = ["AsyncTagsManager", "TagsManager"]

SORT_STEP = 1 << 40
BATCH = BatchEndpoint("tags", "tags", "batch_tag", "batchTag", TagBatchRequest)


class TagFlows(ManagerBase):
    """Generators behind `TagsManager` and `AsyncTagsManager`."""

    def _get_all(self) -> Flow[list[Tag]]:
        yield from self._sync()
        return list(self._state.tags.values())

    def _get(self, name: str) -> Flow[Tag]:
        return (yield from self._find("tags", name.lower(), Tag, f"tag {name!r} not found"))

    def _get_children(self, name: str) -> Flow[list[Tag]]:
        key = name.lower()
        tags = yield from self._get_all()
        return [t for t in tags if t.parent == key or t.name.startswith(key + "/")]

    def _create(self, label: str, parent: str | None, fields: Mapping[str, Any]) -> Flow[Tag]:
        name = label.lower()
        if parent is None and "/" in name:
            parent = name.rsplit("/", 1)[0]
        orders = [t.sort_order for t in self._state.tags.values() if t.sort_order is not None]
        body: dict[str, Any] = {
            "name": name,
            "label": label,
            "sortOrder": min([0, *orders]) - SORT_STEP,
            "sortType": "name",
            "type": 1,
        }
        if parent is not None:
            body["parent"] = parent.lower()
        body.update({k: v for k, v in to_wire_fields(Tag, fields).items() if v is not None})
        yield from self._write_batch(BATCH, add=[body])
        return self._stored("tags", name, Tag)

    def _update(self, tag: Tag | Mapping[str, Any]) -> Flow[Tag]:
        body = wire_of(tag)
        yield from self._write_batch(BATCH, update=[body])
        return self._stored("tags", str(body["name"]), Tag)

    def _rename(self, name: str, new_name: str) -> Flow[Tag]:
        body = wire.parse(TagRenameRequest, {"name": name.lower(), "newName": new_name})
        yield Call("tags", "rename_tag", (body,))
        yield from self._sync()
        return (yield from self._get(new_name))

    def _merge(self, name: str, into: str) -> Flow[Tag]:
        body = wire.parse(TagMergeRequest, {"name": name.lower(), "newName": into.lower()})
        yield Call("tags", "merge_tag", (body,))
        self._state.remove("tags", [name.lower()])
        yield from self._sync()
        return (yield from self._get(into))

    def _delete(self, name: str) -> Flow[None]:
        key = name.lower()
        if "/" in key:
            yield from self._write_batch(BATCH, delete=[key])
        else:
            yield Call("tags", "delete_tag", (key,))
            self._state.remove("tags", [key])
        yield from self._sync()


class TagsManager(TagFlows):
    """Tag operations over a blocking `Client`."""

    def create(
        self, name: str, *, color: str | None = None, parent: str | None = None, **fields: Any
    ) -> Tag:
        """Create a tag; `"work/urgent"` (or `parent="work"`) makes a sub-tag."""
        return run(self._client, self._create(name, parent, {"color": color, **fields}))

    def create_subtag(self, parent: str, name: str, **fields: Any) -> Tag:
        return run(self._client, self._create(f"{parent}/{name}", parent, fields))

    def get(self, name: str) -> Tag:
        return run(self._client, self._get(name))

    def get_all(self) -> list[Tag]:
        return run(self._client, self._get_all())

    def get_children(self, name: str) -> list[Tag]:
        """The sub-tags of `name`."""
        return run(self._client, self._get_children(name))

    def update(self, tag: Tag | Mapping[str, Any]) -> Tag:
        return run(self._client, self._update(tag))

    def rename(self, name: str, new_name: str) -> Tag:
        """Rename a tag on every task (`PUT /api/v2/tag/rename`)."""
        return run(self._client, self._rename(name, new_name))

    def merge(self, name: str, into: str) -> Tag:
        """Move the tasks of `name` to `into` and delete `name`."""
        return run(self._client, self._merge(name, into))

    def delete(self, name: str) -> None:
        run(self._client, self._delete(name))


class AsyncTagsManager(TagFlows):
    """Tag operations over an `AsyncClient`; same methods, awaited."""

    async def create(
        self, name: str, *, color: str | None = None, parent: str | None = None, **fields: Any
    ) -> Tag:
        return await arun(self._client, self._create(name, parent, {"color": color, **fields}))

    async def create_subtag(self, parent: str, name: str, **fields: Any) -> Tag:
        return await arun(self._client, self._create(f"{parent}/{name}", parent, fields))

    async def get(self, name: str) -> Tag:
        return await arun(self._client, self._get(name))

    async def get_all(self) -> list[Tag]:
        return await arun(self._client, self._get_all())

    async def get_children(self, name: str) -> list[Tag]:
        return await arun(self._client, self._get_children(name))

    async def update(self, tag: Tag | Mapping[str, Any]) -> Tag:
        return await arun(self._client, self._update(tag))

    async def rename(self, name: str, new_name: str) -> Tag:
        return await arun(self._client, self._rename(name, new_name))

    async def merge(self, name: str, into: str) -> Tag:
        return await arun(self._client, self._merge(name, into))

    async def delete(self, name: str) -> None:
        await arun(self._client, self._delete(name))
