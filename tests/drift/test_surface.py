"""The Python names of `tickspec diff`: read from the client's source, so they cannot go stale.

These tests fail when the readers miss something the source has: an endpoint the
managers call that no public method is found to send, a generated field the
naming rule would name differently, a stub the spec does not have.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from tests.paths import ROOT, SCHEMAS
from tickspec.drift import callers, surface
from tickspec.drift.source import load_folder

GENERATED = ROOT / "generated"
REAL = load_folder(SCHEMAS).expanded()


def test_the_stubs_are_every_operation_of_the_spec() -> None:
    spec = json.loads((GENERATED / "openapi.json").read_text(encoding="utf-8"))
    operations = {
        op["operationId"]
        for item in spec["paths"].values()
        for method, op in item.items()
        if isinstance(op, dict) and "operationId" in op
    }
    assert sorted(callers.stubs().values()) == sorted(operations)
    assert callers.stub_methods()["getTask"] == "client.api.tasks.get_task"
    assert callers.stub_methods()["openGetTask"] == "open_client.api.open.open_get_task"


def test_known_methods_and_the_operations_they_send() -> None:
    found = callers.callers()
    assert "client.tasks.get" in found["getTask"]
    assert {"client.sync", "client.tasks.get_all", "client.projects.get_all"} <= set(
        found["syncV3"]
    )
    assert {"client.tasks.create", "client.tasks.complete", "client.tasks.delete"} <= set(
        found["batchTask"]
    )
    assert found["openGetTask"] == ("open_client.tasks.get",)
    assert found["openCreateTask"] == ("open_client.create_task", "open_client.tasks.create")
    assert "client.tasks.get" not in found["syncV3"]  # a read of one task does not sync


def _endpoint_references(root: Path) -> set[str]:
    """Every `alias.function` of a generated endpoint module in the client's source, by a
    plain text search (independent of the AST walk it checks)."""
    operations = callers.stubs()
    found = set()
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        imports = re.findall(r"from tickspec_generated\.endpoints import (\w+) as (\w+)", text)
        for tag, alias in imports:
            for function in re.findall(rf"\b{alias}\.(\w+)\b", text):
                found.add(operations[(tag, function)])
    return found


def test_every_endpoint_the_client_calls_is_traced_to_a_public_method() -> None:
    """A manager that reaches an endpoint by a path the reader does not follow (a new
    dispatch pattern) fails here: its operation would list no client method."""
    referenced = _endpoint_references(ROOT / "tickspec" / "managers")
    referenced |= _endpoint_references(ROOT / "tickspec" / "open_api")
    assert len(referenced) > 90
    assert referenced - set(callers.callers()) == set()


def _generated_models() -> list[type[BaseModel]]:
    init = importlib.import_module("tickspec_generated.models")
    out = []
    for name in sorted(set(init.SCHEMA_TITLES.values())):
        module = importlib.import_module(getattr(init, name).__module__)
        out += [
            value
            for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel
        ]
    return out


def test_the_naming_rule_gives_every_generated_attribute() -> None:
    """The fallback for fields the generated code lacks is codegen's own rule: it names
    every field the generator did name exactly as the generator did."""
    pairs = {
        (info.alias or name, name)
        for model in _generated_models()
        for name, info in model.model_fields.items()
    }
    assert len(pairs) > 300  # distinct (wire, attribute) pairs
    assert {(wire, surface.field_name(wire)) for wire, _ in pairs} == pairs


POSITIONS = [
    ("task.json", "", "Task"),
    ("task.json", "/properties/isAllDay", "Task.is_all_day"),
    ("task.json", "/properties/tags/items", "Task.tags"),  # its items: still the field
    ("task.json", "/$defs/FocusSummary/properties/pomoCount", "FocusSummary.pomo_count"),
    ("task.json", "/properties/items/items/properties/title", "ChecklistItem.title"),
    ("comment.json", "/properties/userProfile/properties/name", "UserProfile.name"),  # untitled
    ("focus-op-response.json", "/$defs/FocusSession/properties/focusOnLogs/items/properties/id",
     "FocusOnLog.id"),  # untitled items, named by the generator: walked through the annotation
    ("open-task.json", "/properties/items/items/properties/title", "OpenChecklistItem.title"),
    ("common.json", "/$defs/ObjectId", "ObjectId"),  # a type alias
    ("task-draft.json", "/properties/dueDate", "TaskDraft.due_date"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "pointer", "name"), POSITIONS)
def test_a_schema_position_is_named_by_the_generated_model(
    file: str, pointer: str, name: str
) -> None:
    assert surface.model_path(REAL, (file, pointer)) == name
