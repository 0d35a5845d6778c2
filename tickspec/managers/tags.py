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
from typing import Any, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import tags as tags_api
from tickspec_generated.fields import TagCreateFields
from tickspec_generated.models.tag import Tag
from tickspec_generated.models.tag_batch_request import TagBatchRequest
from tickspec_generated.models.tag_merge_request import TagMergeRequest
from tickspec_generated.models.tag_rename_request import TagRenameRequest

from tickspec import wire

from ._base import BatchEndpoint, ManagerBase, to_wire_fields, wire_of
from ._flow import Flow, ModeT, operation

__all__ = ["AsyncTagsManager", "TagsManager"]

SORT_STEP = 1 << 40
BATCH = BatchEndpoint("tags", tags_api.batch_tag, "batchTag", TagBatchRequest)


class TagsManager(ManagerBase[ModeT]):
    """Tag operations; `Client.tags` runs them blocking, `AsyncClient.tags` awaited."""

    @operation
    def get_all(self, **options: Unpack[RequestOptions]) -> Flow[list[Tag]]:
        """Every tag, after a sync.

        For example:

            names = [t.name for t in client.tags.get_all()]
        """
        yield from self._sync()
        return list(self._state.tags.values())

    @operation
    def get(self, name: str, **options: Unpack[RequestOptions]) -> Flow[Tag]:
        """One tag by name (case-blind), synced first if it is not known.

        For example:

            client.tags.get("Work").color
        """
        return (yield from self._get(name))

    def _get(self, name: str) -> Flow[Tag]:
        return (yield from self._find("tags", name.lower(), Tag, f"tag {name!r} not found"))

    @operation
    def get_children(self, name: str, **options: Unpack[RequestOptions]) -> Flow[list[Tag]]:
        """The sub-tags of `name`."""
        key = name.lower()
        yield from self._sync()
        tags = self._state.tags.values()
        return [t for t in tags if t.parent == key or t.name.startswith(key + "/")]

    @operation
    def create(
        self,
        /,
        name: str,
        *,
        color: str | None = None,
        parent: str | None = None,
        **fields: Unpack[TagCreateFields],
    ) -> Flow[Tag]:
        """Create a tag; `"work/urgent"` (or `parent="work"`) makes a sub-tag."""
        return (yield from self._create(name, parent, {"color": color, **fields}))

    @operation
    def create_subtag(
        self, /, parent: str, name: str, **fields: Unpack[TagCreateFields]
    ) -> Flow[Tag]:
        """A tag nested under `parent` (stored as `parent/name`, lower case).

        For example:

            client.tags.create_subtag("work", "calls")
        """
        return (yield from self._create(f"{parent}/{name}", parent, fields))

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

    @operation
    def update(self, tag: Tag | Mapping[str, Any], **options: Unpack[RequestOptions]) -> Flow[Tag]:
        """Write a whole tag back (a `Tag` or mapping; the name is its key).

        For example:

            tag = client.tags.get("work")
            client.tags.update(tag.model_copy(update={"color": "#4772FA"}))
        """
        body = wire_of(tag)
        yield from self._write_batch(BATCH, update=[body])
        return self._stored("tags", str(body["name"]), Tag)

    @operation
    def rename(self, name: str, new_name: str, **options: Unpack[RequestOptions]) -> Flow[Tag]:
        """Rename a tag on every task (`PUT /api/v2/tag/rename`)."""
        body = wire.parse(TagRenameRequest, {"name": name.lower(), "newName": new_name})
        yield from tags_api.rename_tag(body)
        yield from self._sync()
        return (yield from self._get(new_name))

    @operation
    def merge(self, name: str, into: str, **options: Unpack[RequestOptions]) -> Flow[Tag]:
        """Move the tasks of `name` to `into` and delete `name`."""
        body = wire.parse(TagMergeRequest, {"name": name.lower(), "newName": into.lower()})
        yield from tags_api.merge_tag(body)
        self._state.remove("tags", [name.lower()])
        yield from self._sync()
        return (yield from self._get(into))

    @operation
    def delete(self, name: str, **options: Unpack[RequestOptions]) -> Flow[None]:
        """Delete a tag by name (tasks keep their text, lose the tag); syncs afterwards.

        For example:

            client.tags.delete("obsolete")
        """
        key = name.lower()
        if "/" in key:
            yield from self._write_batch(BATCH, delete=[key])
        else:
            yield from tags_api.delete_tag(key)
            self._state.remove("tags", [key])
        yield from self._sync()


AsyncTagsManager = TagsManager
"""The same class: `AsyncClient.tags` is a `TagsManager[Awaiting]`."""
