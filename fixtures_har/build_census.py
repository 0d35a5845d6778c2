"""Write the captures of the census endpoints: `uv run python fixtures_har/build_census.py`.

One capture per operation issue 10 added (the Open API v1 and its OAuth2 calls,
focus, countdowns, comments and the web endpoints few clients call). No seed
captures any of them: the bodies are in the shapes the public clients' code
shows (endpoint census, /work/shared/reference/endpoint-census.md) or, where
none shows one, the smallest shape the schema allows ("shape inferred").
Deterministic like build.py, and every secret is the placeholder REDACTED.

Web-app calls carry the web app's headers (builder.request_headers). The Open
API and OAuth2 calls come from a script, not the browser: a bearer token or
HTTP Basic credentials, no X-Device, no cookies, on api.ticktick.com (Open API)
or ticktick.com (OAuth2); `focusOp` goes to the focus host ms.ticktick.com.
"""

from __future__ import annotations

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
TASK = "696b8abc2c6f3277d1cc431a"
ITEM = "696b8abc2c6f3277d1cc4320"
HABIT = "696b90502c6f3277d1cc44a9"
RECORD = "696b90862c6f3277d1cc4600"
COUNTDOWN = "696b90862c6f3277d1cc4900"
COMMENT = "696b90862c6f3277d1cc4a00"
TEMPLATE = "696b90862c6f3277d1cc4b00"
T0 = "2026-01-17T13:00:00.000+0000"
T1 = "2026-01-17T13:25:00.000+0000"
SCRIPT_AGENT = "python-httpx/0.28.1"
EMPTY_BATCH = {"id2etag": {}, "id2error": {}}


def script_headers(host: str, *, body: str | None, auth: str) -> list[tuple[str, str]]:
    """What an Open API client script sends: no browser headers, an Authorization header."""
    headers = [
        ("Host", host),
        ("Accept", "*/*"),
        ("Accept-Encoding", "gzip, deflate"),
        ("Connection", "keep-alive"),
        ("User-Agent", SCRIPT_AGENT),
        ("Authorization", auth),
    ]
    if body is not None:
        headers.append(("Content-Type", body))
    return headers


def web(
    method: str, path: str, response: Any = None, body: Any = None, **kw: Any
) -> dict[str, Any]:
    return {
        "method": method,
        "url": API + path,
        "request_body": body,
        "response_body": response,
        **kw,
    }


def open_call(method: str, path: str, response: Any = None, body: Any = None) -> dict[str, Any]:
    headers = script_headers(
        "api.ticktick.com",
        body="application/json" if body is not None else None,
        auth=f"Bearer {builder.PLACEHOLDER}",
    )
    return {
        "method": method,
        "url": API + path,
        "request_body": body,
        "response_body": response,
        "authenticated": False,
        "headers": headers,
    }


OPEN_ITEM = {
    "id": ITEM,
    "title": "2 litres",
    "status": 0,
    "isAllDay": False,
    "sortOrder": 0,
    "timeZone": "Europe/Istanbul",
}
OPEN_TASK = {
    "id": TASK,
    "projectId": PROJECT,
    "title": "Buy milk",
    "content": "",
    "isAllDay": False,
    "startDate": "2026-01-17T15:00:00+0000",
    "dueDate": "2026-01-17T15:00:00+0000",
    "timeZone": "Europe/Istanbul",
    "reminders": ["TRIGGER:PT0S"],
    "priority": 5,
    "status": 0,
    "sortOrder": -1099512217600,
    "items": [OPEN_ITEM],
    "kind": "CHECKLIST",
    "etag": "wxbn3q91",
}
OPEN_PROJECT = {
    "id": PROJECT,
    "name": "Groceries",
    "color": "#F18181",
    "sortOrder": 0,
    "closed": False,
    "viewMode": "list",
    "kind": "TASK",
}
WEB_TASK = {
    "id": TASK,
    "projectId": PROJECT,
    "title": "Buy milk",
    "status": 2,
    "priority": 5,
    "completedTime": "2026-01-17T13:30:00.000+0000",
    "modifiedTime": "2026-01-17T13:30:00.000+0000",
    "etag": "wxbn3q91",
}
RECORD_BODY = {
    "id": RECORD,
    "startTime": T0,
    "endTime": T1,
    "status": 1,
    "pauseDuration": 0,
    "tasks": [
        {
            "taskId": TASK,
            "title": "Buy milk",
            "projectName": "Groceries",
            "startTime": T0,
            "endTime": T1,
        }
    ],
    "note": "",
    "etag": "wxbn3q91",
}
COUNTDOWN_BODY = {
    "id": COUNTDOWN,
    "name": "Holiday",
    "date": 20260301,
    "type": 1,
    "color": "#FF8C00",
    "sortOrder": 0,
}
COMMENT_BODY = {
    "id": COMMENT,
    "taskId": TASK,
    "projectId": PROJECT,
    "title": "Whole milk, please",
    "createdTime": "2026-01-17T13:12:28.000+0000",
}
TEMPLATE_BODY = {"id": TEMPLATE, "title": "Weekly review", "content": "", "items": ["Inbox zero"]}


def oauth() -> dict[str, list[dict[str, Any]]]:
    redirect = "http://127.0.0.1:8080/"
    authorize_query = [
        ("client_id", "REDACTED"),
        ("scope", "tasks:read tasks:write"),
        ("state", "f3a9c2"),
        ("redirect_uri", redirect),
        ("response_type", "code"),
    ]
    token_query = [
        ("code", "REDACTED"),
        ("grant_type", "authorization_code"),
        ("scope", "tasks:read tasks:write"),
        ("redirect_uri", redirect),
    ]
    browser = builder.request_headers(body=False, traceid="0", authenticated=False)
    browser = [(n, v) for n, v in browser if n not in ("X-Device", "hl", "x-tz", "traceid")]
    browser[0] = ("Host", "ticktick.com")
    token = {
        "access_token": "00000000-0000-4000-8000-000000000000",
        "token_type": "bearer",
        "expires_in": 15551999,
        "scope": "tasks:read tasks:write",
    }
    basic = f"Basic {builder.PLACEHOLDER}"
    return {
        "oauthAuthorize": [
            {
                "method": "GET",
                "url": "https://ticktick.com/oauth/authorize",
                "query": authorize_query,
                "status": 302,
                "authenticated": False,
                "headers": browser,
            }
        ],
        "oauthExchangeCode": [
            {
                "method": "POST",
                "url": "https://ticktick.com/oauth/token",
                "query": token_query,
                "response_body": token,
                "authenticated": False,
                "headers": script_headers("ticktick.com", body=None, auth=basic),
            }
        ],
    }


def open_api() -> dict[str, list[dict[str, Any]]]:
    create = {
        "title": "Buy milk",
        "projectId": PROJECT,
        "priority": 5,
        "dueDate": "2026-01-17T15:00:00+0000",
        "timeZone": "Europe/Istanbul",
        "reminders": ["TRIGGER:PT0S"],
        "items": [{"title": "2 litres", "status": 0}],
    }
    column = {"id": COLUMN, "projectId": PROJECT, "name": "To do", "sortOrder": 0}
    task_path = f"/open/v1/project/{PROJECT}/task/{TASK}"
    return {
        "openListProjects": [open_call("GET", "/open/v1/project", [OPEN_PROJECT])],
        "openCreateProject": [
            open_call(
                "POST",
                "/open/v1/project",
                OPEN_PROJECT,
                {"name": "Groceries", "color": "#F18181", "viewMode": "list", "kind": "TASK"},
            )
        ],
        "openGetProject": [open_call("GET", f"/open/v1/project/{PROJECT}", OPEN_PROJECT)],
        "openUpdateProject": [
            open_call(
                "POST",
                f"/open/v1/project/{PROJECT}",
                {**OPEN_PROJECT, "name": "Shopping"},
                {"name": "Shopping"},
            )
        ],
        "openDeleteProject": [open_call("DELETE", f"/open/v1/project/{PROJECT}")],
        "openGetProjectData": [
            open_call(
                "GET",
                f"/open/v1/project/{PROJECT}/data",
                {"project": OPEN_PROJECT, "tasks": [OPEN_TASK], "columns": [column]},
            )
        ],
        "openGetTask": [open_call("GET", task_path, OPEN_TASK)],
        "openGetTaskAnyProject": [open_call("GET", f"/open/v1/project/all/task/{TASK}", OPEN_TASK)],
        "openCreateTask": [open_call("POST", "/open/v1/task", OPEN_TASK, create)],
        "openUpdateTask": [
            open_call(
                "POST",
                f"/open/v1/task/{TASK}",
                {**OPEN_TASK, "priority": 3},
                {"id": TASK, "projectId": PROJECT, "priority": 3},
            )
        ],
        "openCompleteTask": [open_call("POST", task_path + "/complete")],
        "openDeleteTask": [open_call("DELETE", task_path)],
    }


def focus() -> dict[str, list[dict[str, Any]]]:
    days = "20260111/20260117"
    op = {
        "id": "696b90862c6f3277d1cc4800",
        "oId": RECORD,
        "oType": 0,
        "op": "start",
        "duration": 25,
        "firstFocusId": RECORD,
        "focusOnId": TASK,
        "autoPomoLeft": 0,
        "pomoCount": 1,
        "manual": True,
        "note": "",
        "time": T0,
    }
    ms = builder.request_headers(body=True, traceid="696b8abc000000002c6f3277")
    ms[0] = ("Host", "ms.ticktick.com")
    return {
        "getFocusHeatmap": [
            web(
                "GET",
                f"/api/v2/pomodoros/statistics/heatmap/{days}",
                [{"day": "20260117", "duration": 25, "timezone": "Europe/Istanbul"}],
            )
        ],
        "getFocusDistribution": [
            web(
                "GET",
                f"/api/v2/pomodoros/statistics/dist/{days}",
                {
                    "projectDurations": {PROJECT: 25},
                    "tagDurations": {},
                    "taskDurations": {TASK: 25},
                },
            )
        ],
        "getFocusClockDistribution": [
            web("GET", f"/api/v2/pomodoros/statistics/dist/clock/{days}", {"13": 25})
        ],
        "getFocusClockByDay": [
            web("GET", f"/api/v2/pomodoros/statistics/dist/clockByDay/{days}", {"20260117": 25})
        ],
        "getFocusGeneralStatistics": [
            web(
                "GET",
                "/api/v2/pomodoros/statistics/generalForDesktop",
                {
                    "todayPomoCount": 1,
                    "todayPomoDuration": 25,
                    "totalPomoCount": 412,
                    "totalPomoDuration": 10300,
                },
            )
        ],
        "getFocusTimeline": [
            web("GET", "/api/v2/pomodoros/timeline", [RECORD_BODY], query=[("to", "1768656000000")])
        ],
        "getFocusTimers": [
            web(
                "GET",
                "/api/v2/timer",
                [
                    {
                        "id": "696b90862c6f3277d1cc4700",
                        "name": "Reading",
                        "type": "pomodoro",
                        "status": 0,
                        "sortOrder": 0,
                        "pomodoroTime": 25,
                        "etag": "wxbn3q91",
                    }
                ],
            )
        ],
        "batchFocusRecords": [
            web(
                "POST",
                "/api/v2/batch/pomodoro",
                {"id2etag": {RECORD: "wxbn3q91"}, "id2error": {}},
                {
                    "add": [{k: v for k, v in RECORD_BODY.items() if k != "etag"}],
                    "update": [],
                    "delete": [],
                },
            )
        ],
        "deleteFocusRecord": [web("DELETE", f"/api/v2/pomodoro/{RECORD}")],
        "focusOp": [
            {
                "method": "POST",
                "url": "https://ms.ticktick.com/focus/batch/focusOp",
                "request_body": {"lastPoint": 0, "opList": [op]},
                "response_body": {
                    "point": 1768655428000,
                    "current": {
                        "id": RECORD,
                        "startTime": T0,
                        "status": 0,
                        "duration": 25,
                        "focusOnId": TASK,
                        "note": "",
                    },
                    "updates": [],
                },
                "headers": ms,
            }
        ],
    }


def web_rest() -> dict[str, list[dict[str, Any]]]:
    closed_query = [
        ("from", "2026-01-01 00:00:00"),
        ("to", "2026-01-17 23:59:59"),
        ("status", "Completed"),
        ("limit", "50"),
    ]
    return {
        "getCountdowns": [
            web("GET", "/api/v2/countdown/list", [{**COUNTDOWN_BODY, "etag": "wxbn3q91"}])
        ],
        "batchCountdowns": [
            web(
                "POST",
                "/api/v2/countdown/batch",
                {"id2etag": {COUNTDOWN: "wxbn3q91"}, "id2error": {}},
                {"add": [COUNTDOWN_BODY], "update": [], "delete": []},
            )
        ],
        "getTaskComments": [
            web(
                "GET",
                f"/api/v2/project/{PROJECT}/task/{TASK}/comments",
                [{**COMMENT_BODY, "userProfile": {"displayName": "REDACTED", "isMyself": True}}],
            )
        ],
        "createTaskComment": [
            web(
                "POST",
                f"/api/v2/project/{PROJECT}/task/{TASK}/comment",
                {**COMMENT_BODY, "userProfile": {"displayName": "REDACTED", "isMyself": True}},
                COMMENT_BODY,
            )
        ],
        "deleteTaskComment": [
            web("DELETE", f"/api/v2/project/{PROJECT}/task/{TASK}/comment/{COMMENT}")
        ],
        "getProjects": [web("GET", "/api/v2/projects", [{"id": PROJECT, "name": "Groceries"}])],
        "getProjectUsers": [
            web(
                "GET",
                f"/api/v2/project/{PROJECT}/users",
                [
                    {
                        "userId": USER,
                        "displayName": "REDACTED",
                        "isOwner": True,
                        "permission": "write",
                    }
                ],
            )
        ],
        "batchOrder": [
            web(
                "POST",
                "/api/v2/batch/order",
                EMPTY_BATCH,
                {"taskByPriority": {"all": {"changed": [], "deleted": []}}},
            )
        ],
        "getClosedInProject": [
            web("GET", f"/api/v2/project/{PROJECT}/closed", [WEB_TASK], query=closed_query)
        ],
        "getTrashPage": [
            web(
                "GET",
                "/api/v2/project/all/trash/page",
                {"tasks": [], "next": 0},
                query=[("start", "0"), ("limit", "50")],
            )
        ],
        "emptyTrash": [web("DELETE", "/api/v2/trash/cleanUp")],
        "getProjectTasks": [
            web(
                "GET",
                f"/api/v2/project/{PROJECT}/tasks",
                [{**WEB_TASK, "status": 0, "completedTime": None}],
            )
        ],
        "getTemplates": [
            web(
                "GET",
                "/api/v2/templates",
                {"taskTemplates": [TEMPLATE_BODY], "projectTemplates": []},
            )
        ],
        "createTaskTemplate": [
            web(
                "POST",
                "/api/v2/templates/task",
                {**TEMPLATE_BODY, "createdTime": "2026-01-17T13:12:28.000+0000"},
                TEMPLATE_BODY,
            )
        ],
        "getTaskActivity": [
            web(
                "GET",
                f"/api/v1/task/activity/{TASK}",
                [
                    {
                        "id": f"{TASK}-t_create",
                        "action": "T_CREATE",
                        "when": "2026-01-17T13:12:28.000+0000",
                        "deviceChannel": "web",
                    }
                ],
            )
        ],
        "assignTasks": [
            web(
                "POST",
                "/api/v2/task/assign",
                {"id2etag": {TASK: "wxbn3q91"}, "id2error": {}},
                [{"taskId": TASK, "projectId": PROJECT, "assignee": USER}],
            )
        ],
        "deleteTagByBody": [web("DELETE", "/api/v2/tag/delete", None, {"name": "errands"})],
        "getTags": [web("GET", "/api/v2/tags", [{"name": "errands", "label": "errands"}])],
        "getHabitWeekStatistics": [
            web("GET", "/api/v2/habits/statistics/week/current", {HABIT: {"totalCheckIns": 3}})
        ],
        "getArchivedCalendarEvents": [web("GET", "/api/v2/calendar/archivedEvent", [])],
        "getDailyReminder": [
            web(
                "GET",
                "/api/v2/user/preferences/dailyReminder",
                {"time": "09:00", "daysOfWeek": ["MO", "TU", "WE", "TH", "FR"], "enable": True},
            )
        ],
        "getUserStatistics": [
            web(
                "GET", "/api/v2/user/statistics", {"score": 1240, "level": 5, "totalCompleted": 812}
            )
        ],
        "getTaskStatistics": [
            web(
                "GET",
                "/api/v2/task/statistics/20260111/20260117",
                [{"day": "20260117", "completeCount": 2, "notCompleteCount": 1}],
            )
        ],
        "getUserRanking": [
            web(
                "GET",
                "/api/v3/user/ranking",
                {
                    "ranking": 87.5,
                    "taskCount": 900,
                    "projectCount": 12,
                    "dayCount": 400,
                    "completedCount": 812,
                    "score": 1240,
                    "level": 5,
                },
            )
        ],
    }


def scenarios() -> dict[str, list[dict[str, Any]]]:
    return {**oauth(), **open_api(), **focus(), **web_rest()}


def write(out: Path = HERE) -> list[Path]:
    written = []
    for stem, specs in sorted(scenarios().items()):
        entries = [builder.entry(index=i, **spec) for i, spec in enumerate(specs)]
        doc = builder.har(entries, comment=f"tickspec fixture {stem}: see fixtures_har/README.md")
        path = out / f"{stem}.har"
        path.write_text(builder.dumps(doc), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    paths = write()
    print(f"wrote {len(paths)} captures to {HERE}")
