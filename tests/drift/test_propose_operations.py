"""`propose` for operation-level drift: new methods of known path items, new query
parameters, and the findings that stay with a human (with why)."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.drift.drift_support import entry0, schemas_copy, set_response_body, write_capture
from tests.paths import SCHEMAS
from tickspec.contract.checker import Checker
from tickspec.contract.findings import Finding, Kind
from tickspec.contract.schema_docs import Source
from tickspec.drift import render
from tickspec.drift.infer import Inferrer
from tickspec.drift.operations import Operations, query_name
from tickspec.drift.propose import Proposal, apply, propose
from tickspec.drift.source import load_folder
from tickspec.spec import Spec

OID = "6940c3d51263b74715346bd6"
NAMES = ("XDevice", "XTz", "Hl", "TraceId", "XCsrfToken", "Origin", "Referer", "UserAgent")
HEADERS = [{"$ref": f"#/components/parameters/{h}"} for h in NAMES]


def run(tmp_path: Path, entries: list[dict[str, Any]]) -> tuple[Proposal, list[Finding]]:
    """(proposal, findings left once it is applied to a copy of schemas/)."""
    capture = write_capture(tmp_path / "case.har", entries)
    schemas = schemas_copy(tmp_path)
    source = load_folder(schemas)
    proposal = propose(source, [capture])
    apply(source, proposal, schemas)
    return proposal, Checker(Spec(load_folder(schemas).bundle())).check_paths([capture]).findings


def request(method: str, url: str, query: Sequence[tuple[str, str]] = (), body: Any = None,
            answer: Any = None, status: int = 200) -> dict[str, Any]:  # fmt: skip
    entry = entry0("getTask")
    entry["request"]["method"] = method
    entry["request"]["url"] = url
    entry["request"]["queryString"] = [{"name": k, "value": v} for k, v in query]
    if body is not None:
        entry["request"]["postData"] = {"mimeType": "application/json", "text": json.dumps(body)}
    set_response_body(entry, answer if answer is not None else {})
    entry["response"]["status"] = status
    return entry


def columns(*query: tuple[str, str]) -> dict[str, Any]:
    entry = entry0("getColumns")
    entry["request"]["queryString"] += [{"name": k, "value": v} for k, v in query]
    return entry


def openapi_edits(proposal: Proposal) -> list[tuple[str, Any]]:
    return [(e.op["path"], e.op["value"]) for e in proposal.edits if e.file == "openapi.yaml"]


# --- a new method on a path item the spec has ------------------------------------------


def test_a_new_method_keeps_the_spec_template_and_parameter_name(tmp_path: Path) -> None:
    """`/api/v2/tag/work` would be templated as a literal path and `/projectGroup/<id>` as
    `{projectGroupId}`: both are the spec's `{name}` and `{groupId}`, declared as the
    sibling DELETE declares them."""
    entries = [
        request("PUT", "https://api.ticktick.com/api/v2/tag/work", body={"color": "#97E38B"}),
        request("PUT", "https://api.ticktick.com/api/v2/tag/home", body={"color": "#000000"}),
        request("GET", f"https://api.ticktick.com/api/v2/projectGroup/{OID}",
                answer={"id": OID, "name": "Work"}),
    ]  # fmt: skip
    proposal, left = run(tmp_path, entries)
    edits = openapi_edits(proposal)
    assert [path for path, _ in edits] == [
        "/paths/~1api~1v2~1projectGroup~1{groupId}/get",
        "/paths/~1api~1v2~1tag~1{name}/put",
    ]
    group, tag = (value for _, value in edits)
    assert (group["operationId"], group["tags"], group["x-idempotent"]) == (
        "getProjectGroup", ["projects"], True
    )  # fmt: skip
    assert group["parameters"][0] == {
        "name": "groupId", "in": "path", "required": True, "description": "Folder id.",
        "schema": {"type": "string", "pattern": "^[0-9a-f]{24}$"},
    }  # fmt: skip
    assert (tag["operationId"], tag["tags"]) == ("updateTag", ["tags"])
    assert tag["parameters"] == [
        {"name": "name", "in": "path", "required": True, "description": "Tag name.",
         "schema": {"type": "string", "pattern": "^[^/]+$"}},
        *HEADERS,
    ]  # fmt: skip
    assert "2 URL(s) seen" in proposal.edits[-1].reason
    assert (proposal.manual, left) == ([], [])


def test_a_path_value_the_sibling_pattern_rejects_is_typed_from_the_values(
    tmp_path: Path,
) -> None:
    entry = request("GET", "https://api.ticktick.com/api/v2/projectGroup/archive",
                    answer={"ok": True})  # fmt: skip
    proposal, left = run(tmp_path, [entry])
    ((path, op),) = openapi_edits(proposal)
    assert path == "/paths/~1api~1v2~1projectGroup~1{groupId}/get"
    assert op["parameters"][0] == {
        "name": "groupId",
        "in": "path",
        "required": True,
        "schema": {"type": "string"},
    }
    assert left == []


def test_path_item_parameters_are_inherited_and_sibling_gates_copied() -> None:
    """A path parameter declared on the path item is not repeated; the sibling's headers,
    `security` and `servers` are the new method's (the same resource, the same gate)."""
    sibling: dict[str, Any] = {
        "operationId": "getThing", "tags": ["things"], "security": [{"oauth2": ["read"]}],
        "servers": [{"url": "https://api.ticktick.com"}],
        "parameters": [{"name": "X-Key", "in": "header", "required": False,
                        "schema": {"type": "string"}},
                       {"name": "q", "in": "query", "schema": {"type": "string"}}],
        "responses": {"200": {"description": "OK"}},
    }  # fmt: skip
    openapi = {
        "openapi": "3.1.0", "servers": [{"url": "https://api.ticktick.com"}],
        "tags": [{"name": "things"}],
        "paths": {"/v1/thing/{thingId}": {
            "parameters": [{"name": "thingId", "in": "path", "required": True,
                            "schema": {"type": "string"}}],
            "get": sibling}},
    }  # fmt: skip
    source = Source({"openapi.yaml": openapi, "common.json": {"$defs": {}}})
    ops = Operations(source, Checker(Spec(source.bundle())).router)
    entry = request("DELETE", f"https://api.ticktick.com/v1/thing/{OID}")
    ops.unknown(_parsed(entry))
    edits, manual = ops.edits(Inferrer({}), set(source.docs))
    assert [(e.file, e.op["path"]) for e in edits] == [
        ("delete-thing-response.json", ""),  # the answer's `{}`
        ("openapi.yaml", "/paths/~1v1~1thing~1{thingId}/delete"),
    ]
    assert manual == []
    op: dict[str, Any] = edits[1].op["value"]
    assert (op["operationId"], op["tags"]) == ("deleteThing", ["things"])
    assert (op["security"], op["servers"]) == (sibling["security"], sibling["servers"])
    assert op["parameters"] == [sibling["parameters"][0]]  # no thingId, no sibling query
    assert op["security"] is not sibling["security"]  # a copy: no YAML anchor to share


def test_two_methods_of_one_new_path_are_one_path_item(tmp_path: Path) -> None:
    """The first method adds the path item, the second is added to it (two `add`s of the
    same path would be a duplicate YAML key, and one method would be lost)."""
    url = f"https://api.ticktick.com/api/v2/reminder/{OID}"
    entries = [request("GET", url, answer={"id": OID}), request("DELETE", url, answer={})]
    proposal, left = run(tmp_path, entries)
    assert [(path, sorted(value)[:2]) for path, value in openapi_edits(proposal)] == [
        ("/paths/~1api~1v2~1reminder~1{reminderId}", ["delete"]),
        ("/paths/~1api~1v2~1reminder~1{reminderId}/get", ["description", "operationId"]),
    ]
    assert (proposal.manual, left) == ([], [])


# --- undeclared query parameters -------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "schema"),
    [
        (["50", "100", "-1"], {"type": "integer"}),
        (["50", "abc"], {"type": "string"}),
        (["1", "true"], {"type": "string"}),
        (["true", "False", "TRUE"], {"type": "boolean"}),  # as the spec's `wc`, `remember`
        (["1768656000000"], {"type": "integer", "format": "int64"}),
        (["99999999999999999999999"], {"type": "string"}),  # beyond int64: not an integer
        ([OID, "696b8abc2c6f3277d1cc431a"], {"type": "string", "pattern": "^[0-9a-f]{24}$"}),
        ([""], {"type": "string"}),
    ],
)
def test_query_values_are_typed_as_the_spec_writes_query_parameters(
    values: list[str], schema: dict[str, Any]
) -> None:
    """Inline schemas (no `$ref` to common.json: the spec's parameters spell them out)."""
    defs = json.loads((SCHEMAS / "common.json").read_text(encoding="utf-8"))["$defs"]
    assert Inferrer(defs).query(values, "p") == schema


def test_one_parameter_per_operation_and_name_typed_from_every_entry(tmp_path: Path) -> None:
    entries = [columns(("limit", "5"), ("since", "1")), columns(("limit", "all")),
               columns(("limit", "7"), ("wc", "True")), columns(("from", "0"))]  # fmt: skip
    proposal, left = run(tmp_path, entries)
    assert [(e.op["path"], e.op["value"]["name"], e.op["value"]["schema"], e.reason)
            for e in proposal.edits] == [
        ("/paths/~1api~1v2~1column/get/parameters/1", "limit", {"type": "string"},
         "new query parameter 'limit': string (3 values seen)"),
        ("/paths/~1api~1v2~1column/get/parameters/2", "since", {"type": "integer"},
         "new query parameter 'since': integer (1 values seen)"),
        ("/paths/~1api~1v2~1column/get/parameters/3", "wc", {"type": "boolean"},
         "new query parameter 'wc': boolean (1 values seen)"),
    ]  # fmt: skip
    assert proposal.edits[2].op["value"]["description"] == (
        "Wc (inferred from captures). Booleans are read in any casing (true, True, TRUE)."
    )
    assert (proposal.manual, left) == ([], [])


def test_an_operation_without_parameters_gets_the_list(tmp_path: Path) -> None:
    """The first new parameter adds `parameters` itself, the next ones append to it; the
    applied openapi.yaml (written from a PyYAML dump, as the real one) checks clean."""
    from tickspec.drift.patch import _dump

    get = {"operationId": "getThings", "responses": {"200": {"description": "OK"}}}
    openapi = {"openapi": "3.1.0", "servers": [{"url": "https://api.ticktick.com"}],
               "paths": {"/v1/things": {"get": get}}}  # fmt: skip
    root = tmp_path / "schemas"
    root.mkdir()
    (root / "openapi.yaml").write_text(_dump(openapi), encoding="utf-8")
    (root / "common.json").write_text('{"$defs": {}}\n', encoding="utf-8")
    entry = request("GET", "https://api.ticktick.com/v1/things", [("a", "1"), ("b", "x")])
    entry["response"]["content"]["text"] = ""
    capture = write_capture(tmp_path / "case.har", [entry])
    source = load_folder(root)
    proposal = propose(source, [capture])
    assert [(e.op["path"], e.op["value"]) for e in proposal.edits] == [
        ("/paths/~1v1~1things/get/parameters",
         [{"name": "a", "in": "query", "required": False,
           "description": "A (inferred from captures).", "schema": {"type": "integer"}}]),
        ("/paths/~1v1~1things/get/parameters/1",
         {"name": "b", "in": "query", "required": False,
          "description": "B (inferred from captures).", "schema": {"type": "string"}}),
    ]  # fmt: skip
    apply(source, proposal, root)
    edited = load_folder(root)
    assert [p["name"] for p in edited.openapi["paths"]["/v1/things"]["get"]["parameters"]] == [
        "a",
        "b",
    ]
    assert Checker(Spec(edited.bundle())).check_paths([capture]).findings == []


def test_a_declared_parameter_is_never_added_again(tmp_path: Path) -> None:
    """`from` is getColumns' own: only `limit` is proposed, and a finding that names a
    declared parameter (the spec and the checker disagreeing) is left to a human."""
    proposal, left = run(tmp_path, [columns(("limit", "3"))])
    assert [e.op["value"]["name"] for e in proposal.edits] == ["limit"]
    assert left == []
    source = load_folder(schemas_copy(tmp_path / "again"))
    ops = Operations(source, Checker(Spec(source.bundle())).router)
    claim = Finding(Kind.UNKNOWN_FIELD, "getColumns", "x.har", 0, "request.query.from", "?")
    assert ops.query(claim, _parsed(columns())) is False
    assert ops.queries == {}


@pytest.mark.parametrize(
    ("path", "name"),
    [("request.query.limit", "limit"), ('request.query["a b"]', "a b"),
     ("request.queryx", None), ("request.body.limit", None), ('request.query["x', None)],
)  # fmt: skip
def test_query_names_are_read_from_finding_paths(path: str, name: str | None) -> None:
    assert query_name(path) == name


# --- what stays with a human -----------------------------------------------------------


def test_status_claims_stay_manual_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    teapot = entry0("getTask")
    teapot["response"]["status"] = 418
    refused = copy.deepcopy(entry0("getTask"))
    refused["response"]["status"] = 415
    proposal, _ = run(tmp_path, [teapot, refused])
    assert proposal.edits == []
    assert [f.kind.value for f in proposal.manual] == ["undocumented_status", "rejected_request"]
    text = render.proposal_text(proposal)
    why = [line for line in text.splitlines() if line.startswith("    why: ")]
    assert why == [
        "    why: a status code is a claim about the server (which error? a new answer?) that "
        "traffic alone cannot settle: document it by hand",
        "    why: the server refused a request the spec allows: it got stricter or the request "
        "broke an unwritten rule; a human decides which",
    ]
    doc = json.loads(render.proposal_json(proposal))
    assert [m["why"] for m in doc["manual"]] == [w[len("    why: ") :] for w in why]
    assert all(Proposal.why(Finding(kind, "", "", 0, "", "")) for kind in Kind)


def _parsed(entry: dict[str, Any]) -> Any:
    from tickspec.contract import builder, har

    raw = json.loads(builder.dumps(builder.har([entry])))["log"]["entries"][0]
    return har.parse_entry(raw, "case.har", 0)
