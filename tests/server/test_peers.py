"""What public clients send and TickTick serves (issue 8): the server accepts it too."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tickspec.server.app import DEFAULT_USERNAME
from tickspec.server.handlers import batch
from tickspec.server.handlers.kinds import HABIT
from tickspec.server.store import HABITS, Store
from tickspec.server.testing import ServerHandle, server_fixture

server = server_fixture(scope="module", seed_demo=True, validate_responses=True)


@pytest.fixture
def client(server: ServerHandle) -> Iterator[httpx.Client]:
    server.reset()
    with server.client() as c:
        yield c


def test_the_demo_account_has_an_address_email_validators_accept() -> None:
    """pyticktick's email validation refuses `.local` before sending anything."""
    assert DEFAULT_USERNAME == "demo@example.com"


def test_signon_with_capitalised_booleans_and_a_double_slash(
    server: ServerHandle, client: httpx.Client
) -> None:
    """pyticktick posts to `/api/v2//user/signon?wc=True&remember=True`."""
    credentials = {"username": server.username, "password": server.password}
    response = client.post("/api/v2//user/signon?wc=True&remember=TRUE", json=credentials)
    assert response.status_code == 200, response.text
    assert response.json()["username"] == "demo@example.com"
    assert response.cookies["t"] == response.json()["token"]


@pytest.mark.parametrize("body", [b'{"username": "u", "password": "p"}', b"{not json", b""])
def test_signin_answers_405_with_the_json_error_body(client: httpx.Client, body: bytes) -> None:
    """ticktick-py 2.0.3 still posts to the old path; TickTick answers 405 whatever it holds."""
    response = client.post(
        "/api/v2/user/signin?wc=True&remember=True",
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 405
    error = response.json()
    assert error["errorCode"] == "method_not_allowed"
    assert error["errorMessage"] == "Request method 'POST' not supported"
    assert error["data"] is None


def test_delete_tag_by_query(client: httpx.Client, server: ServerHandle) -> None:
    assert "errands" in server.state()["tags"]
    response = client.delete("/api/v2/tag", params={"name": "errands"})
    assert response.status_code == 200 and response.content == b""
    assert "errands" not in server.state()["tags"]
    tasks = server.state()["tasks"].values()
    assert not [t for t in tasks if "errands" in (t.get("tags") or [])]
    assert client.delete("/api/v2/tag", params={"name": "errands"}).status_code == 200  # retry
    missing = client.delete("/api/v2/tag", params={"name": "never-was"})
    assert missing.status_code == 500 and missing.json()["errorCode"] == "tag_not_found"


HEX24 = re.compile(r"^[0-9a-f]{24}$")


@pytest.mark.parametrize(
    ("path", "collection", "draft"),
    [
        ("/api/v2/batch/task", "tasks", {"projectId": "inbox130208689", "title": "sdk task"}),
        ("/api/v2/batch/project", "projects", {"name": "sdk list"}),
        ("/api/v2/batch/projectGroup", "projectGroups", {"name": "folder", "listType": "group"}),
    ],
)
def test_an_id_less_add_gets_a_server_made_id_in_id2etag(
    client: httpx.Client, server: ServerHandle, path: str, collection: str, draft: dict[str, Any]
) -> None:
    """ticktick-sdk and ticktick-py add tasks, projects and folders without ids."""
    before = set(server.state()[collection])
    answer = client.post(path, json={"add": [draft], "update": [], "delete": []})
    assert answer.status_code == 200, answer.text
    [(new_id, etag)] = answer.json()["id2etag"].items()
    assert HEX24.match(new_id) and answer.json()["id2error"] == {}
    assert set(server.state()[collection]) - before == {new_id}
    assert server.state()[collection][new_id]["etag"] == etag


def test_explicit_nulls_are_fields_not_set(client: httpx.Client, server: ServerHandle) -> None:
    """pyticktick writes every unset field as null: where TickTick never answers null the
    server's default applies, and every answer still fits the spec (validate_responses is
    on for this server)."""
    task = {"projectId": "inbox130208689", "title": "t", "id": None, "priority": None,
            "status": None, "tags": None, "items": [{"title": "sub", "status": None}],
            "kind": None, "dueDate": None, "etag": None}  # fmt: skip
    answer = client.post("/api/v2/batch/task", json={"add": [task], "update": []})
    assert answer.status_code == 200, answer.text
    [task_id] = answer.json()["id2etag"]
    stored = server.state()["tasks"][task_id]
    # never null in TickTick's answers: the defaults; `kind` may be answered null: kept
    assert (stored["priority"], stored["status"], stored["tags"], stored["kind"]) == (
        0, 0, [], None,
    )  # fmt: skip
    # dueDate is one TickTick answers null: kept; items lose their nulls
    assert stored["items"] == [{"title": "sub"}] and stored["dueDate"] is None
    assert client.get(f"/api/v2/task/{task_id}").status_code == 200
    assert client.get("/api/v3/batch/check/0").status_code == 200


def test_a_three_field_x_device_is_accepted(server: ServerHandle) -> None:
    device = json.dumps({"platform": "web", "version": 6430, "id": "6490a09eaa5e282c9358d29a"})
    with server.client(headers={"X-Device": device}) as minimal:
        assert minimal.get("/api/v2/user/status").status_code == 200


def test_a_tag_is_added_by_the_name_the_client_computed(
    client: httpx.Client, server: ServerHandle
) -> None:
    """pyticktick 0.3.0 sends `name` = the lower-cased label (CreateTagV2); a tag without
    `name` is refused with the 400 body: no evidence shows TickTick deriving one."""
    sent = {"add": [{"label": "PyTag", "name": "pytag", "color": None, "parent": None}]}
    answer = client.post("/api/v2/batch/tag", json=sent)
    assert answer.status_code == 200, answer.text
    assert list(answer.json()["id2etag"]) == ["pytag"]
    stored = server.state()["tags"]["pytag"]
    assert (stored["name"], stored["label"]) == ("pytag", "PyTag")
    refused = client.post("/api/v2/batch/tag", json={"add": [{"label": "NoName"}]})
    assert refused.status_code == 400
    assert refused.json()["errorCode"] == "invalid_request"
    assert refused.json()["data"]["path"] == "$.add[0]"
    assert "name" in refused.json()["errorMessage"]
    assert "noname" not in server.state()["tags"]


def test_a_partial_habit_update_merges() -> None:
    """ticktick-sdk checks in by updating only a habit's totals: the rest must stay."""
    store = Store(130208689)
    habit = {"id": "a37a1762e2648fff38b87cd5", "name": "Read", "color": "#97E38B"}
    batch.apply(store, HABIT, {"add": [habit]})
    update = {"id": habit["id"], "totalCheckIns": 1, "currentStreak": 1}
    result = batch.apply(store, HABIT, {"update": [update]})
    assert result.id2error == {}
    stored = store.get(HABITS, habit["id"])
    assert stored is not None
    assert (stored["name"], stored["color"], stored["totalCheckIns"]) == ("Read", "#97E38B", 1)
