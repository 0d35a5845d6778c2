"""Read-only task listings: completed, closed, trash, search, completed by tag.

* completed (`/project/{id}/completed/`, `/project/all/completed/`,
  `/project/all/completedInAll/`): tasks with status 2, newest `completedTime`
  first, inside the optional `from`/`to` window (`YYYY-MM-DD HH:MM:SS`, UTC, or
  a TickTick timestamp), at most `limit` (default 50). "completedInAll" is the
  same listing as "all/completed" here.
* closed (`/project/all/closed?status=Completed|Abandoned`): status 2 or -1
  (both when `status` is absent), same window and limit.
* trash: deleted tasks, most recently deleted first, `start`/`limit` paging;
  `next` is the start of the next page (equal to the total when done).
* search (`keywords`): case-insensitive substring of title, content, desc or a
  checklist item's title, over open and completed (not deleted) tasks.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tickspec.server import errors
from tickspec.server.context import Call
from tickspec.server.handlers.base import handles
from tickspec.server.store import TASKS, TRASH

JsonObject = dict[str, Any]
DEFAULT_LIMIT = 50
COMPLETED = 2
ABANDONED = -1


def parse_time(value: str, name: str) -> datetime:
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    raise errors.invalid_request(
        f"query {name}: {value!r} is not a time like '2026-01-17 13:12:28'",
        {"location": "query", "path": name, "keyword": "format"},
    )


def _closed(call: Call, statuses: tuple[int, ...], project_id: str | None = None) -> list[Any]:
    start = parse_time(call.query["from"], "from") if call.query.get("from") else None
    end = parse_time(call.query["to"], "to") if call.query.get("to") else None
    found: list[tuple[datetime, JsonObject]] = []
    for task in call.store.values(TASKS):
        if task.get("status") not in statuses:
            continue
        if project_id is not None and task.get("projectId") != project_id:
            continue
        stamp = task.get("completedTime") or task.get("modifiedTime")
        when = parse_time(stamp, "completedTime") if stamp else datetime.min.replace(tzinfo=UTC)
        if (start and when < start) or (end and when > end):
            continue
        found.append((when, task))
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [task for _, task in found[: int(call.query.get("limit") or DEFAULT_LIMIT)]]


@handles("getAllCompleted", "getCompletedInAll")
def all_completed(call: Call) -> list[Any]:
    return _closed(call, (COMPLETED,))


@handles("getCompletedInProject")
def project_completed(call: Call) -> list[Any]:
    return _closed(call, (COMPLETED,), str(call.path["projectId"]))


@handles("getClosedProjects")
def closed(call: Call) -> list[Any]:
    status = call.query.get("status")
    statuses = {"Completed": (COMPLETED,), "Abandoned": (ABANDONED,)}.get(
        str(status), (COMPLETED, ABANDONED)
    )
    return _closed(call, statuses)


@handles("getTrash")
def trash(call: Call) -> JsonObject:
    tasks = sorted(call.store.values(TRASH), key=lambda t: t.get("modifiedTime", ""), reverse=True)
    start = int(call.query.get("start") or 0)
    limit = int(call.query.get("limit") or DEFAULT_LIMIT)
    page = tasks[start : start + limit]
    return {"tasks": page, "next": start + len(page)}


def _matches(task: JsonObject, needle: str) -> bool:
    texts = [task.get("title"), task.get("content"), task.get("desc")]
    texts += [item.get("title") for item in task.get("items") or [] if isinstance(item, dict)]
    return any(isinstance(t, str) and needle in t.lower() for t in texts)


@handles("searchAll")
def search(call: Call) -> JsonObject:
    needle = str(call.query["keywords"]).lower()
    tasks = [t for t in call.store.values(TASKS) if _matches(t, needle)]
    return {"tasks": tasks, "comments": [], "hits": []}
