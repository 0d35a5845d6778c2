"""The Open API's view of the shared store: its task and project shapes, both ways.

An Open API task IS a web task (one store), answered in the Open API's own
form: string reminders (`TRIGGER:PT0S`) instead of the web's `{id, trigger}`,
`items` with every field the real service sends (`isAllDay`, `sortOrder`,
`timeZone`: pyticktick 0.3.0's V1 model requires them), `assigneeUsername`
instead of the web's numeric `assignee`. Timestamps are stored and answered in
TickTick's form `2026-03-05T00:00:00.000+0000`, as the newest doc's captured
examples (task/completed, task/filter) show; a request may send them without
milliseconds or with `Z`.

Requests are liberal: a field sent as `null` is a field not sent (pyticktick
sends every unset field as null), and a task without `projectId` (ticktick-py
2.0.3) goes to the inbox, as the real service files it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from tickspec_generated.models.open_checklist_item import OpenChecklistItem
from tickspec_generated.models.open_project import OpenProject
from tickspec_generated.models.open_task import OpenTask
from tickspec_generated.models.open_task_create import OpenTaskCreate
from tickspec_generated.models.open_task_update import OpenTaskUpdate

from tickspec.server import errors
from tickspec.server.context import Call
from tickspec.server.handlers.batch import drop_nulls
from tickspec.server.ids import new_object_id
from tickspec.server.store import PROJECTS, Store, time_zone
from tickspec.spec import load

JsonObject = dict[str, Any]
CONVERTED = frozenset({"status", "reminders", "items", "assigneeUsername"})
"""Open task fields whose form differs from the web's (converted below, not copied)."""
INBOX_NAME = "Inbox"


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
PROJECT_FIELDS = _wire_names(OpenProject)
TIMES = ("startDate", "dueDate", "completedTime")
TIME = re.compile(
    r"^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})(\.[0-9]{3})?([+-][0-9]{4}|Z)$"
)
STATUSES = frozenset(load().schemas["open-task.json"]["properties"]["status"].get("enum", [0, 2]))
"""The task statuses the Open API answers, from the spec (the newest doc adds -1, won't do)."""


def liberal(body: Any) -> Any:
    """A request body with its nulls taken as "not sent", at the top and in nested objects."""
    return drop_nulls(body)


def web_time(value: Any) -> Any:
    """`2026-01-17T15:00:00+0000` (or `Z`) -> the web's `2026-01-17T15:00:00.000+0000`."""
    if not isinstance(value, str):
        return value
    found = TIME.match(value)
    if found is None:
        raise errors.invalid_request(f"body: {value!r} is not a time like 2026-01-17T15:00:00+0000")
    offset = "+0000" if found.group(3) == "Z" else found.group(3)
    return f"{found.group(1)}{found.group(2) or '.000'}{offset}"


def parse_time(value: Any, where: str) -> datetime:
    """An Open API timestamp as an aware datetime (400 when it is not one)."""
    stamp = web_time(value) if isinstance(value, str) else value
    if not isinstance(stamp, str):
        raise errors.invalid_request(f"body {where}: {value!r} is not a time")
    moment = datetime.strptime(stamp.replace("Z", "+0000"), "%Y-%m-%dT%H:%M:%S.%f%z")
    return moment.astimezone(UTC)


def time_of(task: JsonObject, name: str) -> datetime | None:
    """A stored task's timestamp field as a datetime, None when absent or unreadable."""
    value = task.get(name)
    if not isinstance(value, str):
        return None
    try:
        return parse_time(value, name)
    except (ValueError, errors.ApiError):
        return None


def project_id_of(store: Store, raw: Any) -> str:
    """A request's project id: `inbox`, the empty string or nothing mean the inbox."""
    if raw in (None, "", "inbox"):
        return store.inbox_id
    return str(raw)


def require_project(store: Store, project_id: str) -> None:
    """500 `project_not_found` unless the project (or the inbox) exists."""
    if project_id != store.inbox_id and store.get(PROJECTS, project_id) is None:
        raise errors.semantic(errors.PROJECT_NOT_FOUND, f"project not found: {project_id}")


def open_project(store: Store, project_id: str) -> JsonObject:
    """A project as the Open API answers it; the inbox has the fields pyticktick requires."""
    if project_id == store.inbox_id:
        return {
            "id": store.inbox_id,
            "name": INBOX_NAME,
            "sortOrder": 0,
            "viewMode": "list",
            "kind": "TASK",
        }
    require_project(store, project_id)
    project = store.get(PROJECTS, project_id) or {}
    return {k: project[k] for k in PROJECT_FIELDS if project.get(k) is not None}


def _web_items(items: Any, existing: list[Any], tz: str) -> list[JsonObject]:
    known = {str(i.get("id")): i for i in existing if isinstance(i, dict)}
    out = []
    for index, raw in enumerate(items or []):
        item = {**known.get(str(raw.get("id")), {}), **raw}
        item.setdefault("id", new_object_id())
        item.setdefault("status", 0)
        item.setdefault("sortOrder", index)
        item.setdefault("isAllDay", False)
        item.setdefault("timeZone", tz)
        for name in ("completedTime", "startDate"):
            if name in item:
                item[name] = web_time(item[name])
        out.append(item)
    return out


def to_web(store: Store, body: JsonObject, existing: JsonObject | None) -> JsonObject:
    """An Open API task body (nulls already dropped) merged over the stored web task."""
    task: JsonObject = dict(existing or {})
    for name in WRITABLE:
        if name in body:
            value = body[name]
            task[name] = web_time(value) if name in TIMES else value
    if "reminders" in body:
        task["reminders"] = [{"id": new_object_id(), "trigger": t} for t in body["reminders"]]
    if "items" in body:
        tz = str(body.get("timeZone") or task.get("timeZone") or time_zone(store))
        task["items"] = _web_items(body["items"], list(task.get("items") or []), tz)
        task.setdefault("kind", "CHECKLIST")
    if body.get("status") in (0, 2, -1):
        task["status"] = body["status"]
    task["projectId"] = project_id_of(store, body.get("projectId") or task.get("projectId"))
    return task


def _open_items(task: JsonObject, tz: str) -> list[JsonObject]:
    out = []
    for index, raw in enumerate(i for i in task.get("items") or [] if isinstance(i, dict)):
        item = {k: raw[k] for k in ITEM_FIELDS if raw.get(k) is not None}
        item.setdefault("status", 0)
        item.setdefault("isAllDay", False)
        item.setdefault("sortOrder", index)
        item.setdefault("timeZone", tz)
        out.append(item)
    return out


def to_open(call: Call, task: JsonObject) -> JsonObject:
    """A stored web task as an Open API task: every field pyticktick's V1 model requires
    (title, isAllDay, priority, sortOrder, status, timeZone) is present."""
    store = call.store
    out = {k: task[k] for k in TASK_FIELDS if task.get(k) is not None}
    tz = str(task.get("timeZone") or time_zone(store))
    out.setdefault("title", "")
    out.setdefault("isAllDay", False)
    out.setdefault("priority", 0)
    out.setdefault("sortOrder", 0)
    out["timeZone"] = tz
    status = task.get("status", 0)
    out["status"] = status if status in STATUSES else (0 if status == 0 else 2)
    out["reminders"] = [r["trigger"] for r in task.get("reminders") or [] if isinstance(r, dict)]
    out["items"] = _open_items(task, tz)
    if out.get("kind") not in ("TEXT", "NOTE", "CHECKLIST"):
        out.pop("kind", None)
    if task.get("assignee") == store.user_id:
        out["assigneeUsername"] = call.state.config.account.username
    return out
