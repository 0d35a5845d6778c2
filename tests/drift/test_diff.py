"""`tickspec diff`: each kind of change, classified for users of the BASE client."""

from __future__ import annotations

import copy
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.paths import ROOT, SCHEMAS
from tickspec.cli import main
from tickspec.contract.schema_docs import Source
from tickspec.drift.diff import diff

OK = {"description": "OK"}


def _json(ref: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": ref}}}


BASE: dict[str, Any] = {
    "openapi.yaml": {
        "openapi": "3.1.0",
        "paths": {
            "/thing/{thingId}": {
                "get": {
                    "operationId": "getThing",
                    "parameters": [
                        {"name": "thingId", "in": "path", "required": True,
                         "schema": {"type": "string"}},
                        {"name": "full", "in": "query", "schema": {"type": "boolean"}},
                    ],
                    "responses": {"200": {"description": "OK", "content": _json("thing.json")}},
                }
            },
            "/thing": {
                "post": {
                    "operationId": "createThing",
                    "requestBody": {"required": True, "content": _json("thing-draft.json")},
                    "responses": {"200": OK},
                }
            },
        },
    },
    "common.json": {"$defs": {
        "ObjectId": {"type": "string", "pattern": "^[0-9a-f]{24}$"},
        "ProjectId": {"type": "string", "pattern": "^([0-9a-f]{24}|inbox[0-9]+)$"},
    }},
    "thing.json": {
        "type": "object",
        "required": ["id", "status"],
        "properties": {
            "id": {"$ref": "common.json#/$defs/ObjectId", "description": "id"},
            "status": {"type": "integer", "enum": [0, 2]},
            "title": {"type": "string"},
            "tags": {"type": "array", "items": {"type": "string"}},
        },
    },
    "thing-draft.json": {
        "type": "object",
        "required": ["title"],
        "properties": {
            "title": {"type": "string"},
            "kind": {"type": "string", "enum": ["A", "B"]},
            "note": {"type": ["string", "null"]},
        },
    },
}  # fmt: skip

GET = "openapi.yaml#/paths/~1thing~1{thingId}/get"
POST = "openapi.yaml#/paths/~1thing/post"
Change = Callable[[dict[str, Any]], object]
"""An edit of the documents; what it returns (`pop`'s value, a tuple of two edits) is unused."""


def changed(edit: Change) -> list[tuple[str, str, str, str]]:
    head = copy.deepcopy(BASE)
    edit(head)
    return [(c.severity, c.kind, c.operation, c.pointer) for c in diff(Source(BASE), Source(head))]


def thing(doc: dict[str, Any]) -> dict[str, Any]:
    props: dict[str, Any] = doc["thing.json"]["properties"]
    return props


def draft(doc: dict[str, Any]) -> dict[str, Any]:
    props: dict[str, Any] = doc["thing-draft.json"]["properties"]
    return props


def op(doc: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    node: dict[str, Any] = doc["openapi.yaml"]["paths"][path][method]
    return node


CASES: list[tuple[str, Change, list[tuple[str, str, str, str]]]] = [
    ("response field removed", lambda d: thing(d).pop("title"),
     [("breaking", "property_removed", "getThing", "thing.json#/properties/title")]),
    ("response field made nullable",
     lambda d: thing(d)["title"].update(type=["string", "null"]),
     [("breaking", "nullable_added", "getThing", "thing.json#/properties/title")]),
    ("response ref made nullable (anyOf)", lambda d: thing(d).update(
        id={"anyOf": [{"$ref": "common.json#/$defs/ObjectId"}, {"type": "null"}]}),
     [("breaking", "nullable_added", "getThing", "thing.json#/properties/id")]),
    ("response field no longer required",
     lambda d: d["thing.json"]["required"].remove("status"),
     [("breaking", "required_removed", "getThing", "thing.json#/properties/status")]),
    ("response field changes type", lambda d: thing(d)["title"].update(type="integer"),
     [("breaking", "type_changed", "getThing", "thing.json#/properties/title")]),
    ("new response enum member", lambda d: thing(d)["status"]["enum"].append(-1),
     [("warning", "enum_added", "getThing", "thing.json#/properties/status")]),
    ("response enum member removed", lambda d: thing(d)["status"]["enum"].remove(2),
     [("safe", "enum_removed", "getThing", "thing.json#/properties/status")]),
    ("new optional response field", lambda d: thing(d).update(pinned={"type": "boolean"}),
     [("safe", "property_added", "getThing", "thing.json#/properties/pinned")]),
    ("response items change type", lambda d: thing(d)["tags"]["items"].update(type="integer"),
     [("breaking", "type_changed", "getThing", "thing.json#/properties/tags/items")]),
    ("shared type changes", lambda d: thing(d)["id"].update(
        {"$ref": "common.json#/$defs/ProjectId"}),
     [("warning", "format_changed", "getThing", "thing.json#/properties/id")]),
    ("constraint changes", lambda d: thing(d)["title"].update(maxLength=10),
     [("warning", "constraint_changed", "getThing", "thing.json#/properties/title")]),
    ("new required request field", lambda d: (
        draft(d).update(due={"type": "string"}), d["thing-draft.json"]["required"].append("due")),
     [("breaking", "property_added", "createThing", "thing-draft.json#/properties/due")]),
    ("new optional request field", lambda d: draft(d).update(due={"type": "string"}),
     [("safe", "property_added", "createThing", "thing-draft.json#/properties/due")]),
    ("request field removed", lambda d: draft(d).pop("note"),
     [("breaking", "property_removed", "createThing", "thing-draft.json#/properties/note")]),
    ("request field now required", lambda d: d["thing-draft.json"]["required"].append("kind"),
     [("breaking", "required_added", "createThing", "thing-draft.json#/properties/kind")]),
    ("request enum member removed", lambda d: draft(d)["kind"]["enum"].remove("B"),
     [("breaking", "enum_removed", "createThing", "thing-draft.json#/properties/kind")]),
    ("new request enum member", lambda d: draft(d)["kind"]["enum"].append("C"),
     [("safe", "enum_added", "createThing", "thing-draft.json#/properties/kind")]),
    ("request field no longer nullable", lambda d: draft(d)["note"].update(type="string"),
     [("breaking", "nullable_removed", "createThing", "thing-draft.json#/properties/note")]),
    ("request type widened", lambda d: draft(d)["title"].update(type=["string", "integer"]),
     [("safe", "type_changed", "createThing", "thing-draft.json#/properties/title")]),
    ("operation removed", lambda d: d["openapi.yaml"]["paths"].pop("/thing/{thingId}"),
     [("breaking", "operation_removed", "getThing", GET)]),
    ("operation added", lambda d: d["openapi.yaml"]["paths"]["/thing"].update(
        delete={"operationId": "deleteThing", "responses": {"200": OK}}),
     [("safe", "operation_added", "deleteThing", "openapi.yaml#/paths/~1thing/delete")]),
    ("operation renamed", lambda d: op(d, "/thing/{thingId}", "get").update(operationId="fetch"),
     [("breaking", "operation_renamed", "fetch", GET)]),
    ("new required parameter", lambda d: op(d, "/thing/{thingId}", "get")["parameters"].append(
        {"name": "v", "in": "query", "required": True, "schema": {"type": "string"}}),
     [("breaking", "parameter_added", "getThing", GET + "/parameters/2")]),
    ("new optional parameter", lambda d: op(d, "/thing/{thingId}", "get")["parameters"].append(
        {"name": "v", "in": "query", "schema": {"type": "string"}}),
     [("safe", "parameter_added", "getThing", GET + "/parameters/2")]),
    ("query parameter named in another case", lambda d: op(d, "/thing/{thingId}", "get")[
        "parameters"][1].update(name="Full"),  # query names are case-sensitive
     [("breaking", "parameter_removed", "getThing", GET + "/parameters/1"),
      ("safe", "parameter_added", "getThing", GET + "/parameters/1")]),
    ("parameter removed", lambda d: op(d, "/thing/{thingId}", "get")["parameters"].pop(1),
     [("breaking", "parameter_removed", "getThing", GET + "/parameters/1")]),
    ("parameter now required",
     lambda d: op(d, "/thing/{thingId}", "get")["parameters"][1].update(required=True),
     [("breaking", "parameter_required", "getThing", GET + "/parameters/1")]),
    ("new documented status", lambda d: op(d, "/thing", "post")["responses"].update(
        {"409": {"description": "conflict"}}),
     [("warning", "status_added", "createThing", POST + "/responses/409")]),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_kind_of_change_is_classified(
    edit: Change, expected: list[tuple[str, str, str, str]]
) -> None:
    assert changed(edit) == expected


def test_a_header_renamed_only_in_case_is_the_same_parameter() -> None:
    """Header names are case-insensitive (OpenAPI, RFC 9110); query names are not."""
    base = copy.deepcopy(BASE)
    header = {"name": "X-Key", "in": "header", "schema": {"type": "string"}}
    op(base, "/thing/{thingId}", "get")["parameters"].append(header)
    head = copy.deepcopy(base)
    op(head, "/thing/{thingId}", "get")["parameters"][2]["name"] = "x-key"
    assert diff(Source(base), Source(head)) == []


def test_no_change_no_output() -> None:
    assert diff(Source(BASE), Source(copy.deepcopy(BASE))) == []


def _folder(root: Path, docs: dict[str, Any]) -> Path:
    root.mkdir()
    for name, doc in docs.items():
        (root / name).write_text(json.dumps(doc), encoding="utf-8")  # JSON is also YAML
    return root


def test_cli_formats_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    head = copy.deepcopy(BASE)
    thing(head).pop("title")
    thing(head).update(pinned={"type": "boolean"})
    base_dir, head_dir = _folder(tmp_path / "a", BASE), _folder(tmp_path / "b", head)
    assert main(["diff", str(base_dir), str(head_dir), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert [(c["severity"], c["kind"]) for c in doc["changes"]] == [
        ("breaking", "property_removed"),
        ("safe", "property_added"),
    ]
    assert set(doc["changes"][0]) == {
        "severity", "kind", "operation", "pointer", "message", "operations", "python",
    }  # fmt: skip
    assert doc["changes"][0]["operations"] == ["getThing"]
    # thing.json has no generated model (named from its file) and no client sends getThing
    assert doc["changes"][0]["python"] == ["Thing.title"]
    assert main(["diff", str(base_dir), str(head_dir), "--format", "markdown"]) == 1
    markdown = capsys.readouterr().out
    assert markdown.index("### Breaking changes") < markdown.index("### Additions")
    assert (
        "- `Thing.title`: response field title removed (`thing.json#/properties/title`)\n"
        "  - operations: `getThing`\n"
    ) in markdown
    assert main(["diff", str(head_dir), str(base_dir)]) == 1  # the reverse removes pinned
    assert main(["diff", str(base_dir), str(base_dir)]) == 0
    assert "0 change(s)" in capsys.readouterr().out


def test_cli_unusable_input_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = _folder(tmp_path / "broken", {"openapi.yaml": {"paths": {}}})
    (broken / "task.json").write_text("{nope", encoding="utf-8")
    bad_ref = {"$ref": "#/paths/~1x/get/parameters/abc"}  # a name where a list wants an index
    bad = _folder(tmp_path / "bad", {"openapi.yaml": {"paths": {"/x": {"get": {
        "operationId": "x", "parameters": [bad_ref], "responses": {}}}}}})  # fmt: skip
    for args in (["diff", str(tmp_path / "missing")], ["diff", str(broken), str(SCHEMAS)],
                 ["diff", "git:no-such-ref-xyz", str(SCHEMAS)],
                 ["diff", str(bad), str(bad)]):  # fmt: skip
        assert main(args) == 2
        err = capsys.readouterr().err
        assert err.startswith("tickspec diff: ") and err.count("\n") == 1, err


def test_git_ref_reads_the_committed_schemas(capsys: pytest.CaptureFixture[str]) -> None:
    inside = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True)
    if inside.returncode != 0:
        pytest.skip("not a git checkout")
    assert main(["diff", "git:HEAD", str(SCHEMAS), "--format", "json"]) in (0, 1)
    assert isinstance(json.loads(capsys.readouterr().out)["changes"], list)
