"""Tags: batch, rename, merge, delete, and completed tasks by tag.

Tags have no id: they are keyed by `name` exactly as sent (TickTick sends them
lower-case); a task names its tags in `tags`, matched case-insensitively here.
Every change of a tag that tasks carry rewrites those tasks (new etag, so delta
sync returns them):

* rename `{name, newName}` (PUT /api/v2/tag/rename): the tag, its sub-tags
  (`name/child` and `parent: name`) and every task's tags. Unknown `name` ->
  500 `tag_not_found`, unless `newName` exists already (a retried rename:
  success, nothing written); `newName` taken -> 500 `tag_already_exists`.
* merge `{name, newName}` (PUT /api/v2/tag/merge): `name` disappears, its tasks
  carry `newName` instead (once). `newName` unknown -> 500 `tag_not_found`;
  `name` unknown while `newName` exists -> success (retry).
* delete (DELETE /api/v2/tag/{name} or ?name=, or `delete` in the batch): the tag goes,
  tasks lose it, sub-tags lose their parent. Deleting a deleted tag succeeds.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tickspec.server import errors
from tickspec.server.context import Call
from tickspec.server.handlers import batch
from tickspec.server.handlers.base import handles
from tickspec.server.handlers.kinds import TAG
from tickspec.server.handlers.listings import COMPLETED, DEFAULT_LIMIT
from tickspec.server.store import TAGS, TASKS, Store

JsonObject = dict[str, Any]


def _renamed(tag: str, old: str, new: str | None) -> str | None:
    """A task's tag after `old` becomes `new` (None: dropped)."""
    low, old_low = tag.lower(), old.lower()
    if low == old_low:
        return new
    if new is not None and low.startswith(old_low + "/"):
        return new + tag[len(old) :]
    return tag


def _retag_tasks(store: Store, old: str, new: str | None) -> None:
    for task_id, task in store.items(TASKS):
        tags = task.get("tags") or []
        changed: list[str] = []
        for tag in tags:
            renamed = _renamed(tag, old, new) if isinstance(tag, str) else tag
            if renamed is not None and renamed not in changed:
                changed.append(renamed)
        if changed != tags:
            batch.touch(store, TASKS, task_id, {**task, "tags": changed})


def _drop_tag(store: Store, name: str, tag: JsonObject) -> None:
    del tag
    store.remove(TAGS, name)
    _retag_tasks(store, name, None)
    for child_name, child in store.items(TAGS):
        if child.get("parent") == name:
            batch.touch(store, TAGS, child_name, {**child, "parent": None})


TAG_KIND = replace(TAG, on_delete=_drop_tag)


@handles("batchTag")
def batch_tag(call: Call) -> JsonObject:
    return batch.apply(call.store, TAG_KIND, call.body).body()


def _missing(name: str) -> errors.ApiError:
    return errors.semantic(errors.TAG_NOT_FOUND, f"tag not found: {name}")


@handles("renameTag")
def rename_tag(call: Call) -> None:
    store, old, new = call.store, str(call.body["name"]), str(call.body["newName"])
    tag = store.get(TAGS, old)
    if tag is None:
        if store.get(TAGS, new) is not None:
            return  # already renamed: a retry
        raise _missing(old)
    if old == new:
        return
    if store.get(TAGS, new) is not None:
        raise errors.semantic(errors.TAG_ALREADY_EXISTS, f"a tag named {new!r} exists; merge it")
    store.remove(TAGS, old)
    renamed = {**tag, "name": new, "label": new}
    if "rawName" in tag:
        renamed["rawName"] = new
    batch.touch(store, TAGS, new, renamed)
    for child_name, child in store.items(TAGS):
        child_new = _renamed(child_name, old, new) or child_name
        parent = new if child.get("parent") == old else child.get("parent")
        if child_new != child_name or parent != child.get("parent"):
            store.remove(TAGS, child_name)
            batch.touch(store, TAGS, child_new, {**child, "name": child_new, "parent": parent})
    _retag_tasks(store, old, new)


@handles("mergeTag")
def merge_tag(call: Call) -> None:
    store, old, new = call.store, str(call.body["name"]), str(call.body["newName"])
    if store.get(TAGS, new) is None:
        raise _missing(new)
    if store.get(TAGS, old) is None or old == new:
        return  # merged already: a retry
    store.remove(TAGS, old)
    _retag_tasks(store, old, new)


@handles("deleteTag", "deleteTagByQuery")
def delete_tag(call: Call) -> None:
    """`DELETE /api/v2/tag/{name}` and `DELETE /api/v2/tag?name=` (five public clients)."""
    name = str(call.path["name"] if "name" in call.path else call.query["name"])
    result = batch.BatchResult()
    batch.delete(call.store, TAG_KIND, [name], result)
    if result.id2error:
        raise _missing(name)


@handles("getTagCompletedTasks")
def completed_by_tag(call: Call) -> list[Any]:
    wanted = {str(t).lower() for t in call.body["tags"]}
    found = [
        t
        for t in call.store.values(TASKS)
        if t.get("status") == COMPLETED
        and wanted & {str(tag).lower() for tag in t.get("tags") or []}
    ]
    found.sort(key=lambda t: str(t.get("completedTime") or ""), reverse=True)
    return found[: int(call.body.get("limit") or DEFAULT_LIMIT)]
