"""Issue 17 point 2: routing that cannot swallow a new endpoint (`Spec.match`, `Router`).

One rule per test, on small synthetic specs where the rule needs templates the real spec
lacks, then on the real spec's paths: a literal segment beats a parameter from the left
(OpenAPI 3.1), a segment that does not fit its parameter's schema matches nothing there,
and runs of slashes count as one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tickspec.contract import builder
from tickspec.contract.checker import Checker, check_paths
from tickspec.contract.findings import Kind, Severity
from tickspec.contract.router import Router
from tickspec.spec import Spec, load, precedence

OID = "0123456789abcdef01234567"
OBJECT_ID = {"type": "string", "pattern": "^[0-9a-f]{24}$"}


def _op(operation_id: str, *params: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "operationId": operation_id,
        "parameters": [
            {"name": name, "in": "path", "required": True, "schema": schema}
            for name, schema in params
        ],
        "responses": {"200": {"description": "ok"}},
    }


def spec_of(paths: dict[str, dict[str, Any]]) -> Spec:
    """A bundle with only `paths`, as `Spec` reads the generated package's spec.json."""
    openapi = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths}
    return Spec({"openapi": openapi, "schemas": {}})


def matched(spec: Spec, method: str, path: str) -> str | None:
    op = spec.match(method, path)
    return None if op is None else op.operation_id


# -- a literal segment beats a parameter, left to right ------------------------------------


def test_the_template_with_the_literal_where_the_other_has_a_parameter_wins() -> None:
    """Declared least specific first, so the order of the document cannot be what decides."""
    paths = {
        "/a/{x}/{y}": {"get": _op("xy", ("x", {}), ("y", {}))},
        "/a/{x}/c": {"get": _op("xc", ("x", {}))},
        "/a/b/{y}": {"get": _op("by", ("y", {}))},
    }
    spec = spec_of(paths)
    # one literal each: the leftmost difference decides, so /a/b/{y} beats /a/{x}/c
    assert matched(spec, "GET", "/a/b/c") == "by"
    assert matched(spec, "GET", "/a/z/c") == "xc"
    assert matched(spec, "GET", "/a/z/z") == "xy"
    assert matched(spec_of({**paths, "/a/b/c": {"get": _op("bc")}}), "GET", "/a/b/c") == "bc"


def test_precedence_is_segment_by_segment() -> None:
    templates = ["/a/{x}/{y}", "/a/{x}/c", "/a/b/{y}", "/a/b/c"]
    assert sorted(templates, key=precedence) == ["/a/b/c", "/a/b/{y}", "/a/{x}/c", "/a/{x}/{y}"]


def test_real_spec_literal_completed_beats_the_project_template() -> None:
    spec = load()
    assert matched(spec, "GET", "/api/v2/project/all/completed/") == "getAllCompleted"
    assert matched(spec, "GET", f"/api/v2/project/{OID}/completed/") == "getCompletedInProject"
    assert matched(spec, "GET", f"/open/v1/project/all/task/{OID}") == "openGetTaskAnyProject"


# -- a segment that does not fit its parameter's schema matches nothing there ------------


def test_a_pattern_misfit_is_no_match_unless_another_template_fits() -> None:
    spec = spec_of({"/task/{taskId}": {"post": _op("update", ("taskId", OBJECT_ID))}})
    assert matched(spec, "POST", f"/task/{OID}") == "update"
    assert matched(spec, "POST", "/task/move") is None
    looser = spec_of(
        {
            "/task/{taskId}": {"post": _op("update", ("taskId", OBJECT_ID))},
            "/task/{verb}": {"post": _op("verb", ("verb", {"type": "string"}))},
        }
    )
    assert matched(looser, "POST", "/task/move") == "verb"
    assert matched(looser, "POST", f"/task/{OID}") == "update"


def test_type_enum_and_length_misfits_are_no_match() -> None:
    spec = spec_of(
        {
            "/n/{n}": {"get": _op("number", ("n", {"type": "integer"}))},
            "/k/{kind}": {"get": _op("kind", ("kind", {"enum": ["list", "board"]}))},
            "/s/{s}": {"get": _op("short", ("s", {"type": "string", "minLength": 3}))},
            "/m/{m}": {"get": _op("most", ("m", {"type": "string", "maxLength": 2}))},
            "/b/{b}": {"get": _op("flag", ("b", {"type": ["boolean", "null"]}))},
        }
    )
    assert [matched(spec, "GET", p) for p in ("/n/-12", "/n/12a", "/n/1.5")] == [
        "number", None, None,
    ]  # fmt: skip
    assert [matched(spec, "GET", p) for p in ("/k/board", "/k/kanban")] == ["kind", None]
    assert [matched(spec, "GET", p) for p in ("/s/abc", "/s/ab")] == ["short", None]
    assert [matched(spec, "GET", p) for p in ("/m/ab", "/m/abc")] == ["most", None]
    assert [matched(spec, "GET", p) for p in ("/b/TRUE", "/b/null", "/b/yes")] == [
        "flag", "flag", None,
    ]  # fmt: skip


def test_a_segment_is_judged_percent_decoded_and_a_ref_is_followed() -> None:
    paths = {"/tag/{name}": {"get": _op("tag", ("name", {"$ref": "tag.json#/$defs/name"}))}}
    openapi = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths}
    schemas = {"tag.json": {"$defs": {"name": {"type": "string", "enum": ["a b", "c"]}}}}
    spec = Spec({"openapi": openapi, "schemas": schemas})
    assert matched(spec, "GET", "/tag/a%20b") == "tag"
    assert spec.match("GET", "/tag/a b", decoded=True) is not None
    assert spec.match("GET", "/tag/a%20b", decoded=True) is None  # the server's path is decoded
    assert matched(spec, "GET", "/tag/d") is None


def test_a_keyword_a_segment_cannot_fail_alone_is_left_to_validation(tmp_path: Path) -> None:
    """`minimum` is not part of the routing test: -1 is a checkpoint, just a wrong one."""
    spec = load()
    assert matched(spec, "GET", "/api/v3/batch/check/-1") == "syncV3"
    assert matched(spec, "GET", "/api/v3/batch/check/latest") is None


def test_the_wrong_method_hint_ignores_templates_the_segment_does_not_fit() -> None:
    router = Router(load())
    assert load().path_allows("/open/v1/task/teleport") == []
    assert router.unknown_hint("/open/v1/task/teleport", "POST") == (
        " (not POST /open/v1/task/{taskId}: 'teleport' does not fit taskId's schema)"
    )
    assert load().path_allows(f"/open/v1/task/{OID}") == ["POST"]


# -- the real spec: new Open API endpoints are unknown, not someone else's ----------------


def _check(tmp_path: Path, *entries: dict[str, Any]) -> list[tuple[Kind, Severity, str, str]]:
    path = tmp_path / "case.har"
    path.write_text(builder.dumps(builder.har(list(entries))), encoding="utf-8")
    return [(f.kind, f.severity, f.operation, f.message) for f in check_paths([path]).findings]


def test_task_move_is_its_own_operation_not_open_update_task(tmp_path: Path) -> None:
    """Before issue 17 the docs' answer to `task/move` (a list of {id, etag}) was three
    breaking type_mismatch findings on openUpdateTask; now it is openMoveTasks, clean."""
    move = builder.entry(
        "POST",
        builder.API + "/open/v1/task/move",
        request_body=[{"fromProjectId": OID, "toProjectId": OID, "taskId": OID}],
        response_body=[{"id": OID, "etag": "abcd1234"}],
    )
    assert _check(tmp_path, move) == []
    assert Router(load()).match("POST", "/open/v1/task/move")[0] == load().operation(
        "openMoveTasks"
    )


def test_an_unknown_static_segment_is_an_unknown_operation(tmp_path: Path) -> None:
    teleport = builder.entry("POST", builder.API + "/open/v1/task/teleport", response_body=[])
    assert _check(tmp_path, teleport) == [
        (
            Kind.UNKNOWN_OPERATION,
            Severity.ADDITIVE,
            "POST /open/v1/task/teleport",
            "POST /open/v1/task/teleport is not in the spec"
            " (not POST /open/v1/task/{taskId}: 'teleport' does not fit taskId's schema)",
        )
    ]


def test_project_group_is_not_open_get_project() -> None:
    op, _ = Router(load()).match("GET", "/open/v1/project/group")
    assert op is not None and op.operation_id == "openListProjectGroups"


def test_web_api_task_with_a_non_id_segment_is_unknown(tmp_path: Path) -> None:
    entry = builder.entry("GET", builder.API + "/api/v2/task/assign", response_body={})
    ((kind, _, operation, message),) = _check(tmp_path, entry)
    assert (kind, operation) == (Kind.UNKNOWN_OPERATION, "GET /api/v2/task/assign")
    assert message.endswith("(the spec has POST for this path)")  # /api/v2/task/assign


def test_runs_of_slashes_count_as_one() -> None:
    router = Router(load())
    op, rel = router.match("POST", f"/open/v1//task///{OID}")
    assert (op and op.operation_id, rel) == ("openUpdateTask", f"/open/v1/task/{OID}")
    op, _ = router.match("POST", "/open/v1//task//teleport")
    assert op is None


# -- a property: the index answers what a brute-force reading of the rules answers -------

TEMPLATES = {
    "/a/{x}/c": _op("xc", ("x", OBJECT_ID)),
    "/a/b/{y}": _op("by", ("y", {"type": "integer"})),
    "/a/{x}/{y}": _op("xy", ("x", {}), ("y", {"enum": ["c", "d"]})),
    "/a/b/c": _op("bc"),
    "/{z}/b/c": _op("zbc", ("z", {"minLength": 2})),
}
SPEC = spec_of({path: {"get": op} for path, op in TEMPLATES.items()})
SEGMENT = st.sampled_from(["a", "b", "c", "d", "7", "z", OID, "%41", "ab"])


@given(st.lists(SEGMENT, min_size=1, max_size=4))
def test_match_is_the_first_fitting_template_in_precedence_order(segments: list[str]) -> None:
    """Property: `Spec.match` (indexed, compiled) picks exactly the operation a plain reading
    of the rules picks: of the templates every segment of the path fits, the most specific
    by OpenAPI's left-to-right literal-first order."""
    path = "/" + "/".join(segments)
    fitting = [op for op in SPEC.operations if op.fits(path)]
    expected = min(fitting, key=lambda op: precedence(op.path)) if fitting else None
    assert SPEC.match("GET", path) == expected


def test_checker_on_a_synthetic_spec_reports_the_literal_operation(tmp_path: Path) -> None:
    spec = spec_of(
        {
            "/open/v1/task/{taskId}": {"post": _op("openUpdateTask", ("taskId", OBJECT_ID))},
            "/open/v1/task/move": {"post": _op("openMoveTasks")},
        }
    )
    move = builder.entry("POST", builder.API + "/open/v1/task/move")
    path = tmp_path / "move.har"
    path.write_text(builder.dumps(builder.har([move])), encoding="utf-8")
    report = Checker(spec).check_paths([path])
    assert report.operations == {"openMoveTasks": 1}
