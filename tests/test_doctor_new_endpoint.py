"""Done when: a new read endpoint is one edit of schemas/openapi.yaml and one command.

In a scratch copy of the repository (no .venv: the copy runs on this one's
interpreter with the copy first on PYTHONPATH), `GET /api/v2/notification` is added
inline to openapi.yaml: an inline schema, an example with its `x-evidence`, and
`x-tickspec-serve: example`. Before `tickspec generate`, doctor names the missing
pieces (capture, stub) and exits 5; after it, doctor shows the operation complete,
the capture and the README row exist, and the tests that cover completeness (the
doctor test, the served operations through their stubs, every operation against the
server, the fixtures against the spec, the README table, the spec's static rules)
pass in the copy. The whole fast lane is not run there: it takes about a minute.

No public capture of TickTick's notification list was found (code and issue search
for its keys); the example's keys are the ones TickTick's own desktop client
deserializes (`NotificationModel` of the decompiled 5.3.0.2 WPF client in
huojian-jan/wpf_projects), its values placeholders in the fixtures' redacted style.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.paths import ROOT

EVIDENCE = (
    "docs: huojian-jan/wpf_projects TickTick 5.3.0.2 desktop client, decompiled "
    "NotificationModel (its keys; values redacted)"
)
NOTIFICATION = {
    "id": "6a1f0c2e8f08904035b30001",
    "title": "User shared the list Groceries with you",
    "type": "share",
    "data": {
        "projectId": "6940c3d51263b74715346bd6",
        "projectName": "Groceries",
        "fromUserDisplayName": "User",
    },
    "actionStatus": 0,
    "createdTime": "2026-01-17T13:12:28.000+0000",
    "unread": True,
}
HEADERS = ("XDevice", "XTz", "Hl", "TraceId", "XCsrfToken", "Origin", "Referer", "UserAgent")
COMPLETENESS_TESTS = (
    "tests/test_doctor.py",
    "tests/server/test_served.py",
    "tests/server/test_spec.py",
    "tests/contract/test_checker.py",
    "tests/codegen/test_readme_table.py",
    "tests/spec/test_liberal.py",
    "tests/spec/test_static.py",
)
IGNORED = (".venv", ".git", "__pycache__", ".mypy_cache", ".ruff_cache", ".hypothesis", "mutants")


def operation() -> str:
    """The operation as a person writes it into openapi.yaml (JSON inside YAML)."""
    item = {
        "type": "object",
        "required": ["id", "type"],
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "type": {"type": "string"},
            "data": {"type": "object"},
            "actionStatus": {"type": "integer"},
            "createdTime": {"type": "string"},
            "unread": {"type": "boolean"},
        },
    }
    node: dict[str, Any] = {
        "operationId": "getNotifications",
        "tags": ["user"],
        "summary": "Notifications",
        "description": "The account's notifications (shares, comments, assignments).",
        "x-idempotent": True,
        "x-evidence": [EVIDENCE],
        "x-tickspec-serve": "example",
        "parameters": [{"$ref": f"#/components/parameters/{name}"} for name in HEADERS],
        "responses": {
            "200": {
                "description": "OK",
                "content": {
                    "application/json": {
                        "schema": {"type": "array", "items": item},
                        "examples": {
                            "captured": {"value": [NOTIFICATION], "x-evidence": [EVIDENCE]}
                        },
                    }
                },
            },
            "400": {"$ref": "#/components/responses/BadRequest"},
            "401": {"$ref": "#/components/responses/Error"},
            "429": {"$ref": "#/components/responses/RateLimited"},
            "500": {"$ref": "#/components/responses/Error"},
        },
    }
    return f"  /api/v2/notification:\n    get: {json.dumps(node)}\n"


def scratch_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*IGNORED))
    spec = copy / "schemas" / "openapi.yaml"
    text = spec.read_text(encoding="utf-8")
    assert text.count("\npaths:\n") == 1
    spec.write_text(text.replace("\npaths:\n", "\npaths:\n" + operation(), 1), encoding="utf-8")
    return copy


def run(copy: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": f"{copy}{os.pathsep}{copy / 'generated'}"}
    env.pop("CI", None)  # the same hypothesis profile as the lane that runs this test
    return subprocess.run(
        [sys.executable, *argv], cwd=copy, env=env, capture_output=True, text=True, timeout=600
    )


def doctor_json(copy: Path) -> tuple[int, dict[str, Any]]:
    done = run(copy, "-m", "tickspec", "doctor", "--format", "json", "--operation",
               "getNotifications")  # fmt: skip
    [row] = json.loads(done.stdout)["operations"]
    return done.returncode, row


def test_a_new_read_endpoint_is_one_spec_edit_and_generate(tmp_path: Path) -> None:
    copy = scratch_copy(tmp_path)

    code, before = doctor_json(copy)
    assert (code, before["complete"]) == (5, False)
    missing = {name for name, piece in before["pieces"].items() if not piece["ok"]}
    assert missing == {"fixture", "client"}
    assert before["pieces"]["fixture"]["run"] == "uv run --frozen tickspec generate"

    generated = run(copy, "-m", "tickspec", "generate")
    assert generated.returncode == 0, generated.stderr
    check = run(copy, "-m", "tickspec", "generate", "--check")
    assert check.returncode == 0, check.stderr

    code, after = doctor_json(copy)
    assert code == 0, after
    assert {name: piece["detail"] for name, piece in after["pieces"].items()} == {
        "schema": "inline",
        "example": "captured (1 doc)",
        "evidence": "1 doc",
        "fixture": "fixtures_har/getNotifications-example.har",
        "server": "x-tickspec-serve: example",
        "client": "api.user.get_notifications",
        "test": "tests/server/test_served.py (every x-tickspec-serve operation)",
    }
    whole = run(copy, "-m", "tickspec", "doctor", "--missing")
    assert whole.returncode == 0, whole.stdout

    har = json.loads((copy / "fixtures_har" / "getNotifications-example.har").read_text())
    [entry] = har["log"]["entries"]
    assert entry["request"]["url"] == "https://api.ticktick.com/api/v2/notification"
    assert json.loads(entry["response"]["content"]["text"]) == [NOTIFICATION]
    assert har["log"]["comment"].endswith(f"x-evidence: {EVIDENCE}")
    readme = (copy / "README.md").read_text(encoding="utf-8")
    assert "| user | GET | `/api/v2/notification` | `getNotifications` | 1 doc |" in readme

    tests = run(copy, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow",
                *COMPLETENESS_TESTS)  # fmt: skip
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert (
        "getNotifications"
        in run(copy, "-m", "pytest", "--collect-only", "-q", "tests/server/test_served.py").stdout
    )
