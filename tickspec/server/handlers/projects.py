"""Projects (lists) and project groups (folders): single-object CRUD and batches.

* `POST /api/v2/project` (a draft: only `name` required) answers the stored
  project (the server picks the id when the draft has none);
  `PUT /api/v2/project/{id}` replaces it and answers an EMPTY body (seed 001);
  `DELETE` removes it and answers an empty body.
* Deleting a project moves its tasks to the trash (delta sync reports them
  deleted) and drops its kanban columns; deleting a folder leaves its projects
  ungrouped (`groupId: null`, new etag).
* The batches follow batch.py (codes PROJECT_*, PROJECT_GROUP_*).
* Failures of single-object calls are HTTP 500 with errorCode
  `project_not_found` / `project_group_not_found` / `etag_mismatch`; deleting
  an object deleted before succeeds (a retry).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tickspec.server import errors
from tickspec.server.context import Call
from tickspec.server.handlers import batch
from tickspec.server.handlers.base import handles
from tickspec.server.handlers.kinds import PROJECT, PROJECT_GROUP, trash_task
from tickspec.server.handlers.tasks import raise_for
from tickspec.server.ids import new_object_id
from tickspec.server.store import COLUMNS, PROJECTS, TASKS, Store

JsonObject = dict[str, Any]


def _drop_project(store: Store, key: str, project: JsonObject) -> None:
    del project
    for task_id, task in store.items(TASKS):
        if task.get("projectId") == key:
            trash_task(store, task_id, task)
    for column_id, column in store.items(COLUMNS):
        if column.get("projectId") == key:
            store.remove(COLUMNS, column_id)
    store.remove(PROJECTS, key)


def _drop_group(store: Store, key: str, group: JsonObject) -> None:
    del group
    for project_id, project in store.items(PROJECTS):
        if project.get("groupId") == key:
            batch.touch(store, PROJECTS, project_id, {**project, "groupId": None})
    store.remove(PROJECT_GROUP.collection, key)


PROJECT_KIND = replace(PROJECT, on_delete=_drop_project)
GROUP_KIND = replace(PROJECT_GROUP, on_delete=_drop_group)


def _create(call: Call, kind: batch.Kind) -> JsonObject:
    draft = dict(call.body)
    draft.setdefault("id", new_object_id())
    result = batch.apply(call.store, kind, {"add": [draft]})
    raise_for(result, draft["id"])
    stored = call.store.get(kind.collection, draft["id"])
    assert stored is not None
    return stored


def _update(call: Call, kind: batch.Kind, key: str) -> None:
    if call.body.get("id") != key:
        raise errors.invalid_request(
            f"body $.id: {call.body.get('id')!r} is not the object of the path ({key})",
            {"location": "body", "path": "$.id", "keyword": "const"},
        )
    raise_for(batch.apply(call.store, kind, {"update": [call.body]}), key)


def _delete(call: Call, kind: batch.Kind, key: str) -> None:
    result = batch.BatchResult()
    batch.delete(call.store, kind, [key], result)
    raise_for(result, key)


@handles("createProject")
def create_project(call: Call) -> JsonObject:
    return _create(call, PROJECT_KIND)


@handles("updateProject")
def update_project(call: Call) -> None:
    _update(call, PROJECT_KIND, str(call.path["projectId"]))


@handles("deleteProject")
def delete_project(call: Call) -> None:
    _delete(call, PROJECT_KIND, str(call.path["projectId"]))


@handles("batchProject")
def batch_project(call: Call) -> JsonObject:
    return batch.apply(call.store, PROJECT_KIND, call.body).body()


@handles("createProjectGroup")
def create_group(call: Call) -> JsonObject:
    return _create(call, GROUP_KIND)


@handles("updateProjectGroup")
def update_group(call: Call) -> None:
    _update(call, GROUP_KIND, str(call.path["groupId"]))


@handles("deleteProjectGroup")
def delete_group(call: Call) -> None:
    _delete(call, GROUP_KIND, str(call.path["groupId"]))


@handles("batchProjectGroup")
def batch_group(call: Call) -> JsonObject:
    return batch.apply(call.store, GROUP_KIND, call.body).body()
