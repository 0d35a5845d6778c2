"""Request validation against the spec, unknown paths and methods, error bodies."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import httpx
import pytest

from tickspec.server.testing import DEVICE, ServerHandle, server_fixture
from tickspec.spec import load

ERROR_ID = re.compile(r"^[0-9a-f]{24}$")

server = server_fixture(scope="module")


@pytest.fixture
def client(server: ServerHandle) -> Iterator[httpx.Client]:
    server.reset()
    with server.client() as c:
        yield c


def assert_error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"errorId", "errorCode", "errorMessage", "data"}
    assert ERROR_ID.match(body["errorId"])
    assert body["errorCode"] == code
    message: str = body["errorMessage"]
    assert "\n" not in message
    return message


def test_body_violating_the_spec_names_the_json_path(client: httpx.Client) -> None:
    task = {"id": "696b8abc2c6f3277d1cc431a", "projectId": "inbox130208689", "priority": 4}
    response = client.post("/api/v2/batch/task", json={"add": [task]})
    message = assert_error(response, 400, "invalid_request")
    assert message == "body $.add[0].priority: 4 is not one of [0, 1, 3, 5]"
    data = response.json()["data"]
    assert data["location"] == "body"
    assert data["path"] == "$.add[0].priority"
    assert data["keyword"] == "enum"


def test_missing_required_property(client: httpx.Client) -> None:
    response = client.post("/api/v2/habits/batch", json={"add": [], "update": []})
    message = assert_error(response, 400, "invalid_request")
    assert message == "body $: 'delete' is a required property"


def test_body_that_is_not_json(client: httpx.Client) -> None:
    response = client.post(
        "/api/v2/batch/task", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    message = assert_error(response, 400, "invalid_request")
    assert message.startswith("body: not valid JSON (")


def test_missing_body(client: httpx.Client) -> None:
    message = assert_error(client.post("/api/v2/batch/task"), 400, "invalid_request")
    assert message == "body: a JSON body is required"


def test_x_device_is_parsed_and_validated(client: httpx.Client) -> None:
    bad_json = client.get("/api/v2/habits", headers={"X-Device": "{oops"})
    message = assert_error(bad_json, 400, "invalid_request")
    assert message.startswith("header X-Device: not valid JSON (Expecting property name")
    device = json.dumps({**DEVICE, "version": "8006"})
    wrong_type = client.get("/api/v2/habits", headers={"X-Device": device})
    message = assert_error(wrong_type, 400, "invalid_request")
    assert message == "header X-Device $.version: '8006' is not of type 'integer'"


def test_path_and_query_parameters(client: httpx.Client) -> None:
    # a segment that does not fit its parameter's pattern is no match (tests/server/test_routing.py)
    bad_path = client.get("/api/v2/task/not-an-id")
    message = assert_error(bad_path, 404, "not_found")
    assert message == "no such endpoint: GET /api/v2/task/not-an-id"
    bad_query = client.get("/api/v2/project/all/trash/pagination", params={"limit": "ten"})
    assert assert_error(bad_query, 400, "invalid_request") == (
        "query limit: 'ten' is not of type 'integer'"
    )
    missing = client.get("/api/v2/search/all")
    assert assert_error(missing, 400, "invalid_request") == (
        "query keywords: required query is missing"
    )
    checkpoint = client.get("/api/v3/batch/check/-1")
    assert assert_error(checkpoint, 400, "invalid_request") == (
        "path checkpoint: -1 is less than the minimum of 0"
    )


def test_unknown_path_is_404(client: httpx.Client) -> None:
    message = assert_error(client.get("/api/v2/no/such/thing"), 404, "not_found")
    assert message == "no such endpoint: GET /api/v2/no/such/thing"


def test_wrong_method_is_405_with_allow(client: httpx.Client) -> None:
    response = client.get("/api/v2/batch/task")
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["Allow"] == "POST"
    assert response.json()["data"] == {"allowed": ["POST"]}


def test_auth_is_checked_before_the_body(server: ServerHandle) -> None:
    with server.client(signed_on=False) as anonymous:
        response = anonymous.post("/api/v2/batch/task", json={"add": "not a list"})
    assert_error(response, 401, "user_not_sign_on")


def test_admin_health(server: ServerHandle) -> None:
    with httpx.Client(base_url=server.base_url, trust_env=False) as admin:
        health = admin.get("/__tickspec__/health").json()
    assert health["ok"] is True
    assert health["spec"]


def test_every_status_the_server_answers_an_operation_with_is_documented(
    client: httpx.Client,
) -> None:
    """400 is in the spec for every operation, with the error body the server sends."""
    spec = load()
    answers = [
        ("batchTask", client.post("/api/v2/batch/task", json={"add": "not a list"})),
        ("getTask", client.get("/api/v2/task/" + "0" * 24, params={"projectId": "x"})),
        ("searchAll", client.get("/api/v2/search/all")),
        ("syncV3", client.get("/api/v3/batch/check/-1")),
    ]
    for op_id, response in answers:
        assert_error(response, 400, "invalid_request")
        documented, schema = spec.operation(op_id).response_schema(400)
        assert documented and schema is not None, op_id
        assert spec.validator(schema).errors(response.json()) == [], op_id
    for op in spec.operations:
        # OAuth2 endpoints answer RFC 6749's errors (400 with an error body, 401 for a dead
        # token at revoke), not TickTick's 500s: the web API's shared four do not apply
        oauth = op.tag == "oauth"
        common = {"400", "429"} if oauth else {"400", "401", "429", "500"}
        assert common <= set(op.responses), op.operation_id
        assert "default" not in op.responses, op.operation_id
    # 404 and 405 answer requests no operation matches: no operation lists them
    assert spec.match("GET", "/api/v2/no/such/thing") is None
    assert spec.match("GET", "/api/v2/batch/task") is None
