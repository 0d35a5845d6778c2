"""The Open API v1 (projects, tasks) and its OAuth2 calls (census, issue 10).

No seed captures these: the bodies follow ticktick-sdk 0.4.3's and pyticktick
0.3.0's code. They come from a script, not the browser: a bearer token (or HTTP
Basic credentials for the token call), no X-Device, no cookies, on
api.ticktick.com; `oauthAuthorize` and `oauthExchangeCode` are on ticktick.com.
The token call is captured in both forms clients send: the query form of
pyticktick and ticktick-py (`oauthExchangeCode`) and the documented form body with
HTTP Basic credentials of the doc and ticktick-sdk (`oauthExchangeCode-form-body`).
`oauthRevoke` follows the newest doc's example: the `token` form field on the API
host, answered 200 with no body.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from tickspec.contract import builder

from .common import COLUMN, PLACEHOLDER, PROJECT, TASK, Captures, Spec, web

ITEM = "696b8abc2c6f3277d1cc4320"
SCRIPT_AGENT = "python-httpx/0.28.1"
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


def open_call(method: str, path: str, response: Any = None, body: Any = None) -> Spec:
    """An Open API call with a bearer token instead of the web app's cookies."""
    headers = script_headers(
        "api.ticktick.com",
        body="application/json" if body is not None else None,
        auth=f"Bearer {PLACEHOLDER}",
    )
    return web(method, path, response, body, authenticated=False, headers=headers)


def oauth() -> Captures:
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
    basic = f"Basic {PLACEHOLDER}"
    form = "application/x-www-form-urlencoded"
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
        "oauthExchangeCode-form-body": [
            {
                "method": "POST",
                "url": "https://ticktick.com/oauth/token",
                "raw_request": urlencode(token_query),
                "request_mime": form,
                "response_body": token,
                "authenticated": False,
                "headers": script_headers("ticktick.com", body=form, auth=basic),
            }
        ],
        "oauthRevoke": [
            {
                "method": "POST",
                "url": "https://api.ticktick.com/oauth/revoke",
                "raw_request": urlencode([("token", PLACEHOLDER)]),
                "request_mime": form,
                "authenticated": False,
                "headers": [
                    (n, v)
                    for n, v in script_headers("api.ticktick.com", body=form, auth="")
                    if n != "Authorization"
                ],
            }
        ],
    }


def open_api() -> Captures:
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


def scenarios() -> Captures:
    return {**oauth(), **open_api()}
