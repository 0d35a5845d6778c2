"""`tickspec diff` as a changelog: every affected operation, in Python names (issue 20).

Each case edits a copy of the repository's schemas, so the names are checked
against the generated client this checkout ships.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tests.paths import SCHEMAS
from tickspec.cli import main
from tickspec.contract.schema_docs import Source
from tickspec.drift import render
from tickspec.drift.diff import Change, diff
from tickspec.drift.source import load_folder

REAL = load_folder(SCHEMAS)
TASK_READERS = [
    "batchTask", "createTask", "getAllCompleted", "getClosedInProject", "getClosedProjects",
    "getCompletedInAll", "getCompletedInProject", "getProjectTasks", "getTagCompletedTasks",
    "getTask", "getTrash", "getTrashPage", "searchAll", "syncV2", "syncV3", "updateTask",
]  # fmt: skip
"""Every operation whose request or response holds a task.json object: the syncs, the task
reads and listings, search, the writes (test_reach.py checks the walk that finds them
against a brute-force one)."""


def edited(edit: Any) -> list[Change]:
    head = copy.deepcopy(REAL.docs)
    edit(head)
    return diff(REAL, Source(head))


def one(changes: list[Change], pointer: str) -> Change:
    [found] = [c for c in changes if c.pointer == pointer]
    return found


def test_a_removed_task_field_lists_every_operation_and_method_that_reads_it() -> None:
    change = one(edited(lambda d: d["task.json"]["properties"].pop("progress")),
                 "task.json#/properties/progress")  # fmt: skip
    assert (change.severity, change.kind) == ("breaking", "property_removed")
    assert list(change.operations) == TASK_READERS
    assert change.python[0] == "Task.progress"
    for method in ("client.tasks.get", "client.sync", "client.tasks.get_all",
                   "client.api.tasks.get_task", "client.api.sync.sync_v3",
                   "client.tasks.iter_trash", "client.search.search"):  # fmt: skip
        assert method in change.python, method
    assert not any(name.startswith("open_client.") for name in change.python)


def test_the_python_name_is_the_generated_attribute_not_the_wire_name() -> None:
    changes = edited(lambda d: d["task.json"]["properties"]["isAllDay"].update(type="string"))
    change = one(changes, "task.json#/properties/isAllDay")
    assert (change.severity, change.kind) == ("breaking", "type_changed")
    assert change.python[0] == "Task.is_all_day"
    draft = one(changes, "task-draft.json#/properties/isAllDay")  # the request form, expanded
    assert draft.python[0] == "TaskDraft.is_all_day"
    assert list(draft.operations) == ["batchTask", "createTask"]


def test_a_nested_model_is_named_by_its_own_class() -> None:
    summary = "task.json#/$defs/FocusSummary/properties/pomoCount"
    change = one(edited(lambda d: d["task.json"]["$defs"]["FocusSummary"]["properties"]
                        .pop("pomoCount")), summary)  # fmt: skip
    assert change.python[0] == "FocusSummary.pomo_count"
    assert list(change.operations) == TASK_READERS


def test_a_new_optional_request_field_is_safe_and_named_by_codegen_s_rule() -> None:
    field = {"type": "integer", "description": "Only check-ins of this many days."}
    changes = edited(
        lambda d: d["habit-checkin-query-request.json"]["properties"].update(lastDays=field)
    )
    [change] = changes
    assert (change.severity, change.kind, change.pointer) == (
        "safe", "property_added", "habit-checkin-query-request.json#/properties/lastDays",
    )  # fmt: skip
    assert change.operations == ("queryHabitCheckins",)
    assert change.python == (
        "HabitCheckinQueryRequest.last_days",  # not generated yet: codegen's rule names it
        "client.api.habits.query_habit_checkins",
        "client.habits.batch_checkin",
        "client.habits.checkin",
        "client.habits.get_checkins",
        "client.sync",  # the client's sync re-reads the check-ins it knows of
    )


def test_a_parameter_change_names_the_stub_argument() -> None:
    def edit(docs: dict[str, Any]) -> None:
        params = docs["openapi.yaml"]["paths"]["/api/v2/task/{taskId}"]["get"]["parameters"]
        [query] = [p for p in params if p.get("name") == "projectId"]
        query["required"] = True

    [change] = edited(edit)
    assert (change.severity, change.kind, change.operations) == (
        "breaking", "parameter_required", ("getTask",),
    )  # fmt: skip
    assert change.python[0] == "client.api.tasks.get_task(project_id)"
    assert "client.tasks.get" in change.python


def test_an_operation_removed_lists_itself_and_its_callers() -> None:
    changes = edited(lambda d: d["openapi.yaml"]["paths"]["/api/v2/task/{taskId}"].pop("get"))
    [change] = [c for c in changes if c.kind == "operation_removed"]
    assert change.operations == ("getTask",)
    assert change.python[0] == "client.api.tasks.get_task"
    assert "client.tasks.get" in change.python


def _write(root: Path, docs: dict[str, Any]) -> Path:
    root.mkdir()
    for name, text in REAL.texts.items():
        (root / name).write_text(text, encoding="utf-8")
    for name, doc in docs.items():
        (root / name).write_text(json.dumps(doc), encoding="utf-8")
    return root


def test_every_format_carries_operations_and_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    task = copy.deepcopy(REAL.docs["task.json"])
    task["properties"].pop("progress")
    head = _write(tmp_path / "head", {"task.json": task})
    assert main(["diff", str(SCHEMAS), str(head), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    removed = next(c for c in doc["changes"] if c["pointer"] == "task.json#/properties/progress")
    assert removed["operations"] == TASK_READERS
    assert removed["python"][0] == "Task.progress" and "client.tasks.get" in removed["python"]
    changes = diff(REAL, load_folder(head))
    assert [c.to_json() for c in changes] == doc["changes"]
    text = render.changes_text(changes)
    assert "           python: Task.progress\n" in text
    assert "client.tasks.get," in text and "operations: batchTask, createTask," in text
    assert all(len(line) <= render.WIDTH for line in text.splitlines())
    markdown = render.changes_markdown(changes, "a", "b")
    assert "- `Task.progress`: response field " in markdown
    assert "  - operations: `batchTask`, `createTask`," in markdown
    assert "`client.tasks.get`" in markdown.split("### Breaking changes", 1)[1]
