"""The Open API managers without a server: the request each method builds, sync and async.

Every manager method runs over an `httpx.MockTransport` that answers a doc-shaped
body; the test asserts the HTTP method, path, query and JSON body of the request,
that the spec routes it to the method's own operationId, and a value of what the
method returned. A last test checks that every `/open/v1` operation of the spec is
reached by some manager method. Against `tickspec serve`: test_open_managers_server.py.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest

from tests.client.client_support import Flavour
from tickspec import spec as spec_module
from tickspec.errors import BatchError
from tickspec.open_api import AsyncOpenClient, OpenClient
from tickspec.open_api.managers import POMODORO, TIMING

P = "6226ff9877acee87727f6bca"
P2 = "69a850f41c20d2030e148fdf"
T = "63b7bebb91c0a5474805fcd4"
T2 = "69a850f8b9061f374d54a046"
G = "6436176a47fd2e05f26ef56e"
C = "6226ff9e76e5fc39f2862d1b"
F = "69f0a1b2c3d4e5f6a7b8c9d0"
H = "69f0a1b2c3d4e5f6a7b8c9d1"
M = "69f0a1b2c3d4e5f6a7b8c9d2"
TASK = {"id": T, "projectId": P, "title": "Task Title", "status": 0, "priority": 1}
PROJECT = {"id": P, "name": "project name", "color": "#F18181", "kind": "TASK"}
GROUP = {"id": G, "name": "Group Name", "sortOrder": 0}
COLUMN = {"id": C, "projectId": P, "name": "Column Name", "sortOrder": 0}
FOCUS = {"id": F, "type": 0, "taskId": T, "duration": 1500}
HABIT = {"id": H, "name": "Read", "repeatRule": "RRULE:FREQ=DAILY;INTERVAL=1", "status": 0}
CHECKIN = {"habitId": H, "year": 2026, "checkins": [{"stamp": 20260407, "value": 1.0}]}
COMMENT = {"id": M, "title": "Comment text", "createdTime": "2026-04-07T09:00:00+0000"}
MARCH = datetime(2026, 3, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Case:
    """One manager call, the request it must build, and a value of its result."""

    operation_id: str
    call: Callable[[Any], Any]
    method: str
    path: str
    answer: Any
    result: Callable[[Any], Any]
    expected: Any
    body: Any = None
    query: dict[str, str] = field(default_factory=dict)


CASES = [
    Case("openGetTask", lambda c: c.tasks.get(P, T), "GET", f"/open/v1/project/{P}/task/{T}",
         TASK, lambda r: r.title, "Task Title"),
    Case("openGetTaskAnyProject", lambda c: c.tasks.get_by_id(T), "GET",
         f"/open/v1/project/all/task/{T}", TASK, lambda r: r.project_id, P),
    Case("openCreateTask",
         lambda c: c.tasks.create("Call Bob", priority=5, due_date=MARCH, tags=["work"]),
         "POST", "/open/v1/task", TASK, lambda r: r.id, T,
         body={"title": "Call Bob", "priority": 5, "dueDate": "2026-03-01T00:00:00.000+0000",
               "tags": ["work"]}),
    Case("openUpdateTask", lambda c: c.tasks.update(T, P, title="Renamed", is_all_day=True),
         "POST", f"/open/v1/task/{T}", TASK, lambda r: r.id, T,
         body={"id": T, "projectId": P, "title": "Renamed", "isAllDay": True}),
    Case("openCompleteTask", lambda c: c.tasks.complete(P, T), "POST",
         f"/open/v1/project/{P}/task/{T}/complete", None, lambda r: r, None),
    Case("openCompleteTasks", lambda c: c.tasks.complete_many([T, T2], project_id=P), "POST",
         "/open/v1/task/completeTasks", [T, T2], lambda r: r, [T, T2],
         body={"projectId": P, "taskIds": [T, T2]}),
    Case("openDeleteTask", lambda c: c.tasks.delete(P, T), "DELETE",
         f"/open/v1/project/{P}/task/{T}", None, lambda r: r, None),
    Case("openMoveTasks", lambda c: c.tasks.move(T2, P, P2), "POST", "/open/v1/task/move",
         [{"id": T2, "etag": "43p2zso1"}], lambda r: r.etag, "43p2zso1",
         body=[{"taskId": T2, "fromProjectId": P, "toProjectId": P2}]),
    Case("openBatchTasks",
         lambda c: c.tasks.batch(add=[{"title": "New", "projectId": P}],
                                 update=[{"id": T, "projectId": P, "title": "Up"}]),
         "POST", "/open/v1/task/batch", {"id2etag": {T: "43p2zso1"}, "id2error": {}},
         lambda r: dict(r.id2etag), {T: "43p2zso1"},
         body={"add": [{"title": "New", "projectId": P}],
               "update": [{"id": T, "projectId": P, "title": "Up"}]}),
    Case("openAssignTask", lambda c: c.tasks.assign(P, T, "member@example.com"), "POST",
         "/open/v1/task/assign", TASK, lambda r: r.id, T,
         body={"projectId": P, "taskId": T, "assigneeUsername": "member@example.com"}),
    Case("openUnassignTask", lambda c: c.tasks.unassign(P, T), "POST", "/open/v1/task/unassign",
         TASK, lambda r: r.id, T, body={"projectId": P, "taskId": T}),
    Case("openListCompletedTasks",
         lambda c: c.tasks.get_completed([P2], start=date(2026, 3, 1),
                                         end="2026-03-05T10:58:20.000+0000"),
         "POST", "/open/v1/task/completed", [{**TASK, "status": 2}], lambda r: r[0].status, 2,
         body={"projectIds": [P2], "startDate": "2026-03-01T00:00:00.000+0000",
               "endDate": "2026-03-05T10:58:20.000+0000"}),
    Case("openFilterTasks",
         lambda c: c.tasks.filter([P2], start=MARCH, priority=[0], tags=["urgent"],
                                  kinds=["TEXT"], status=[0]),
         "POST", "/open/v1/task/filter", [TASK], lambda r: len(r), 1,
         body={"projectIds": [P2], "startDate": "2026-03-01T00:00:00.000+0000", "priority": [0],
               "tag": ["urgent"], "kind": ["TEXT"], "status": [0]}),
    Case("openListUndoneTasks",
         lambda c: c.tasks.get_undone(date(2026, 7, 1), "2026-07-14T23:59:59+0000",
                                      project_ids=["inbox"]),
         "POST", "/open/v1/task/undone", [TASK], lambda r: r[0].id, T,
         body={"projectIds": ["inbox"], "startDate": "2026-07-01T00:00:00.000+0000",
               "endDate": "2026-07-14T23:59:59+0000"}),
    Case("openSearchTasks",
         lambda c: c.tasks.search("quarterly report", tags=["work"], status=[0]),
         "POST", "/open/v1/task/search", [TASK], lambda r: r[0].id, T,
         body={"keywords": "quarterly report", "tags": ["work"], "status": [0]}),
    Case("openListTaskComments", lambda c: c.comments.get_all(P, T), "GET",
         f"/open/v1/project/{P}/task/{T}/comments", [COMMENT], lambda r: r[0].title,
         "Comment text"),
    Case("openCreateTaskComment", lambda c: c.comments.add(P, T, "Comment text"), "POST",
         f"/open/v1/project/{P}/task/{T}/comment", COMMENT, lambda r: r.id, M,
         body={"title": "Comment text"}),
    Case("openDeleteTaskComment", lambda c: c.comments.delete(P, T, M), "DELETE",
         f"/open/v1/project/{P}/task/{T}/comment/{M}", None, lambda r: r, None),
    Case("openListProjects", lambda c: c.projects.get_all(), "GET", "/open/v1/project",
         [PROJECT], lambda r: [p.name for p in r], ["project name"]),
    Case("openGetProject", lambda c: c.projects.get(P), "GET", f"/open/v1/project/{P}",
         PROJECT, lambda r: r.color, "#F18181"),
    Case("openGetProjectData", lambda c: c.projects.get_data("inbox"), "GET",
         "/open/v1/project/inbox/data", {"project": PROJECT, "tasks": [TASK], "columns": []},
         lambda r: r.tasks[0].id, T),
    Case("openListProjectMembers", lambda c: c.projects.get_members(P), "GET",
         f"/open/v1/project/{P}/members",
         [{"username": "member@example.com", "displayName": "Member", "self": False}],
         lambda r: r[0].username, "member@example.com"),
    Case("openCreateProject", lambda c: c.projects.create("Groceries", view_mode="kanban"),
         "POST", "/open/v1/project", PROJECT, lambda r: r.id, P,
         body={"name": "Groceries", "viewMode": "kanban"}),
    Case("openUpdateProject", lambda c: c.projects.update(P, name="Food"), "POST",
         f"/open/v1/project/{P}", PROJECT, lambda r: r.id, P, body={"name": "Food"}),
    Case("openDeleteProject", lambda c: c.projects.delete(P), "DELETE", f"/open/v1/project/{P}",
         None, lambda r: r, None),
    Case("openListProjectGroups", lambda c: c.groups.get_all(), "GET", "/open/v1/project/group",
         [GROUP], lambda r: r[0].name, "Group Name"),
    Case("openCreateProjectGroup", lambda c: c.groups.create("Group Name"), "POST",
         "/open/v1/project/group", GROUP, lambda r: r.id, G, body={"name": "Group Name"}),
    Case("openUpdateProjectGroup", lambda c: c.groups.update(G, name="Home"), "POST",
         f"/open/v1/project/group/{G}", GROUP, lambda r: r.id, G, body={"name": "Home"}),
    Case("openDeleteProjectGroup", lambda c: c.groups.delete(G), "DELETE",
         f"/open/v1/project/group/{G}", None, lambda r: r, None),
    Case("openListColumns", lambda c: c.columns.get_by_project(P), "GET",
         f"/open/v1/project/{P}/column", [COLUMN], lambda r: r[0].name, "Column Name"),
    Case("openCreateColumn", lambda c: c.columns.create(P, "Doing"), "POST",
         f"/open/v1/project/{P}/column", COLUMN, lambda r: r.id, C, body={"name": "Doing"}),
    Case("openUpdateColumn", lambda c: c.columns.update(P, C, name="Done"), "POST",
         f"/open/v1/project/{P}/column/{C}", COLUMN, lambda r: r.id, C, body={"name": "Done"}),
    Case("openListTags", lambda c: c.tags.get_all(), "GET", "/open/v1/tag",
         [{"name": "work", "label": "work", "sortOrder": 0, "type": 1}], lambda r: r[0].name,
         "work"),
    Case("openCreateTag", lambda c: c.tags.create(" Urgent "), "POST", "/open/v1/tag",
         {"name": "urgent", "label": "Urgent", "sortOrder": 0, "type": 1}, lambda r: r.label,
         "Urgent", body={"name": "urgent", "label": "Urgent"}),
    Case("openGetFocus", lambda c: c.focus.get(F, POMODORO), "GET", f"/open/v1/focus/{F}",
         FOCUS, lambda r: r.duration, 1500, query={"type": "0"}),
    Case("openListFocuses",
         lambda c: c.focus.get_all(date(2026, 4, 1), "2026-04-02T00:00:00+0800", TIMING),
         "GET", "/open/v1/focus", [FOCUS], lambda r: r[0].id, F,
         query={"from": "2026-04-01T00:00:00.000+0000", "to": "2026-04-02T00:00:00+0800",
                "type": "1"}),
    Case("openCreateFocus",
         lambda c: c.focus.create(POMODORO, task_id=T, duration=1500, note="Deep work"),
         "POST", "/open/v1/focus", FOCUS, lambda r: r.task_id, T,
         body={"type": 0, "taskId": T, "duration": 1500, "note": "Deep work"}),
    Case("openDeleteFocus", lambda c: c.focus.delete(F, POMODORO), "DELETE",
         f"/open/v1/focus/{F}", {"id": F, "type": 0}, lambda r: r.id, F, query={"type": "0"}),
    Case("openListCountdowns", lambda c: c.countdowns.get_all(), "GET", "/open/v1/countdown",
         [{"id": F, "type": 0, "name": "Birthday", "date": 20260407}], lambda r: r[0].name,
         "Birthday"),
    Case("openGetHabit", lambda c: c.habits.get(H), "GET", f"/open/v1/habit/{H}", HABIT,
         lambda r: r.name, "Read"),
    Case("openListHabitSections", lambda c: c.habits.get_sections(), "GET",
         "/open/v1/habit/sections", [{"id": G, "name": "Health", "sortOrder": 1}],
         lambda r: r[0].name, "Health"),
    Case("openListHabits", lambda c: c.habits.get_all(), "GET", "/open/v1/habit", [HABIT],
         lambda r: r[0].id, H),
    Case("openCreateHabit",
         lambda c: c.habits.create("Read", goal=1.0, repeat_rule="RRULE:FREQ=DAILY"), "POST",
         "/open/v1/habit", HABIT, lambda r: r.id, H,
         body={"name": "Read", "goal": 1.0, "repeatRule": "RRULE:FREQ=DAILY"}),
    Case("openUpdateHabit", lambda c: c.habits.update(H, name="Read more"), "POST",
         f"/open/v1/habit/{H}", HABIT, lambda r: r.id, H, body={"name": "Read more"}),
    Case("openCheckinHabit", lambda c: c.habits.checkin(H, date(2026, 4, 7), value=1.0), "POST",
         f"/open/v1/habit/{H}/checkin", CHECKIN, lambda r: r.year, 2026,
         body={"stamp": 20260407, "value": 1.0}),
    Case("openListHabitCheckins",
         lambda c: c.habits.get_checkins([H, G], date(2026, 4, 1), "20260407"), "GET",
         "/open/v1/habit/checkins", [CHECKIN], lambda r: r[0].habit_id, H,
         query={"habitIds": f"{H},{G}", "from": "20260401", "to": "20260407"}),
    Case("openGetPreference", lambda c: c.preference.get(), "POST", "/open/v1/preference",
         {"timeZone": "America/Los_Angeles"}, lambda r: r.time_zone, "America/Los_Angeles"),
]  # fmt: skip


def answering(answer: Any, seen: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if answer is None:
            return httpx.Response(200)
        return httpx.Response(200, json=answer)

    return httpx.MockTransport(handler)


def client_for(flavour: Flavour, transport: httpx.MockTransport, **kwargs: Any) -> Any:
    if flavour.name == "sync":
        return OpenClient(
            access_token="tok", http_client=httpx.Client(transport=transport), **kwargs
        )
    return AsyncOpenClient(
        access_token="tok", http_client=httpx.AsyncClient(transport=transport), **kwargs
    )


def collect(flavour: Flavour, items: Any) -> list[Any]:
    """The items of a manager's iterator (an async one from the async client)."""
    if flavour.name == "sync":
        return list(items)

    async def drain(source: AsyncIterator[Any]) -> list[Any]:
        return [item async for item in source]

    assert flavour.loop is not None
    return flavour.loop.run_until_complete(drain(items))


@pytest.mark.parametrize("case", CASES, ids=[case.operation_id for case in CASES])
def test_each_manager_method_builds_its_operations_request(flavour: Flavour, case: Case) -> None:
    seen: list[httpx.Request] = []
    client = client_for(flavour, answering(case.answer, seen))
    result = flavour.do(case.call(client))
    [request] = seen
    assert (request.method, request.url.path) == (case.method, case.path)
    assert dict(request.url.params) == case.query
    assert (json.loads(request.content) if request.content else None) == case.body
    operation = spec_module.load().match(request.method, request.url.path)
    assert operation is not None and operation.operation_id == case.operation_id
    assert case.result(result) == case.expected


def test_every_open_api_operation_has_a_manager_method() -> None:
    """The managers reach every `/open/v1` operation of the spec (OAuth is the core's)."""
    spec = spec_module.load()
    in_spec = {op.operation_id for op in spec.operations if op.path.startswith("/open/v1/")}
    assert in_spec - {case.operation_id for case in CASES} == set()


def test_per_call_options_reach_the_request(flavour: Flavour) -> None:
    seen: list[httpx.Request] = []
    client = client_for(flavour, answering(TASK, seen))
    flavour.do(
        client.tasks.update(
            T, P, title="x",
            extra_headers={"X-Probe": "1"}, extra_query={"trace": "a"},
            extra_body={"future": True}, timeout=3.0,
        )
    )  # fmt: skip
    [request] = seen
    assert request.headers["X-Probe"] == "1" and request.url.params["trace"] == "a"
    assert json.loads(request.content) == {"id": T, "projectId": P, "title": "x", "future": True}
    assert request.extensions["timeout"]["read"] == 3.0


def test_with_options_and_with_raw_response(flavour: Flavour) -> None:
    seen: list[httpx.Request] = []
    client = client_for(flavour, answering([PROJECT], seen))
    quick = client.with_options(timeout=4.0, headers={"X-App": "probe"})
    flavour.do(quick.projects.get_all())
    flavour.do(client.projects.get_all())
    assert [(r.headers.get("X-App"), r.extensions["timeout"]["read"]) for r in seen] == [
        ("probe", 4.0),
        (None, 30.0),
    ]
    raw = flavour.do(client.with_raw_response.projects.get_all())
    assert (raw.status_code, [p.id for p in raw.parsed]) == (200, [P])
    assert json.loads(raw.content) == [PROJECT]


def test_the_old_shortcuts_are_the_managers(flavour: Flavour) -> None:
    seen: list[httpx.Request] = []
    client = client_for(flavour, answering(TASK, seen))
    assert flavour.do(client.create_task("Milk", priority=1)).id == T
    flavour.do(client.complete_task(P, T))
    assert [(r.method, r.url.path) for r in seen] == [
        ("POST", "/open/v1/task"),
        ("POST", f"/open/v1/project/{P}/task/{T}/complete"),
    ]
    assert json.loads(seen[0].content) == {"title": "Milk", "projectId": "inbox", "priority": 1}


def test_project_pages_walk_offset_and_limit(flavour: Flavour) -> None:
    projects = [{**PROJECT, "id": f"{n:024x}", "name": f"p{n}"} for n in range(5)]
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        offset, limit = int(request.url.params["offset"]), int(request.url.params["limit"])
        return httpx.Response(200, json=projects[offset : offset + limit])

    client = client_for(flavour, httpx.MockTransport(handler))
    names = [p.name for p in collect(flavour, client.projects.iter_all(page_size=2))]
    assert names == ["p0", "p1", "p2", "p3", "p4"]
    assert [dict(r.url.params) for r in seen] == [
        {"offset": "0", "limit": "2"},
        {"offset": "2", "limit": "2"},
        {"offset": "4", "limit": "2"},
    ]


def test_project_pages_stop_when_the_server_ignores_paging(flavour: Flavour) -> None:
    """A server without offset/limit answers every project each time; the walk ends
    after the page that brought nothing new instead of looping."""
    projects = [{**PROJECT, "id": f"{n:024x}"} for n in range(3)]
    seen: list[httpx.Request] = []
    client = client_for(flavour, answering(projects, seen))
    assert len(collect(flavour, client.projects.iter_all(page_size=2))) == 3
    assert len(seen) == 2


def test_a_batch_with_failures_raises_batch_error(flavour: Flavour) -> None:
    answer = {"id2etag": {T: "43p2zso1"}, "id2error": {T2: "NOT_EXISTED"}}
    client = client_for(flavour, answering(answer, []))
    with pytest.raises(BatchError) as caught:
        flavour.do(
            client.tasks.batch(update=[{"id": T, "projectId": P}, {"id": T2, "projectId": P}])
        )
    assert (caught.value.succeeded, caught.value.failed) == ({T: "43p2zso1"}, {T2: "NOT_EXISTED"})


def test_update_from_a_task_object_sends_it_whole_with_the_changes(flavour: Flavour) -> None:
    seen: list[httpx.Request] = []
    client = client_for(flavour, answering(TASK, seen))
    task = flavour.do(client.tasks.get(P, T))
    flavour.do(client.tasks.update(task, priority=5))
    assert json.loads(seen[1].content) == {**TASK, "priority": 5}
    with pytest.raises(ValueError, match="project_id"):
        flavour.do(client.tasks.update(T, title="no project"))
