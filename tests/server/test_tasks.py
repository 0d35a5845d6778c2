"""Batch task semantics (seed 002) and full/delta sync of the local server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tickspec.server.testing import ServerHandle, server_fixture

BATCH = "/api/v2/batch/task"
ETAG = re.compile(r"^[0-9a-z]{8}$")
PROJECT = "6940c3d51263b74715346bd6"
TASK_ID = "696b8abc2c6f3277d1cc431a"
OTHER_ID = "696b8b3f2c6f3277d1cc4326"

# The "Create Task (Basic)" body of seed 002, verbatim.
SEED_TASK: dict[str, Any] = {
    "items": [],
    "reminders": [{"id": "696b8a802c6f3277d1cc4311", "trigger": "TRIGGER:PT0S"}],
    "exDate": [],
    "dueDate": None,
    "priority": 5,
    "isAllDay": False,
    "repeatFrom": "0",
    "repeatFlag": "RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;UNTIL=20260227;BYDAY=SA",
    "progress": 0,
    "assignee": None,
    "sortOrder": -1099512217600,
    "startDate": "2026-01-17T15:00:00.000+0000",
    "isFloating": False,
    "columnId": "6940c3d51263b74715346bd9",
    "status": 0,
    "projectId": PROJECT,
    "kind": None,
    "createdTime": "2026-01-17T13:12:28.000+0000",
    "modifiedTime": "2026-01-17T13:12:28.000+0000",
    "title": "test task",
    "tags": [],
    "timeZone": "Europe/Istanbul",
    "content": "",
    "id": TASK_ID,
}
EMPTY_ARRAYS: dict[str, list[Any]] = {
    "add": [],
    "update": [],
    "delete": [],
    "addAttachments": [],
    "updateAttachments": [],
    "deleteAttachments": [],
}

server = server_fixture(scope="module")


@pytest.fixture
def client(server: ServerHandle) -> Iterator[httpx.Client]:
    server.reset()
    with server.client() as c:
        yield c


def batch(client: httpx.Client, **arrays: Any) -> dict[str, Any]:
    response = client.post(BATCH, json={**EMPTY_ARRAYS, **arrays})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def add_seed_task(client: httpx.Client) -> str:
    answer = batch(client, add=[SEED_TASK])
    assert answer["id2error"] == {}
    return str(answer["id2etag"][TASK_ID])


def test_add_answers_a_fresh_etag_and_stores_server_fields(
    client: httpx.Client, server: ServerHandle
) -> None:
    etag = add_seed_task(client)
    assert ETAG.match(etag)
    stored = server.state()["tasks"][TASK_ID]
    assert stored["etag"] == etag
    assert stored["creator"] == 130208689
    assert stored["deleted"] == 0
    assert {k: stored[k] for k in SEED_TASK} == SEED_TASK  # every sent field, verbatim


def test_update_replaces_the_object_with_a_new_etag(
    client: httpx.Client, server: ServerHandle
) -> None:
    etag = add_seed_task(client)
    pinned = {**SEED_TASK, "etag": etag, "pinnedTime": "2026-01-17T13:53:44.000+0000"}
    del pinned["content"]  # a field left out of an update is gone
    pinned["x-unknown"] = {"kept": [1, 2]}  # an unknown field is kept verbatim
    answer = batch(client, update=[pinned])
    new_etag = answer["id2etag"][TASK_ID]
    assert ETAG.match(new_etag) and new_etag != etag
    stored = server.state()["tasks"][TASK_ID]
    assert stored["pinnedTime"] == "2026-01-17T13:53:44.000+0000"
    assert "content" not in stored
    assert stored["x-unknown"] == {"kept": [1, 2]}
    assert stored["etag"] == new_etag
    assert stored["creator"] == 130208689


def test_update_with_a_stale_etag_is_refused(client: httpx.Client, server: ServerHandle) -> None:
    etag = add_seed_task(client)
    batch(client, update=[{**SEED_TASK, "etag": etag, "title": "first"}])
    stale = batch(client, update=[{**SEED_TASK, "etag": etag, "title": "second"}])
    assert stale == {"id2etag": {}, "id2error": {TASK_ID: "ETAG_MISMATCH"}}
    assert server.state()["tasks"][TASK_ID]["title"] == "first"


def test_update_without_etag_is_last_writer_wins(
    client: httpx.Client, server: ServerHandle
) -> None:
    add_seed_task(client)
    answer = batch(client, update=[{**SEED_TASK, "title": "no etag"}])
    assert answer["id2error"] == {}
    assert server.state()["tasks"][TASK_ID]["title"] == "no etag"


def test_unknown_ids_go_to_id2error_and_the_rest_still_applies(
    client: httpx.Client, server: ServerHandle
) -> None:
    answer = batch(
        client,
        add=[SEED_TASK],
        update=[{**SEED_TASK, "id": OTHER_ID}],
        delete=[{"taskId": "0123456789abcdef01234567", "projectId": PROJECT}],
    )
    assert answer["id2error"] == {
        OTHER_ID: "TASK_NOT_FOUND",
        "0123456789abcdef01234567": "TASK_NOT_FOUND",
    }
    assert list(answer["id2etag"]) == [TASK_ID]
    assert list(server.state()["tasks"]) == [TASK_ID]


def test_identical_re_add_is_a_retry_not_a_duplicate(
    client: httpx.Client, server: ServerHandle
) -> None:
    etag = add_seed_task(client)
    again = batch(client, add=[SEED_TASK])
    assert again == {"id2etag": {TASK_ID: etag}, "id2error": {}}
    changed = batch(client, add=[{**SEED_TASK, "title": "another"}])
    assert changed == {"id2etag": {}, "id2error": {TASK_ID: "TASK_ALREADY_EXISTS"}}
    assert len(server.state()["tasks"]) == 1
    assert server.state()["tasks"][TASK_ID]["title"] == "test task"


def test_repeated_update_with_its_old_etag_is_refused(client: httpx.Client) -> None:
    """A stale etag is never taken for a retry (issue 21, S7): another client's write can
    carry the same body and the same stale etag."""
    etag = add_seed_task(client)
    update = {**SEED_TASK, "etag": etag, "title": "renamed"}
    batch(client, update=[update])
    assert batch(client, update=[update]) == {"id2etag": {}, "id2error": {TASK_ID: "ETAG_MISMATCH"}}


def test_delete_moves_the_task_to_the_trash(client: httpx.Client, server: ServerHandle) -> None:
    add_seed_task(client)
    ref = {"taskId": TASK_ID, "projectId": PROJECT}
    assert batch(client, delete=[ref]) == {"id2etag": {}, "id2error": {}}
    assert batch(client, delete=[ref]) == {"id2etag": {}, "id2error": {}}  # retry: fine
    state = server.state()
    assert TASK_ID not in state["tasks"]
    assert state["trash"][TASK_ID]["deleted"] == 1
    trash = client.get("/api/v2/project/all/trash/pagination", params={"limit": 10}).json()
    assert [t["id"] for t in trash["tasks"]] == [TASK_ID]
    assert trash["next"] == 1
    # adding the id again restores it: out of the trash, a live task
    assert batch(client, add=[SEED_TASK])["id2error"] == {}
    state = server.state()
    assert TASK_ID in state["tasks"] and state["trash"] == {}


def test_wont_do_of_a_recurring_instance_as_captured(client: httpx.Client) -> None:
    """Seed 002: an abandoned instance (add, status -1) and the parent advanced (update)."""
    parent = {**SEED_TASK, "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1", "repeatFrom": "2"}
    etag = batch(client, add=[parent])["id2etag"][TASK_ID]
    instance = {
        **parent,
        "id": OTHER_ID,
        "repeatFlag": None,
        "status": -1,
        "completedTime": "2026-01-17T13:16:24.000+0000",
        "completedUserId": 130208689,
        "repeatTaskId": TASK_ID,
    }
    advanced = {**parent, "etag": etag, "startDate": "2026-01-18T14:00:00.000+0000"}
    answer = batch(client, add=[instance], update=[advanced])
    assert set(answer["id2etag"]) == {TASK_ID, OTHER_ID}
    assert answer["id2error"] == {}
    abandoned = client.get("/api/v2/project/all/closed", params={"status": "Abandoned"}).json()
    assert [t["id"] for t in abandoned] == [OTHER_ID]


def test_full_sync_returns_what_was_written(client: httpx.Client) -> None:
    add_seed_task(client)
    done = {**SEED_TASK, "id": OTHER_ID, "status": 2, "completedTime": SEED_TASK["createdTime"]}
    batch(client, add=[done])
    full = client.get("/api/v3/batch/check/0").json()
    assert [t["id"] for t in full["syncTaskBean"]["update"]] == [TASK_ID]  # open tasks only
    assert full["syncTaskBean"]["update"][0]["title"] == "test task"
    assert full["inboxId"] == "inbox130208689"
    assert full["projectProfiles"] == [] and full["tags"] == [] and full["filters"] == []
    assert isinstance(full["checkPoint"], int)


def test_delta_sync_has_only_changes_and_null_for_unchanged_collections(
    client: httpx.Client,
) -> None:
    etag = add_seed_task(client)
    batch(client, add=[{**SEED_TASK, "id": OTHER_ID, "title": "other"}])
    checkpoint = client.get("/api/v3/batch/check/0").json()["checkPoint"]

    quiet = client.get(f"/api/v3/batch/check/{checkpoint}").json()
    assert quiet["syncTaskBean"]["update"] == []
    assert quiet["syncTaskBean"]["empty"] is True
    assert quiet["checkPoint"] == checkpoint
    for key in ("projectProfiles", "projectGroups", "tags", "filters"):
        assert quiet[key] is None

    batch(
        client,
        update=[{**SEED_TASK, "etag": etag, "title": "changed"}],
        delete=[{"taskId": OTHER_ID, "projectId": PROJECT}],
    )
    client.post("/api/v2/batch/tag", json={"add": [{"name": "errands"}]})
    delta = client.get(f"/api/v3/batch/check/{checkpoint}").json()
    assert [t["title"] for t in delta["syncTaskBean"]["update"]] == ["changed"]
    assert delta["syncTaskBean"]["delete"] == [{"taskId": OTHER_ID, "projectId": PROJECT}]
    assert delta["syncTaskBean"]["empty"] is False
    assert [t["name"] for t in delta["tags"]] == ["errands"]
    assert delta["projectProfiles"] is None and delta["filters"] is None
    assert delta["checkPoint"] > checkpoint
    # the v2 path answers the same
    assert (
        client.get(f"/api/v2/batch/check/{checkpoint}").json()["syncTaskBean"]
        == (delta["syncTaskBean"])
    )


def test_delta_sync_reports_completion(client: httpx.Client) -> None:
    etag = add_seed_task(client)
    checkpoint = client.get("/api/v3/batch/check/0").json()["checkPoint"]
    batch(client, update=[{**SEED_TASK, "etag": etag, "status": 2}])
    delta = client.get(f"/api/v3/batch/check/{checkpoint}").json()
    assert [(t["id"], t["status"]) for t in delta["syncTaskBean"]["update"]] == [(TASK_ID, 2)]
    completed = client.get("/api/v2/project/all/completed/").json()
    assert [t["id"] for t in completed] == [TASK_ID]
    assert completed[0]["completedTime"]  # filled in by the server


def test_single_task_endpoints(client: httpx.Client, server: ServerHandle) -> None:
    created = client.post("/api/v2/task", json={"title": "via single endpoint"})
    assert created.status_code == 200
    task = created.json()
    assert task["projectId"] == "inbox130208689" and ETAG.match(task["etag"])
    fetched = client.get(f"/api/v2/task/{task['id']}").json()
    assert fetched == task
    updated = client.post(f"/api/v2/task/{task['id']}", json={**task, "title": "renamed"}).json()
    assert updated["title"] == "renamed" and updated["etag"] != task["etag"]
    stale = client.post(f"/api/v2/task/{task['id']}", json={**task, "title": "stale"})
    assert stale.status_code == 500
    assert stale.json()["errorCode"] == "etag_mismatch"
    missing = client.get("/api/v2/task/0123456789abcdef01234567")
    assert missing.status_code == 500
    assert missing.json()["errorCode"] == "task_not_found"
    assert server.state()["tasks"][task["id"]]["title"] == "renamed"


def test_parent_and_move(client: httpx.Client, server: ServerHandle) -> None:
    add_seed_task(client)
    batch(client, add=[{**SEED_TASK, "id": OTHER_ID, "title": "child"}])
    parent = client.post(
        "/api/v2/batch/taskParent",
        json=[{"taskId": OTHER_ID, "projectId": PROJECT, "parentId": TASK_ID}],
    ).json()
    assert parent["id2error"] == {}
    assert parent["id2etag"][OTHER_ID]["parentId"] == TASK_ID
    assert parent["id2etag"][TASK_ID]["childIds"] == [OTHER_ID]
    tasks = server.state()["tasks"]
    assert tasks[OTHER_ID]["parentId"] == TASK_ID
    assert tasks[TASK_ID]["childIds"] == [OTHER_ID]

    inbox = "inbox130208689"
    move = [{"taskId": OTHER_ID, "fromProjectId": PROJECT, "toProjectId": inbox}]
    moved = client.post("/api/v2/batch/taskProject", json=move).json()
    assert moved["id2error"] == {} and ETAG.match(moved["id2etag"][OTHER_ID])
    assert server.state()["tasks"][OTHER_ID]["projectId"] == inbox
    again = client.post("/api/v2/batch/taskProject", json=move).json()
    assert again == moved  # a retried move: same etag, nothing written


def test_attachments(client: httpx.Client, server: ServerHandle) -> None:
    add_seed_task(client)
    attachment = {"id": "6940c3d51263b74715346000", "fileName": "a.png", "size": 3}
    added = batch(client, addAttachments=[{"taskId": TASK_ID, "attachment": attachment}])
    assert added["id2error"] == {}
    assert server.state()["tasks"][TASK_ID]["attachments"] == [attachment]
    bad = batch(client, addAttachments=[{"taskId": TASK_ID, "attachment": {"id": "x"}}])
    assert bad["id2error"] == {TASK_ID: "INVALID_ATTACHMENT"}
    batch(client, deleteAttachments=[{"taskId": TASK_ID, "attachmentId": attachment["id"]}])
    assert server.state()["tasks"][TASK_ID]["attachments"] == []


def test_reopen_clears_both_completion_fields(client: httpx.Client) -> None:
    """A reopening client sends completedTime and completedUserId as null (task.json)."""
    etag = add_seed_task(client)
    batch(client, update=[{**SEED_TASK, "etag": etag, "status": 2}])
    done = client.get(f"/api/v2/task/{TASK_ID}", params={"projectId": PROJECT}).json()
    assert done["completedUserId"] == 130208689 and done["completedTime"]  # server-filled
    reopened = {**done, "status": 0, "completedTime": None, "completedUserId": None}
    answer = batch(client, update=[reopened])
    assert answer["id2error"] == {}
    task = client.get(f"/api/v2/task/{TASK_ID}", params={"projectId": PROJECT}).json()
    assert (task["status"], task["completedTime"], task["completedUserId"]) == (0, None, None)
    full = client.get("/api/v3/batch/check/0").json()
    assert [t["id"] for t in full["syncTaskBean"]["update"]] == [TASK_ID]
    assert client.get("/api/v2/project/all/completed/").json() == []
