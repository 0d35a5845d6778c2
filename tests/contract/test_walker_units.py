"""Issue 13: the unknown-field walk over every schema construct it understands.

TickTick's schemas use `properties`, `items`, `$ref` and `anyOf` today; the walker also
follows `patternProperties`, map values (`additionalProperties` as a schema), `prefixItems`
and `allOf`/`oneOf`/`then`/`else`, which mutation testing showed no test reached. Each
case is a small schema in its own registry and the exact list of unknown paths.
"""

from __future__ import annotations

from typing import Any

import pytest
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from tickspec.contract.walker import Walker

URI = "urn:test:root"
DEFS = {
    "item": {"type": "object", "properties": {"id": {}, "inner": {"$ref": "#/$defs/item"}}},
}


def walker(schema: dict[str, Any]) -> tuple[Walker, dict[str, Any]]:
    root = {"$defs": DEFS, **schema}
    registry: Registry[Any] = Registry().with_resource(URI, DRAFT202012.create_resource(root))
    return Walker(registry.resolver(base_uri=URI)), root


def unknown(schema: dict[str, Any], instance: Any) -> list[tuple[Any, ...]]:
    w, root = walker(schema)
    return w.unknown(root, instance)


CASES: list[tuple[str, dict[str, Any], Any, list[tuple[Any, ...]]]] = [
    ("named properties", {"properties": {"a": {}}}, {"a": 1, "b": 2}, [("b",)]),
    (
        "every unknown key, not only the first",
        {"properties": {"a": {"properties": {"k": {}}}}},
        {"x": 1, "a": {"z": 1}, "y": 2},
        [("x",), ("a", "z"), ("y",)],
    ),
    ("free-form object", {"type": "object"}, {"b": {"c": 1}}, []),
    ("closed by false", {"additionalProperties": False}, {"b": 1}, [("b",)]),
    ("open by true", {"additionalProperties": True}, {"b": 1}, []),
    (
        "pattern properties",
        {"patternProperties": {"^x_": {"properties": {"k": {}}}}},
        {"x_1": {"k": 1, "z": 2}, "y": 3},
        [("x_1", "z"), ("y",)],
    ),
    (
        "map values",
        {"additionalProperties": {"properties": {"k": {}}}},
        {"any": {"k": 1, "z": 2}, "other": {"k": 2}},
        [("any", "z")],
    ),
    (
        "map values beside named properties",
        {"properties": {"a": {}}, "additionalProperties": {"properties": {"k": {}}}},
        {"a": {"free": 1}, "m": {"z": 1}},
        [("m", "z")],
    ),
    (
        "items",
        {"items": {"properties": {"k": {}}}},
        [{"k": 1}, {"z": 1}, 5, [1]],
        [(1, "z")],
    ),
    (
        "prefix items then items",
        {
            "prefixItems": [{"properties": {"a": {}}}, {"properties": {"b": {}}}],
            "items": {"properties": {"c": {}}},
        },
        [{"a": 1, "x": 1}, {"b": 1, "a": 1}, {"c": 1, "b": 1}, {"c": 1}],
        [(0, "x"), (1, "a"), (2, "b")],
    ),
    (
        "prefix items only",
        {"prefixItems": [{"properties": {"a": {}}}]},
        [{"a": 1, "x": 1}, {"free": 1}],
        [(0, "x")],
    ),
    (
        "all of",
        {"allOf": [{"properties": {"a": {}}}, {"properties": {"b": {}}}]},
        {"a": 1, "b": 1, "c": 1},
        [("c",)],
    ),
    (
        "one of",
        {"oneOf": [{"properties": {"a": {}}}, {"type": "null"}]},
        {"a": 1, "c": 1},
        [("c",)],
    ),
    (
        "any of",
        {"anyOf": [{"properties": {"a": {}}}, {"properties": {"b": {}}}]},
        {"a": 1, "b": 1, "c": 1},
        [("c",)],
    ),
    (
        "if then else",
        {"then": {"properties": {"a": {}}}, "else": {"properties": {"b": {}}}},
        {"a": 1, "b": 1, "c": 1},
        [("c",)],
    ),
    ("a single combinator schema", {"then": {"properties": {"a": {}}}}, {"b": 1}, [("b",)]),
    (
        "recursive reference",
        {"$ref": "#/$defs/item"},
        {"id": 1, "inner": {"id": 2, "inner": {"id": 3, "new": 1}}},
        [("inner", "inner", "new")],
    ),
    ("scalar instance", {"properties": {"a": {}}}, 5, []),
    ("nested scalar is not walked", {"properties": {"a": {}}}, {"a": {"b": 1}}, []),
]


@pytest.mark.parametrize(
    ("schema", "instance", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_unknown_paths(
    schema: dict[str, Any], instance: Any, expected: list[tuple[Any, ...]]
) -> None:
    assert unknown(schema, instance) == expected


def test_walk_is_the_same_on_a_second_instance() -> None:
    """Shapes are compiled once and cached: the second walk must not differ."""
    w, root = walker({"items": {"patternProperties": {"^a": {"properties": {"k": {}}}}}})
    body = [{"ab": {"k": 1, "z": 1}, "b": 1}]
    assert w.unknown(root, body) == w.unknown(root, body) == [(0, "ab", "z"), (0, "b")]


def test_self_referencing_schema_stops_at_the_depth_limit() -> None:
    w, root = walker({"$ref": "#"})
    assert w.unknown(root, {"a": 1}) == []


def chain(links: int, how: str) -> tuple[Walker, dict[str, Any]]:
    """A root whose named properties sit `links` references (or allOf levels) deep."""
    step: dict[str, Any] = {"properties": {"a": {}}}
    if how == "allOf":
        for _ in range(links):
            step = {"allOf": [step]}
        return walker(step)
    defs = {f"d{i}": {"$ref": f"#/$defs/d{i + 1}"} for i in range(links - 1)}
    defs[f"d{links - 1}"] = step
    return walker({"$defs": defs, "$ref": "#/$defs/d0"})


@pytest.mark.parametrize("how", ["$ref", "allOf"])
def test_schemas_up_to_64_levels_deep_are_followed_and_no_deeper(how: str) -> None:
    w, root = chain(64, how)
    assert w.unknown(root, {"a": 1, "b": 2}) == [("b",)]
    assert w.schemas_at(root, ()) != []
    w, root = chain(65, how)
    assert w.unknown(root, {"a": 1, "b": 2}) == []


def test_schemas_at_follows_properties_patterns_maps_and_items() -> None:
    leaf = {"type": "string"}
    w, root = walker(
        {
            "properties": {"a": {"items": leaf, "prefixItems": [{"type": "null"}]}},
            "patternProperties": {"^p": {"properties": {"q": leaf}}},
            "additionalProperties": {"properties": {"m": leaf}},
        }
    )
    assert w.schemas_at(root, ("a", 1)) == [leaf]
    assert w.schemas_at(root, ("a", 0)) == [{"type": "null"}]
    assert w.schemas_at(root, ("px", "q")) == [leaf]
    assert w.schemas_at(root, ("zz", "m")) == [leaf]
    assert w.schemas_at(root, ("a", 0, "deeper")) == []
    assert w.schemas_at(root, ("px", "unknown")) == []


def test_schemas_at_resolves_a_reference_where_it_ends() -> None:
    ref = {"$ref": "#/$defs/item"}
    w, root = walker({"properties": {"r": ref}})
    assert w.schemas_at(root, ("r",)) == [DEFS["item"], ref]
