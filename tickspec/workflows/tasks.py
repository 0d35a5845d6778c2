"""Task writes as pure functions: wire object in, batch entries out.

Every function takes a task in wire form (the dict TickTick sent, unknown keys
included) and returns new dicts; the input is never mutated. TickTick replaces
the whole object on update, so each change is "copy everything, set a few
fields" - never "build a task from the fields we know", which would delete what
a newer app version stored.

Closing (complete / won't do) a recurring task is the web app's two-entry batch
of seed 002: an `add` of the finished occurrence (new id, `repeatTaskId` = the
series, `repeatFlag: null`) and an `update` of the series moved to its next
occurrence. When the rule has no next occurrence (COUNT used up, past UNTIL),
the series task itself is closed instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from .recurrence import next_occurrence
from .times import parse_ts

__all__ = [
    "COMPLETED",
    "OPEN",
    "WONT_DO",
    "Closing",
    "add_item",
    "close_task",
    "instance_of",
    "patch",
    "reopen_task",
    "set_item_status",
    "without_item",
]

OPEN = 0
COMPLETED = 2
WONT_DO = -1

Wire = dict[str, Any]
"""A TickTick object as JSON: wire names, unknown fields kept."""


def patch(obj: Mapping[str, Any], now: str | None = None, **changes: Any) -> Wire:
    """A deep copy of `obj` with `changes` (wire names) set and `modifiedTime` = now.

    The web app stamps `modifiedTime` on every edit (002: pinning sets it to the
    pin time), so updates do too whenever the caller passes `now`.
    """
    out = deepcopy(dict(obj))
    out.update(changes)
    if now is not None:
        out["modifiedTime"] = now
    return out


@dataclass(frozen=True)
class Closing:
    """The batch entries of closing a task: `add` (the occurrence) and `update`."""

    add: list[Wire] = field(default_factory=list)
    update: list[Wire] = field(default_factory=list)

    @property
    def series_ended(self) -> bool:
        return not self.add


def instance_of(
    series: Mapping[str, Any],
    *,
    status: int,
    now: str,
    user_id: int | None,
    new_id: Callable[[], str],
) -> Wire:
    """The finished occurrence of a recurring task, as the web app adds it (002).

    A copy of the series task at its current dates with a new id, `repeatFlag`
    null, `repeatTaskId` pointing at the series, and the completion stamp. It
    has no etag (it is new), its reminders get new ids (they are new objects
    too), and focus summaries stay with the series as in the capture.
    """
    out = deepcopy(dict(series))
    for key in ("etag", "focusSummaries"):
        out.pop(key, None)
    out["id"] = new_id()
    out["repeatFlag"] = None
    out["repeatTaskId"] = series["id"]
    out["status"] = status
    out["completedTime"] = now
    if user_id is not None:
        out["completedUserId"] = user_id
    out.setdefault("attachments", [])
    out["reminders"] = [
        {**reminder, "id": new_id()}
        if isinstance(reminder, dict) and "id" in reminder
        else reminder
        for reminder in out.get("reminders") or []
    ]
    return out


def _reset_items(items: Any) -> Any:
    """Checklist items of the next occurrence start unchecked."""
    if not isinstance(items, list):
        return items
    reset = []
    for item in items:
        if isinstance(item, dict):
            item = {**item, "status": OPEN}
            if item.get("completedTime") is not None:
                item["completedTime"] = None
        reset.append(item)
    return reset


def close_task(
    task: Mapping[str, Any],
    *,
    status: int,
    now: str,
    user_id: int | None,
    new_id: Callable[[], str],
    default_tz: str = "UTC",
) -> Closing:
    """Complete (status 2) or abandon (status -1) a task, advancing a recurring one.

    `now` is the completion time as wire text; it is also the parent's new
    `modifiedTime` (in the 002 capture both are 13:16:24).
    """
    if status not in (COMPLETED, WONT_DO):
        raise ValueError(f"closing status must be 2 or -1, not {status}")
    closed: dict[str, Any] = {"status": status, "completedTime": now}
    if user_id is not None:  # a user id is an integer on the wire, never null
        closed["completedUserId"] = user_id
    if not task.get("repeatFlag") or not (task.get("startDate") or task.get("dueDate")):
        return Closing(update=[patch(task, now, **closed)])
    found = next_occurrence(task, parse_ts(now), default_tz=default_tz)
    if found is None:
        return Closing(update=[patch(task, now, **closed)])
    instance = instance_of(task, status=status, now=now, user_id=user_id, new_id=new_id)
    changes: dict[str, Any] = {"status": OPEN}
    if task.get("startDate"):
        changes["startDate"] = found.start_date
    if task.get("dueDate"):
        changes["dueDate"] = found.due_date
    if "items" in task:
        changes["items"] = _reset_items(task["items"])
    if "COUNT=" in str(task.get("repeatFlag")).upper() and not task.get("repeatFirstDate"):
        changes["repeatFirstDate"] = found.first_date
    return Closing(add=[instance], update=[patch(task, now, **changes)])


def reopen_task(task: Mapping[str, Any], *, now: str) -> Wire:
    """Back to open: status 0 and the completion stamp cleared.

    `completedTime` is nullable and is sent as null; `completedUserId` is an
    integer that cannot be null, so it is left out - the update replaces the
    whole object, which clears it on the server.
    """
    out = patch(task, now, status=OPEN)
    if "completedTime" in out:
        out["completedTime"] = None
    out.pop("completedUserId", None)
    return out


def add_item(task: Mapping[str, Any], *, title: str, item_id: str, now: str, **fields: Any) -> Wire:
    """The task with one more unchecked checklist item, sorted after the others."""
    items = [dict(item) for item in task.get("items") or []]
    orders = [int(i["sortOrder"]) for i in items if isinstance(i.get("sortOrder"), int)]
    item: Wire = {
        "id": item_id,
        "title": title,
        "status": OPEN,
        "sortOrder": (max(orders) + 1099511627776) if orders else 0,
        **fields,
    }
    return patch(task, now, items=[*items, item])


def set_item_status(task: Mapping[str, Any], item_id: str, *, checked: bool, now: str) -> Wire:
    """The task with one checklist item checked (status 1, completedTime) or unchecked.

    Checklist items use 1 for checked, unlike tasks (2).
    """
    items = []
    found = False
    for item in task.get("items") or []:
        if isinstance(item, dict) and item.get("id") == item_id:
            found = True
            item = {**item, "status": 1 if checked else OPEN}
            item["completedTime"] = now if checked else None
        items.append(item)
    if not found:
        raise KeyError(f"task {task.get('id')} has no checklist item {item_id}")
    return patch(task, now, items=items)


def without_item(task: Mapping[str, Any], item_id: str, *, now: str) -> Wire:
    """The task without one checklist item."""
    items = list(task.get("items") or [])
    kept = [i for i in items if not (isinstance(i, dict) and i.get("id") == item_id)]
    if len(kept) == len(items):
        raise KeyError(f"task {task.get('id')} has no checklist item {item_id}")
    return patch(task, now, items=kept)
