"""`propose` per kind of finding: the edit, and a clean check once it is applied."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.drift.drift_support import (
    entry0,
    response_body,
    schemas_copy,
    set_response_body,
    write_capture,
)
from tickspec.contract.checker import Checker
from tickspec.contract.safe_text import UNSAFE
from tickspec.drift.propose import apply, propose
from tickspec.drift.source import load_folder
from tickspec.spec import Spec


def proposed(tmp_path: Path, entry: dict[str, Any]) -> tuple[list[str], list[str], list[Any]]:
    """(edit reasons, manual kinds, findings left once applied). The spec is bundled from
    the edited folder as codegen bundles it (test_loop.py runs the real generate)."""
    capture = write_capture(tmp_path / "case.har", [entry])
    schemas = schemas_copy(tmp_path)
    source = load_folder(schemas)
    proposal = propose(source, [capture])
    apply(source, proposal, schemas)
    left = Checker(Spec(load_folder(schemas).bundle())).check_paths([capture]).findings
    return (
        [f"{e.file} {e.op['op']} {e.op['path']}: {e.reason}" for e in proposal.edits],
        [f.kind.value for f in proposal.manual],
        left,
    )


def with_request(name: str, change: Callable[[Any], None]) -> dict[str, Any]:
    entry = entry0(name)
    body = json.loads(entry["request"]["postData"]["text"])
    change(body)
    entry["request"]["postData"]["text"] = json.dumps(body)
    return entry


def with_response(name: str, change: Callable[[Any], None]) -> dict[str, Any]:
    entry = entry0(name)
    body = response_body(entry)
    change(body)
    set_response_body(entry, body)
    return entry


def test_served_requests_the_spec_rejects_are_loosened(tmp_path: Path) -> None:
    """Column writes are still held to the full Column (no liberal draft takes them)."""

    def change(body: Any) -> None:
        column = body["add"][0]
        del column["name"]
        column["createdTime"] = "2026-01-17T13:12:28+0000"  # no milliseconds

    edits, manual, left = proposed(tmp_path, with_request("upsertColumns-create", change))
    assert edits == [
        "column.json replace /properties/createdTime: made also string",
        "column.json remove /required/2: 'name' no longer required",
    ]
    assert (manual, left) == ([], [])


def test_a_new_enum_member_in_a_served_request_is_added(tmp_path: Path) -> None:
    def change(body: Any) -> None:
        body["add"][0]["priority"] = 2

    edits, manual, left = proposed(tmp_path, with_request("batchTask-create", change))
    assert "task.json add /properties/priority/enum/-: new enum member 2" in edits
    assert (manual, left) == ([], [])


def test_null_in_a_response_makes_the_field_nullable(tmp_path: Path) -> None:
    def change(body: Any) -> None:
        body["title"] = None

    edits, manual, left = proposed(tmp_path, with_response("getTask", change))
    assert edits == ["task.json replace /properties/title: made nullable"]
    assert (manual, left) == ([], [])
    text = (tmp_path / "schemas" / "task.json").read_text(encoding="utf-8")
    assert '"title": {\n      "description": "Task title.",\n      "type": [\n' in text


def test_missing_required_in_a_response_is_dropped_from_required(tmp_path: Path) -> None:
    def change(body: Any) -> None:
        del body["projectId"]

    edits, manual, left = proposed(tmp_path, with_response("getTask", change))
    assert edits == ["task.json remove /required/1: 'projectId' no longer required"]
    assert (manual, left) == ([], [])


def test_a_new_nested_object_field_is_typed_recursively(tmp_path: Path) -> None:
    def change(body: Any) -> None:
        body["focus"] = {"pomoId": "6940c3d51263b74715346bd6", "seconds": 1500, "at": None}

    edits, _, left = proposed(tmp_path, with_response("getTask", change))
    assert edits == ["task.json add /properties/focus: new field 'focus': object (1 values seen)"]
    assert left == []
    focus = json.loads((tmp_path / "schemas" / "task.json").read_text())["properties"]["focus"]
    assert focus["properties"]["pomoId"]["$ref"] == "common.json#/$defs/ObjectId"
    assert focus["properties"]["seconds"]["type"] == "integer"
    assert focus["properties"]["at"]["type"] == "null"


def test_a_response_type_change_is_left_to_a_human(tmp_path: Path) -> None:
    def change(body: Any) -> None:
        body["title"] = 42

    edits, manual, left = proposed(tmp_path, with_response("getTask", change))
    assert (edits, manual) == ([], ["type_mismatch"])
    assert [f.kind.value for f in left] == ["type_mismatch"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6) | st.sampled_from(["696b8abc2c6f3277d1cc431a", "inbox7", "#97E38B"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(alphabet="ab/~\"é \x1b\ud800", min_size=1, max_size=4), inner,
                      max_size=3),
    max_leaves=8,
)  # fmt: skip


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(alphabet='xyz/~"é_\x1b\ud800', min_size=1, max_size=5),
    values=st.lists(json_values, min_size=1, max_size=3),
)
def test_any_new_field_checks_clean_once_applied(
    tmp_path_factory: pytest.TempPathFactory, name: str, values: list[Any]
) -> None:
    """Property: whatever JSON values a new response field carries (any key, any nesting,
    nulls, mixed types), applying the proposal makes the capture check clean and leaves
    every schema file valid JSON; a name with control characters or lone surrogates is
    left to a human instead of being written into a schema."""
    tmp = tmp_path_factory.mktemp("prop")
    entries = []
    for value in values:
        entry = entry0("getTask")
        body = response_body(entry)
        body[name] = value
        set_response_body(entry, body)
        entries.append(entry)
    capture = write_capture(tmp / "case.har", entries)
    schemas = schemas_copy(tmp)
    source = load_folder(schemas)
    proposal = propose(source, [capture])
    if UNSAFE.search(name):
        assert proposal.edits == [] and {f.kind.value for f in proposal.manual} == {"unknown_field"}
        return
    assert [e.file for e in proposal.edits] == ["task.json"]
    apply(source, proposal, schemas)
    edited = load_folder(schemas)
    assert Checker(Spec(edited.bundle())).check_paths([capture]).findings == []


def test_a_new_member_and_null_on_the_same_field_are_one_replace(tmp_path: Path) -> None:
    first = with_response("getTask", lambda b: b.update(priority=2))
    second = with_response("getTask", lambda b: b.update(priority=None))
    capture = write_capture(tmp_path / "case.har", [first, second])
    schemas = schemas_copy(tmp_path)
    source = load_folder(schemas)
    proposal = propose(source, [capture])
    assert [(e.op["op"], e.op["path"]) for e in proposal.edits] == [
        ("replace", "/properties/priority")
    ]
    apply(source, proposal, schemas)
    priority = json.loads((schemas / "task.json").read_text())["properties"]["priority"]
    assert (priority["type"], priority["enum"]) == (["integer", "null"], [0, 1, 3, 5, 2, None])
    assert Checker(Spec(load_folder(schemas).bundle())).check_paths([capture]).findings == []


def test_a_new_field_in_a_draft_only_request_lands_in_the_full_schema(tmp_path: Path) -> None:
    """POST /api/v2/task takes a TaskDraft, which declares only `x-tickspec-draft-of:
    task.json`: the new field goes to task.json (the draft derives it from there), and a
    draft's own `required` stays where a request finding can loosen it."""

    def change(body: Any) -> None:
        body["reviewNote"] = "weekly"

    edits, manual, left = proposed(tmp_path, with_request("createTask", change))
    assert edits == [
        "task.json add /properties/reviewNote: new field 'reviewNote': string (1 values seen)"
    ]
    assert (manual, left) == ([], [])
