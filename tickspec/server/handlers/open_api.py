"""The Open API v1 (`/open/v1`) over the same store as the web API.

The Open API is another view of the same account: a task created here shows up
in the web API's sync and the other way round. Its objects are smaller and
named differently, so each handler converts: string reminders
(`TRIGGER:PT0S`) <-> the web's `{id, trigger}` objects, timestamps without
milliseconds <-> the web's `.000+0000`, status 0/2 (a won't-do task, web
status -1, reads as closed: 2). Writes go through the same batch code as the
web API, so etags, the trash and delta sync behave alike.

Only a bearer token opens these routes (`Authorization: Bearer <token>`, from
the OAuth2 flow or any session token of the account); the web session cookie
alone is refused with 401, as TickTick does.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel
from tickspec_generated.models.open_checklist_item import OpenChecklistItem
from tickspec_generated.models.open_task import OpenTask
from tickspec_generated.models.open_task_create import OpenTaskCreate
from tickspec_generated.models.open_task_update import OpenTaskUpdate

from tickspec.server import errors
from tickspec.server.context import Call
from tickspec.server.handlers import batch
from tickspec.server.handlers.base import handles
from tickspec.server.handlers.kinds import TASK
from tickspec.server.handlers.projects import PROJECT_KIND
from tickspec.server.handlers.tasks import find_task, raise_for
from tickspec.server.ids import new_object_id, timestamp
from tickspec.server.store import COLUMNS, PROJECTS, TASKS, Store

JsonObject = dict[str, Any]
CONVERTED = frozenset({"status", "reminders", "items"})
"""Open task fields whose form differs from the web's (converted below, not copied)."""


def _wire_names(*models: type[BaseModel], skip: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The JSON names of the models' fields, from the spec by way of the generated
    models, so a field added to open-task.json is served without an edit here."""
    names = (f.alias or name for m in models for name, f in m.model_fields.items())
    return tuple(dict.fromkeys(n for n in names if n not in skip))


TASK_FIELDS = _wire_names(OpenTask, skip=CONVERTED)
"""Copied from the stored web task into an Open API task."""
WRITABLE = _wire_names(OpenTaskCreate, OpenTaskUpdate, skip=CONVERTED | {"id", "projectId"})
"""Copied from an Open API body onto the web task (`projectId` is set apart, `id` never)."""
ITEM_FIELDS = _wire_names(OpenChecklistItem)
PROJECT_FIELDS = ("id", "name", "color", "sortOrder", "closed", "groupId", "viewMode", "kind")
TIME = re.compile(
    r"^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})(\.[0-9]{3})?([+-][0-9]{4}|Z)$"
)


def require_bearer(call: Call) -> None:
    """401 unless the request carries a valid bearer token (a cookie is not enough here)."""
    scheme, _, credential = call.raw_headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or credential.strip() not in call.state.auth.tokens:
        raise errors.ApiError(
            401, "unauthorized", "the Open API needs Authorization: Bearer <access token>"
        )


def web_time(value: Any) -> Any:
    """`2026-01-17T15:00:00+0000` (or `Z`) -> the web's `2026-01-17T15:00:00.000+0000`."""
    if not isinstance(value, str):
        return value
    found = TIME.match(value)
    if found is None:
        raise errors.invalid_request(f"body: {value!r} is not a time like 2026-01-17T15:00:00+0000")
    offset = "+0000" if found.group(3) == "Z" else found.group(3)
    return f"{found.group(1)}{found.group(2) or '.000'}{offset}"


def _web_items(items: Any, existing: list[Any]) -> list[JsonObject]:
    known = {str(i.get("id")): i for i in existing if isinstance(i, dict)}
    out = []
    for index, raw in enumerate(items or []):
        item = {**known.get(str(raw.get("id")), {}), **raw}
        item.setdefault("id", new_object_id())
        item.setdefault("status", 0)
        item.setdefault("sortOrder", index)
        for name in ("completedTime", "startDate"):
            if name in item:
                item[name] = web_time(item[name])
        out.append(item)
    return out


def to_web(body: JsonObject, existing: JsonObject | None) -> JsonObject:
    """An Open API task body merged over the stored web task (or a new one)."""
    task: JsonObject = dict(existing or {})
    for name in WRITABLE:
        if name in body:
            value = body[name]
            task[name] = web_time(value) if name in ("startDate", "dueDate") else value
    if "reminders" in body:
        task["reminders"] = [{"id": new_object_id(), "trigger": t} for t in body["reminders"]]
    if "items" in body:
        task["items"] = _web_items(body["items"], list(task.get("items") or []))
        task.setdefault("kind", "CHECKLIST")
    task["projectId"] = str(body.get("projectId") or task.get("projectId"))
    return task


def to_open(task: JsonObject) -> JsonObject:
    out = {k: task[k] for k in TASK_FIELDS if task.get(k) is not None}
    out["status"] = 0 if task.get("status", 0) == 0 else 2
    out["reminders"] = [r["trigger"] for r in task.get("reminders") or [] if isinstance(r, dict)]
    out["items"] = [
        {k: i[k] for k in ITEM_FIELDS if i.get(k) is not None}
        for i in task.get("items") or []
        if isinstance(i, dict)
    ]
    if out.get("kind") not in ("TEXT", "NOTE", "CHECKLIST"):
        out.pop("kind", None)
    return out


def _project(store: Store, project_id: str) -> JsonObject:
    if project_id in ("inbox", store.inbox_id):
        return {"id": store.inbox_id, "name": "Inbox", "kind": "TASK", "viewMode": "list"}
    project = store.get(PROJECTS, project_id)
    if project is None:
        raise errors.semantic(errors.PROJECT_NOT_FOUND, f"project not found: {project_id}")
    return {k: project[k] for k in PROJECT_FIELDS if project.get(k) is not None}


def _task_in(call: Call, project_id: str | None = None) -> JsonObject:
    task = find_task(call.store, str(call.path["taskId"]))
    inbox = call.store.inbox_id
    wanted = inbox if project_id == "inbox" else project_id
    if task.get("deleted") or (wanted is not None and task.get("projectId") != wanted):
        raise errors.semantic(errors.TASK_NOT_FOUND, f"task not found: {call.path['taskId']}")
    return task


def _write_task(call: Call, task: JsonObject, *, new: bool) -> JsonObject:
    result = batch.apply(call.store, TASK, {"add" if new else "update": [task]})
    raise_for(result, str(task["id"]))
    return to_open(find_task(call.store, str(task["id"])))


@handles("openListProjects")
def list_projects(call: Call) -> list[JsonObject]:
    require_bearer(call)
    return [_project(call.store, str(p["id"])) for p in call.store.values(PROJECTS)]


@handles("openGetProject")
def get_project(call: Call) -> JsonObject:
    require_bearer(call)
    return _project(call.store, str(call.path["projectId"]))


@handles("openCreateProject")
def create_project(call: Call) -> JsonObject:
    require_bearer(call)
    draft = {**call.body, "id": new_object_id()}
    result = batch.apply(call.store, PROJECT_KIND, {"add": [draft]})
    raise_for(result, draft["id"])
    return _project(call.store, draft["id"])


@handles("openUpdateProject")
def update_project(call: Call) -> JsonObject:
    require_bearer(call)
    project_id = str(call.path["projectId"])
    existing = call.store.get(PROJECTS, project_id)
    if existing is None:
        raise errors.semantic(errors.PROJECT_NOT_FOUND, f"project not found: {project_id}")
    result = batch.apply(call.store, PROJECT_KIND, {"update": [{**existing, **call.body}]})
    raise_for(result, project_id)
    return _project(call.store, project_id)


@handles("openDeleteProject")
def delete_project(call: Call) -> None:
    require_bearer(call)
    project_id = str(call.path["projectId"])
    result = batch.BatchResult()
    batch.delete(call.store, PROJECT_KIND, [project_id], result)
    raise_for(result, project_id)


@handles("openGetProjectData")
def project_data(call: Call) -> JsonObject:
    require_bearer(call)
    project = _project(call.store, str(call.path["projectId"]))
    tasks = [
        to_open(t)
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
    return to_open(_task_in(call, str(call.path["projectId"])))


@handles("openGetTaskAnyProject")
def get_task_any(call: Call) -> JsonObject:
    require_bearer(call)
    return to_open(_task_in(call))


@handles("openCreateTask")
def create_task(call: Call) -> JsonObject:
    require_bearer(call)
    project_id = str(call.body["projectId"])
    if project_id != "inbox":
        _project(call.store, project_id)
    task = to_web({**call.body, "projectId": _inbox(call.store, project_id)}, None)
    task["id"] = new_object_id()
    task.setdefault("status", 0)
    return _write_task(call, task, new=True)


def _inbox(store: Store, project_id: str) -> str:
    return store.inbox_id if project_id == "inbox" else project_id


@handles("openUpdateTask")
def update_task(call: Call) -> JsonObject:
    require_bearer(call)
    task_id = str(call.path["taskId"])
    if call.body["id"] != task_id:
        raise errors.invalid_request(f"body $.id: {call.body['id']!r} is not the path's {task_id}")
    existing = _task_in(call)
    return _write_task(call, to_web(call.body, existing), new=False)


@handles("openCompleteTask")
def complete_task(call: Call) -> None:
    require_bearer(call)
    task = _task_in(call, str(call.path["projectId"]))
    if task.get("status") == 2:
        return  # completed already: a retry
    _write_task(call, {**task, "status": 2, "completedTime": timestamp()}, new=False)


@handles("openDeleteTask")
def delete_task(call: Call) -> None:
    require_bearer(call)
    project_id = _inbox(call.store, str(call.path["projectId"]))
    task_id = str(call.path["taskId"])
    result = batch.BatchResult()
    batch.delete(call.store, TASK, [{"taskId": task_id, "projectId": project_id}], result)
    raise_for(result, task_id)
