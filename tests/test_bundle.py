"""`tickspec bundle`: one OpenAPI 3.1 document, every reference internal, headers with a
schema; the committed generated/openapi.json is what the command writes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

from tests.paths import ROOT
from tickspec import bundle
from tickspec.cli import main

COMMITTED = ROOT / "generated" / "openapi.json"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return bundle.bundle(bundle.installed_spec())


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def resolve(doc: dict[str, Any], ref: str) -> Any:
    node: Any = doc
    for token in ref.removeprefix("#/").split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def test_every_reference_is_internal_and_resolves(document: dict[str, Any]) -> None:
    found = sorted(set(refs(document)))
    assert found
    assert [r for r in found if not r.startswith("#/components/")] == []
    for ref in found:
        assert isinstance(resolve(document, ref), dict), ref


def test_it_is_a_valid_openapi_3_1_document(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_components_keep_the_file_names_and_drop_what_moves_the_base(
    document: dict[str, Any],
) -> None:
    schemas = document["components"]["schemas"]
    assert schemas["Task"]["title"] == "Task"
    assert "TaskBatchRequest" in schemas and "Timestamp" in schemas
    for name, schema in schemas.items():
        assert not {"$id", "$schema", "$defs", "x-tickspec-draft-of"} & schema.keys(), name
    spec = bundle.installed_spec()
    operations = [
        op
        for item in spec["openapi"]["paths"].values()
        for method, op in item.items()
        if method in bundle.METHODS
    ]
    bundled = [
        op
        for item in document["paths"].values()
        for method, op in item.items()
        if method in bundle.METHODS
    ]
    assert [op["operationId"] for op in bundled] == [op["operationId"] for op in operations]


def test_x_device_has_a_schema_that_keeps_its_json_schema(document: dict[str, Any]) -> None:
    header = document["components"]["parameters"]["XDevice"]
    assert "content" not in header
    assert header["schema"] == {
        "contentMediaType": "application/json",
        "contentSchema": {"$ref": "#/components/schemas/XDevice"},
        "type": "string",
    }
    assert "platform" in document["components"]["schemas"]["XDevice"]["properties"]
    every = [p for item in document["paths"].values() for p in item.get("parameters", [])]
    assert not [p for p in every if "content" in p]


def test_bundling_rules_on_a_small_spec() -> None:
    """A property pointer is copied in, a `$defs` name two files share is prefixed, an
    enum whose members differ in case gets names generators can tell apart."""
    spec = {
        "openapi": {
            "openapi": "3.1.0",
            "paths": {"/a": {"get": {"responses": {"200": {"content": {"application/json": {
                "schema": {"$ref": "a.json"}}}}}}}},
        },
        "schemas": {
            "a.json": {
                "$id": "a.json",
                "properties": {"b": {"$ref": "b.json#/properties/name"},
                               "when": {"$ref": "b.json#/$defs/Stamp"},
                               "kind": {"enum": ["TASK", "task"]}},
                "$defs": {"Stamp": {"type": "integer"}},
            },
            "b.json": {
                "properties": {"name": {"$ref": "#/$defs/Name"}},
                "$defs": {"Stamp": {"type": "string"}, "Name": {"type": "string"}},
            },
        },
    }  # fmt: skip
    doc = bundle.bundle(spec)
    schemas = doc["components"]["schemas"]
    assert sorted(schemas) == ["A", "AStamp", "B", "BStamp", "Name"]
    assert schemas["A"]["properties"]["b"] == {"$ref": "#/components/schemas/Name"}
    assert schemas["A"]["properties"]["when"] == {"$ref": "#/components/schemas/BStamp"}
    assert schemas["A"]["properties"]["kind"]["x-enum-varnames"] == ["TASK", "TASK_2"]
    assert "$id" not in schemas["A"]
    with pytest.raises(bundle.BundleError, match=r"'c\.json' points to no schema file"):
        bundle.bundle({**spec, "openapi": {"paths": {"/": {"$ref": "c.json"}}}})


def test_the_committed_bundle_is_what_the_command_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "openapi.json"
    assert main(["bundle", "--output", str(out)]) == 0
    paths = bundle.installed_spec()["openapi"]["paths"].values()
    count = sum(1 for item in paths for method in item if method in bundle.METHODS)
    assert capsys.readouterr().out == (
        f"wrote {out} (json, {count} operations, every $ref internal)\n"
    )
    assert out.read_bytes() == COMMITTED.read_bytes(), "run `tickspec generate`"


def test_yaml_output_and_a_schemas_folder(tmp_path: Path) -> None:
    out = tmp_path / "openapi.yaml"
    assert main(["bundle", "-o", str(out), "--schemas", str(ROOT / "schemas")]) == 0
    assert yaml.safe_load(out.read_text(encoding="utf-8")) == json.loads(
        COMMITTED.read_text(encoding="utf-8")
    )


def test_unusable_input_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["bundle", "--schemas", str(tmp_path / "absent")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tickspec bundle: ") and err.count("\n") == 1
    assert main(["bundle", "-o", str(tmp_path / "no" / "such" / "dir.json")]) == 2
    assert "cannot write" in capsys.readouterr().err
