"""The whole drift loop on a copy of schemas/: propose --apply, generate, check, diff.

The capture carries three drifts (a new typed field in a sync answer, a new enum
value, a new endpoint under two ids); after the proposal is applied and the
client regenerated, the same capture must check clean, `diff` must list exactly
those three changes with their classes, and the regenerated model must carry the
new field with its inferred type.
"""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.drift.drift_support import (
    FOCUS_ID,
    check_with_generated,
    propose_apply_generate,
    schemas_copy,
    three_drifts,
)
from tests.paths import SCHEMAS
from tickspec.cli import main
from tickspec.contract.checker import Checker


@pytest.fixture(scope="module")
def applied(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(capture, edited schemas copy, generated folder) after propose --apply + generate."""
    tmp = tmp_path_factory.mktemp("loop")
    return propose_apply_generate(tmp, three_drifts(tmp / "drift.har"))


def test_the_capture_checks_clean_after_apply_and_generate(
    applied: tuple[Path, Path, Path],
) -> None:
    capture, _, out = applied
    report = check_with_generated(out, capture)
    assert report.findings == []
    assert report.matched == 3
    assert report.operations == {"syncV3": 1, "getReminder": 2}


def test_before_apply_the_capture_has_the_three_drifts(tmp_path: Path) -> None:
    capture = three_drifts(tmp_path / "drift.har")
    report = Checker().check_paths([capture])
    kinds = sorted((f.kind.value, f.operation.split("/")[-1][:6]) for f in report.findings)
    assert kinds == [
        ("enum_violation", "syncV3"),
        ("unknown_field", "syncV3"),
        ("unknown_operation", "6940c3"),
        ("unknown_operation", "6940c3"),
    ]


def test_diff_lists_exactly_the_three_changes(
    applied: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, schemas, _ = applied
    capsys.readouterr()
    code = main(["diff", str(SCHEMAS), str(schemas), "--format", "json"])
    changes = json.loads(capsys.readouterr().out)["changes"]
    assert code == 0  # nothing breaking
    got = sorted((c["severity"], c["kind"], c["operation"], c["pointer"]) for c in changes)
    assert got == [
        # TaskDraft derives from Task: requests may now send the new priority too.
        ("safe", "enum_added", "createTask", "task-draft.json#/properties/priority"),
        ("safe", "operation_added", "getReminder",
         "openapi.yaml#/paths/~1api~1v2~1reminder~1{reminderId}/get"),
        ("safe", "property_added", "syncV3", "sync-response.json#/properties/lastFocusId"),
        ("warning", "enum_added", "syncV3", "task.json#/properties/priority"),
    ]  # fmt: skip


def test_the_regenerated_model_has_the_new_field_with_its_type(
    applied: tuple[Path, Path, Path],
) -> None:
    _, _, out = applied
    code = f"""
import json
from tickspec_generated.models.sync_response import SyncResponse
from tickspec_generated.models.get_reminder_response import GetReminderResponse
field = SyncResponse.model_fields["last_focus_id"]
print(json.dumps([str(field.annotation), field.alias, field.is_required(),
                  sorted(GetReminderResponse.model_fields)]))
body = {{"checkPoint": 1, "inboxId": "inbox1", "syncTaskBean": {{"update": []}}}}
print(SyncResponse.model_validate({{**body, "lastFocusId": "{FOCUS_ID}"}}).last_focus_id)
try:
    SyncResponse.model_validate({{**body, "lastFocusId": "not-an-id"}})
except ValueError:
    print("rejected")
"""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(out)},
        check=True,
    )
    lines = done.stdout.splitlines()
    annotation, alias, required, reminder_fields = json.loads(lines[0])
    assert "ObjectId" in annotation and ("None" in annotation or "Optional" in annotation)
    assert (alias, required) == ("lastFocusId", False)
    assert reminder_fields == ["count", "id", "task_id", "trigger"]
    assert lines[1:] == [FOCUS_ID, "rejected"]


def _diff(old: str, new: str) -> list[str]:
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return [line for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_apply_touches_only_the_lines_of_the_change(applied: tuple[Path, Path, Path]) -> None:
    _, schemas, _ = applied

    def read(root: Path, name: str) -> str:
        return (root / name).read_text(encoding="utf-8")

    assert _diff(read(SCHEMAS, "task.json"), read(schemas, "task.json")) == [
        "-        5",
        "+        5,",
        "+        2",
    ]
    assert _diff(read(SCHEMAS, "sync-response.json"), read(schemas, "sync-response.json")) == [
        "+    },",
        '+    "lastFocusId": {',
        '+      "$ref": "common.json#/$defs/ObjectId",',
        '+      "description": "Last focus id (inferred from captures)."',
    ]
    old_yaml, new_yaml = read(SCHEMAS, "openapi.yaml"), read(schemas, "openapi.yaml")
    start = new_yaml.index(
        "  /api/v2/reminder/{reminderId}:\n    get:\n      operationId: getReminder\n"
    )
    end = new_yaml.index("components:\n")
    assert new_yaml[:start] + new_yaml[end:] == old_yaml  # one block added, nothing else
    assert old_yaml[start:].startswith("components:\n")  # at the end of paths:
    assert "      x-evidence:\n      - inferred from captures\n" in new_yaml[start:end]
    changed = sorted(
        p.name for p in schemas.iterdir() if not (SCHEMAS / p.name).exists()
        or read(SCHEMAS, p.name) != read(schemas, p.name)
    )  # fmt: skip
    assert changed == ["get-reminder-response.json", "openapi.yaml", "sync-response.json",
                       "task.json"]  # fmt: skip


def test_propose_without_apply_lists_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = three_drifts(tmp_path / "drift.har")
    schemas = schemas_copy(tmp_path)
    before = {p.name: p.read_bytes() for p in schemas.iterdir()}
    assert main(["propose", str(capture), "--schemas", str(schemas), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert {p.name: p.read_bytes() for p in schemas.iterdir()} == before
    assert doc["patches"]["task.json"] == [
        {"op": "add", "path": "/properties/priority/enum/-", "value": 2}
    ]
    assert doc["patches"]["sync-response.json"][0]["path"] == "/properties/lastFocusId"
    assert doc["patches"]["get-reminder-response.json"][0]["path"] == ""
    assert doc["manual"] == []
    assert main(["propose", str(capture), "--schemas", str(schemas)]) == 1
    text = capsys.readouterr().out
    assert "new field 'lastFocusId': ObjectId (1 values seen)" in text
    assert "new operation getReminder: GET /api/v2/reminder/{reminderId} (2 URL(s) seen)" in text


def test_propose_on_unusable_input_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.har"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["propose", str(bad), "--schemas", str(schemas_copy(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tickspec propose: ") and err.count("\n") == 1
    assert main(["propose", str(bad), "--schemas", str(tmp_path / "nowhere")]) == 2
