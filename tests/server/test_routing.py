"""Issue 17 point 2 on `tickspec serve`: the server routes a request as `tickspec check` does.

A request reaches the operation whose template is most specific (a literal segment beats
a parameter, left to right), never one whose parameter its segment does not fit; with no
such operation the answer is the server's unknown endpoint, 404 `not_found` (or 405 when
another method fits). A synthetic spec shows each rule; the real spec shows the Open API
paths the issue names.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tickspec.server.testing import ServerHandle, running_server, server_fixture
from tickspec.spec import Spec

OID = "0123456789abcdef01234567"
OBJECT_ID = {"type": "string", "pattern": "^[0-9a-f]{24}$"}
server = server_fixture(scope="module")


def _op(operation_id: str, *params: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "operationId": operation_id,
        "parameters": [
            {"name": name, "in": "path", "required": True, "schema": schema}
            for name, schema in params
        ],
        "responses": {"200": {"description": "ok"}},
    }


SYNTHETIC = {
    "/open/v1/task/{taskId}": {"post": _op("update", ("taskId", OBJECT_ID))},
    "/open/v1/task/move": {"post": _op("move")},
    "/a/{x}/c": {"get": _op("xc", ("x", {}))},
    "/a/b/{y}": {"get": _op("by", ("y", {"type": "integer"}))},
    "/kind/{kind}": {"get": _op("kind", ("kind", {"enum": ["list", "board"]}))},
}


@pytest.fixture(scope="module")
def synthetic() -> Iterator[ServerHandle]:
    openapi = {
        "openapi": "3.1.0",
        "info": {"title": "routing", "version": "1"},
        "security": [],
        "paths": SYNTHETIC,
    }
    with running_server(spec=Spec({"openapi": openapi, "schemas": {}})) as handle:
        yield handle


def answered_by(handle: ServerHandle, method: str, path: str) -> tuple[int, list[str]]:
    """(status, the operations the server counted for this one request)."""
    handle.reset_stats()
    with handle.client(signed_on=False) as client:
        status = client.request(method, path).status_code
    counted = handle.stats()["requests"]
    return status, sorted(op for op, n in counted.items() if n)


def test_a_literal_segment_beats_a_parameter(synthetic: ServerHandle) -> None:
    assert answered_by(synthetic, "POST", "/open/v1/task/move") == (200, ["move"])
    assert answered_by(synthetic, "POST", f"/open/v1/task/{OID}") == (200, ["update"])
    # /a/b/{y} and /a/{x}/c: the leftmost difference decides
    assert answered_by(synthetic, "GET", "/a/b/7") == (200, ["by"])


def test_a_misfit_segment_falls_to_the_next_template_that_fits(synthetic: ServerHandle) -> None:
    """`c` is no integer, so /a/b/c is not /a/b/{y}; /a/{x}/c takes it."""
    assert answered_by(synthetic, "GET", "/a/b/c") == (200, ["xc"])


def test_a_misfit_segment_with_no_other_template_is_the_unknown_endpoint(
    synthetic: ServerHandle,
) -> None:
    with synthetic.client(signed_on=False) as client:
        unknown = client.get("/kind/kanban")
        wrong_method = client.delete("/kind/board")
    assert unknown.status_code == 404
    assert unknown.json()["errorCode"] == "not_found"
    assert unknown.json()["errorMessage"] == "no such endpoint: GET /kind/kanban"
    assert (wrong_method.status_code, wrong_method.headers["allow"]) == (405, "GET")
    assert answered_by(synthetic, "GET", "/kind/board") == (200, ["kind"])


def test_a_segment_is_judged_percent_decoded(synthetic: ServerHandle) -> None:
    assert answered_by(synthetic, "GET", "/kind/b%6Fard") == (200, ["kind"])


def test_runs_of_slashes_count_as_one(synthetic: ServerHandle) -> None:
    assert answered_by(synthetic, "POST", "/open/v1//task//move") == (200, ["move"])


# -- the real spec ------------------------------------------------------------------------


def _bearer(handle: ServerHandle) -> httpx.Client:
    return httpx.Client(
        base_url=handle.base_url,
        headers={"Authorization": f"Bearer {handle.api_token}"},
        trust_env=False,
        timeout=10.0,
    )


@pytest.mark.parametrize(
    ("method", "path", "body", "operation"),
    [
        ("POST", "/open/v1/task/move", [], "openMoveTasks"),
        ("GET", "/open/v1/project/group", None, "openListProjectGroups"),
        ("GET", "/open/v1/habit/sections", None, "openListHabitSections"),
    ],
)
def test_static_open_api_paths_reach_their_own_operation(
    server: ServerHandle, method: str, path: str, body: Any, operation: str
) -> None:
    """Before issue 17 these reached openUpdateTask / openGetProject / openGetHabit and got
    a 400 about taskId "move"; a literal segment now beats the template."""
    server.reset_stats()
    with _bearer(server) as client:
        answer = client.request(method, path, json=body)
    counted = {op for op, n in server.stats()["requests"].items() if n}
    assert (answer.status_code, counted) == (200, {operation})


def test_a_segment_that_fits_no_template_is_the_unknown_endpoint(server: ServerHandle) -> None:
    """`/open/v1/task/teleport` fits neither a literal path nor taskId's ObjectId pattern."""
    with _bearer(server) as client:
        answer = client.post("/open/v1/task/teleport", json={})
    assert answer.status_code == 404
    assert answer.json()["errorMessage"] == "no such endpoint: POST /open/v1/task/teleport"


def test_real_open_api_ids_still_route(server: ServerHandle) -> None:
    server.reset_stats()
    with _bearer(server) as client:
        data = client.get("/open/v1/project/inbox/data")  # projectId: minLength 1
        client.get("/open/v1/project/inbox130208689")  # projectId: ObjectId or inbox<n>
        client.post(f"/open/v1/task/{OID}", json={"id": OID, "projectId": "inbox"})
    counted = {op for op, n in server.stats()["requests"].items() if n}
    assert data.status_code == 200
    assert counted == {"openGetProjectData", "openGetProject", "openUpdateTask"}


def test_web_api_non_id_segment_is_the_unknown_endpoint(server: ServerHandle) -> None:
    with server.client() as client:
        answer = client.get("/api/v2/task/assign")  # POST /api/v2/task/assign exists
        unknown = client.get("/api/v2/habits/not-a-habit")
    assert (answer.status_code, answer.headers["allow"]) == (405, "POST")
    assert (unknown.status_code, unknown.json()["errorCode"]) == (404, "not_found")
