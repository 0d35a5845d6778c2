"""Issue 13: the wire round trip where models nest, in lists and in maps.

An unknown key spelled like a Python attribute (`sort_order`, `parent_id`) must stay an
unknown key at every depth: in a task's checklist items (a list of models), in a map of
models (`id2etag` of the parent response) and at the top. Mutation testing showed only
the top level was tested.
"""

from __future__ import annotations

from typing import Any

import pytest
from tickspec_generated.models.task import Task

from tickspec import wire

TASK = {"id": "696b8abc2c6f3277d1cc431a", "projectId": "6940c3d51263b74715346bd6"}
I1, I2, P = "696b8abc2c6f3277d1cc4301", "696b8abc2c6f3277d1cc4302", "6940c3d51263b74715346bd6"

CASES: list[tuple[str, Any]] = [
    ("task.json", {**TASK, "items": [{"id": I1, "title": "a"}, {"id": I2, "sort_order": 5}]}),
    ("task.json", {**TASK, "items": [{"id": I1, "sortOrder": 1, "sort_order": 2}]}),
    ("task.json", {**TASK, "sort_order": 5, "items": []}),
    (
        "task-parent-response.json",
        {"id2etag": {"t1": {"parent_id": "p", "childIds": [I2]}, "t2": "etag0001"}},
    ),
    ("task-parent-response.json", {"id2etag": {"t1": {"parentId": P, "parent_id": "q"}}}),
]


@pytest.mark.parametrize(("file", "body"), CASES)
def test_attribute_named_unknown_keys_round_trip_at_any_depth(file: str, body: Any) -> None:
    assert wire.roundtrip(file, body) == body


def test_dump_walks_lists_and_maps_of_models() -> None:
    task = wire.parse(Task, {**TASK, "title": "é"})
    assert wire.dump({"a": [task], "b": {"c": task}, "d": 1}) == {
        "a": [{**TASK, "title": "é"}],
        "b": {"c": {**TASK, "title": "é"}},
        "d": 1,
    }


def test_parse_reads_wire_names_only() -> None:
    task = wire.parse(Task, {"id": I1, "projectId": P, "project_id": "p"})
    assert task.project_id == P
    assert task.model_extra == {"project_id": "p"}
    assert wire.dump(task) == {"id": I1, "projectId": P, "project_id": "p"}


@pytest.mark.parametrize("unknown", [{"project_id": "p"}, {"sort_order": 5}])
def test_load_of_an_aliased_type_reads_wire_names_only(unknown: dict[str, Any]) -> None:
    body = [{**TASK, **unknown}]
    loaded = wire.load("task-list.json", body)
    assert isinstance(loaded[0], Task)
    assert wire.dump(loaded) == body


def test_canonical_is_sorted_and_keeps_non_ascii() -> None:
    assert wire.canonical({"b": "é", "a": [1]}) == '{"a": [1], "b": "é"}'
