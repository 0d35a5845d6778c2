"""The Open API's other objects through `tickspec serve`: preference, comments, members,
groups, columns, tags, countdowns, focus and habits. Responses are validated against
the spec by the server itself (`validate_responses=True`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tests.server.open_support import ok, open_client
from tickspec.server.testing import ServerHandle, server_fixture

server = server_fixture(scope="module", seed_demo=True, validate_responses=True)


@pytest.fixture
def api(server: ServerHandle) -> Iterator[httpx.Client]:
    server.reset()
    with open_client(server) as client:
        yield client


def project_named(api: httpx.Client, name: str) -> str:
    return next(str(p["id"]) for p in ok(api.get("/project")) if p["name"] == name)


def test_preference_answers_the_time_zone(api: httpx.Client) -> None:
    assert ok(api.post("/preference")) == {"timeZone": "Europe/Istanbul"}


def test_project_list_pages_when_asked(api: httpx.Client) -> None:
    every = ok(api.get("/project"))
    assert [p["name"] for p in every] == ["Work", "Home"]
    assert all("sortOrder" in p for p in every)
    assert ok(api.get("/project", params={"offset": 1})) == every[1:]
    assert ok(api.get("/project", params={"limit": 1, "offset": -3})) == every[:1]


def test_project_writes_are_answered_canonically(api: httpx.Client) -> None:
    """The doc's example creates with `"kind": "task"`; pyticktick sends nulls."""
    body = {"name": "Notes", "kind": "task", "color": None, "viewMode": None, "sortOrder": None}
    project = ok(api.post("/project", json=body))
    assert (project["kind"], project["viewMode"], project["sortOrder"]) == ("TASK", "list", 0)
    assert "color" not in project
    changed = ok(api.post(f"/project/{project['id']}", json={"kind": "note", "name": None}))
    assert (changed["name"], changed["kind"]) == ("Notes", "NOTE")


def test_comments_add_list_delete(server: ServerHandle, api: httpx.Client) -> None:
    task = ok(api.post("/task", json={"title": "Discuss"}))
    where = f"/project/{task['projectId']}/task/{task['id']}"
    comment = ok(api.post(f"{where}/comment", json={"title": "First!"}))
    assert comment["title"] == "First!"
    assert comment["userId"] == server.app.tickspec.config.account.user_id
    assert comment["createdTime"] == comment["modifiedTime"]
    assert ok(api.get(f"{where}/comments")) == [comment]
    with server.client() as web:  # the web API reads the same comments
        listed = web.get(f"/api/v2/project/{task['projectId']}/task/{task['id']}/comments")
    assert [c["title"] for c in listed.json()] == ["First!"]
    ok(api.delete(f"{where}/comment/{comment['id']}"))
    assert ok(api.get(f"{where}/comments")) == []
    elsewhere = api.get(f"/project/{project_named(api, 'Work')}/task/{task['id']}/comments")
    assert elsewhere.json()["errorCode"] == "task_not_found"


def test_members_are_the_account(server: ServerHandle, api: httpx.Client) -> None:
    members = ok(api.get(f"/project/{project_named(api, 'Work')}/members"))
    assert members == [{"username": server.username, "displayName": "Demo User", "self": True}]


def test_project_groups_crud(server: ServerHandle, api: httpx.Client) -> None:
    assert [g["name"] for g in ok(api.get("/project/group"))] == ["Personal"]
    group = ok(api.post("/project/group", json={"name": "Errands"}))
    assert group == {"id": group["id"], "name": "Errands", "sortOrder": 0, "showAll": True}
    renamed = ok(api.post(f"/project/group/{group['id']}", json={"name": "Chores"}))
    assert renamed["name"] == "Chores" and "listType" not in renamed
    personal = next(g for g in ok(api.get("/project/group")) if g["name"] == "Personal")
    ok(api.delete(f"/project/group/{personal['id']}"))
    assert [g["name"] for g in ok(api.get("/project/group"))] == ["Chores"]
    home = server.state()["projects"][project_named(api, "Home")]
    assert home["groupId"] is None  # its folder is gone: ungrouped


def test_columns_list_create_update(api: httpx.Client) -> None:
    work = project_named(api, "Work")
    (doing,) = ok(api.get(f"/project/{work}/column"))
    assert (doing["name"], doing["projectId"]) == ("Doing", work)
    done = ok(api.post(f"/project/{work}/column", json={"name": "Done"}))
    assert done["sortOrder"] > doing.get("sortOrder", 0)
    renamed = ok(api.post(f"/project/{work}/column/{done['id']}", json={"name": "Shipped"}))
    assert renamed == {**done, "name": "Shipped"}
    listed = ok(api.get(f"/project/{work}/column"))
    assert [c["name"] for c in listed] == ["Doing", "Shipped"]
    assert [c["id"] for c in ok(api.get(f"/project/{work}/data"))["columns"]] == [
        doing["id"],
        done["id"],
    ]


def test_tags_list_and_create(server: ServerHandle, api: httpx.Client) -> None:
    names = [t["name"] for t in ok(api.get("/tag"))]
    assert sorted(names) == ["errands", "urgent", "work"]
    tag = ok(api.post("/tag", json={"name": " Reading ", "label": "Reading"}))
    assert tag == {"name": "reading", "label": "Reading", "sortOrder": 0, "type": 1}
    assert server.state()["tags"]["reading"]["label"] == "Reading"
    mismatch = api.post("/tag", json={"name": "books", "label": "Novels"})
    assert (mismatch.status_code, mismatch.json()["errorCode"]) == (400, "invalid_request")


def test_countdowns_are_the_web_ones(server: ServerHandle, api: httpx.Client) -> None:
    assert ok(api.get("/countdown")) == []
    countdown = {"id": "6" * 24, "name": "Birthday", "date": 20261007, "type": 0}
    with server.client() as web:
        added = web.post("/api/v2/countdown/batch", json={"add": [countdown]})
        assert added.status_code == 200, added.text
    (listed,) = ok(api.get("/countdown"))
    assert {k: listed[k] for k in countdown} == countdown
    assert "etag" not in listed


def test_focus_create_get_list_delete(api: httpx.Client) -> None:
    task = ok(api.post("/task", json={"title": "Deep work"}))
    body = {
        "type": 0,
        "taskId": task["id"],
        "startTime": "2026-04-07T09:00:00+0800",
        "endTime": "2026-04-07T09:25:00+0800",
        "note": None,
    }
    focus = ok(api.post("/focus", json=body))
    assert (focus["type"], focus["taskId"], focus["duration"]) == (0, task["id"], 1500)
    assert focus["startTime"] == "2026-04-07T09:00:00.000+0800"
    assert focus["tasks"][0]["title"] == "Deep work"
    assert ok(api.get(f"/focus/{focus['id']}", params={"type": 0})) == focus
    wrong_type = api.get(f"/focus/{focus['id']}", params={"type": 1})
    assert wrong_type.json()["errorCode"] == "focus_not_found"
    window: dict[str, str | int] = {
        "from": "2026-04-01T00:00:00+0800",
        "to": "2026-04-08T00:00:00+0800",
        "type": 0,
    }
    assert [f["id"] for f in ok(api.get("/focus", params=window))] == [focus["id"]]
    assert ok(api.get("/focus", params={**window, "type": 1})) == []
    raw = "/focus?from=2026-04-01T00:00:00+0800&to=2026-04-08T00:00:00+0800&type=0"
    assert [f["id"] for f in ok(api.get(raw))] == [focus["id"]]  # `+` read as a space
    assert ok(api.delete(f"/focus/{focus['id']}", params={"type": 0}))["id"] == focus["id"]
    assert ok(api.get("/focus", params=window)) == []


def test_focus_list_keeps_only_the_last_30_days(api: httpx.Client) -> None:
    end = datetime(2026, 6, 30, tzinfo=UTC)
    for days in (10, 40):
        start = end - timedelta(days=days)
        body = {"type": 1, "startTime": start.strftime("%Y-%m-%dT%H:%M:%S+0000"), "duration": 60}
        body["endTime"] = (start + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%S+0000")
        ok(api.post("/focus", json=body))
    window: dict[str, str | int] = {
        "from": "2026-01-01T00:00:00+0000",
        "to": "2026-06-30T00:00:00+0000",
        "type": 1,
    }
    assert [f["startTime"][:10] for f in ok(api.get("/focus", params=window))] == ["2026-06-20"]


def test_habits_create_update_checkin_query(server: ServerHandle, api: httpx.Client) -> None:
    names = [h["name"] for h in ok(api.get("/habit"))]
    assert names == ["Read", "Drink water"]
    sections = ok(api.get("/habit/sections"))
    assert [s["name"] for s in sections] == ["_morning", "_afternoon", "_night"]
    habit = ok(api.post("/habit", json={"name": "Stretch", "goal": 2.0, "sectionId": None}))
    assert (habit["type"], habit["goal"], habit["unit"], habit["status"]) == (
        "Boolean",
        2.0,
        "Count",
        0,
    )
    updated = ok(api.post(f"/habit/{habit['id']}", json={"name": "", "color": "#4D8CF5"}))
    assert (updated["name"], updated["color"]) == ("Stretch", "#4D8CF5")
    assert ok(api.get(f"/habit/{habit['id']}")) == updated
    day = {"stamp": 20260407, "goal": 2.0}  # the check-in's goal defaults to 1.0 (the doc)
    first = ok(api.post(f"/habit/{habit['id']}/checkin", json=day))
    assert first["habitId"] == habit["id"] and first["year"] == 2026
    assert [(c["stamp"], c["value"], c["status"]) for c in first["checkins"]] == [
        (20260407, 1.0, 0)
    ]
    again = ok(api.post(f"/habit/{habit['id']}/checkin", json={**day, "value": 2}))
    assert [(c["stamp"], c["status"]) for c in again["checkins"]] == [(20260407, 2)]
    ok(api.post(f"/habit/{habit['id']}/checkin", json={"stamp": 20250101}))
    query: dict[str, str | int] = {"habitIds": f"{habit['id']},{'0' * 24}", "from": 20250101}
    query["to"] = 20261231
    found = ok(api.get("/habit/checkins", params=query))
    assert [(d["year"], len(d["checkins"])) for d in found] == [(2025, 1), (2026, 1)]
    web = [c for c in server.state()["habitCheckins"].values() if c["habitId"] == habit["id"]]
    assert sorted(c["checkinStamp"] for c in web) == [20250101, 20260407]
