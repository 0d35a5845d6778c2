"""The Open API's task operations through `tickspec serve`, every answer checked against
the spec (`validate_responses=True`: an answer the spec rejects comes back as a 500)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

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


def stamp(moment: datetime) -> str:
    """An Open API timestamp without milliseconds, as the doc's requests send them."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S+0000")


def inbox_id(server: ServerHandle) -> str:
    return f"inbox{server.app.tickspec.config.account.user_id}"


def project_named(api: httpx.Client, name: str) -> str:
    return next(str(p["id"]) for p in ok(api.get("/project")) if p["name"] == name)


def create(api: httpx.Client, **fields: Any) -> dict[str, Any]:
    task: dict[str, Any] = ok(api.post("/task", json=fields))
    return task


def test_a_task_without_project_goes_to_the_inbox(server: ServerHandle, api: httpx.Client) -> None:
    """ticktick-py 2.0.3 creates tasks with no projectId; the real service files them there."""
    task = create(api, title="Call the bank")
    assert task["projectId"] == inbox_id(server)
    data = ok(api.get("/project/inbox/data"))
    assert data["project"]["id"] == inbox_id(server)
    assert task["id"] in [t["id"] for t in data["tasks"]]


def test_nulls_are_fields_not_sent(api: httpx.Client) -> None:
    """pyticktick 0.3.0 sends every unset field as null, on create and on update."""
    nulls = dict.fromkeys(["content", "desc", "startDate", "dueDate", "reminders", "items"])
    task = create(api, title="Nulls", projectId=None, priority=3, **nulls)
    assert (task["title"], task["priority"], task["reminders"], task["items"]) == (
        "Nulls",
        3,
        [],
        [],
    )
    assert "dueDate" not in task and "content" not in task
    body = {"id": task["id"], "projectId": task["projectId"], "title": None, "priority": None}
    updated = ok(api.post(f"/task/{task['id']}", json={**body, "dueDate": None}))
    assert (updated["title"], updated["priority"]) == ("Nulls", 3)


def test_answers_are_canonical_not_echoes(api: httpx.Client) -> None:
    """Times come back in TickTick's form; the fields pyticktick requires are all there."""
    task = create(
        api,
        title="Dentist",
        dueDate="2026-03-01T09:00:00Z",
        items=[{"title": "bring the card"}],
    )
    assert task["dueDate"] == "2026-03-01T09:00:00.000+0000"
    assert {k: task[k] for k in ("isAllDay", "priority", "status", "sortOrder")} == {
        "isAllDay": False,
        "priority": 0,
        "status": 0,
        "sortOrder": 0,
    }
    assert task["timeZone"] == "Europe/Istanbul"
    (item,) = task["items"]
    assert {k: item[k] for k in ("title", "status", "isAllDay", "sortOrder", "timeZone")} == {
        "title": "bring the card",
        "status": 0,
        "isAllDay": False,
        "sortOrder": 0,
        "timeZone": "Europe/Istanbul",
    }


def test_seeded_checklist_items_carry_every_field(server: ServerHandle, api: httpx.Client) -> None:
    data = ok(api.get(f"/project/{inbox_id(server)}/data"))
    groceries = next(t for t in data["tasks"] if t["title"] == "Buy groceries")
    assert [(i["title"], i["status"]) for i in groceries["items"]] == [("Milk", 0), ("Bread", 1)]
    for item in groceries["items"]:
        assert {"isAllDay", "sortOrder", "timeZone"} <= item.keys()
    assert {"sortOrder", "name"} <= data["project"].keys() and data["columns"] == []


def test_complete_tasks_defaults_to_the_inbox_and_takes_fifty(
    server: ServerHandle, api: httpx.Client
) -> None:
    ids = [create(api, title=f"t{n}")["id"] for n in range(52)]
    work = create(api, title="elsewhere", projectId=project_named(api, "Work"))
    done = ok(api.post("/task/completeTasks", json={"taskIds": [*ids, work["id"]]}))
    assert done == ids[:50]
    tasks = server.state()["tasks"]
    assert [tasks[i]["status"] for i in ids] == [2] * 50 + [0, 0]
    assert tasks[work["id"]]["status"] == 0  # not in the inbox: left alone
    again = ok(api.post("/task/completeTasks", json={"projectId": "", "taskIds": ids[:2]}))
    assert again == ids[:2]


def test_move_answers_id_and_etag(server: ServerHandle, api: httpx.Client) -> None:
    task = create(api, title="Move me")
    home = project_named(api, "Home")
    moves = [
        {"fromProjectId": task["projectId"], "toProjectId": home, "taskId": task["id"]},
        {"fromProjectId": home, "toProjectId": home, "taskId": "0" * 24},
    ]
    (moved,) = ok(api.post("/task/move", json=moves))
    stored = server.state()["tasks"][task["id"]]
    assert moved == {"id": task["id"], "etag": stored["etag"]}
    assert stored["projectId"] == home
    assert ok(api.post("/task/move", json=moves[:1])) == [moved]  # a retry: same etag
    back = {"fromProjectId": "inbox", "toProjectId": home, "taskId": task["id"]}
    elsewhere = project_named(api, "Work")
    assert ok(api.post("/task/move", json=[{**back, "toProjectId": elsewhere}])) == []


def test_batch_adds_and_updates_with_the_docs_error_names(
    server: ServerHandle, api: httpx.Client
) -> None:
    existing = create(api, title="Old")
    gone = create(api, title="Gone")
    ok(api.delete(f"/project/{gone['projectId']}/task/{gone['id']}"))
    body = {
        "add": [
            {"title": "New", "projectId": None},
            {"id": existing["id"], "title": "Again"},
            {"id": "a" * 24, "title": "Lost", "projectId": "b" * 24},
        ],
        "update": [
            {"id": existing["id"], "projectId": existing["projectId"], "title": "Renamed"},
            {"id": "c" * 24, "projectId": existing["projectId"], "title": "?"},
            {"id": gone["id"], "projectId": gone["projectId"], "title": "?"},
        ],
    }
    result = ok(api.post("/task/batch", json=body))
    assert result["id2error"] == {
        existing["id"]: "EXISTED",
        "a" * 24: "NO_PROJECT_PERMISSION",
        "c" * 24: "NOT_EXISTED",
        gone["id"]: "DELETED",
    }
    tasks = server.state()["tasks"]
    (new_id,) = set(result["id2etag"]) - {existing["id"]}
    assert tasks[new_id]["title"] == "New" and tasks[new_id]["projectId"] == inbox_id(server)
    assert result["id2etag"][existing["id"]] == tasks[existing["id"]]["etag"]
    assert tasks[existing["id"]]["title"] == "Renamed"


def test_batch_refuses_more_than_fifty(api: httpx.Client) -> None:
    answer = api.post("/task/batch", json={"add": [{"title": str(n)} for n in range(51)]})
    assert answer.status_code == 400
    assert answer.json()["errorCode"] == "invalid_request"


def test_assign_wants_a_project_member(server: ServerHandle, api: httpx.Client) -> None:
    task = create(api, title="Mine", projectId=project_named(api, "Work"))
    where = {"projectId": task["projectId"], "taskId": task["id"]}
    assigned = ok(api.post("/task/assign", json={**where, "assigneeUsername": server.username}))
    assert assigned["assigneeUsername"] == server.username
    user_id = server.app.tickspec.config.account.user_id
    assert server.state()["tasks"][task["id"]]["assignee"] == user_id  # the web sees it
    stranger = api.post("/task/assign", json={**where, "assigneeUsername": "who@example.com"})
    assert stranger.status_code == 400
    unassigned = ok(api.post("/task/unassign", json=where))
    assert "assigneeUsername" not in unassigned
    assert "assignee" not in server.state()["tasks"][task["id"]]


def test_completed_lists_by_completion_time(server: ServerHandle, api: httpx.Client) -> None:
    task = create(api, title="Finish me", projectId=project_named(api, "Work"))
    ok(api.post(f"/project/{task['projectId']}/task/{task['id']}/complete"))
    now = datetime.now(tz=UTC)
    window = {"startDate": stamp(now - timedelta(hours=1)), "endDate": stamp(now + timedelta(1))}
    found = ok(api.post("/task/completed", json={**window, "projectIds": [task["projectId"]]}))
    assert [(t["id"], t["status"]) for t in found] == [(task["id"], 2)]
    everywhere = ok(api.post("/task/completed", json={}))
    assert {"Finish me", "Call the plumber"} <= {t["title"] for t in everywhere}
    before = {"endDate": stamp(now - timedelta(days=1))}
    assert ok(api.post("/task/completed", json=before)) == []


def test_filter_by_dates_priority_tags_and_status(api: httpx.Client) -> None:
    home = project_named(api, "Home")
    day = "2026-03-05T00:00:00+0000"
    hit = create(api, title="hit", projectId=home, startDate=day, priority=3, tags=["a", "b"])
    create(api, title="low", projectId=home, startDate=day, priority=1, tags=["a", "b"])
    create(api, title="one tag", projectId=home, startDate=day, priority=3, tags=["a"])
    create(api, title="undated", projectId=home, priority=3, tags=["a", "b"])
    query = {
        "projectIds": [home],
        "startDate": "2026-03-01T00:00:00.000+0000",
        "endDate": "2026-03-06T00:00:00.000+0000",
        "priority": [3, 5],
        "tag": ["a", "b"],
        "status": [0],
    }
    found = ok(api.post("/task/filter", json=query))
    assert [(t["id"], t["startDate"]) for t in found] == [(hit["id"], day[:19] + ".000+0000")]
    assert len(ok(api.post("/task/filter", json={"projectIds": [home]}))) == 6


def test_filter_answers_at_most_200(api: httpx.Client) -> None:
    body = {"add": [{"title": f"n{n}", "priority": 5} for n in range(50)]}
    for _ in range(5):
        ok(api.post("/task/batch", json=body))
    assert len(ok(api.post("/task/filter", json={"priority": [5]}))) == 200


def test_undone_wants_a_range_of_at_most_14_days(api: httpx.Client) -> None:
    due = create(api, title="due", dueDate="2026-07-10T09:00:00+0000")
    create(api, title="later", dueDate="2026-08-10T09:00:00+0000")
    done = create(api, title="done", dueDate="2026-07-10T09:00:00+0000")
    ok(api.post("/task/completeTasks", json={"taskIds": [done["id"]]}))
    july = {"startDate": "2026-07-01T00:00:00+0000", "endDate": "2026-07-14T23:59:59+0000"}
    found = ok(api.post("/task/undone", json={**july, "projectIds": ["inbox"]}))
    assert [t["id"] for t in found] == [due["id"]]
    only = ok(api.post("/task/undone", json={**july, "taskIds": ["f" * 24]}))
    assert only == []
    too_long = {"startDate": "2026-07-01T00:00:00+0000", "endDate": "2026-07-16T00:00:00+0000"}
    assert ok(api.post("/task/undone", json=too_long)) == []
    reversed_range = {"startDate": july["endDate"], "endDate": july["startDate"]}
    assert ok(api.post("/task/undone", json=reversed_range)) == []


def test_search_by_keywords_and_filters(api: httpx.Client) -> None:
    found = ok(api.post("/task/search", json={"keywords": "QUARTERLY report"}))
    assert [t["title"] for t in found] == ["Write the quarterly report"]
    in_items = ok(api.post("/task/search", json={"keywords": "milk"}))
    assert [t["title"] for t in in_items] == ["Buy groceries"]
    assert ok(api.post("/task/search", json={"keywords": "  "})) == []
    tagged = ok(api.post("/task/search", json={"keywords": "r", "tags": ["work"], "status": [0]}))
    assert [t["title"] for t in tagged] == ["Review pull requests"]
    far = {"keywords": "report", "dueTo": "2020-01-01T00:00:00+0000"}
    assert ok(api.post("/task/search", json=far)) == []


def test_an_open_api_task_is_a_web_task(server: ServerHandle, api: httpx.Client) -> None:
    """Created through /open/v1, it is in the web sync; changed on the web, the Open API
    reads the change."""
    task = create(api, title="Both worlds", reminders=["TRIGGER:PT0S"])
    with server.client() as web:
        sync = web.get("/api/v2/batch/check/0")
        assert sync.status_code == 200, sync.text
        seen = next(t for t in sync.json()["syncTaskBean"]["update"] if t["id"] == task["id"])
        assert seen["title"] == "Both worlds"
        assert [r["trigger"] for r in seen["reminders"]] == ["TRIGGER:PT0S"]
        changed = {**seen, "title": "Changed on the web"}
        assert web.post("/api/v2/batch/task", json={"update": [changed]}).status_code == 200
    again = ok(api.get(f"/project/{task['projectId']}/task/{task['id']}"))
    assert (again["title"], again["reminders"]) == ("Changed on the web", ["TRIGGER:PT0S"])


def test_a_wont_do_task_reads_as_abandoned(server: ServerHandle, api: httpx.Client) -> None:
    """The newest doc's status -1: a task closed as won't do on the web."""
    task = create(api, title="Skip it")
    stored = server.state()["tasks"][task["id"]]
    with server.client() as web:
        closed = web.post("/api/v2/batch/task", json={"update": [{**stored, "status": -1}]})
        assert closed.status_code == 200, closed.text
    again = ok(api.get(f"/project/inbox/task/{task['id']}"))
    assert again["status"] == -1
    assert [t["id"] for t in ok(api.post("/task/filter", json={"status": [-1]}))] == [task["id"]]
