"""The drift loop for operation-level drift: propose --apply, generate, check, diff.

The capture has a new method on a path item the spec has (PUT /api/v2/task/{taskId},
under two ids, with a JSON body and answer) and an undeclared `limit` query parameter
with integer values on GET /api/v2/column. After the proposal is applied and the
client regenerated, the same capture must check clean and `diff` must call both
additions safe; the new operation keeps the spec's template and parameter name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.drift.drift_support import (
    TASK_IDS,
    check_with_generated,
    operation_drifts,
    propose_apply_generate,
    schemas_copy,
)
from tests.paths import SCHEMAS
from tickspec.cli import main
from tickspec.contract.checker import Checker

TASK_ITEM = "/paths/~1api~1v2~1task~1{taskId}"
HEADERS = ("XDevice", "XTz", "Hl", "TraceId", "XCsrfToken", "Origin", "Referer", "UserAgent")


@pytest.fixture(scope="module")
def applied(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(capture, edited schemas copy, generated folder) after propose --apply + generate."""
    tmp = tmp_path_factory.mktemp("loop-ops")
    return propose_apply_generate(tmp, operation_drifts(tmp / "drift.har"))


def test_before_apply_the_capture_has_the_two_drifts(tmp_path: Path) -> None:
    report = Checker().check_paths([operation_drifts(tmp_path / "drift.har")])
    found = [(f.kind.value, f.operation, f.path) for f in report.findings]
    assert found == [
        *[("unknown_operation", f"PUT /api/v2/task/{t}", "request") for t in TASK_IDS],
        *[("unknown_field", "getColumns", "request.query.limit")] * 3,
    ]


def test_the_proposal_is_the_operation_and_the_parameter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = operation_drifts(tmp_path / "drift.har")
    schemas = schemas_copy(tmp_path)
    assert main(["propose", str(capture), "--schemas", str(schemas), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert (doc["findings"], doc["manual"]) == (5, [])
    put, limit = doc["patches"]["openapi.yaml"]
    assert (put["op"], put["path"]) == ("add", f"{TASK_ITEM}/put")
    op: dict[str, Any] = put["value"]
    assert list(op) == ["operationId", "tags", "summary", "description", "x-idempotent",
                        "x-evidence", "parameters", "requestBody", "responses"]  # fmt: skip
    assert (op["operationId"], op["tags"], op["x-idempotent"], op["x-evidence"]) == (
        "updateTask2", ["tasks"], False, ["inferred from captures"]
    )  # fmt: skip
    # the spec's own declaration of taskId (GET/POST of the same item), not a new template
    assert op["parameters"] == [
        {"name": "taskId", "in": "path", "required": True, "description": "Task id.",
         "schema": {"type": "string", "pattern": "^[0-9a-f]{24}$"}},
        *[{"$ref": f"#/components/parameters/{h}"} for h in HEADERS],
    ]  # fmt: skip
    body = {"application/json": {"schema": {"$ref": "update-task2-request.json"}}}
    assert op["requestBody"] == {"required": True, "content": body}
    assert op["responses"]["200"] == {
        "description": "OK",
        "content": {"application/json": {"schema": {"$ref": "update-task2-response.json"}}},
    }
    assert sorted(op["responses"]) == ["200", "400", "401", "429", "500"]
    request = doc["patches"]["update-task2-request.json"][0]["value"]
    assert (request["required"], request["properties"]["priority"]["type"]) == (
        ["id", "title", "priority"], "integer"
    )  # fmt: skip
    assert limit == {
        "op": "add",
        "path": "/paths/~1api~1v2~1column/get/parameters/1",  # after `from`, before headers
        "value": {"name": "limit", "in": "query", "required": False,
                  "description": "Limit (inferred from captures).",
                  "schema": {"type": "integer"}},
    }  # fmt: skip
    assert main(["propose", str(capture), "--schemas", str(schemas)]) == 1
    text = capsys.readouterr().out
    assert (
        "new operation updateTask2 on the spec's path item: PUT /api/v2/task/{taskId} "
        "(2 URL(s) seen)" in text
    )
    assert "new query parameter 'limit': integer (3 values seen)" in text
    assert "\\x0a" not in text


def test_the_capture_checks_clean_after_apply_and_generate(
    applied: tuple[Path, Path, Path],
) -> None:
    capture, _, out = applied
    report = check_with_generated(out, capture)
    assert report.findings == []
    assert report.operations == {"updateTask2": 2, "getColumns": 3}


def test_diff_calls_both_additions_safe(
    applied: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, schemas, _ = applied
    capsys.readouterr()
    code = main(["diff", str(SCHEMAS), str(schemas), "--format", "json"])
    changes = json.loads(capsys.readouterr().out)["changes"]
    assert code == 0
    assert [(c["severity"], c["kind"], c["operation"], c["pointer"], c["message"])
            for c in changes] == [
        ("safe", "parameter_added", "getColumns",
         "openapi.yaml#/paths/~1api~1v2~1column/get/parameters/1",
         "new optional query parameter limit"),
        ("safe", "operation_added", "updateTask2", f"openapi.yaml#{TASK_ITEM}/put",
         "new operation updateTask2 (PUT /api/v2/task/{taskId})"),
    ]  # fmt: skip


def test_apply_inserts_two_blocks_in_place(applied: tuple[Path, Path, Path]) -> None:
    """The method lands at the end of its path item, the parameter after `from`; the rest
    of openapi.yaml is byte for byte what it was."""
    _, schemas, _ = applied
    old = (SCHEMAS / "openapi.yaml").read_text(encoding="utf-8")
    new = (schemas / "openapi.yaml").read_text(encoding="utf-8")
    put = new.index("    put:\n      operationId: updateTask2\n")
    put_end = new.index("  /api/v2/task:\n", put)
    item = new[new.index("  /api/v2/task/{taskId}:\n") : put]  # after its GET and POST
    assert [line[4:-1] for line in item.splitlines(True) if line[4:5].isalpha()
            and line[:4] == "    "] == ["get:", "post:"]  # fmt: skip
    param = new.index("      - name: limit\n", new.index("operationId: getColumns\n"))
    param_end = new.index("      - $ref: '#/components/parameters/XDevice'\n", param)
    assert new[param:param_end] == (
        "      - name: limit\n        in: query\n        required: false\n"
        "        description: Limit (inferred from captures).\n"
        "        schema:\n          type: integer\n"
    )
    assert new[:put] + new[put_end:param] + new[param_end:] == old
    assert "&id0" not in new[put:put_end]  # copied nodes are written out, never anchored


def test_the_regenerated_client_has_the_method_and_the_parameter(
    applied: tuple[Path, Path, Path],
) -> None:
    _, _, out = applied
    endpoints = out / "tickspec_generated" / "endpoints"
    tasks = (endpoints / "tasks.py").read_text(encoding="utf-8")
    columns = (endpoints / "columns.py").read_text(encoding="utf-8")
    assert "def update_task2(\n    task_id: str,\n    body: update_task2_request." in tasks
    assert 'path=f"/api/v2/task/{path_arg(task_id)}",' in tasks
    assert "    limit: int | None = None,\n" in columns
    assert '("limit", limit),' in columns
