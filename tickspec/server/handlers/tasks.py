"""Task writes: the batch (seed 002), single-task create/get/update, parent, move.

`POST /api/v2/batch/task` follows batch.py, with tasks' particulars:
* a deleted task (`delete: [{taskId, projectId}]`) moves to the trash with
  `deleted: 1`, leaves open/completed listings and full sync, and shows up in
  delta sync's `syncTaskBean.delete`;
* the server owns `creator` (the user id) and `deleted: 0`, and fills in
  `status`, `priority`, `kind`, `tags`, `items`, `reminders`, `createdTime`,
  `modifiedTime` when an add leaves them out;
* a task may name any projectId: the server does not refuse tasks of unknown
  projects (the real one is not known to, and a strict check would only make
  clients' tests order-dependent).
* attachment arrays (shape never captured): each item names `taskId` and holds
  the attachment as `attachment` or as its own fields (with `id`); add appends
  to the task's `attachments`, update replaces by id, delete (`id` or
  `attachmentId`) removes by id. The task gets a new etag (in id2etag); an
  unknown task -> TASK_NOT_FOUND, an attachment the spec rejects ->
  INVALID_ATTACHMENT.

Single-task endpoints answer failures as HTTP 500 errors whose errorCode is the
batch code in lower case (`task_not_found`, `etag_mismatch`).
"""

from __future__ import annotations

from typing import Any

from tickspec.server import errors
from tickspec.server.context import Call
from tickspec.server.handlers import batch
from tickspec.server.handlers.base import handles
from tickspec.server.handlers.kinds import TASK
from tickspec.server.ids import new_object_id
from tickspec.server.store import TASKS, TRASH, Store

JsonObject = dict[str, Any]


def _attachment_of(item: JsonObject) -> JsonObject:
    inner = item.get("attachment")
    if isinstance(inner, dict):
        return dict(inner)
    return {k: v for k, v in item.items() if k not in ("taskId", "projectId")}


def _attachments(call: Call, body: JsonObject, result: batch.BatchResult) -> None:
    valid = call.state.spec.schema_validator("attachment.json").is_valid
    for action in ("addAttachments", "updateAttachments", "deleteAttachments"):
        for item in body.get(action) or []:
            task_id = str(item.get("taskId", ""))
            task = call.store.get(TASKS, task_id)
            if task is None:
                result.id2error[task_id] = TASK.not_found
                continue
            current = [a for a in task.get("attachments") or [] if isinstance(a, dict)]
            attachment = _attachment_of(item)
            att_id = attachment.get("id") or item.get("attachmentId")
            if action != "deleteAttachments" and not valid(attachment):
                result.id2error[task_id] = "INVALID_ATTACHMENT"
                continue
            kept = [a for a in current if a.get("id") != att_id]
            if action == "addAttachments":
                kept = [*current, attachment] if len(kept) == len(current) else current
            elif action == "updateAttachments":
                kept = [attachment if a.get("id") == att_id else a for a in current]
            result.id2etag[task_id] = batch.touch(
                call.store, TASKS, task_id, {**task, "attachments": kept}
            )


@handles("batchTask")
def batch_task(call: Call) -> JsonObject:
    result = batch.apply(call.store, TASK, call.body)
    _attachments(call, call.body, result)
    return result.body()


def raise_for(result: batch.BatchResult, key: str) -> None:
    """A single-object endpoint's failure: the batch code, lower-cased, as a 500."""
    code = result.id2error.get(key)
    if code is not None:
        raise errors.semantic(code.lower(), f"{code.lower().replace('_', ' ')}: {key}")


def find_task(store: Store, task_id: str) -> JsonObject:
    task = store.get(TASKS, task_id) or store.get(TRASH, task_id)
    if task is None:
        raise errors.semantic(errors.TASK_NOT_FOUND, f"task not found: {task_id}")
    return task


@handles("getTask")
def get_task(call: Call) -> JsonObject:
    return find_task(call.store, str(call.path["taskId"]))


@handles("createTask")
def create_task(call: Call) -> JsonObject:
    draft = dict(call.body)
    draft.setdefault("id", new_object_id())
    draft.setdefault("projectId", call.store.inbox_id)
    result = batch.apply(call.store, TASK, {"add": [draft]})
    raise_for(result, draft["id"])
    return find_task(call.store, draft["id"])


@handles("updateTask")
def update_task(call: Call) -> JsonObject:
    task_id = str(call.path["taskId"])
    if call.body.get("id") != task_id:
        raise errors.invalid_request(
            f"body $.id: {call.body.get('id')!r} is not the task of the path ({task_id})",
            {"location": "body", "path": "$.id", "keyword": "const"},
        )
    result = batch.apply(call.store, TASK, {"update": [call.body]})
    raise_for(result, task_id)
    return find_task(call.store, task_id)


def _set_children(store: Store, parent_id: str, child_id: str, attach: bool) -> JsonObject | None:
    parent = store.get(TASKS, parent_id)
    if parent is None:
        return None
    children = [c for c in parent.get("childIds") or [] if c != child_id]
    if attach:
        children.append(child_id)
    updated = {**parent, "childIds": children}
    etag = batch.touch(store, TASKS, parent_id, updated)
    return {"id": parent_id, "childIds": children, "etag": etag}


@handles("batchTaskParent")
def batch_task_parent(call: Call) -> JsonObject:
    """Make tasks subtasks (`parentId`) or detach them (no parentId, `oldParentId`)."""
    result = batch.BatchResult()
    store = call.store
    for change in call.body:
        task_id = str(change["taskId"])
        task = store.get(TASKS, task_id)
        new_parent = change.get("parentId")
        if task is None:
            result.id2error[task_id] = TASK.not_found
            continue
        if new_parent is not None and (
            new_parent == task_id or store.get(TASKS, new_parent) is None
        ):
            result.id2error[task_id] = "PARENT_NOT_FOUND"
            continue
        old_parent = task.get("parentId") or change.get("oldParentId")
        if old_parent and old_parent != new_parent:
            detached = _set_children(store, old_parent, task_id, attach=False)
            if detached is not None:
                result.id2etag[old_parent] = detached
        if new_parent is not None:
            attached = _set_children(store, new_parent, task_id, attach=True)
            if attached is not None:
                result.id2etag[new_parent] = attached
        etag = batch.touch(store, TASKS, task_id, {**task, "parentId": new_parent})
        result.id2etag[task_id] = {"id": task_id, "parentId": new_parent, "etag": etag}
    return result.body()


@handles("batchTaskProject")
def batch_task_project(call: Call) -> JsonObject:
    """Move tasks; a task already in `toProjectId` is a retried move: its etag, no write."""
    result = batch.BatchResult()
    for move in call.body:
        task_id = str(move["taskId"])
        task = call.store.get(TASKS, task_id)
        if task is None:
            result.id2error[task_id] = TASK.not_found
        elif task.get("projectId") == move["toProjectId"]:
            result.id2etag[task_id] = task.get("etag", "")
        else:
            moved = {**task, "projectId": move["toProjectId"], "columnId": None}
            result.id2etag[task_id] = batch.touch(call.store, TASKS, task_id, moved)
    return result.body()
