"""New objects as the web app creates them (seeds 002, 003): every field it sends.

A create sends the whole object the app would hold, defaults included (empty
arrays, `assignee: null`, both dates even when null), so the server stores the
same shape the web app produces and the local copy needs no re-read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from .times import to_wire_time

__all__ = ["SORT_STEP", "new_task"]

SORT_STEP = 1 << 40
"""The web app's gap between sort orders (1099511627776)."""

DateLike = datetime | date | str


def new_task(
    title: str,
    *,
    project_id: str,
    now: str,
    time_zone: str,
    sort_order: int,
    new_id: Callable[[], str],
    priority: int = 0,
    content: str | None = None,
    tags: Sequence[str] = (),
    start_date: DateLike | None = None,
    due_date: DateLike | None = None,
    is_all_day: bool | None = None,
    reminders: Sequence[str] = (),
    items: Sequence[str | Mapping[str, Any]] = (),
    repeat_flag: str | None = None,
    repeat_from: str | None = None,
) -> dict[str, Any]:
    """The `add` entry of a new task. A `date` (not datetime) makes it all-day.

    Ids are drawn in the app's order: reminders first, then the task (002: the
    reminder id sorts before the task id).
    """
    body: dict[str, Any] = {
        "items": [],
        "reminders": [{"id": new_id(), "trigger": trigger} for trigger in reminders],
        "exDate": [],
        "priority": priority,
        "isAllDay": bool(is_all_day),
        "progress": 0,
        "assignee": None,
        "sortOrder": sort_order,
        "isFloating": False,
        "status": 0,
        "projectId": project_id,
        "kind": None,
        "createdTime": now,
        "modifiedTime": now,
        "title": title,
        "tags": list(tags),
        "timeZone": time_zone,
        "content": content or "",
        "id": new_id(),
    }
    for value, key in ((start_date, "startDate"), (due_date, "dueDate")):
        body[key] = None if value is None else to_wire_time(value, time_zone)
        if isinstance(value, date) and not isinstance(value, datetime):
            body["isAllDay"] = is_all_day is not False
    if repeat_flag:
        body["repeatFlag"] = repeat_flag
        body["repeatFrom"] = repeat_from or "0"
    for index, item in enumerate(items):
        entry: dict[str, Any] = {"title": item} if isinstance(item, str) else dict(item)
        entry.setdefault("id", new_id())
        entry.setdefault("status", 0)
        entry.setdefault("sortOrder", index * SORT_STEP)
        body["items"].append(entry)
    return body
