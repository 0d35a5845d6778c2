"""Projects, folders, tags, filters, columns, listings and settings of the local server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tickspec.server.testing import ServerHandle, server_fixture

PROJECT = "6940c3d51263b74715346bd6"
GROUP = "6940c47c16b2c87db11a5670"
TASK = "696b8abc2c6f3277d1cc431a"

server = server_fixture(scope="module", validate_responses=True)


@pytest.fixture
def client(server: ServerHandle) -> Iterator[httpx.Client]:
    server.reset()
    with server.client() as c:
        yield c


def ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json() if response.content else None


def add_task(client: httpx.Client, **fields: Any) -> None:
    task = {"id": TASK, "projectId": PROJECT, "title": "t", **fields}
    assert ok(client.post("/api/v2/batch/task", json={"add": [task]}))["id2error"] == {}


def test_project_lifecycle(client: httpx.Client, server: ServerHandle) -> None:
    created = ok(client.post("/api/v2/project", json={"id": PROJECT, "name": "Work"}))
    assert created["name"] == "Work" and created["isOwner"] is True and created["closed"] is None
    update = {**created, "name": "Job", "closed": True}
    put = client.put(f"/api/v2/project/{PROJECT}", json=update)
    assert (put.status_code, put.content) == (200, b"")  # empty body, as seed 001 says
    assert server.state()["projects"][PROJECT]["name"] == "Job"
    full = ok(client.get("/api/v3/batch/check/0"))
    assert [(p["id"], p["closed"]) for p in full["projectProfiles"]] == [(PROJECT, True)]

    add_task(client)
    client.post("/api/v2/column", json={"add": [{"id": GROUP, "projectId": PROJECT, "name": "c"}]})
    deleted = client.delete(f"/api/v2/project/{PROJECT}")
    assert (deleted.status_code, deleted.content) == (200, b"")
    state = server.state()
    assert state["projects"] == {} and state["tasks"] == {} and state["columns"] == {}
    assert list(state["trash"]) == [TASK]
    assert client.delete(f"/api/v2/project/{PROJECT}").status_code == 200  # retry
    missing = client.delete("/api/v2/project/0123456789abcdef01234567")
    assert (missing.status_code, missing.json()["errorCode"]) == (500, "project_not_found")


def test_project_update_must_name_the_path_project(client: httpx.Client) -> None:
    created = ok(client.post("/api/v2/project", json={"id": PROJECT, "name": "Work"}))
    wrong = client.put(f"/api/v2/project/{PROJECT}", json={**created, "id": GROUP})
    assert wrong.status_code == 400
    assert wrong.json()["data"]["path"] == "$.id"


def test_groups_and_batches(client: httpx.Client, server: ServerHandle) -> None:
    group = ok(client.post("/api/v2/projectGroup", json={"id": GROUP, "name": "Folder"}))
    assert group["userId"] == 130208689 and group["deleted"] == 0
    answer = ok(
        client.post(
            "/api/v2/batch/project",
            json={"add": [{"id": PROJECT, "name": "In folder", "groupId": GROUP}]},
        )
    )
    assert list(answer["id2etag"]) == [PROJECT]
    assert client.delete(f"/api/v2/projectGroup/{GROUP}").status_code == 200
    assert server.state()["projects"][PROJECT]["groupId"] is None
    gone = ok(client.post("/api/v2/batch/projectGroup", json={"update": [group]}))
    assert gone["id2error"] == {GROUP: "PROJECT_GROUP_NOT_FOUND"}


def test_tag_rename_merge_delete_rewrite_tasks(client: httpx.Client, server: ServerHandle) -> None:
    tags = [{"name": "work"}, {"name": "work/urgent", "parent": "work"}, {"name": "home"}]
    assert ok(client.post("/api/v2/batch/tag", json={"add": tags}))["id2error"] == {}
    add_task(client, tags=["work", "work/urgent", "home"])

    assert client.put("/api/v2/tag/rename", json={"name": "work", "newName": "job"}).content == b""
    state = server.state()
    assert sorted(state["tags"]) == ["home", "job", "job/urgent"]
    assert state["tags"]["job/urgent"]["parent"] == "job"
    assert state["tasks"][TASK]["tags"] == ["job", "job/urgent", "home"]
    retry = client.put("/api/v2/tag/rename", json={"name": "work", "newName": "job"})
    assert retry.status_code == 200
    taken = client.put("/api/v2/tag/rename", json={"name": "home", "newName": "job"})
    assert (taken.status_code, taken.json()["errorCode"]) == (500, "tag_already_exists")

    ok(client.put("/api/v2/tag/merge", json={"name": "home", "newName": "job"}))
    assert server.state()["tasks"][TASK]["tags"] == ["job", "job/urgent"]
    assert client.delete("/api/v2/tag/job").status_code == 200
    state = server.state()
    assert state["tasks"][TASK]["tags"] == ["job/urgent"]
    assert state["tags"]["job/urgent"]["parent"] is None
    missing = client.delete("/api/v2/tag/nope")
    assert (missing.status_code, missing.json()["errorCode"]) == (500, "tag_not_found")


def test_completed_by_tag_and_listings(client: httpx.Client) -> None:
    add_task(client, tags=["errands"], status=2, completedTime="2026-01-17T13:16:24.000+0000")
    by_tag = ok(client.post("/api/v2/tag/completedTask", json={"tags": ["Errands"]}))
    assert [t["id"] for t in by_tag] == [TASK]
    window = {"from": "2026-01-17 00:00:00", "to": "2026-01-18 00:00:00"}
    assert [t["id"] for t in ok(client.get(f"/api/v2/project/{PROJECT}/completed/", params=window))]
    later = {"from": "2026-01-18 00:00:00"}
    assert ok(client.get("/api/v2/project/all/completedInAll/", params=later)) == []
    bad = client.get("/api/v2/project/all/completed/", params={"from": "yesterday"})
    assert bad.status_code == 400 and bad.json()["data"]["path"] == "from"
    stats = ok(client.get("/api/v2/statistics/general"))
    assert stats["totalCompleted"] == 1  # per-day values are count objects (pyticktick)
    assert stats["taskByDay"] == {"20260117": {"completeCount": 1, "notCompleteCount": 0}}
    assert (stats["todayPomoCount"], stats["pomoByDay"]) == (0, {})


def test_search(client: httpx.Client) -> None:
    add_task(client, title="Buy MILK", items=[{"title": "oat"}])
    hits = ok(client.get("/api/v2/search/all", params={"keywords": "milk"}))
    assert [t["id"] for t in hits["tasks"]] == [TASK]
    assert ok(client.get("/api/v2/search/all", params={"keywords": "oat"}))["tasks"]
    assert ok(client.get("/api/v2/search/all", params={"keywords": "zzz"}))["tasks"] == []


def test_filters_and_columns(client: httpx.Client, server: ServerHandle) -> None:
    flt = {"id": GROUP, "name": "High", "rule": "{}"}
    assert list(ok(client.post("/api/v2/batch/filter", json={"add": [flt]}))["id2etag"]) == [GROUP]
    assert ok(client.post("/api/v2/batch/filter", json={"delete": [GROUP]}))["id2error"] == {}
    assert server.state()["filters"] == {}

    column = {"id": TASK, "projectId": PROJECT, "name": "Doing", "sortOrder": 5}
    ok(client.post("/api/v2/column", json={"add": [column]}))
    ok(client.post("/api/v2/column", json={"add": [{**column, "name": "Done"}]}))  # upsert
    listed = ok(client.get(f"/api/v2/column/project/{PROJECT}"))
    assert [(c["id"], c["name"]) for c in listed] == [(TASK, "Done")]
    assert ok(client.get("/api/v2/column", params={"from": 0})) == listed
    assert ok(client.get("/api/v2/column", params={"from": 9999999999999})) == []


def test_settings_merge_and_new_etag(client: httpx.Client) -> None:
    before = ok(client.get("/api/v2/user/preferences/settings"))
    after = ok(client.post("/api/v2/user/preferences/settings", json={"timeZone": "UTC"}))
    assert after["timeZone"] == "UTC"
    assert after["locale"] == before["locale"]
    assert after["etag"] != before["etag"]
    assert (
        ok(client.get("/api/v2/user/preferences/settings", params={"includeWeb": "true"})) == after
    )


def test_empty_listings(client: httpx.Client) -> None:
    for path in (
        "/api/v2/notification/unread",
        "/api/v2/calendar/third/accounts",
        "/api/v2/calendar/subscription",
        "/api/v2/calendar/bind/events/all",
    ):
        assert ok(client.get(path)) == []


def test_demo_seed(server: ServerHandle) -> None:
    from tickspec.server.testing import running_server

    with running_server(seed_demo=True) as demo, demo.client() as client:
        full = ok(client.get("/api/v3/batch/check/0"))
        assert len(full["projectProfiles"]) == 2
        assert len(full["syncTaskBean"]["update"]) == 4  # one of five is completed
        assert {t["name"] for t in full["tags"]} == {"errands", "work", "urgent"}
        assert len(ok(client.get("/api/v2/habits"))) == 2
