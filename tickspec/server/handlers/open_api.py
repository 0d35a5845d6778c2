"""The Open API v1 (`/open/v1`) over the same store as the web API.

The Open API is another view of the same account: a task created here shows up
in the web API's sync and the other way round. Its objects are smaller and
named differently, so each handler converts (open_convert.py). Writes go
through the same batch code as the web API, so etags, the trash and delta sync
behave alike. This module holds the projects and the single-task operations;
open_tasks.py the task batches and listings, open_objects.py and
open_habits.py the rest.

Only an Open API bearer token opens these routes (`Authorization: Bearer
<token>`, from the OAuth2 flow or the personal API token, with the operation's
scopes; see oauth_server.py); a web session cookie or token is refused with 401.
"""

from __future__ import annotations

from typing import Any

from tickspec.server import errors
from tickspec.server.context import Call
from tickspec.server.handlers import batch
from tickspec.server.handlers.base import handles
from tickspec.server.handlers.kinds import TASK
from tickspec.server.handlers.open_convert import (
    liberal,
    open_project,
    project_id_of,
    require_project,
    to_open,
    to_web,
    web_time,
)
from tickspec.server.handlers.projects import PROJECT_KIND
from tickspec.server.handlers.tasks import find_task, raise_for
from tickspec.server.ids import new_object_id, timestamp
from tickspec.server.store import COLUMNS, PROJECTS, TASKS

JsonObject = dict[str, Any]
PAGE_LIMIT = 200
"""The project list's default `limit` when a client pages (the newest doc)."""

__all__ = ["require_bearer", "web_time"]


def require_bearer(call: Call) -> None:
    """401 unless the request carries a live Open API bearer token (dispatch has already
    checked it and its scopes; a cookie or a web session token is not enough here)."""
    call.state.oauth.check(call.raw_headers.get("authorization"), ())


def task_in(call: Call, task_id: str, project_id: str | None = None) -> JsonObject:
    """The live task `task_id` (in `project_id`, `inbox` meaning the inbox), else 500
    `task_not_found`."""
    task = find_task(call.store, task_id)
    wanted = None if project_id is None else project_id_of(call.store, project_id)
    if task.get("deleted") or (wanted is not None and task.get("projectId") != wanted):
        raise errors.semantic(errors.TASK_NOT_FOUND, f"task not found: {task_id}")
    return task


def write_task(call: Call, task: JsonObject, *, new: bool) -> JsonObject:
    """Store a web task through the task batch; answers it in the Open API's form."""
    result = batch.apply(call.store, TASK, {"add" if new else "update": [task]})
    raise_for(result, str(task["id"]))
    return to_open(call, find_task(call.store, str(task["id"])))


def project_body(call: Call) -> JsonObject:
    """A project write, canonical: nulls dropped, `kind` upper-cased (the doc's own example
    sends `"kind": "task"`; the service answers `TASK`)."""
    body: JsonObject = liberal(call.body)
    if isinstance(body.get("kind"), str):
        body["kind"] = body["kind"].upper()
    return body


@handles("openListProjects")
def list_projects(call: Call) -> list[JsonObject]:
    """Every project (not the inbox); `offset`/`limit` page it when either is sent, a
    missing or negative one counting as 0 and 200 (the newest doc)."""
    require_bearer(call)
    projects = [open_project(call.store, str(p["id"])) for p in call.store.values(PROJECTS)]
    offset, limit = call.query.get("offset"), call.query.get("limit")
    if offset is None and limit is None:
        return projects
    start = offset if isinstance(offset, int) and offset >= 0 else 0
    size = limit if isinstance(limit, int) and limit >= 0 else PAGE_LIMIT
    return projects[start : start + size]


@handles("openGetProject")
def get_project(call: Call) -> JsonObject:
    require_bearer(call)
    return open_project(call.store, project_id_of(call.store, call.path["projectId"]))


@handles("openCreateProject")
def create_project(call: Call) -> JsonObject:
    require_bearer(call)
    draft = {**project_body(call), "id": new_object_id()}
    result = batch.apply(call.store, PROJECT_KIND, {"add": [draft]})
    raise_for(result, draft["id"])
    return open_project(call.store, draft["id"])


@handles("openUpdateProject")
def update_project(call: Call) -> JsonObject:
    require_bearer(call)
    project_id = str(call.path["projectId"])
    require_project(call.store, project_id)
    existing = call.store.get(PROJECTS, project_id) or {}
    changes = {k: v for k, v in project_body(call).items() if k != "id"}
    result = batch.apply(call.store, PROJECT_KIND, {"update": [{**existing, **changes}]})
    raise_for(result, project_id)
    return open_project(call.store, project_id)


@handles("openDeleteProject")
def delete_project(call: Call) -> None:
    require_bearer(call)
    project_id = str(call.path["projectId"])
    result = batch.BatchResult()
    batch.delete(call.store, PROJECT_KIND, [project_id], result)
    raise_for(result, project_id)


@handles("openGetProjectData")
def project_data(call: Call) -> JsonObject:
    """The project, its open tasks and its columns (always a list: pyticktick requires it)."""
    require_bearer(call)
    project = open_project(call.store, project_id_of(call.store, call.path["projectId"]))
    tasks = [
        to_open(call, t)
        for t in call.store.values(TASKS)
        if t.get("projectId") == project["id"] and t.get("status", 0) == 0
    ]
    columns = [
        {k: c[k] for k in ("id", "projectId", "name", "sortOrder") if k in c}
        for c in call.store.values(COLUMNS)
        if c.get("projectId") == project["id"]
    ]
    return {"project": project, "tasks": tasks, "columns": columns}


@handles("openGetTask")
def get_task(call: Call) -> JsonObject:
    require_bearer(call)
    return to_open(call, task_in(call, str(call.path["taskId"]), str(call.path["projectId"])))


@handles("openGetTaskAnyProject")
def get_task_any(call: Call) -> JsonObject:
    require_bearer(call)
    return to_open(call, task_in(call, str(call.path["taskId"])))


def new_task(call: Call, body: JsonObject) -> JsonObject:
    """A web task from an Open API create body: the inbox when `projectId` is left out
    (ticktick-py 2.0.3 sends none; the real service files the task there)."""
    project_id = project_id_of(call.store, body.get("projectId"))
    require_project(call.store, project_id)
    task = to_web(call.store, {**body, "projectId": project_id}, None)
    task["id"] = new_object_id()
    task.setdefault("status", 0)
    return task


@handles("openCreateTask")
def create_task(call: Call) -> JsonObject:
    require_bearer(call)
    return write_task(call, new_task(call, liberal(call.body)), new=True)


@handles("openUpdateTask")
def update_task(call: Call) -> JsonObject:
    require_bearer(call)
    task_id = str(call.path["taskId"])
    body = liberal(call.body)
    if body.get("id", task_id) != task_id:
        raise errors.invalid_request(f"body $.id: {body['id']!r} is not the path's {task_id}")
    existing = task_in(call, task_id)
    if body.get("projectId") not in (None, existing.get("projectId")):
        require_project(call.store, project_id_of(call.store, body["projectId"]))
    return write_task(call, to_web(call.store, body, existing), new=False)


def complete(call: Call, task: JsonObject) -> None:
    """Mark a task done (a done one is left as it is: a retry)."""
    if task.get("status") == 2:
        return
    write_task(call, {**task, "status": 2, "completedTime": timestamp()}, new=False)


@handles("openCompleteTask")
def complete_task(call: Call) -> None:
    require_bearer(call)
    complete(call, task_in(call, str(call.path["taskId"]), str(call.path["projectId"])))


@handles("openDeleteTask")
def delete_task(call: Call) -> None:
    require_bearer(call)
    project_id = project_id_of(call.store, call.path["projectId"])
    task_id = str(call.path["taskId"])
    result = batch.BatchResult()
    batch.delete(call.store, TASK, [{"taskId": task_id, "projectId": project_id}], result)
    raise_for(result, task_id)
