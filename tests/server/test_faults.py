"""Failure injection and request counting of the local server."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tickspec.server.testing import ServerHandle, running_server, server_fixture
from tickspec.spec import load

TASK_ID = "696b8abc2c6f3277d1cc431a"
ADD = {"add": [{"id": TASK_ID, "projectId": "inbox130208689", "title": "t"}]}

server = server_fixture(scope="module")


@pytest.fixture
def fresh(server: ServerHandle) -> Iterator[ServerHandle]:
    server.reset()
    yield server


def post_batch(client: httpx.Client) -> httpx.Response:
    return client.post("/api/v2/batch/task", json=ADD)


def test_429_has_retry_after_and_an_empty_body(fresh: ServerHandle) -> None:
    fresh.inject_fault("batchTask", status=429, retry_after=2)
    with fresh.client() as client:
        limited = post_batch(client)
        assert limited.status_code == 429
        assert limited.headers["Retry-After"] == "2"
        assert limited.content == b""
        assert fresh.state()["tasks"] == {}  # nothing applied
        assert post_batch(client).status_code == 200  # times=1: spent
    stats = fresh.stats()
    assert stats["requests"]["batchTask"] == 2
    assert stats["applied"]["batchTask"] == 1
    assert stats["faulted"]["batchTask"] == 1


def test_500_fault_answers_an_error_body(fresh: ServerHandle) -> None:
    fresh.inject_fault(None, status=500, times=2, error_code="server_busy")
    with fresh.client() as client:
        first = client.get("/api/v2/habits")
        second = client.get("/api/v2/user/profile")
        third = client.get("/api/v2/habits")
    assert (first.status_code, second.status_code, third.status_code) == (500, 500, 200)
    assert first.json()["errorCode"] == "server_busy"


def test_500_after_applying_the_write(fresh: ServerHandle) -> None:
    fresh.inject_fault("batchTask", status=500, when="after")
    with fresh.client() as client:
        assert post_batch(client).status_code == 500
    assert TASK_ID in fresh.state()["tasks"]  # applied, though the client saw an error


def test_drop_before_applying(fresh: ServerHandle) -> None:
    fresh.inject_fault("batchTask", drop_connection=True)
    with fresh.client() as client, pytest.raises(httpx.RemoteProtocolError):
        post_batch(client)
    assert fresh.state()["tasks"] == {}
    assert fresh.stats()["applied"].get("batchTask", 0) == 0


def test_drop_after_applying_then_retry_writes_nothing_new(fresh: ServerHandle) -> None:
    fresh.inject_fault("batchTask", drop_connection=True, when="after")
    with fresh.client() as client:
        with pytest.raises(httpx.RemoteProtocolError):
            post_batch(client)
        etag = fresh.state()["tasks"][TASK_ID]["etag"]
        retry = post_batch(client)  # the client's retry of the same body
    assert retry.json() == {"id2etag": {TASK_ID: etag}, "id2error": {}}
    assert len(fresh.state()["tasks"]) == 1
    assert fresh.stats()["applied"]["batchTask"] == 2


def test_skip_and_times(fresh: ServerHandle) -> None:
    fresh.inject_fault("getHabits", status=503, skip=1, times=2)
    with fresh.client() as client:
        codes = [client.get("/api/v2/habits").status_code for _ in range(4)]
    assert codes == [200, 503, 503, 200]


def test_delay(fresh: ServerHandle) -> None:
    fresh.inject_fault("getHabits", delay=0.3)
    with fresh.client() as client:
        started = time.monotonic()
        assert client.get("/api/v2/habits").status_code == 200
        assert time.monotonic() - started >= 0.3
        fresh.inject_fault("getHabits", delay=0.4)
        with pytest.raises(httpx.ReadTimeout):
            client.get("/api/v2/habits", timeout=0.1)
    time.sleep(0.5)  # let the abandoned request finish before the next test resets


def test_custom_body_and_clearing(fresh: ServerHandle) -> None:
    fresh.inject_fault("getHabits", status=200, body={"surprise": True}, times=None)
    with fresh.client() as client:
        assert client.get("/api/v2/habits").json() == {"surprise": True}
        assert client.get("/api/v2/habits").json() == {"surprise": True}
        fresh.clear_faults()
        assert client.get("/api/v2/habits").json() == []


def test_faults_given_to_create_app() -> None:
    faults = [{"operationId": "getHabits", "status": 429}]
    with running_server(faults=faults) as srv, srv.client() as client:
        assert client.get("/api/v2/habits").status_code == 429
        assert client.get("/api/v2/habits").status_code == 200


def test_bad_fault_is_refused_with_a_clear_message(fresh: ServerHandle) -> None:
    bad: list[dict[str, Any]] = [
        {"operationId": "batchTask"},
        {"status": 429, "dropConnection": True},
        {"status": 429, "when": "during"},
        {"status": 429, "colour": "red"},
        {"operationId": "batchTasks", "status": 429},
    ]
    with httpx.Client(base_url=fresh.base_url, trust_env=False) as admin:
        messages = [admin.post("/__tickspec__/faults", json=b).json() for b in bad]
    assert [m["errorCode"] for m in messages] == ["invalid_request"] * 5
    assert messages[3]["errorMessage"] == "fault: unknown field(s) colour"
    assert messages[4]["errorMessage"] == (
        "fault.operationId: no operation 'batchTasks' in the spec"
    )
    assert fresh.stats()["faults"] == []


def test_stats_reset_and_state_reset(fresh: ServerHandle) -> None:
    with fresh.client() as client:
        post_batch(client)
        client.get("/api/v2/habits")
    assert fresh.stats()["total"] == 2
    fresh.reset_stats()
    assert fresh.stats()["total"] == 0
    assert TASK_ID in fresh.state()["tasks"]
    fresh.reset()
    assert fresh.state()["tasks"] == {}


def test_retry_after_matches_the_spec_header(fresh: ServerHandle) -> None:
    """The RateLimited response declares Retry-After as integer seconds or an HTTP-date."""
    spec = load()
    header = spec.openapi["components"]["responses"]["RateLimited"]["headers"]["Retry-After"]
    validator = spec.validator(header["schema"])
    fresh.inject_fault("batchTask", status=429, retry_after=3)
    fresh.inject_fault("getHabits", status=429)
    with fresh.client() as client:
        limited = post_batch(client)
        bare = client.get("/api/v2/habits")
    assert validator.is_valid(int(limited.headers["Retry-After"]))
    assert limited.headers["Retry-After"] == "3"
    assert bare.status_code == 429 and "Retry-After" not in bare.headers  # optional


# -- "patch": drift injected into the handler's answer ------------------------------------

PROJECT_ID = "6940c3d51263b74715346bd0"
CREATE = {"add": [{"id": PROJECT_ID, "name": "p"}]}


def test_patch_adds_renames_removes_and_retypes_fields(fresh: ServerHandle) -> None:
    patch: list[dict[str, Any]] = [
        {"op": "add", "path": "/id2etag/newField", "value": "x"},
        {"op": "move", "from": "/id2error", "path": "/id2errors"},
        {"op": "add", "path": "/extra", "value": [1, 2]},
    ]
    fresh.inject_fault("batchProject", patch=patch)
    with fresh.client() as client:
        drifted = client.post("/api/v2/batch/project", json=CREATE).json()
        plain = client.get("/api/v2/projects").json()
    etag = fresh.state()["projects"][PROJECT_ID]["etag"]
    assert drifted == {
        "id2etag": {PROJECT_ID: etag, "newField": "x"},
        "id2errors": {},
        "extra": [1, 2],
    }
    assert [p["id"] for p in plain] == [PROJECT_ID]  # times=1: the next answer is clean
    assert fresh.stats()["applied"]["batchProject"] == 1  # the write happened
    assert fresh.stats()["faulted"]["batchProject"] == 1


def test_patch_changes_a_type_and_adds_an_enum_value(fresh: ServerHandle) -> None:
    with fresh.client() as client:
        client.post("/api/v2/batch/project", json=CREATE)
        fresh.inject_fault(
            "getProjects",
            patch=[
                {"op": "replace", "path": "/0/sortOrder", "value": "0"},
                {"op": "replace", "path": "/0/kind", "value": "BOARD"},
            ],
            times=None,
        )
        first, second = (client.get("/api/v2/projects").json()[0] for _ in range(2))
    assert (first["sortOrder"], first["kind"]) == ("0", "BOARD")
    assert second == first  # times=None: every answer


def test_patch_that_does_not_apply_is_a_loud_500(fresh: ServerHandle) -> None:
    fresh.inject_fault("getHabits", patch=[{"op": "remove", "path": "/0/name"}])
    with fresh.client() as client:
        answer = client.get("/api/v2/habits")
    assert answer.status_code == 500
    assert answer.json()["errorCode"] == "service_unavailable"  # errors.INJECTED_FAULT
    assert "patch does not apply" in answer.json()["errorMessage"]


def test_a_write_now_refused_with_status_405(fresh: ServerHandle) -> None:
    fresh.inject_fault("batchTask", status=405, times=None)
    with fresh.client() as client:
        assert post_batch(client).status_code == 405
    assert fresh.state()["tasks"] == {}


def test_bad_patch_faults_are_refused(fresh: ServerHandle) -> None:
    bad: list[dict[str, Any]] = [
        {"patch": [{"op": "add", "path": "/x", "value": 1}], "when": "before"},
        {"patch": [{"op": "frobnicate", "path": "/x"}]},
        {"patch": "not a list"},
        {"patch": [{"op": "add", "path": "/x", "value": 1}], "status": 500},
    ]
    with httpx.Client(base_url=fresh.base_url, trust_env=False) as admin:
        messages = [admin.post("/__tickspec__/faults", json=b).json() for b in bad]
    assert [m["errorCode"] for m in messages] == ["invalid_request"] * 4
    assert messages[0]["errorMessage"].startswith("fault.patch: applies to the handler's answer")
    assert messages[1]["errorMessage"].startswith("fault.patch: not an RFC 6902 patch")
    assert messages[3]["errorMessage"] == (
        "fault: give patch alone, not with status, body or dropConnection"
    )
    assert fresh.stats()["faults"] == []
