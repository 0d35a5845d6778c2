"""Task writes: `/batch/task` (create, update, pin, close, reopen, delete), moves
and parents, and the single-task `createTask` / `getTask` / `updateTask`.

`batchTask-create*`, `-pin` and `-wont-do` are seed 002 verbatim. `-unpin`,
`-update`, `-complete-recurring` and `-delete` follow seed 002's rules
(`pinnedTime: null` unpins; completing an occurrence adds a `status: 2` copy and
advances the recurring task; delete sends `{taskId, projectId}`). `-reopen` is
inferred: no seed captures one.
"""

from __future__ import annotations

from .common import INBOX, PROJECT, Captures, get, ok, post
from .task_bodies import (
    COMPLETED_TASK,
    COUNT_TASK,
    DAILY_TASK,
    DELETE_ITEM,
    SYNCED_TASK,
    TEST_TASK,
    batch_task,
    instance,
    pinned,
)


def scenarios() -> Captures:
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
    reopened = {  # completion undone: both completion fields cleared to null, like pinnedTime
        **COMPLETED_TASK,
        "status": 0,
        "completedTime": None,
        "completedUserId": None,
        "modifiedTime": "2026-01-17T13:25:40.000+0000",
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
        "batchTask-delete": [post("/api/v2/batch/task", batch_task(delete=[DELETE_ITEM]), ok())],
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
    }
