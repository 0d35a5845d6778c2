"""Every operation of the spec answers the local server, with a body the spec accepts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tickspec.server import generic
from tickspec.server.dispatch import is_moved
from tickspec.server.handlers import HANDLERS
from tickspec.server.testing import ServerHandle, server_fixture
from tickspec.spec import Operation, load

SPEC = load()
FOCUS_ID = "6" * 24
OPERATIONS = sorted(SPEC.operations, key=lambda op: op.operation_id)

EXPECTED_STATUS = {
    "createHabit": 405,
    "updateHabit": 405,
    "deleteHabit": 405,
    "signin": 405,
    "oauthAuthorize": 302,
    "oauthExchangeCode": 401,
    "oauthRevoke": 401,
}
"""TickTick refuses habit writes outside the batch (seed 001) and the old signin path; the
spec documents 405. The OAuth2 authorize page redirects; the token call without client
credentials is 401, and so is a revoke without a live token (none is sent: revoking
the personal token would leave the other Open API calls here without one)."""

server = server_fixture(scope="module", seed_demo=True, validate_responses=True)


@pytest.fixture
def demo(server: ServerHandle) -> Iterator[tuple[ServerHandle, dict[str, Any]]]:
    server.reset()
    yield server, server.state()


def first(collection: dict[str, Any]) -> dict[str, Any]:
    value: dict[str, Any] = next(iter(collection.values()))
    return value


def example_body(op: Operation) -> Any:
    assert op.request_schema is not None
    examples = SPEC.resolve(op.request_schema).get("examples")
    if examples:
        return examples[0]
    ok, body = generic.minimal(SPEC, op.request_schema)
    assert ok, f"no example and no minimal body for {op.operation_id}"
    return body


def build_request(
    op: Operation, state: dict[str, Any], handle: ServerHandle
) -> tuple[str, dict[str, str], Any]:
    """A request for `op` that should succeed against the demo store."""
    task, project = first(state["tasks"]), first(state["projects"])
    group, habit = first(state["projectGroups"]), first(state["habits"])
    values = {
        "checkpoint": "0",
        "taskId": task["id"],
        "projectId": project["id"],
        "groupId": group["id"],
        "habitId": habit["id"],
        "name": "errands",
        "pomodoroId": "0" * 24,
        "commentId": "0" * 24,
        "focusId": FOCUS_ID,
        "columnId": next(iter(state["columns"])),
        "start": "20260101",
        "end": "20261231",
    }
    if op.path.startswith("/open/v1/project/{projectId}/task/"):
        values["projectId"] = task["projectId"]
    path = op.path
    for name, value in values.items():
        path = path.replace("{" + name + "}", value)
    queries = {
        "searchAll": {"keywords": "groceries"},
        "deleteTagByQuery": {"name": "errands"},
        "oauthAuthorize": {
            "client_id": "tickspec-local",
            "scope": "tasks:read",
            "response_type": "code",
        },
        "openGetFocus": {"type": "0"},
        "openDeleteFocus": {"type": "0"},
        "openListFocuses": {
            "from": "2026-01-01T00:00:00+0000",
            "to": "2026-01-31T00:00:00+0000",
            "type": "0",
        },
        "openListHabitCheckins": {"habitIds": habit["id"], "from": "20260101", "to": "20261231"},
    }
    query = queries.get(op.operation_id, {})
    bodies: dict[str, Any] = {
        "signon": {"username": handle.username, "password": handle.password},
        "signin": {"username": handle.username, "password": handle.password},
        "verifyMfa": {"code": "123456"},
        "updateTask": task,
        "updateProject": project,
        "updateProjectGroup": group,
        "createHabitCheckin": {"habitId": habit["id"], "checkinStamp": 20260301, "value": 1},
        "renameTag": {"name": "errands", "newName": "shopping"},
        "mergeTag": {"name": "urgent", "newName": "work"},
        "getTagCompletedTasks": {"tags": ["errands"], "limit": 10},
        "openCreateTask": {"title": "Open API task", "projectId": "inbox"},
        "openUpdateTask": {"id": task["id"], "projectId": task["projectId"], "title": "Renamed"},
        "openAssignTask": {
            "projectId": task["projectId"],
            "taskId": task["id"],
            "assigneeUsername": handle.username,
        },
        "openUnassignTask": {"projectId": task["projectId"], "taskId": task["id"]},
        "openCreateTag": {"name": "reading", "label": "Reading"},
    }
    body = bodies.get(op.operation_id)
    if body is None and op.request_schema is not None:
        body = example_body(op)
    return path, query, body


def add_focus_record(handle: ServerHandle) -> None:
    """The demo has no focus record; the Open API's focus get/delete need one."""
    record = {
        "id": FOCUS_ID,
        "type": 0,
        "startTime": "2026-01-17T13:00:00.000+0000",
        "endTime": "2026-01-17T13:25:00.000+0000",
        "status": 1,
    }
    with handle.client() as client:
        answer = client.post("/api/v2/batch/pomodoro", json={"add": [record]})
    assert answer.status_code == 200, answer.text


def test_every_handler_is_for_an_operation_of_the_spec() -> None:
    assert set(HANDLERS) <= {op.operation_id for op in SPEC.operations}


def test_signin_is_answered_by_dispatch_as_moved() -> None:
    """Moved operations (documented only as a JSON 405) need no handler; that every other
    operation has a handler or an `x-tickspec-serve` is `tickspec doctor`'s server column
    (tests/test_doctor.py)."""
    assert is_moved(SPEC.operation("signin"))
    assert "signin" not in HANDLERS


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.operation_id)
def test_operation_answers_a_body_the_spec_accepts(
    op: Operation, demo: tuple[ServerHandle, dict[str, Any]]
) -> None:
    handle, state = demo
    if "{focusId}" in op.path:
        add_focus_record(handle)
    path, query, body = build_request(op, state, handle)
    bearer = {"Authorization": f"Bearer {handle.api_token}"}  # the Open API's auth
    with handle.client(headers=bearer) as client:
        response = client.request(op.method, path, params=query, json=body)
    expected = EXPECTED_STATUS.get(op.operation_id, 500 if op.operation_id == "verifyMfa" else 200)
    assert response.status_code == expected, response.text
    documented, schema = op.response_schema(response.status_code)
    assert documented, f"{op.operation_id} answered an undocumented {response.status_code}"
    if schema is None:
        assert response.content == b""
        return
    errors = SPEC.validator(schema).errors(response.json())
    assert [e.message for e in errors] == []


def test_batch_examples_of_the_spec_apply_without_errors(
    demo: tuple[ServerHandle, dict[str, Any]],
) -> None:
    """The spec's example bodies of the batches that create things, on an empty store."""
    handle, _ = demo
    handle.reset()
    paths = {"batchTask": "/api/v2/batch/task", "batchHabit": "/api/v2/habits/batch"}
    with handle.client() as client:
        for op_id, path in paths.items():
            answer = client.post(path, json=example_body(SPEC.operation(op_id))).json()
            assert answer["id2error"] == {}, op_id
            assert answer["id2etag"], op_id


@pytest.mark.parametrize(
    "op",
    [op for op in OPERATIONS if any(code.startswith("2") for code in op.responses)],
    ids=lambda op: op.operation_id,
)
def test_generic_answer_is_valid_for_every_2xx_schema(op: Operation) -> None:
    schema = next(s for code, s in op.responses.items() if code.startswith("2"))
    if schema is None:
        return
    ok, body = generic.minimal(SPEC, schema)
    assert ok, f"no valid minimal body for {op.operation_id}"
    assert SPEC.validator(schema).is_valid(body)


def test_an_operation_without_handler_gets_the_generic_answer(
    demo: tuple[ServerHandle, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    handle, _ = demo
    monkeypatch.delitem(HANDLERS, "getUserProfile")
    monkeypatch.delitem(HANDLERS, "getHabits")
    with handle.client() as client:
        profile = client.get("/api/v2/user/profile")
        habits = client.get("/api/v2/habits")
    assert (profile.status_code, profile.json()) == (200, {})
    assert (habits.status_code, habits.json()) == (200, [])


def test_response_validation_catches_a_handler_bug(
    demo: tuple[ServerHandle, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    handle, _ = demo
    monkeypatch.setitem(HANDLERS, "getHabits", lambda call: [{"id": "not-an-id"}])
    with handle.client() as client:
        response = client.get("/api/v2/habits")
    assert response.status_code == 500
    body = response.json()
    assert body["errorCode"] == "server_response_invalid"
    assert "$[0]" in body["errorMessage"]
    assert [v.split(":")[0] for v in handle.take_violations()] == [
        "getHabits answered 200 with a body the spec rejects"
    ]
