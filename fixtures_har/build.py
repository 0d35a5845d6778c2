"""Write the HAR fixtures of this folder: `uv run python fixtures_har/build.py`.

Deterministic (fixed timestamps, ids and trace ids): running it twice writes the
same bytes, so `git diff` after a run shows exactly what changed. The bodies are
the seeds' captured bodies (seed 002: tasks, seed 003: habits, verbatim except
the user id, redacted to 100000001 / inbox100000001) and, for operations no seed
captures, bodies in the shapes seeds 000 and 001 describe. Every secret is the
placeholder REDACTED. See README.md for the list and how to add a capture.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tickspec.contract import builder

HERE = Path(__file__).resolve().parent
API = builder.API
USER = 100000001
INBOX = f"inbox{USER}"
PROJECT = "6940c3d51263b74715346bd6"
COLUMN = "6940c3d51263b74715346bd9"
GROUP = "6940c47c16b2c87db11a5670"
SECTION = "6940c47c16b2c87db11a567f"
HABIT = "696b90502c6f3277d1cc44a9"
CHECKIN = "696b90862c6f3277d1cc451e"
NO_ATTACHMENTS = {"addAttachments": [], "updateAttachments": [], "deleteAttachments": []}


def ok(**id2etag: str) -> dict[str, Any]:
    return {"id2etag": dict(id2etag), "id2error": {}}


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
    "696b8abc2c6f3277d1cc431a",
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
SYNCED_TASK = {  # seed 000's task, as full sync and listings return it
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
COMPLETED_TASK = {
    **SYNCED_TASK,
    "id": "696b8c4a2c6f3277d1cc4345",
    "status": 2,
    "completedTime": "2026-01-17T13:20:00.000+0000",
    "completedUserId": USER,
    "etag": "p0c2m8sd",
}
HABIT_BODY = {  # seed 003, verbatim
    "color": "#97E38B",
    "iconRes": "habit_daily_check_in",
    "createdTime": "2026-01-17T13:36:16.000+0000",
    "encouragement": "",
    "etag": "",
    "goal": 5,
    "id": HABIT,
    "modifiedTime": "2026-01-17T13:36:16.000+0000",
    "name": "Some new habit",
    "recordEnable": False,
    "reminders": ["20:00"],
    "repeatRule": "RRULE:FREQ=DAILY;INTERVAL=2",
    "sortOrder": -1099511627776,
    "status": 0,
    "step": 1,
    "totalCheckIns": 0,
    "type": "Real",
    "unit": "Count",
    "sectionId": SECTION,
    "targetDays": 100,
    "targetStartDate": 20260117,
    "completedCycles": 0,
    "exDates": [],
    "currentStreak": 0,
    "style": 1,
}
HABIT_UPDATE = {**HABIT_BODY, "modifiedTime": "2026-01-17T13:37:49.000+0000"}
HABIT_DONE = {
    **HABIT_BODY,
    "etag": "sln4qiy2",
    "modifiedTime": "2026-01-17T13:39:00.000+0000",
    "totalCheckIns": 1,
    "currentStreak": 1,
}
CHECKIN_PARTIAL = {
    "checkinStamp": 20260116,
    "opTime": "2026-01-17T13:37:49.000+0000",
    "goal": 5,
    "habitId": HABIT,
    "id": CHECKIN,
    "status": 0,
    "value": 1,
}
CHECKIN_DONE = {
    "checkinStamp": 20260116,
    "checkinTime": "2026-01-17T13:39:00.000+0000",
    "opTime": "2026-01-17T13:39:00.000+0000",
    "goal": 5,
    "habitId": HABIT,
    "id": CHECKIN,
    "status": 2,
    "value": 5,
}
PROJECT_BODY = {
    "id": PROJECT,
    "name": "Work",
    "isOwner": True,
    "color": "#4CA1FF",
    "sortOrder": -1099511627776,
    "sortType": "sortOrder",
    "userCount": 1,
    "etag": "k2p5x9qa",
    "modifiedTime": "2026-01-17T13:12:28.000+0000",
    "inAll": True,
    "muted": False,
    "closed": None,
    "transferred": None,
    "groupId": None,
    "viewMode": "kanban",
    "notificationOptions": None,
    "teamId": None,
    "permission": None,
    "kind": "TASK",
    "timeline": None,
    "needAudit": True,
    "barcodeNeedAudit": False,
    "openToTeam": False,
    "teamMemberPermission": None,
    "source": 1,
}
GROUP_BODY = {
    "id": GROUP,
    "etag": "b1v8h3qk",
    "name": "Personal",
    "showAll": True,
    "sortOrder": -2199023255552,
    "viewMode": None,
    "sortType": "project",
    "deleted": 0,
    "userId": USER,
    "teamId": None,
    "listType": "group",
    "timeline": None,
}
TAG_BODY = {
    "name": "errands",
    "label": "Errands",
    "rawName": "errands",
    "color": "#FF0000",
    "sortOrder": -1099511627776,
    "sortType": "project",
    "parent": None,
    "type": 1,
    "etag": "vxzpwo38",
}
SUBTAG_BODY = {
    "name": "work/urgent",
    "label": "urgent",
    "rawName": "work/urgent",
    "color": None,
    "sortOrder": 0,
    "sortType": "project",
    "parent": "work",
    "type": 1,
    "etag": "q8c0kd2s",
}
FILTER_RULE = (
    '{"and":[{"or":["6940c3d51263b74715346bd6"],"conditionType":1,"conditionName":"list"},'
    '{"or":[5,3],"conditionType":1,"conditionName":"priority"},'
    '{"or":["urgent"],"conditionType":1,"conditionName":"tag"}],"type":0,"version":1}'
)
FILTER_BODY = {
    "id": "696b91aa2c6f3277d1cc4600",
    "name": "High Priority Urgent",
    "rule": FILTER_RULE,
    "sortOrder": 0,
    "sortType": "dueDate",
    "viewMode": "kanban",
    "etag": "fz2m0c7d",
    "createdTime": "2026-01-17T13:40:00.000+0000",
    "modifiedTime": "2026-01-17T13:40:00.000+0000",
}
COLUMN_BODY = {
    "id": COLUMN,
    "projectId": PROJECT,
    "name": "In Progress",
    "sortOrder": 0,
    "createdTime": "2025-12-16T02:33:25.000+0000",
    "modifiedTime": "2026-01-17T13:12:28.000+0000",
    "etag": "m3kd9s0a",
}
SECTION_BODY = {
    "id": SECTION,
    "name": "_morning",
    "sortOrder": 0,
    "createdTime": "2025-12-16T02:35:08.000+0000",
    "modifiedTime": "2025-12-16T02:35:08.000+0000",
    "etag": "d0kq2m8z",
}
USER_STATUS = {
    "userId": str(USER),
    "userCode": "00000000-0000-4000-8000-000000000001",
    "username": "user@example.com",
    "teamPro": False,
    "proStartDate": None,
    "proEndDate": None,
    "subscribeType": None,
    "subscribeFreq": None,
    "needSubscribe": False,
    "freq": None,
    "inboxId": INBOX,
    "teamUser": False,
    "activeTeamUser": False,
    "freeTrial": False,
    "pro": False,
    "ds": False,
    "gracePeriod": None,
}
ERROR_LOGIN = {
    "errorId": "h8cyp9dz@2hbjlbr5",
    "errorCode": "username_password_not_match",
    "errorMessage": "username_password_not_match",
    "data": {"remainderTimes": 4},
}
ERROR_SIGNIN_MOVED = {
    "errorId": "k3v8q2xd@5m1r7tpa",
    "errorCode": "method_not_allowed",
    "errorMessage": "Request method 'POST' not supported",
    "data": None,
}
COMPLETED_QUERY = [("from", "2026-01-01 00:00:00"), ("to", "2026-01-17 23:59:59"), ("limit", "50")]


def pinned() -> dict[str, Any]:
    return {
        **copy.deepcopy(TEST_TASK),
        "pinnedTime": "2026-01-17T13:53:44.000+0000",
        "etag": "v9b9ap2e",
        "modifiedTime": "2026-01-17T13:53:44.000+0000",
    }


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
    order = [
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
    closed = {key: closed[key] for key in order}
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
    return {"add": list(add), "update": list(update), "delete": list(delete), **NO_ATTACHMENTS}


def post(path: str, body: Any, response: Any, **kw: Any) -> dict[str, Any]:
    return {
        "method": "POST",
        "url": API + path,
        "request_body": body,
        "response_body": response,
        **kw,
    }


def get(
    path: str, response: Any, query: list[tuple[str, str]] | None = None, **kw: Any
) -> dict[str, Any]:
    return {
        "method": "GET",
        "url": API + path,
        "response_body": response,
        "query": query or [],
        **kw,
    }


def call(method: str, path: str, body: Any = None, status: int = 200, **kw: Any) -> dict[str, Any]:
    return {"method": method, "url": API + path, "request_body": body, "status": status, **kw}


# The forms public clients that work against TickTick send (issue 8), each an
# accepted request: ticktick-sdk 0.4.3 and ticktick-py 2.0.3 add without an id
# (TickTick makes it and returns it in id2etag); pyticktick 0.3.0 writes every
# unset field as null, timestamps in pydantic's ISO form, and a three-field
# X-Device.
MADE_ID = "696b8d102c6f3277d1cc4401"
PYTICKTICK_TASK = {
    "projectId": INBOX,
    "title": "Buy milk",
    "completedTime": None,
    "content": None,
    "desc": None,
    "dueDate": "2026-01-18T09:00:00Z",
    "etag": None,
    "id": None,
    "isAllDay": None,
    "isFloating": None,
    "items": [
        {
            "completedTime": None,
            "id": None,
            "isAllDay": None,
            "startDate": None,
            "status": None,
            "timeZone": None,
            "title": "Milk",
            "sortOrder": None,
        }
    ],
    "kind": "TEXT",
    "modifiedTime": None,
    "reminders": [{"id": None, "trigger": "TRIGGER:PT0S"}],
    "repeatFlag": None,
    "repeatFrom": None,
    "priority": None,
    "progress": None,
    "startDate": None,
    "status": None,
    "timeZone": None,
    "tags": [],
    "assignee": None,
    "completedUserId": None,
    "creator": None,
    "sortOrder": None,
}
MINIMAL_DEVICE = builder.compact(
    {"platform": "web", "version": 6430, "id": "6940c239ae8dc70ae62c4684"}
)


def scenarios() -> dict[str, list[dict[str, Any]]]:
    """File stem -> the entries of that capture."""
    wont_do, advanced = instance(-1, "696b8ba82c6f3277d1cc4341", "696b8ba82c6f3277d1cc4342")
    done, advanced_done = instance(2, "696b8c4a2c6f3277d1cc4345", "696b8c4a2c6f3277d1cc4346")
    unpinned = {
        **pinned(),
        "pinnedTime": None,
        "etag": "wxbn3q91",
        "modifiedTime": "2026-01-17T13:58:02.000+0000",
    }
    updated = {
        **pinned(),
        "title": "test task (renamed)",
        "priority": 3,
        "tags": ["errands"],
        "content": "Notes in **Markdown**",
        "etag": "wxbn3q91",
        "modifiedTime": "2026-01-17T14:02:11.000+0000",
        "items": [
            {
                "id": "696b8c0a2c6f3277d1cc4350",
                "title": "Milk",
                "status": 0,
                "sortOrder": 0,
                "isAllDay": False,
                "timeZone": "Europe/Istanbul",
            }
        ],
    }
    delete_item = {"taskId": TEST_TASK["id"], "projectId": PROJECT}
    reopened = {  # completion undone: both completion fields cleared to null, like pinnedTime
        **COMPLETED_TASK,
        "status": 0,
        "completedTime": None,
        "completedUserId": None,
        "modifiedTime": "2026-01-17T13:25:40.000+0000",
    }
    sync_full = {
        "checkPoint": 1768656748000,
        "syncTaskBean": {
            "update": [SYNCED_TASK, pinned()],
            "tagUpdate": [],
            "delete": [],
            "add": [],
            "empty": False,
        },
        "projectProfiles": [PROJECT_BODY],
        "projectGroups": [GROUP_BODY],
        "filters": [FILTER_BODY],
        "tags": [TAG_BODY, SUBTAG_BODY],
        "syncTaskOrderBean": {
            "taskOrderByDate": {},
            "taskOrderByPriority": {},
            "taskOrderByProject": {},
        },
        "syncOrderBean": {"orderByType": {}},
        "syncOrderBeanV3": {"orderByType": {}},
        "inboxId": INBOX,
        "checks": None,
        "remindChanges": [],
    }
    sync_delta = {
        "checkPoint": 1768657000000,
        "syncTaskBean": {
            "update": [COMPLETED_TASK],  # completed since the checkpoint: a delta carries it
            "tagUpdate": [],
            "delete": [delete_item],
            "add": [],
            "empty": False,
        },
        "projectProfiles": None,
        "projectGroups": None,
        "filters": None,
        "tags": None,
        "syncTaskOrderBean": None,
        "syncOrderBean": None,
        "syncOrderBeanV3": None,
        "inboxId": INBOX,
        "checks": None,
        "remindChanges": None,
    }
    draft = {
        "title": "Buy groceries",
        "projectId": INBOX,
        "priority": 3,
        "tags": ["errands"],
        "dueDate": "2026-03-01T00:00:00.000+0000",
        "isAllDay": True,
        "content": "Markdown notes here",
        "items": [{"title": "Milk"}, {"title": "Bread"}],
    }
    created = {
        **SYNCED_TASK,
        "id": "696b93002c6f3277d1cc4800",
        "title": "Buy groceries",
        "priority": 3,
        "tags": ["errands"],
        "isAllDay": True,
        "etag": "c7d1x0qe",
        "items": [
            {"id": "696b93002c6f3277d1cc4801", "title": "Milk", "status": 0, "sortOrder": 0},
            {
                "id": "696b93002c6f3277d1cc4802",
                "title": "Bread",
                "status": 0,
                "sortOrder": 1099511627776,
            },
        ],
    }
    renamed_column = {**COLUMN_BODY, "name": "Done", "modifiedTime": "2026-01-17T14:10:00.000+0000"}
    new_group = {
        **GROUP_BODY,
        "id": "696b95002c6f3277d1cc4900",
        "name": "My Folder",
        "etag": "g5n2k8wa",
    }
    return {
        "batchTask-create": [
            post(
                "/api/v2/batch/task",
                batch_task(add=[TEST_TASK]),
                ok(**{TEST_TASK["id"]: "v9b9ap2e"}),
            )
        ],
        "batchTask-create-repeat-count": [
            post(
                "/api/v2/batch/task",
                batch_task(add=[COUNT_TASK]),
                ok(**{COUNT_TASK["id"]: "nzjdpzpk"}),
            )
        ],
        "batchTask-create-repeat-daily": [
            post(
                "/api/v2/batch/task",
                batch_task(add=[DAILY_TASK]),
                ok(**{DAILY_TASK["id"]: "q1j2ogah"}),
            )
        ],
        "batchTask-update": [
            post(
                "/api/v2/batch/task",
                batch_task(update=[updated]),
                ok(**{TEST_TASK["id"]: "k3v0qz7m"}),
            )
        ],
        "batchTask-reopen": [
            post(
                "/api/v2/batch/task",
                batch_task(update=[reopened]),
                ok(**{COMPLETED_TASK["id"]: "c5r0pn2w"}),
            )
        ],
        "batchTask-pin": [
            post(
                "/api/v2/batch/task",
                batch_task(update=[pinned()]),
                ok(**{TEST_TASK["id"]: "wxbn3q91"}),
            )
        ],
        "batchTask-unpin": [
            post(
                "/api/v2/batch/task",
                batch_task(update=[unpinned]),
                ok(**{TEST_TASK["id"]: "b6t1w9re"}),
            )
        ],
        "batchTask-wont-do": [
            post(
                "/api/v2/batch/task",
                batch_task([wont_do], [advanced]),
                ok(**{advanced["id"]: "8nlrfpks", wont_do["id"]: "imm8jglm"}),
            )
        ],
        "batchTask-complete-recurring": [
            post(
                "/api/v2/batch/task",
                batch_task([done], [advanced_done]),
                ok(**{advanced_done["id"]: "5hbq0x2c", done["id"]: "t7e4ka1n"}),
            )
        ],
        "batchTask-delete": [post("/api/v2/batch/task", batch_task(delete=[delete_item]), ok())],
        "batchTaskParent": [
            post(
                "/api/v2/batch/taskParent",
                [{"taskId": COUNT_TASK["id"], "projectId": PROJECT, "parentId": TEST_TASK["id"]}],
                {
                    "id2etag": {
                        COUNT_TASK["id"]: {
                            "id": COUNT_TASK["id"],
                            "parentId": TEST_TASK["id"],
                            "childIds": None,
                            "etag": "r4lq8xzm",
                        }
                    },
                    "id2error": {},
                },
            )
        ],
        "batchTaskProject": [
            post(
                "/api/v2/batch/taskProject",
                [{"taskId": TEST_TASK["id"], "fromProjectId": PROJECT, "toProjectId": INBOX}],
                ok(**{TEST_TASK["id"]: "h2x9c0la"}),
            )
        ],
        "createTask": [post("/api/v2/task", draft, created)],
        "getTask": [get(f"/api/v2/task/{SYNCED_TASK['id']}", SYNCED_TASK, [("projectId", INBOX)])],
        "updateTask": [
            post(
                f"/api/v2/task/{SYNCED_TASK['id']}",
                {**SYNCED_TASK, "title": "Get groceries and snacks", "priority": 5},
                {
                    **SYNCED_TASK,
                    "title": "Get groceries and snacks",
                    "priority": 5,
                    "etag": "u1q8d3vn",
                },
            )
        ],
        "getCompletedInProject": [
            get(f"/api/v2/project/{PROJECT}/completed/", [COMPLETED_TASK], COMPLETED_QUERY)
        ],
        "getAllCompleted": [
            get("/api/v2/project/all/completed/", [COMPLETED_TASK], COMPLETED_QUERY)
        ],
        "getCompletedInAll": [
            get("/api/v2/project/all/completedInAll/", [COMPLETED_TASK], COMPLETED_QUERY)
        ],
        "getClosedProjects": [
            get(
                "/api/v2/project/all/closed",
                [{**COMPLETED_TASK, "status": -1}],
                [*COMPLETED_QUERY[:2], ("status", "Abandoned"), ("limit", "50")],
            )
        ],
        "getTrash": [
            get(
                "/api/v2/project/all/trash/pagination",
                {"tasks": [{**SYNCED_TASK, "deleted": 1}], "next": -1},
                [("start", "0"), ("limit", "50")],
            )
        ],
        "syncV3-full": [get("/api/v3/batch/check/0", sync_full)],
        "syncV3-delta": [get("/api/v3/batch/check/1768656748000", sync_delta)],
        "syncV3-unauthorized": [
            get(
                "/api/v3/batch/check/0",
                {
                    "errorId": "q7vz0m2k@4hd8s1xa",
                    "errorCode": "unauthorized",
                    "errorMessage": "unauthorized",
                    "data": None,
                },
                status=401,
            )
        ],
        "syncV2-full": [get("/api/v2/batch/check/0", sync_full)],
        "signon": [
            post(
                "/api/v2/user/signon",
                {"username": "user@example.com", "password": builder.PLACEHOLDER},
                {**USER_STATUS, "token": builder.PLACEHOLDER},
                query=[("wc", "true"), ("remember", "true")],
                authenticated=False,
            )
        ],
        "signon-error": [
            post(
                "/api/v2/user/signon",
                {"username": "user@example.com", "password": builder.PLACEHOLDER},
                ERROR_LOGIN,
                status=500,
                query=[("wc", "true"), ("remember", "true")],
                authenticated=False,
            )
        ],
        "signin-405": [  # ticktick-py 2.0.3's old login path; TickTick moved it to signon
            post(
                "/api/v2/user/signin",
                {"username": "user@example.com", "password": builder.PLACEHOLDER},
                ERROR_SIGNIN_MOVED,
                status=405,
                query=[("wc", "true"), ("remember", "true")],
                authenticated=False,
            )
        ],
        "signon-minimal-x-device": [
            post(
                "/api/v2/user/signon",
                {"username": "user@example.com", "password": builder.PLACEHOLDER},
                {**USER_STATUS, "token": builder.PLACEHOLDER},
                query=[("wc", "true"), ("remember", "true")],
                headers=builder.request_headers(
                    body=True,
                    traceid="696b8abc000000002c6f3277",
                    authenticated=False,
                    x_device=MINIMAL_DEVICE,
                ),
            )
        ],
        "getMfaSetting": [
            get("/api/v2/user/sign/mfa/setting", {"mfaType": None}, authenticated=False)
        ],
        "verifyMfa": [
            post(
                "/api/v2/user/sign/mfa/code/verify",
                {"code": "000000", "method": "app", "authId": "000000000000000000000000"},
                {**USER_STATUS, "token": builder.PLACEHOLDER},
                authenticated=False,
            )
        ],
        "verifyMfa-header": [  # the authId in the x-verify-id header instead of the body
            post(
                "/api/v2/user/sign/mfa/code/verify",
                {"code": "000000", "method": "app"},
                {**USER_STATUS, "token": builder.PLACEHOLDER},
                authenticated=False,
                extra_headers=[("x-verify-id", "000000000000000000000000")],
            )
        ],
        "createProject": [
            post(
                "/api/v2/project",
                {
                    "name": "Work",
                    "color": "#4CA1FF",
                    "viewMode": "kanban",
                    "kind": "TASK",
                    "groupId": None,
                    "inAll": True,
                },
                PROJECT_BODY,
            )
        ],
        "updateProject": [
            call("PUT", f"/api/v2/project/{PROJECT}", {**PROJECT_BODY, "name": "Work (renamed)"})
        ],
        "deleteProject": [call("DELETE", f"/api/v2/project/{PROJECT}")],
        "batchProject": [
            post(
                "/api/v2/batch/project",
                {"add": [], "update": [{**PROJECT_BODY, "closed": True}], "delete": []},
                ok(**{PROJECT: "z8m1c4pe"}),
            )
        ],
        "createProjectGroup": [
            post("/api/v2/projectGroup", {"name": "My Folder", "listType": "group"}, new_group)
        ],
        "updateProjectGroup": [
            call("PUT", f"/api/v2/projectGroup/{GROUP}", {**GROUP_BODY, "name": "Personal stuff"})
        ],
        "deleteProjectGroup": [call("DELETE", f"/api/v2/projectGroup/{GROUP}")],
        "batchProjectGroup": [
            post(
                "/api/v2/batch/projectGroup",
                {"add": [new_group], "update": [], "delete": []},
                ok(**{new_group["id"]: "g5n2k8wa"}),
            )
        ],
        "batchTag-create": [post("/api/v2/batch/tag", {"add": [TAG_BODY]}, ok(errands="vxzpwo38"))],
        "batchTag-update": [
            post(
                "/api/v2/batch/tag",
                {"update": [{**TAG_BODY, "color": "#00FF00"}]},
                ok(errands="n5d0s2we"),
            )
        ],
        "batchTag-delete-subtag": [post("/api/v2/batch/tag", {"delete": ["work/urgent"]}, ok())],
        "renameTag": [call("PUT", "/api/v2/tag/rename", {"name": "errands", "newName": "chores"})],
        "mergeTag": [call("PUT", "/api/v2/tag/merge", {"name": "chores", "newName": "home"})],
        "deleteTag": [call("DELETE", "/api/v2/tag/home")],
        "batchTag-add-with-nulls": [
            post(
                "/api/v2/batch/tag",
                {
                    "add": [
                        {
                            "label": "Errands",
                            "color": None,
                            "name": None,
                            "parent": None,
                            "sortType": "project",
                            "sortOrder": None,
                        }
                    ],
                    "update": [],
                    "delete": [],
                },
                ok(errands="q7w1e3rt"),
            )
        ],
        "batchTask-add-without-id": [
            post(
                "/api/v2/batch/task",
                {"add": [{"title": "no id yet", "projectId": INBOX}], "update": [], "delete": []},
                ok(**{MADE_ID: "n4b8x2ka"}),
            )
        ],
        "batchTask-add-with-nulls": [
            post(
                "/api/v2/batch/task",
                {"add": [PYTICKTICK_TASK], "delete": [], "update": [], **NO_ATTACHMENTS},
                ok(**{MADE_ID: "n4b8x2ka"}),
            )
        ],
        "batchProject-add-without-id": [
            post(
                "/api/v2/batch/project",
                {
                    "add": [{"name": "Errands", "color": None, "groupId": None, "kind": "TASK"}],
                    "update": [],
                    "delete": [],
                },
                ok(**{MADE_ID: "c2v5m7pl"}),
            )
        ],
        "batchProjectGroup-add-without-id": [
            post(
                "/api/v2/batch/projectGroup",
                {"add": [{"name": "Work", "listType": "group"}], "update": [], "delete": []},
                ok(**{MADE_ID: "d8f3k1zq"}),
            )
        ],
        "deleteTagByQuery": [call("DELETE", "/api/v2/tag", query=[("name", "home")])],
        "getTagCompletedTasks": [
            post(
                "/api/v2/tag/completedTask",
                {"tags": ["errands"], "limit": 50},
                [{**COMPLETED_TASK, "tags": ["errands"]}],
            )
        ],
        "batchFilter-create": [
            post(
                "/api/v2/batch/filter",
                {"add": [FILTER_BODY], "update": [], "delete": []},
                ok(**{FILTER_BODY["id"]: "fz2m0c7d"}),
            )
        ],
        "batchFilter-update": [
            post(
                "/api/v2/batch/filter",
                {"add": [], "update": [{**FILTER_BODY, "name": "Urgent"}], "delete": []},
                ok(**{FILTER_BODY["id"]: "e3r8y1ub"}),
            )
        ],
        "batchFilter-delete": [
            post(
                "/api/v2/batch/filter",
                {"add": [], "update": [], "delete": [FILTER_BODY["id"]]},
                ok(),
            )
        ],
        "getColumns": [get("/api/v2/column", [COLUMN_BODY], [("from", "0")])],
        "getProjectColumns": [get(f"/api/v2/column/project/{PROJECT}", [COLUMN_BODY])],
        "upsertColumns-create": [
            post(
                "/api/v2/column",
                {"add": [COLUMN_BODY], "update": [], "delete": []},
                ok(**{COLUMN: "m3kd9s0a"}),
            )
        ],
        "upsertColumns-rename": [
            post(
                "/api/v2/column",
                {"add": [], "update": [renamed_column], "delete": []},
                ok(**{COLUMN: "w0b7n4ki"}),
            )
        ],
        "getHabits": [get("/api/v2/habits", [{**HABIT_DONE, "etag": "jitu6mpc"}])],
        "batchHabit-create": [
            post(
                "/api/v2/habits/batch",
                {"add": [HABIT_BODY], "update": [], "delete": []},
                ok(**{HABIT: "0wmx5gyn"}),
            )
        ],
        "batchHabit-update": [
            post(
                "/api/v2/habits/batch",
                {"add": [], "update": [HABIT_UPDATE], "delete": []},
                ok(**{HABIT: "qaf97ag9"}),
            )
        ],
        "habit-checkin-partial": [
            post(
                "/api/v2/habits/batch",
                {"add": [], "update": [HABIT_UPDATE], "delete": []},
                ok(**{HABIT: "qaf97ag9"}),
            ),
            post(
                "/api/v2/habitCheckins/batch",
                {"add": [CHECKIN_PARTIAL], "update": [], "delete": []},
                ok(),
            ),
        ],
        "habit-checkin-complete": [
            post(
                "/api/v2/habits/batch",
                {"add": [], "update": [HABIT_DONE], "delete": []},
                ok(**{HABIT: "jitu6mpc"}),
            ),
            post(
                "/api/v2/habitCheckins/batch",
                {"add": [], "update": [CHECKIN_DONE], "delete": []},
                ok(),
            ),
        ],
        "createHabit-405": [call("POST", "/api/v2/habits", HABIT_BODY, status=405)],
        "updateHabit-405": [call("PUT", f"/api/v2/habits/{HABIT}", HABIT_UPDATE, status=405)],
        "deleteHabit-405": [call("DELETE", f"/api/v2/habits/{HABIT}", status=405)],
        "createHabitCheckin": [post("/api/v2/habitCheckins", CHECKIN_PARTIAL, {**CHECKIN_PARTIAL})],
        "queryHabitCheckins": [
            post(
                "/api/v2/habitCheckins/query",
                {"habitIds": [HABIT], "afterStamp": 20260101},
                {"checkins": {HABIT: [CHECKIN_DONE]}},
            )
        ],
        "getHabitSections": [get("/api/v2/habitSections", [SECTION_BODY])],
        "getHabitPreferences": [
            get(
                "/api/v2/user/preferences/habit",
                {
                    "showInCalendar": True,
                    "showInToday": True,
                    "enabled": True,
                    "defaultSection": "_morning",
                },
                [("platform", "web")],
            )
        ],
        "searchAll": [
            get(
                "/api/v2/search/all",
                {"tasks": [SYNCED_TASK], "comments": [], "hits": []},
                [("keywords", "groceries")],
            )
        ],
        "getUserProfile": [
            get(
                "/api/v2/user/profile",
                {
                    "username": "user@example.com",
                    "name": "User",
                    "displayName": "User",
                    "email": "user@example.com",
                    "phone": None,
                    "picture": None,
                    "locale": "en_US",
                    "userCode": USER_STATUS["userCode"],
                    "verifiedEmail": True,
                    "fakedEmail": False,
                    "accountDomain": None,
                },
                base64_response=True,
            )
        ],
        "getUserStatus": [get("/api/v2/user/status", USER_STATUS)],
        "getUserSettings": [
            get(
                "/api/v2/user/preferences/settings",
                {
                    "timeZone": "Europe/Istanbul",
                    "locale": "en_US",
                    "startDayOfWeek": 1,
                    "defaultPriority": 0,
                    "defaultReminders": ["TRIGGER:PT0S"],
                    "theme": None,
                },
                [("includeWeb", "true")],
            )
        ],
        "updateUserSettings": [
            post(
                "/api/v2/user/preferences/settings",
                {"timeZone": "Europe/Istanbul", "startDayOfWeek": 2},
                {
                    "timeZone": "Europe/Istanbul",
                    "locale": "en_US",
                    "startDayOfWeek": 2,
                    "defaultPriority": 0,
                    "defaultReminders": ["TRIGGER:PT0S"],
                    "theme": None,
                },
            )
        ],
        "getLimits": [
            get(
                "/api/v2/configs/limits",
                {
                    "projectNumber": 9,
                    "projectTaskNumber": 99,
                    "subtaskNumber": 19,
                    "shareUserNumber": 1,
                    "dailyUploadNumber": 1,
                    "taskAttachmentNumber": 1,
                    "reminderNumber": 2,
                    "habitNumber": 5,
                    "kanbanNumber": 10,
                    "visitorNumber": 1,
                },
            )
        ],
        "getUnreadNotifications": [get("/api/v2/notification/unread", [])],
        "getThirdCalendarAccounts": [get("/api/v2/calendar/third/accounts", [])],
        "getCalendarSubscriptions": [get("/api/v2/calendar/subscription", [])],
        "getBoundCalendarEvents": [get("/api/v2/calendar/bind/events/all", [])],
        "getGeneralStatistics": [
            get(
                "/api/v2/statistics/general",
                {
                    "score": 1240,
                    "level": 5,
                    "yesterdayCompleted": 3,
                    "todayCompleted": 2,
                    "totalCompleted": 812,
                    "scoreByDay": {"20260117": 1240},
                    "taskByDay": {},
                    "taskByWeek": {},
                    "taskByMonth": {},
                },
            )
        ],
    }


def entry(index: int, spec: dict[str, Any]) -> dict[str, Any]:
    """One HAR entry; `extra_headers` go after the web app's own, before `traceid`."""
    spec = dict(spec)
    extra = spec.pop("extra_headers", [])
    built = builder.entry(index=index, **spec)
    headers = built["request"]["headers"]
    at = next(i for i, h in enumerate(headers) if h["name"] == "traceid")
    headers[at:at] = [{"name": name, "value": value} for name, value in extra]
    return built


def write(out: Path = HERE) -> list[Path]:
    """Write every capture; returns the paths written."""
    written = []
    for stem, specs in sorted(scenarios().items()):
        entries = [entry(i, spec) for i, spec in enumerate(specs)]
        doc = builder.har(entries, comment=f"tickspec fixture {stem}: see fixtures_har/README.md")
        path = out / f"{stem}.har"
        path.write_text(builder.dumps(doc), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    paths = write()
    print(f"wrote {len(paths)} captures to {HERE}")
