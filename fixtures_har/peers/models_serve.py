"""The answers of `tickspec serve --seed-demo` to the reads the peers make with a model.

Used by models_report.py: starts the server on 127.0.0.1 (any free port), signs on
and fetches each read the peers parse (pyticktick 0.3.0, ticktick-sdk 0.4.3: their
calls, found in their source), and stops it. The batch writes are not repeated here:
the peers' own recordings (`pyticktick-0.3.0.har`, `ticktick-sdk-0.4.3.har`) hold the
server's answers to them and are checked as captures.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent.parent
USERNAME, PASSWORD = "demo@example.com", "tickspec-demo"
BANNER = re.compile(r"tickspec local TickTick on (http://127\.0\.0\.1:\d+)")
DEVICE = '{"platform":"web","version":6430,"id":"66a1d6c6b2f1f0c4a2d2a0e1"}'


def _start(token: str, api_token: str) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "tickspec.cli", "serve", "--seed-demo", "--port", "0",
               "--token", token, "--api-token", api_token, "--user", USERNAME,
               "--password", PASSWORD, "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    match = BANNER.search(server.stdout.readline())
    if match is None:
        server.kill()
        raise RuntimeError(f"tickspec serve did not start (exit {server.wait()})")
    return server, match.group(1)


def _stop(server: subprocess.Popen[str]) -> None:
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _reads(web: httpx.Client, api: httpx.Client) -> list[tuple[str, Any]]:
    """(operationId, answer) for each read, ids taken from the sync as the peers do."""
    out: list[tuple[str, Any]] = []

    def get(op: str, client: httpx.Client, path: str, **kw: Any) -> Any:
        answer = client.get(path, **kw)
        answer.raise_for_status()
        out.append((op, answer.json()))
        return answer.json()

    signon = web.post("/api/v2/user/signon", params={"wc": "true", "remember": "true"},
                      json={"username": USERNAME, "password": PASSWORD})  # fmt: skip
    signon.raise_for_status()
    out.append(("signon", signon.json()))
    sync = get("syncV2", web, "/api/v2/batch/check/0")
    get("getUserProfile", web, "/api/v2/user/profile")
    get("getUserStatus", web, "/api/v2/user/status")
    get("getGeneralStatistics", web, "/api/v2/statistics/general")
    for status in ("Completed", "Abandoned"):
        get("getClosedProjects", web, "/api/v2/project/all/closed",
            params={"from": "2020-01-01 00:00:00", "to": "2030-12-31 23:59:59",
                    "status": status, "limit": 50})  # fmt: skip
    get("getTrash", web, "/api/v2/project/all/trash/pagination", params={"start": 0, "limit": 50})
    tasks = sync["syncTaskBean"]["update"]
    project = sync["projectProfiles"][0]["id"]
    get("getTask", web, f"/api/v2/task/{tasks[0]['id']}")
    get("getProjectColumns", web, f"/api/v2/column/project/{project}")
    habits = get("getHabits", web, "/api/v2/habits")
    get("getHabitSections", web, "/api/v2/habitSections")
    get("getHabitPreferences", web, "/api/v2/user/preferences/habit", params={"platform": "web"})
    query = web.post("/api/v2/habitCheckins/query",
                     json={"habitIds": [h["id"] for h in habits], "afterStamp": 0})  # fmt: skip
    query.raise_for_status()
    out.append(("queryHabitCheckins", query.json()))
    get("openListProjects", api, "/open/v1/project")
    get("openGetProject", api, f"/open/v1/project/{project}")
    get("openGetProjectData", api, f"/open/v1/project/{project}/data")
    task = tasks[0]
    get("openGetTask", api, f"/open/v1/project/{task['projectId']}/task/{task['id']}")
    return out


def server_cases(token: str) -> list[dict[str, Any]]:
    """The server's answers as cases `serve: <operationId>[ #n]` for models_report.py
    (key, operation, body; the report adds the hash)."""
    # the Open API takes its own bearer (the personal API token), not the web session's
    api_token = str(uuid.uuid4())
    server, base = _start(token, api_token)
    try:
        headers = {"X-Device": DEVICE}
        with (
            httpx.Client(base_url=base, headers=headers, timeout=30) as web,
            httpx.Client(base_url=base, headers={"Authorization": f"Bearer {api_token}"},
                         timeout=30) as api,
        ):  # fmt: skip
            web.cookies.set("t", token)
            reads = _reads(web, api)
    finally:
        _stop(server)
    cases, seen = [], dict[str, int]()
    for op, body in reads:
        seen[op] = seen.get(op, 0) + 1
        key = f"serve: {op}" + (f" #{seen[op]}" if seen[op] > 1 else "")
        cases.append({"key": key, "operation": op, "body": body})
    return cases
