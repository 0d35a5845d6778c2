"""Captures with known drift, and a private copy of schemas/ to apply proposals to.

Tests never edit the repository's schemas: `schemas_copy` copies them into the
test's temporary folder, and the generated package is rendered into another one.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

from tests.paths import FIXTURES, SCHEMAS
from tickspec.contract import builder
from tickspec.contract.checker import Checker
from tickspec.contract.findings import Report
from tickspec.spec import Spec

REMINDER_IDS = ("6940c3d51263b74715346bd1", "6940c3d51263b74715346bd2")
FOCUS_ID = "6940c3d51263b74715346bd6"


def entry0(name: str) -> dict[str, Any]:
    doc = json.loads((FIXTURES / f"{name}.har").read_text(encoding="utf-8"))
    entry: dict[str, Any] = copy.deepcopy(doc["log"]["entries"][0])
    return entry


def response_body(entry: dict[str, Any]) -> Any:
    return json.loads(entry["response"]["content"]["text"])


def set_response_body(entry: dict[str, Any], value: Any) -> None:
    entry["response"]["content"]["text"] = json.dumps(value)


def write_capture(path: Path, entries: list[dict[str, Any]]) -> Path:
    path.write_text(builder.dumps(builder.har(entries)), encoding="utf-8")
    return path


def three_drifts(path: Path) -> Path:
    """A sync answer with a new ObjectId field and a new task priority (2), and a new
    endpoint GET /api/v2/reminder/{id} seen under two ids."""
    sync = entry0("syncV3-full")
    body = response_body(sync)
    body["lastFocusId"] = FOCUS_ID
    body["syncTaskBean"]["update"][0]["priority"] = 2
    set_response_body(sync, body)
    entries = [sync]
    template = entry0("getTask")
    task_id = response_body(template)["id"]
    for i, rid in enumerate(REMINDER_IDS):
        entry = copy.deepcopy(template)
        entry["request"]["url"] = f"https://api.ticktick.com/api/v2/reminder/{rid}"
        entry["request"]["queryString"] = []
        answer = {"id": rid, "taskId": task_id, "trigger": "TRIGGER:PT0S", "count": 3 + i}
        set_response_body(entry, answer)
        entries.append(entry)
    return write_capture(path, entries)


def schemas_copy(tmp_path: Path) -> Path:
    target = tmp_path / "schemas"
    shutil.copytree(SCHEMAS, target, ignore=shutil.ignore_patterns("README.md"))
    return target


TASK_IDS = ("6940c3d51263b74715346bd3", "6940c3d51263b74715346bd4")
LIMITS = ("50", "100", "7")


def propose_apply_generate(tmp: Path, capture: Path) -> tuple[Path, Path, Path]:
    """(capture, edited schemas copy, generated folder) after propose --apply + generate:
    the drift loop as a user runs it, on a copy of the schemas."""
    from tickspec.cli import main

    schemas = schemas_copy(tmp)
    assert main(["propose", str(capture), "--apply", "--schemas", str(schemas)]) == 0
    out = tmp / "generated"
    assert main(["generate", "--schemas", str(schemas), "--out", str(out)]) == 0
    return capture, schemas, out


def check_with_generated(out: Path, capture: Path) -> Report:
    """`capture` checked against the spec bundled into the generated package at `out`."""
    bundle = json.loads((out / "tickspec_generated" / "spec.json").read_text(encoding="utf-8"))
    return Checker(Spec(bundle)).check_paths([capture])


def operation_drifts(path: Path) -> Path:
    """A new method on a known path item (PUT /api/v2/task/{taskId}, under two ids, with a
    JSON body and answer) and an undeclared integer query parameter (`limit`) on the known
    GET /api/v2/column, seen with three values."""
    entries = []
    for i, tid in enumerate(TASK_IDS):
        entry = entry0("getTask")
        entry["request"]["method"] = "PUT"
        entry["request"]["url"] = f"https://api.ticktick.com/api/v2/task/{tid}"
        entry["request"]["queryString"] = []
        body = {"id": tid, "title": f"Renamed {i}", "priority": 3}
        entry["request"]["postData"] = {"mimeType": "application/json", "text": json.dumps(body)}
        set_response_body(entry, {"id": tid, "etag": "v9b9ap2e"})
        entries.append(entry)
    for limit in LIMITS:
        entry = entry0("getColumns")
        entry["request"]["url"] += f"&limit={limit}"
        entry["request"]["queryString"].append({"name": "limit", "value": limit})
        entries.append(entry)
    return write_capture(path, entries)
