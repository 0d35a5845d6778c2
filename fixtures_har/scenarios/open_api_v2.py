"""The Open API endpoints of the newest Dida365 doc (issue 17), one capture each.

No capture of real traffic shows these calls: each request and answer is the doc's own
example, on the doc's host api.dida365.com, with its placeholder ids (`group-1`,
`habit-1`, `taskId1`, ...) and etags (`habit-etag`, ...) replaced by realistic 24-hex ids
and 8-character etags; the doc's own 24-hex ids are kept. Where the doc shows no answer
(assign, unassign, undone, search) the answer is the doc's task example. Like the other
Open API captures they come from a script: a bearer token, no X-Device, no cookies.
The member's username and display name are as `tickspec import` redacts them.
"""

from __future__ import annotations

from typing import Any

from .common import PLACEHOLDER, Captures, Spec, web
from .open_api import script_headers
from .open_doc_bodies import (
    CHECKIN,
    COLUMN,
    COMMENT,
    COMMENT_BODY,
    COMPLETED,
    COUNTDOWN,
    DOC_TASK,
    FILTERED,
    FOCUS,
    GROUP,
    HABIT,
    HABIT2,
    HABIT_BODY,
    HABIT_NEW,
    PROJECT,
    PROJECT2,
    PROJECT_FROM,
    SECTION,
    TASK,
    TASK2,
)

HOST = "api.dida365.com"
TASK_PATH = f"/open/v1/project/{PROJECT}/task/{TASK}"


def call(
    method: str,
    path: str,
    response: Any = None,
    body: Any = None,
    query: list[tuple[str, str]] | None = None,
) -> Spec:
    """An Open API call on the doc's host with a bearer token (no browser headers)."""
    headers = script_headers(
        HOST,
        body="application/json" if body is not None else None,
        auth=f"Bearer {PLACEHOLDER}",
    )
    spec = web(method, path, response, body, authenticated=False, headers=headers)
    spec["url"] = f"https://{HOST}{path}"
    if query:
        spec["query"] = query
    return spec


def tasks() -> Captures:
    """Preference and the task endpoints the newest doc adds."""
    return {
        "openGetPreference": [
            call("POST", "/open/v1/preference", {"timeZone": "America/Los_Angeles"})
        ],
        "openCompleteTasks": [
            call(
                "POST",
                "/open/v1/task/completeTasks",
                [TASK, TASK2],
                {"projectId": PROJECT, "taskIds": [TASK, TASK2]},
            )
        ],
        "openMoveTasks": [
            call(
                "POST",
                "/open/v1/task/move",
                [{"id": TASK2, "etag": "43p2zso1"}],
                [{"fromProjectId": PROJECT_FROM, "toProjectId": PROJECT2, "taskId": TASK2}],
            )
        ],
        "openBatchTasks": [
            call(
                "POST",
                "/open/v1/task/batch",
                {"id2etag": {TASK: "43p2zso1"}, "id2error": {}},
                {
                    "add": [{"title": "New task", "projectId": PROJECT}],
                    "update": [{"id": TASK, "projectId": PROJECT, "title": "Updated task"}],
                },
            )
        ],
        "openAssignTask": [
            call(
                "POST",
                "/open/v1/task/assign",
                {**DOC_TASK, "assigneeUsername": "user@example.com"},
                {"projectId": PROJECT, "taskId": TASK, "assigneeUsername": "user@example.com"},
            )
        ],
        "openUnassignTask": [
            call("POST", "/open/v1/task/unassign", DOC_TASK, {"projectId": PROJECT, "taskId": TASK})
        ],
        "openListCompletedTasks": [
            call(
                "POST",
                "/open/v1/task/completed",
                [COMPLETED],
                {
                    "projectIds": [PROJECT2],
                    "startDate": "2026-03-01T00:58:20.000+0000",
                    "endDate": "2026-03-05T10:58:20.000+0000",
                },
            )
        ],
        "openFilterTasks": [
            call(
                "POST",
                "/open/v1/task/filter",
                FILTERED,
                {
                    "projectIds": [PROJECT2],
                    "startDate": "2026-03-01T00:58:20.000+0000",
                    "endDate": "2026-03-06T10:58:20.000+0000",
                    "priority": [0],
                    "tag": ["urgent"],
                    "status": [0],
                },
            )
        ],
        "openListUndoneTasks": [
            call(
                "POST",
                "/open/v1/task/undone",
                [DOC_TASK],
                {
                    "projectIds": [PROJECT],
                    "startDate": "2026-07-01T00:00:00+0000",
                    "endDate": "2026-07-14T23:59:59+0000",
                },
            )
        ],
        "openSearchTasks": [
            call(
                "POST",
                "/open/v1/task/search",
                [{**DOC_TASK, "title": "quarterly report", "tags": ["work"]}],
                {
                    "keywords": "quarterly report",
                    "projectIds": [PROJECT],
                    "tags": ["work"],
                    "status": [0],
                    "dueFrom": "2026-07-01T00:00:00+0000",
                    "dueTo": "2026-07-31T23:59:59+0000",
                },
            )
        ],
        "openListTaskComments": [call("GET", f"{TASK_PATH}/comments", [COMMENT_BODY])],
        "openCreateTaskComment": [
            call("POST", f"{TASK_PATH}/comment", COMMENT_BODY, {"title": "Comment text"})
        ],
        "openDeleteTaskComment": [call("DELETE", f"{TASK_PATH}/comment/{COMMENT}")],
    }


def projects() -> Captures:
    """Members, project groups, columns and tags."""
    group = {"id": GROUP, "name": "Group Name", "sortOrder": 0}
    column = {"id": COLUMN, "projectId": PROJECT, "name": "Column Name", "sortOrder": 0}
    member = {"username": "user@example.com", "displayName": "User", "self": False}
    return {
        "openListProjectMembers": [call("GET", f"/open/v1/project/{PROJECT}/members", [member])],
        "openListProjectGroups": [
            call("GET", "/open/v1/project/group", [{**group, "showAll": True, "viewMode": "list"}])
        ],
        "openCreateProjectGroup": [
            call("POST", "/open/v1/project/group", group, {"name": "Group Name"})
        ],
        "openUpdateProjectGroup": [
            call(
                "POST",
                f"/open/v1/project/group/{GROUP}",
                {**group, "name": "New Group Name"},
                {"name": "New Group Name"},
            )
        ],
        "openDeleteProjectGroup": [call("DELETE", f"/open/v1/project/group/{GROUP}")],
        "openListColumns": [call("GET", f"/open/v1/project/{PROJECT}/column", [column])],
        "openCreateColumn": [
            call("POST", f"/open/v1/project/{PROJECT}/column", column, {"name": "Column Name"})
        ],
        "openUpdateColumn": [
            call(
                "POST",
                f"/open/v1/project/{PROJECT}/column/{COLUMN}",
                {**column, "name": "New Column Name"},
                {"name": "New Column Name"},
            )
        ],
        "openListTags": [
            call(
                "GET",
                "/open/v1/tag",
                [{"name": "work", "label": "work", "sortOrder": 0, "color": "#F18181", "type": 1}],
            )
        ],
        "openCreateTag": [
            call(
                "POST",
                "/open/v1/tag",
                {"name": "urgent", "label": "urgent", "sortOrder": 0, "type": 1},
                {"name": "urgent", "label": "urgent"},
            )
        ],
    }


def focus() -> Captures:
    """Focus records and countdowns."""
    record = {
        "id": FOCUS,
        "type": 0,
        "taskId": TASK,
        "note": "Deep work",
        "status": 2,
        "startTime": "2026-04-07T09:00:00+0800",
        "endTime": "2026-04-07T09:25:00+0800",
        "pauseDuration": 0,
        "adjustTime": 0,
        "added": True,
        "createdTime": "2026-04-07T09:25:00+0800",
        "modifiedTime": "2026-04-07T09:25:00+0800",
        "etimestamp": 1712453100000,
        "etag": "k2m9x7qa",
        "duration": 1500,
        "relationType": [0],
    }
    timing = {
        "id": FOCUS,
        "type": 1,
        "note": "Timing",
        "startTime": "2026-04-01T09:00:00+0800",
        "endTime": "2026-04-01T10:30:00+0800",
        "duration": 5400,
    }
    new = {
        "type": 0,
        "taskId": TASK,
        "startTime": "2026-04-07T09:00:00+0800",
        "endTime": "2026-04-07T09:25:00+0800",
        "duration": 1500,
    }
    countdown = {
        "id": COUNTDOWN,
        "type": 0,
        "name": "Birthday",
        "date": 20260407,
        "color": "#4D8CF5",
        "reminders": [],
        "sortOrder": 0,
    }
    range_query = [
        ("from", "2026-04-01T00:00:00+0800"),
        ("to", "2026-04-02T00:00:00+0800"),
        ("type", "1"),
    ]
    return {
        "openGetFocus": [call("GET", f"/open/v1/focus/{FOCUS}", record, query=[("type", "0")])],
        "openListFocuses": [call("GET", "/open/v1/focus", [timing], query=range_query)],
        "openCreateFocus": [call("POST", "/open/v1/focus", {"id": FOCUS, **new}, new)],
        "openDeleteFocus": [
            call(
                "DELETE", f"/open/v1/focus/{FOCUS}", {"id": FOCUS, "type": 0}, query=[("type", "0")]
            )
        ],
        "openListCountdowns": [call("GET", "/open/v1/countdown", [countdown])],
    }


def habits() -> Captures:
    """Habits, their sections and check-ins."""
    section = {
        "id": SECTION,
        "name": "Health",
        "sortOrder": 12345,
        "createdTime": "2026-07-01T00:00:00+0000",
        "modifiedTime": "2026-07-01T00:00:00+0000",
        "etag": "s6v1b3ne",
    }
    listing = [
        {"id": HABIT, "name": "Read", "repeatRule": "RRULE:FREQ=DAILY;INTERVAL=1", "status": 0},
        {
            "id": HABIT2,
            "name": "Exercise",
            "repeatRule": "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR",
            "status": 0,
        },
    ]
    update = {"name": "Read more", "goal": 2.0, "repeatRule": "RRULE:FREQ=DAILY;INTERVAL=1"}
    checkins_query = [("habitIds", f"{HABIT},{HABIT2}"), ("from", "20260401"), ("to", "20260407")]
    return {
        "openGetHabit": [call("GET", f"/open/v1/habit/{HABIT}", HABIT_BODY)],
        "openListHabitSections": [call("GET", "/open/v1/habit/sections", [section])],
        "openListHabits": [call("GET", "/open/v1/habit", listing)],
        "openCreateHabit": [call("POST", "/open/v1/habit", {"id": HABIT, **HABIT_NEW}, HABIT_NEW)],
        "openUpdateHabit": [
            call("POST", f"/open/v1/habit/{HABIT}", {"id": HABIT, **update}, update)
        ],
        "openCheckinHabit": [
            call(
                "POST",
                f"/open/v1/habit/{HABIT}/checkin",
                CHECKIN,
                {"stamp": 20260407, "value": 1.0, "goal": 1.0},
            )
        ],
        "openListHabitCheckins": [
            call("GET", "/open/v1/habit/checkins", [CHECKIN], query=checkins_query)
        ],
    }


def scenarios() -> Captures:
    return {**tasks(), **projects(), **focus(), **habits()}
