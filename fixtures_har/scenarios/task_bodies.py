"""The tasks the task, sync and listing captures share, in the web app's own shapes.

TEST_TASK, COUNT_TASK and DAILY_TASK are seed 002's three created tasks verbatim
(user id redacted), in the field order the web app sends; SYNCED_TASK is seed
000's task as full sync and listings return it. `instance` is seed 002's rule
for closing one occurrence of a recurring task.
"""

from __future__ import annotations

import copy
from typing import Any

from .common import COLUMN, INBOX, PROJECT, TASK, USER

NO_ATTACHMENTS: dict[str, list[Any]] = {
    "addAttachments": [],
    "updateAttachments": [],
    "deleteAttachments": [],
}
COMPLETED_QUERY = [("from", "2026-01-01 00:00:00"), ("to", "2026-01-17 23:59:59"), ("limit", "50")]


def task(tid: str, title: str, **fields: Any) -> dict[str, Any]:
    """A task as the web app sends it (seed 002 field order), with overrides."""
    body: dict[str, Any] = {
        "items": [],
        "reminders": [{"id": fields.pop("reminder_id"), "trigger": "TRIGGER:PT0S"}],
        "exDate": [],
        "dueDate": None,
        "priority": 0,
        "isAllDay": False,
        "repeatFrom": "0",
        "repeatFlag": None,
        "progress": 0,
        "assignee": None,
        "sortOrder": -1099512217600,
        "startDate": "2026-01-17T15:00:00.000+0000",
        "isFloating": False,
        "columnId": COLUMN,
        "status": 0,
        "projectId": PROJECT,
        "kind": None,
        "createdTime": "2026-01-17T13:12:28.000+0000",
        "modifiedTime": "2026-01-17T13:12:28.000+0000",
        "title": title,
        "tags": [],
        "timeZone": "Europe/Istanbul",
        "content": "",
        "id": tid,
    }
    body.update(fields)
    return body


TEST_TASK = task(
    TASK,
    "test task",
    reminder_id="696b8a802c6f3277d1cc4311",
    priority=5,
    repeatFlag="RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;UNTIL=20260227;BYDAY=SA",
)
COUNT_TASK = task(
    "696b8b3f2c6f3277d1cc4326",
    "another test task",
    reminder_id="696b8b192c6f3277d1cc4324",
    repeatFrom="1",
    repeatFlag="RRULE:FREQ=DAILY;INTERVAL=1;COUNT=30",
    sortOrder=-2199023845376,
    createdTime="2026-01-17T13:14:39.000+0000",
    modifiedTime="2026-01-17T13:14:39.000+0000",
)
DAILY_TASK = task(
    "696b8b6f2c6f3277d1cc4331",
    "last test task",
    reminder_id="696b8b602c6f3277d1cc432f",
    dueDate="2026-01-17T15:00:00.000+0000",
    repeatFrom="2",
    repeatFlag="RRULE:FREQ=DAILY;INTERVAL=1",
    sortOrder=-3298535473152,
    startDate="2026-01-17T14:00:00.000+0000",
    createdTime="2026-01-17T13:15:27.000+0000",
    modifiedTime="2026-01-17T13:15:27.000+0000",
)
SYNCED_TASK: dict[str, Any] = {  # seed 000's task, as full sync and listings return it
    "id": "5ff24e4b8f08904035b304d9",
    "projectId": INBOX,
    "sortOrder": -1099511627776,
    "title": "Get Groceries",
    "content": "",
    "startDate": "2026-01-20T21:30:00.000+0000",
    "dueDate": "2026-01-20T21:30:00.000+0000",
    "timeZone": "Europe/Istanbul",
    "isFloating": False,
    "isAllDay": False,
    "reminders": [],
    "priority": 0,
    "status": 0,
    "items": [],
    "modifiedTime": "2026-01-17T13:07:55.004+0000",
    "etag": "ol2zesef",
    "deleted": 0,
    "createdTime": "2026-01-17T13:07:55.011+0000",
    "creator": USER,
    "kind": "TEXT",
}
COMPLETED_TASK: dict[str, Any] = {
    **SYNCED_TASK,
    "id": "696b8c4a2c6f3277d1cc4345",
    "status": 2,
    "completedTime": "2026-01-17T13:20:00.000+0000",
    "completedUserId": USER,
    "etag": "p0c2m8sd",
}
DELETE_ITEM = {"taskId": TEST_TASK["id"], "projectId": PROJECT}  # how a batch deletes a task

# The field order of a closed occurrence as seed 002 captures it.
_INSTANCE_ORDER = [
    "items",
    "reminders",
    "exDate",
    "dueDate",
    "priority",
    "isAllDay",
    "repeatFrom",
    "repeatFlag",
    "progress",
    "assignee",
    "sortOrder",
    "startDate",
    "isFloating",
    "attachments",
    "completedUserId",
    "columnId",
    "remindTime",
    "status",
    "projectId",
    "kind",
    "createdTime",
    "modifiedTime",
    "title",
    "completedTime",
    "tags",
    "timeZone",
    "content",
    "id",
    "repeatTaskId",
]


def pinned() -> dict[str, Any]:
    """TEST_TASK after seed 002's pin: a fresh copy, as callers extend it."""
    return {
        **copy.deepcopy(TEST_TASK),
        "pinnedTime": "2026-01-17T13:53:44.000+0000",
        "etag": "v9b9ap2e",
        "modifiedTime": "2026-01-17T13:53:44.000+0000",
    }


def answered(body: dict[str, Any]) -> dict[str, Any]:
    """A task the web app sent, as TickTick answers it (sync, listings): the body plus
    the two fields the server sets and the client never sends, `deleted` and `creator`.
    Every whole task in a real answer has both (fixtures_har/real/: tpy-getTask-completed,
    tpy-getTask-subtask, tpy18-getTask, readme-getAllCompleted; seed 000's task)."""
    return {**body, "deleted": 0, "creator": USER}


def instance(status: int, new_id: str, reminder: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Completing (2) or abandoning (-1) a recurring occurrence (seed 002): a closed copy is
    added with repeatTaskId, the recurring task advances to its next occurrence."""
    closed = task(
        new_id,
        "last test task",
        reminder_id=reminder,
        dueDate="2026-01-17T15:00:00.000+0000",
        repeatFrom="2",
        sortOrder=-3298535473152,
        startDate="2026-01-17T14:00:00.000+0000",
        createdTime="2026-01-17T13:15:27.000+0000",
        modifiedTime="2026-01-17T13:16:05.000+0000",
    )
    closed.update(
        attachments=[],
        completedUserId=USER,
        remindTime=None,
        status=status,
        completedTime="2026-01-17T13:16:24.000+0000",
        repeatTaskId=DAILY_TASK["id"],
    )
    closed = {key: closed[key] for key in _INSTANCE_ORDER}
    advanced = {
        **copy.deepcopy(DAILY_TASK),
        "dueDate": "2026-01-18T15:00:00.000+0000",
        "startDate": "2026-01-18T14:00:00.000+0000",
        "etag": "q1j2ogah",
        "modifiedTime": "2026-01-17T13:16:24.000+0000",
        "remindTime": None,
        "focusSummaries": [],
    }
    return closed, advanced


def batch_task(add: Any = (), update: Any = (), delete: Any = ()) -> dict[str, Any]:
    """A `/batch/task` body as the web app sends it, attachment lists included."""
    return {"add": list(add), "update": list(update), "delete": list(delete), **NO_ATTACHMENTS}
