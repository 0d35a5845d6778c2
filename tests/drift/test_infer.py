"""Type inference from observed values, in the vocabulary of common.json."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from referencing import Registry, Resource

from tests.paths import SCHEMAS
from tickspec.drift.infer import Inferrer, widen

COMMON = json.loads((SCHEMAS / "common.json").read_text(encoding="utf-8"))
INFER = Inferrer(COMMON["$defs"])


def core(values: list[Any], name: str = "x") -> dict[str, Any]:
    schema = INFER.infer(values, name)
    schema.pop("description")
    return schema


def ref(name: str) -> dict[str, Any]:
    return {"$ref": f"common.json#/$defs/{name}"}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1, 2, 3], {"type": "integer"}),
        ([1, 2**40], {"type": "integer", "format": "int64"}),
        ([1, 2.5], {"type": "number"}),
        ([20260117, 20251231], ref("DateStamp")),
        ([True, False], {"type": "boolean"}),
        (["696b8abc2c6f3277d1cc431a"], ref("ObjectId")),
        (["inbox416323287"], ref("InboxId")),
        (["inbox416323287", "696b8abc2c6f3277d1cc431a"], ref("ProjectId")),
        (["2026-01-17T13:12:28.000+0000"], ref("Timestamp")),
        (["RRULE:FREQ=DAILY;INTERVAL=1"], ref("RRule")),
        (["#97E38B"], ref("Color")),
        (["hello", "696b8abc2c6f3277d1cc431a"], {"type": "string"}),
        (["abcdefgh"], {"type": "string"}),  # an Etag-like word is not guessed
        ([None, 3], {"type": ["integer", "null"]}),
        ([None, "inbox1"], {"anyOf": [ref("InboxId"), {"type": "null"}]}),
        ([None], {"type": "null"}),
        ([1, "a"], {"type": ["integer", "string"]}),
    ],
)
def test_scalar_types(values: list[Any], expected: dict[str, Any]) -> None:
    assert core(values) == expected


def test_sort_order_by_name_and_range() -> None:
    assert core([-1099511627776], "sortOrder") == ref("SortOrder")


def test_objects_and_arrays_recursively() -> None:
    schema = core([{"a": 1, "b": [{"c": "x"}]}, {"a": 2, "b": []}, {"a": None}])
    assert schema["type"] == "object"
    assert schema["required"] == ["a"]
    assert schema["properties"]["a"]["type"] == ["integer", "null"]
    items = schema["properties"]["b"]["items"]
    assert items["properties"]["c"]["type"] == "string"
    assert items["description"] == "B (inferred from captures)."


def test_widen() -> None:
    assert widen({"type": "string", "description": "d"}, "null") == {
        "type": ["string", "null"],
        "description": "d",
    }
    assert widen({"type": "integer", "enum": [0, 1]}, "null")["enum"] == [0, 1, None]
    assert widen({"$ref": "common.json#/$defs/ObjectId", "description": "d"}, "null") == {
        "description": "d",
        "anyOf": [{"$ref": "common.json#/$defs/ObjectId"}, {"type": "null"}],
    }


REGISTRY: Registry[Any] = Registry().with_resource(
    "https://tickspec.local/schemas/common.json", Resource.from_contents(COMMON)
)
ids = st.sampled_from(["696b8abc2c6f3277d1cc431a", "inbox12", "#97E38B", 20260117])
scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
)
json_values = st.recursive(
    scalars | ids,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(st.lists(json_values, min_size=1, max_size=5))
def test_the_inferred_schema_accepts_every_observed_value(values: list[Any]) -> None:
    """Property: whatever values were seen, the inferred schema validates each of them
    (so a capture checks clean once the proposal is applied)."""
    schema = {"$id": "https://tickspec.local/schemas/x.json", **INFER.infer(values, "field")}
    validator = jsonschema.Draft202012Validator(schema, registry=REGISTRY)
    for value in values:
        assert validator.is_valid(value), (value, schema)
