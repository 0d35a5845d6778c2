"""Issue 2, property-based: hypothesis-jsonschema draws instances of every schema.

Properties, each over drawn instances of each schema file:
- P1 agreement: the drawn instance is valid for the spec's validator (generator,
  validator and the schema's `$ref`s agree on what the schema means);
- P2 lossless: the instance loads into its generated model and dumps back to the
  same JSON, unknown keys included (hypothesis-jsonschema adds arbitrary extra
  keys to these open objects, which is exactly the unknown-field case);
- P3 reachable: the instance validates against every OpenAPI operation that uses
  the schema, through the operation's requestBody/response in openapi.yaml.

hypothesis-jsonschema cannot follow references across files, so each schema is
first bundled into one document whose `$defs` hold everything it references.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis_jsonschema import from_schema

from tickspec import spec, wire

SPEC = spec.load()
SKIP = {"common.json"}  # only `$defs`, no instance of its own
FILES = sorted(name for name in SPEC.schemas if name not in SKIP)


def bundle(file: str) -> dict[str, Any]:
    """`file`'s schema with every reference rewritten to a local `#/$defs/...`."""
    defs: dict[str, Any] = {}

    def target(ref: str, current: str) -> tuple[str, str]:
        name, _, pointer = ref.partition("#")
        return (name or current), pointer

    def key(name: str, pointer: str) -> str:
        return re.sub(r"[^A-Za-z0-9]+", "_", name.removesuffix(".json") + pointer).strip("_")

    def rewrite(node: Any, current: str) -> Any:
        if isinstance(node, list):
            return [rewrite(item, current) for item in node]
        if not isinstance(node, dict):
            return node
        out = {
            k: rewrite(v, current)
            for k, v in node.items()
            if k not in ("$ref", "$defs", "$schema", "examples")
        }
        if "$ref" in node:
            name, pointer = target(node["$ref"], current)
            k = key(name, pointer)
            if k not in defs:
                defs[k] = {}
                found: Any = SPEC.schemas[name]
                for part in filter(None, pointer.split("/")):
                    found = found[part]
                defs[k] = rewrite(found, name)
            out["$ref"] = f"#/$defs/{k}"
        return out

    root = rewrite(SPEC.schemas[file], file)
    root["$defs"] = defs
    return root


def _pointer(parts: list[str]) -> str:
    """A JSON pointer as a URI fragment (`{projectId}` must be percent-encoded)."""
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "#/" + "/".join(quote(p, safe="~") for p in escaped)


def usages(file: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, schema) for each place in openapi.yaml whose body schema is `file`,
    as a reference INTO the OpenAPI document, following its local `$ref`s."""
    doc = SPEC.openapi

    def follow(node: dict[str, Any], parts: list[str]) -> tuple[dict[str, Any], list[str]]:
        while isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
            parts = node["$ref"][2:].split("/")
            node = doc
            for part in parts:
                node = node[part]
        return node, parts

    for path, item in doc["paths"].items():
        for method, op in item.items():
            if not isinstance(op, dict) or "operationId" not in op:
                continue
            slots = [("requestBody", op.get("requestBody"))]
            slots += [(f"responses/{code}", r) for code, r in op.get("responses", {}).items()]
            for label, raw in slots:
                if raw is None:
                    continue
                node, parts = follow(raw, ["paths", path, method, *label.split("/")])
                media = (node.get("content") or {}).get("application/json")
                if media and media.get("schema", {}).get("$ref") == file:
                    ptr = _pointer([*parts, "content", "application/json", "schema"])
                    yield f"{op['operationId']} {label}", {"$ref": spec.OPENAPI_URI + ptr}


PROFILE = settings(
    max_examples=25,
    deadline=None,
    # hypothesis-jsonschema filters internally (required keys, uniqueness, patterns)
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


@pytest.mark.parametrize("file", FILES)
def test_drawn_instances_validate_round_trip_and_fit_their_operations(file: str) -> None:
    validator = SPEC.schema_validator(file)
    operations = [(where, SPEC.validator(schema)) for where, schema in usages(file)]

    @PROFILE
    @given(from_schema(bundle(file)))
    def check(instance: Any) -> None:
        assert [e.message for e in validator.errors(instance)] == []  # P1
        assert wire.canonical(wire.roundtrip(file, instance)) == wire.canonical(instance)  # P2
        for where, op_validator in operations:  # P3
            assert op_validator.is_valid(instance), where

    check()


def _referenced_files() -> set[str]:
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                found.add(ref.split("#", 1)[0])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(SPEC.schemas)
    return found


def test_every_schema_is_a_body_a_header_or_a_part_of_one() -> None:
    """No orphan schemas: each is an operation's body, the X-Device header, or
    referenced by another schema."""
    unused = {f for f in FILES if not list(usages(f))}
    assert unused - _referenced_files() - {"x-device.json"} == set()


def test_bundle_is_self_contained() -> None:
    text = repr(bundle("sync-response.json"))
    assert ".json" not in re.sub(r"'\$ref': '#/\$defs/[^']*'", "", text.split("'$defs'")[0])
