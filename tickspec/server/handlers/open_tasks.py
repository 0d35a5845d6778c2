"""Open API task operations on many tasks: complete, move, batch, assign, and the listings.

What the newest doc says, and what the server chose where it is silent:

* `task/completeTasks`: the first 50 ids, in `projectId` (the inbox when it is
  left out or empty); answers the ids completed. A task done already counts
  (a retry gets the same answer); one that is not in the project is left out.
* `task/move` `[{fromProjectId, toProjectId, taskId}]` -> `[{id, etag}]`; a task
  not in `fromProjectId`, or a `toProjectId` that does not exist, is left out;
  a task already in `toProjectId` is a retried move (its etag, no write).
* `task/batch {add, update}` (50 each, more is 400) -> `{id2etag, id2error}` with
  the doc's codes: an add of a live id `EXISTED`, of a deleted one `DELETED`;
  an update of an unknown id `NOT_EXISTED`, of a deleted one `DELETED`; an add
  naming a project that does not exist `NO_PROJECT_PERMISSION`, an update
  moving a task there `PROJECT_MOVE_ERROR`; anything else `UNKNOWN`.
* `task/assign`: `assigneeUsername` must be a member of the task's project (here
  the account alone, see `openListProjectMembers`), else 400; `task/unassign`
  clears it. Both answer the task.
* listings answer Open API tasks. `completed`: status 2, `completedTime` in
  [startDate, endDate], newest first, at most 200. `filter`: the task's
  `startDate` in [startDate, endDate], any of `priority`, `kind`, `status`, all of
  `tag`, at most 200. `undone`: open tasks whose start or due time falls in
  [startDate, endDate]; a range that is reversed or longer than 14 days is
  answered `[]`. `search`: `keywords` (a blank one answers `[]`) in the title,
  content, desc or a checklist item, with `projectIds`, any of `tags`, `status`
  and the due time in [dueFrom, dueTo]. `inbox` in `projectIds` is the inbox.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from tickspec.server import errors
from tickspec.server.context import Call
from tickspec.server.handlers import batch
from tickspec.server.handlers.base import handles
from tickspec.server.handlers.kinds import TASK
from tickspec.server.handlers.open_api import complete, new_task, require_bearer, task_in
from tickspec.server.handlers.open_convert import (
    liberal,
    parse_time,
    project_id_of,
    time_of,
    to_open,
    to_web,
)
from tickspec.server.ids import new_object_id
from tickspec.server.store import PROJECTS, TASKS, TRASH, Store

JsonObject = dict[str, Any]
MAX_BATCH = 50
"""completeTasks and each of batch's `add`/`update` take at most 50 tasks."""
MAX_LISTED = 200
"""completed and filter answer at most 200 tasks."""
UNDONE_DAYS = 14
WRITE_CODES = {"TASK_ALREADY_EXISTS": "EXISTED", "TASK_NOT_FOUND": "NOT_EXISTED"}


def _project_exists(store: Store, project_id: str) -> bool:
    return project_id == store.inbox_id or store.get(PROJECTS, project_id) is not None


def _projects(store: Store, ids: Any) -> set[str] | None:
    """The asked project ids (`inbox` the inbox), or None when the filter is absent."""
    if not isinstance(ids, list) or not ids:
        return None
    return {project_id_of(store, p) for p in ids}


@handles("openCompleteTasks")
def complete_tasks(call: Call) -> list[str]:
    require_bearer(call)
    body = liberal(call.body)
    project_id = project_id_of(call.store, body.get("projectId"))
    done = []
    for task_id in list(dict.fromkeys(str(t) for t in body.get("taskIds") or []))[:MAX_BATCH]:
        task = call.store.get(TASKS, task_id)
        if task is None or task.get("projectId") != project_id:
            continue
        complete(call, task)
        done.append(task_id)
    return done


@handles("openMoveTasks")
def move_tasks(call: Call) -> list[JsonObject]:
    require_bearer(call)
    moved = []
    for move in liberal(call.body):
        task_id = str(move.get("taskId"))
        task = call.store.get(TASKS, task_id)
        source = project_id_of(call.store, move.get("fromProjectId"))
        target = project_id_of(call.store, move.get("toProjectId"))
        if task is None or not _project_exists(call.store, target):
            continue
        if task.get("projectId") == target:
            moved.append({"id": task_id, "etag": str(task.get("etag", ""))})
        elif task.get("projectId") == source:
            changed = {**task, "projectId": target, "columnId": None}
            moved.append({"id": task_id, "etag": batch.touch(call.store, TASKS, task_id, changed)})
    return moved


def _batch_add(call: Call, body: JsonObject, result: batch.BatchResult) -> None:
    task_id = str(body.get("id") or new_object_id())
    if call.store.get(TRASH, task_id) is not None:
        result.id2error[task_id] = "DELETED"
        return
    if not _project_exists(call.store, project_id_of(call.store, body.get("projectId"))):
        result.id2error[task_id] = "NO_PROJECT_PERMISSION"
        return
    _apply(call, {"add": [{**new_task(call, body), "id": task_id}]}, task_id, result)


def _batch_update(call: Call, body: JsonObject, result: batch.BatchResult) -> None:
    task_id = str(body.get("id") or "")
    existing = call.store.get(TASKS, task_id)
    if existing is None:
        gone = call.store.get(TRASH, task_id) is not None
        result.id2error[task_id] = "DELETED" if gone else "NOT_EXISTED"
        return
    target = project_id_of(call.store, body.get("projectId") or existing.get("projectId"))
    if not _project_exists(call.store, target):
        result.id2error[task_id] = "PROJECT_MOVE_ERROR"
        return
    _apply(call, {"update": [to_web(call.store, body, existing)]}, task_id, result)


def _apply(call: Call, change: JsonObject, task_id: str, result: batch.BatchResult) -> None:
    done = batch.apply(call.store, TASK, change)
    if task_id in done.id2error:
        code = done.id2error[task_id]
        result.id2error[task_id] = WRITE_CODES.get(code, "UNKNOWN")
    else:
        result.id2etag[task_id] = done.id2etag[task_id]


@handles("openBatchTasks")
def batch_tasks(call: Call) -> JsonObject:
    require_bearer(call)
    body = liberal(call.body)
    for name in ("add", "update"):
        if len(body.get(name) or []) > MAX_BATCH:
            raise errors.invalid_request(f"body $.{name}: more than {MAX_BATCH} tasks")
    result = batch.BatchResult()
    for task in body.get("add") or []:
        _batch_add(call, task, result)
    for task in body.get("update") or []:
        _batch_update(call, task, result)
    return result.body()


def _assigned(call: Call, assignee: int | None) -> JsonObject:
    body = liberal(call.body)
    task = task_in(call, str(body["taskId"]), str(body["projectId"]))
    changed = {**task, "assignee": assignee}
    if assignee is None:
        changed.pop("assignee", None)
    batch.touch(call.store, TASKS, str(task["id"]), changed)
    return to_open(call, changed)


@handles("openAssignTask")
def assign_task(call: Call) -> JsonObject:
    require_bearer(call)
    account = call.state.config.account
    username = str(call.body.get("assigneeUsername") or "")
    if username.strip().lower() != account.username.lower():
        raise errors.invalid_request(
            f"assigneeUsername {username!r} is not a member of project {call.body['projectId']}",
            {"location": "body", "path": "$.assigneeUsername", "keyword": "member"},
        )
    return _assigned(call, account.user_id)


@handles("openUnassignTask")
def unassign_task(call: Call) -> JsonObject:
    require_bearer(call)
    return _assigned(call, None)


def _window(body: JsonObject, first: str, last: str) -> tuple[datetime | None, datetime | None]:
    start = parse_time(body[first], first) if first in body else None
    end = parse_time(body[last], last) if last in body else None
    return start, end


def _within(moment: datetime | None, start: datetime | None, end: datetime | None) -> bool:
    if start is None and end is None:
        return True
    if moment is None:
        return False
    return (start is None or moment >= start) and (end is None or moment <= end)


def _listed(call: Call, keep: Callable[[JsonObject], bool], projects: Any) -> Iterable[JsonObject]:
    wanted = _projects(call.store, projects)
    for task in call.store.values(TASKS):
        if (wanted is None or task.get("projectId") in wanted) and keep(task):
            yield task


def _any_of(task: JsonObject, name: str, values: Any, default: Any = None) -> bool:
    if not isinstance(values, list) or not values:
        return True
    return task.get(name, default) in values


@handles("openListCompletedTasks")
def completed_tasks(call: Call) -> list[JsonObject]:
    require_bearer(call)
    body = liberal(call.body or {})
    start, end = _window(body, "startDate", "endDate")

    def keep(task: JsonObject) -> bool:
        return task.get("status") == 2 and _within(time_of(task, "completedTime"), start, end)

    found = list(_listed(call, keep, body.get("projectIds")))
    found.sort(key=lambda t: str(t.get("completedTime") or ""), reverse=True)
    return [to_open(call, t) for t in found[:MAX_LISTED]]


@handles("openFilterTasks")
def filter_tasks(call: Call) -> list[JsonObject]:
    require_bearer(call)
    body = liberal(call.body or {})
    start, end = _window(body, "startDate", "endDate")
    tags = {str(t).lower() for t in body.get("tag") or []}

    def keep(task: JsonObject) -> bool:
        return (
            _within(time_of(task, "startDate"), start, end)
            and _any_of(task, "priority", body.get("priority"), 0)
            and _any_of(task, "kind", body.get("kind"), "TEXT")
            and _any_of(task, "status", body.get("status"), 0)
            and tags <= {str(t).lower() for t in task.get("tags") or []}
        )

    found = list(_listed(call, keep, body.get("projectIds")))
    return [to_open(call, t) for t in found[:MAX_LISTED]]


@handles("openListUndoneTasks")
def undone_tasks(call: Call) -> list[JsonObject]:
    require_bearer(call)
    body = liberal(call.body)
    start, end = parse_time(body["startDate"], "startDate"), parse_time(body["endDate"], "endDate")
    if end < start or end - start > timedelta(days=UNDONE_DAYS):
        return []
    only = {str(t) for t in body.get("taskIds") or []}

    def keep(task: JsonObject) -> bool:
        if task.get("status", 0) != 0 or (only and str(task.get("id")) not in only):
            return False
        first = time_of(task, "startDate") or time_of(task, "dueDate")
        last = time_of(task, "dueDate") or first
        return first is not None and last is not None and first <= end and last >= start

    return [to_open(call, t) for t in _listed(call, keep, body.get("projectIds"))]


def _mentions(task: JsonObject, needle: str) -> bool:
    texts = [task.get("title"), task.get("content"), task.get("desc")]
    texts += [i.get("title") for i in task.get("items") or [] if isinstance(i, dict)]
    return any(isinstance(t, str) and needle in t.lower() for t in texts)


@handles("openSearchTasks")
def search_tasks(call: Call) -> list[JsonObject]:
    require_bearer(call)
    body = liberal(call.body or {})
    keywords = body.get("keywords")
    if isinstance(keywords, str) and not keywords.strip():
        return []
    needle = str(keywords or "").strip().lower()
    start, end = _window(body, "dueFrom", "dueTo")
    tags = {str(t).lower() for t in body.get("tags") or []}

    def keep(task: JsonObject) -> bool:
        return (
            (not needle or _mentions(task, needle))
            and _any_of(task, "status", body.get("status"), 0)
            and (not tags or bool(tags & {str(t).lower() for t in task.get("tags") or []}))
            and _within(time_of(task, "dueDate"), start, end)
        )

    return [to_open(call, t) for t in _listed(call, keep, body.get("projectIds"))]
