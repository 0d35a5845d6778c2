"""Issue 4: every manager method, over real HTTP against the local server.

Each scenario runs twice, with `Client` and with `AsyncClient` (one body of
code: `await R(...)` resolves a sync value or awaits a coroutine), and ends by
checking that the client's local state mirrors the server's store field by
field. The last test checks that the scenarios called every public method of
every manager class, sync and async.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from datetime import date
from typing import Any

import httpx
import pytest

from tests.client.managers_support import (
    UNKNOWN,
    Recorder,
    mirror_problems,
    public_methods,
    resolve,
)
from tickspec.client import AsyncClient, Client
from tickspec.errors import BatchError, NotFoundError
from tickspec.managers import (
    AsyncColumnsManager,
    AsyncFiltersManager,
    AsyncHabitsManager,
    AsyncProjectsManager,
    AsyncSearchManager,
    AsyncTagsManager,
    AsyncTasksManager,
    AsyncUserManager,
    ColumnsManager,
    FiltersManager,
    HabitsManager,
    ProjectsManager,
    SearchManager,
    TagsManager,
    TasksManager,
    UserManager,
)
from tickspec.managers.filters import build_rule
from tickspec.server.testing import ServerHandle, running_server

R = resolve
SEEN: set[str] = set()
"""`mode.manager.method` of every public method a scenario called in this session."""
RAN: set[tuple[str, str]] = set()
"""(scenario, mode) pairs that ran to the end in this session."""
MANAGERS = ("tasks", "projects", "tags", "filters", "columns", "habits", "search", "user")


@pytest.fixture(scope="module")
def server() -> Iterator[ServerHandle]:
    with running_server() as handle:
        yield handle


class Api:
    """The client's managers, wrapped to record the methods each scenario calls."""

    def __init__(self, client: Client | AsyncClient, mode: str) -> None:
        self.client = client
        for name in MANAGERS:
            setattr(self, name, Recorder(getattr(client, name), SEEN, f"{mode}.{name}"))

    tasks: Any
    projects: Any
    tags: Any
    filters: Any
    columns: Any
    habits: Any
    search: Any
    user: Any


Scenario = Callable[[Api, ServerHandle], Awaitable[None]]


def run_scenario(server: ServerHandle, mode: str, scenario: Scenario) -> None:
    server.reset()

    async def go() -> None:
        # trust_env=False: no proxy from the environment may route a test off 127.0.0.1.
        http: Any = (
            httpx.Client(trust_env=False) if mode == "sync" else httpx.AsyncClient(trust_env=False)
        )
        cls: Any = Client if mode == "sync" else AsyncClient
        client = cls(
            token=server.token,
            base_url=server.base_url,
            timezone="Europe/Istanbul",
            http_client=http,
        )
        api = Api(client, mode)
        try:
            await scenario(api, server)
            await R(client.sync())
            assert mirror_problems(client.state, server.state()) == []
        finally:
            await R(http.close() if mode == "sync" else http.aclose())

    asyncio.run(go())
    RAN.add((scenario.__name__, mode))


MODES = pytest.mark.parametrize("mode", ["sync", "async"])


# -- tasks -----------------------------------------------------------------------------------


async def tasks_scenario(api: Api, server: ServerHandle) -> None:
    t = api.tasks
    created = await R(
        t.create(
            "Write report",
            priority=5,
            tags=["work"],
            items=["draft"],
            due_date=date(2026, 3, 1),
            reminders=["TRIGGER:PT0S"],
            **UNKNOWN,
        )
    )
    assert created.due_date == "2026-02-28T21:00:00.000+0000", "all-day: Istanbul midnight"
    assert created.is_all_day is True and created.project_id == api.client.state.inbox_id
    assert server.state()["tasks"][created.id]["x_future_field"] == {"nested": [1, 2]}

    fetched = await R(t.get(created.id, created.project_id))
    assert fetched.etag == created.etag and fetched.model_extra == UNKNOWN
    assert [x.id for x in await R(t.get_all())] == [created.id]
    assert [x.id for x in await R(t.get_by_project(created.project_id))] == [created.id]

    fetched.title = "Write the report"
    updated = await R(t.update(fetched))
    assert updated.title == "Write the report" and updated.etag != created.etag
    partial = await R(t.update_fields(created.id, created.project_id, content="notes", priority=1))
    assert (partial.content, partial.priority, partial.title) == ("notes", 1, "Write the report")
    assert partial.model_extra == UNKNOWN

    pinned = await R(t.pin(created.id))
    assert pinned.pinned_time is not None
    assert (await R(t.unpin(created.id))).pinned_time is None

    item_id = partial.items[0].id
    with_item = await R(t.add_subtask(created.id, None, "review"))
    assert [i.title for i in with_item.items] == ["draft", "review"]
    checked = await R(t.complete_subtask(created.id, None, item_id))
    assert checked.items[0].status == 1 and checked.items[0].completed_time is not None
    assert (await R(t.uncomplete_subtask(created.id, None, item_id))).items[0].status == 0
    removed = await R(t.remove_subtask(created.id, None, item_id))
    assert [i.title for i in removed.items] == ["review"]

    done = await R(t.complete(created.id))
    assert done.status == 2 and done.completed_user_id == 130208689
    assert [x.id for x in await R(t.get_completed())] == [created.id]
    assert [x.id for x in await R(t.get_completed(created.project_id, limit=5))] == [created.id]
    reopened = await R(t.uncomplete(created.id))
    assert reopened.status == 0 and reopened.completed_time is None
    abandoned = await R(t.wont_do(created.id))
    assert abandoned.status == -1

    project = await R(api.projects.create("Elsewhere"))
    moved = await R(t.move(created.id, created.project_id, project.id))
    assert moved.project_id == project.id
    parent = await R(t.create("Parent", project_id=project.id))
    child = await R(t.set_parent(created.id, project.id, parent.id))
    assert child.parent_id == parent.id
    assert api.client.state.tasks[parent.id].child_ids == [created.id]

    batch = await R(t.batch_create([{"title": "a", **UNKNOWN}, {"title": "b"}]))
    assert [x.title for x in batch] == ["a", "b"] and batch[0].model_extra == UNKNOWN
    renamed = [x.model_copy(update={"title": x.title.upper()}) for x in batch]
    assert [x.title for x in await R(t.batch_update(renamed))] == ["A", "B"]
    await R(
        t.batch_delete([batch[0].id, {"taskId": batch[1].id, "projectId": batch[1].project_id}])
    )
    await R(t.delete(parent.id, project.id))
    trash = await R(t.get_trash())
    assert {x.id for x in trash} == {batch[0].id, batch[1].id, parent.id}
    assert parent.id not in api.client.state.tasks


async def recurring_scenario(api: Api, server: ServerHandle) -> None:
    """Completing an occurrence of the 002 daily task: an instance, and the series moved on."""
    series = await R(
        api.tasks.create(
            "Daily",
            start_date="2026-01-17T14:00:00.000+0000",
            due_date="2026-01-17T15:00:00.000+0000",
            repeat_flag="RRULE:FREQ=DAILY;INTERVAL=1",
            repeat_from="0",
        )
    )
    advanced = await R(api.tasks.wont_do(series.id))
    assert (advanced.start_date, advanced.due_date, advanced.status) == (
        "2026-01-18T14:00:00.000+0000",
        "2026-01-18T15:00:00.000+0000",
        0,
    )
    [instance] = [x for x in server.state()["tasks"].values() if x.get("repeatTaskId")]
    assert instance["status"] == -1 and instance["repeatFlag"] is None
    assert instance["startDate"] == "2026-01-17T14:00:00.000+0000"
    stale = series.model_copy(update={"title": "stale etag"})
    with pytest.raises(BatchError) as err:
        await R(api.tasks.update(stale))
    assert err.value.failed == {series.id: "ETAG_MISMATCH"}


@MODES
def test_tasks(server: ServerHandle, mode: str) -> None:
    run_scenario(server, mode, tasks_scenario)


@MODES
def test_recurring_task(server: ServerHandle, mode: str) -> None:
    run_scenario(server, mode, recurring_scenario)


# -- projects, tags, filters, columns ----------------------------------------------------------


async def organize_scenario(api: Api, server: ServerHandle) -> None:
    p = api.projects
    work = await R(p.create("Work", color="#FF5733", view_mode="kanban", **UNKNOWN))
    assert (work.color, work.view_mode, work.kind) == ("#FF5733", "kanban", "TASK")
    assert (await R(p.get(work.id))).model_extra == UNKNOWN
    assert [x.id for x in await R(p.get_all())] == [work.id]
    work.name = "Job"
    assert (await R(p.update(work))).name == "Job"
    assert (await R(p.rename(work.id, "Work"))).name == "Work"
    assert (await R(p.archive(work.id))).closed is True
    assert (await R(p.unarchive(work.id))).closed is False
    group = await R(p.create_group("Folder"))
    assert [g.id for g in await R(p.get_groups())] == [group.id]
    group.show_all = False
    assert (await R(p.update_group(group))).show_all is False
    assert (await R(p.rename_group(group.id, "Jobs"))).name == "Jobs"
    assert (await R(p.move_to_group(work.id, group.id))).group_id == group.id
    await R(p.delete_group(group.id))
    assert api.client.state.projects[work.id].group_id is None
    doomed = await R(p.create("Doomed"))
    await R(api.tasks.create("in doomed", project_id=doomed.id))
    await R(p.delete(doomed.id))
    with pytest.raises(NotFoundError):
        await R(p.get(doomed.id))

    c = api.columns
    todo = await R(c.create(work.id, "To do", **UNKNOWN))
    doing = await R(c.create(work.id, "Doing"))
    assert doing.sort_order > todo.sort_order
    assert {x.id for x in await R(c.get_all())} == {todo.id, doing.id}
    assert [x.name for x in await R(c.get_by_project(work.id))] == ["To do", "Doing"]
    assert (await R(c.rename(todo.id, work.id, "Backlog"))).name == "Backlog"
    doing.name = "In progress"
    assert (await R(c.update(doing))).name == "In progress"
    with pytest.raises(NotImplementedError, match="no known endpoint"):
        await R(c.delete(todo.id))

    tg = api.tags
    home = await R(tg.create("Home", color="#00FF00", **UNKNOWN))
    assert (home.name, home.label) == ("home", "Home")
    sub = await R(tg.create_subtag("home", "garden"))
    assert (sub.name, sub.parent) == ("home/garden", "home")
    assert (await R(tg.create("home/kitchen"))).parent == "home"
    assert [x.name for x in await R(tg.get_children("home"))] == ["home/garden", "home/kitchen"]
    assert (await R(tg.get("HOME"))).model_extra == UNKNOWN
    assert len(await R(tg.get_all())) == 3
    home.color = "#0000FF"
    assert (await R(tg.update(home))).color == "#0000FF"
    tagged = await R(api.tasks.create("tagged", tags=["home/kitchen"]))
    await R(tg.delete("home/kitchen"))
    assert api.client.state.tasks[tagged.id].tags == []
    await R(tg.create("chores"))
    await R(api.tasks.update_fields(tagged.id, tags=["chores"]))
    assert (await R(tg.rename("chores", "housework"))).name == "housework"
    assert api.client.state.tasks[tagged.id].tags == ["housework"]
    assert (await R(tg.merge("housework", "home"))).name == "home"
    assert api.client.state.tasks[tagged.id].tags == ["home"]
    await R(tg.delete("home"))
    assert "home" not in api.client.state.tags

    f = api.filters
    rule = f.build_rule(project_ids=[work.id], priority=[5, 3], tag_names=["urgent"])
    assert rule == build_rule(project_ids=[work.id], priority=[5, 3], tag_names=["urgent"])
    important = await R(f.create("Important", rule, view_mode="kanban", **UNKNOWN))
    assert important.rule == rule and important.view_mode == "kanban"
    assert (await R(f.get(important.id))).model_extra == UNKNOWN
    assert [x.id for x in await R(f.get_all())] == [important.id]
    important.name = "Urgent"
    assert (await R(f.update(important))).name == "Urgent"
    await R(f.delete(important.id))
    assert api.client.state.filters == {}


@MODES
def test_projects_tags_filters_columns(server: ServerHandle, mode: str) -> None:
    run_scenario(server, mode, organize_scenario)


# -- habits ------------------------------------------------------------------------------------


async def habits_scenario(api: Api, server: ServerHandle) -> None:
    h = api.habits
    water = await R(h.create("Water", type="Real", goal=3, step=1, unit="Glass", **UNKNOWN))
    read = await R(h.create("Read"))
    assert (read.type, read.goal, read.etag != "") == ("Boolean", 1, True)
    assert {x.id for x in await R(h.get_all())} == {water.id, read.id}
    assert (await R(h.get(water.id))).model_extra == UNKNOWN

    server.reset_stats()
    first = await R(h.checkin(water.id, 20260116))
    assert (first.value, first.status, first.checkin_time) == (1, 0, None)
    calls = server.stats()["requests"]
    assert (calls.get("batchHabit"), calls.get("batchHabitCheckin")) == (1, 1)
    second = await R(h.checkin(water.id, "20260116", value=3))
    assert (second.id, second.value, second.status) == (first.id, 3, 2)
    assert second.checkin_time is not None
    habit = api.client.state.habits[water.id]
    assert (habit.total_check_ins, habit.current_streak) == (1, 1)
    assert server.state()["habits"][water.id]["etag"] == habit.etag

    done = await R(h.checkin(read.id, date(2026, 1, 16)))
    assert (done.value, done.status) == (1, 2)
    raw = await R(
        h.batch_checkin([{"habitId": read.id, "checkinStamp": 20260115, "value": 1, "status": 2}])
    )
    assert [c.checkin_stamp for c in raw] == [20260115]
    assert {c.checkin_stamp for c in await R(h.get_checkins([read.id], 20260101))} == {
        20260115,
        20260116,
    }

    assert (await R(h.archive(read.id))).status == 1
    assert [x.id for x in await R(h.get_archived())] == [read.id]
    assert [x.id for x in await R(h.get_active())] == [water.id]
    assert (await R(h.unarchive(read.id))).status == 0
    renamed = api.client.state.habits[water.id].model_copy(update={"name": "Drink water"})
    assert (await R(h.update(renamed))).name == "Drink water"
    await R(h.delete(read.id))
    assert all(c.habit_id != read.id for c in api.client.state.habit_checkins.values())
    assert (await R(h.get_preferences())).enabled is True
    assert [s.name for s in await R(h.get_sections())] == ["_morning", "_afternoon", "_night"]


@MODES
def test_habits(server: ServerHandle, mode: str) -> None:
    run_scenario(server, mode, habits_scenario)


# -- search and user ---------------------------------------------------------------------------


async def search_user_scenario(api: Api, server: ServerHandle) -> None:
    await R(api.tasks.create("Tennis on Saturday", priority=5, tags=["sport"]))
    await R(api.tasks.create("Groceries", due_date=date(2026, 3, 1)))
    result = await R(api.search.search("tennis"))
    assert [x.title for x in result.tasks] == ["Tennis on Saturday"]
    assert [x.title for x in await R(api.search.search_tasks("GROCER"))] == ["Groceries"]
    s = api.search
    assert [x.title for x in await R(s.filter_tasks(priority=5))] == ["Tennis on Saturday"]
    assert [x.title for x in await R(s.filter_tasks(tag="SPORT"))] == ["Tennis on Saturday"]
    assert [x.title for x in await R(s.filter_tasks(has_due_date=True))] == ["Groceries"]
    assert await R(s.filter_tasks(title_contains="nothing")) == []

    u = api.user
    assert (await R(u.get_profile())).username == server.username
    assert (await R(u.get_status())).inbox_id == api.client.state.inbox_id
    settings = await R(u.get_settings())
    assert settings.time_zone == "Europe/Istanbul"
    changed = await R(u.update_settings(default_priority=3))
    assert changed.default_priority == 3 and changed.locale == settings.locale
    assert (await R(u.update_settings(changed, time_format="12hour"))).time_format == "12hour"
    assert (await R(u.get_limits())).model_dump() is not None
    await R(api.tasks.complete(next(iter(api.client.state.tasks))))
    assert (await R(u.get_statistics())).total_completed == 1
    assert await R(u.get_unread_notifications()) == []
    assert await R(u.get_calendar_events()) == []


@MODES
def test_search_and_user(server: ServerHandle, mode: str) -> None:
    run_scenario(server, mode, search_user_scenario)


# -- coverage of the public API ----------------------------------------------------------------

CLASSES = {
    "tasks": (TasksManager, AsyncTasksManager),
    "projects": (ProjectsManager, AsyncProjectsManager),
    "tags": (TagsManager, AsyncTagsManager),
    "filters": (FiltersManager, AsyncFiltersManager),
    "columns": (ColumnsManager, AsyncColumnsManager),
    "habits": (HabitsManager, AsyncHabitsManager),
    "search": (SearchManager, AsyncSearchManager),
    "user": (UserManager, AsyncUserManager),
}


SCENARIOS = (
    tasks_scenario,
    recurring_scenario,
    organize_scenario,
    habits_scenario,
    search_user_scenario,
)


def test_every_public_method_was_called_sync_and_async(server: ServerHandle) -> None:
    """Nothing public goes untested. In a full run the scenarios above already ran (file
    order); run alone or under `-k`, this test runs the ones that did not."""
    for scenario in SCENARIOS:
        for mode in ("sync", "async"):
            if (scenario.__name__, mode) not in RAN:
                run_scenario(server, mode, scenario)
    expected = set()
    for name, (sync_cls, async_cls) in CLASSES.items():
        assert public_methods(sync_cls) == public_methods(async_cls), name
        expected |= {
            f"{mode}.{name}.{m}" for mode in ("sync", "async") for m in public_methods(sync_cls)
        }
    assert sorted(expected - SEEN) == []
