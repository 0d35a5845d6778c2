"""The Open API managers against `tickspec serve`: every method, sync and async.

The token comes from the server's OAuth2 flow run by the client itself
(`authorize_url`, the browser's redirect, `exchange_code`). The server checks its
own answers against the spec (`validate_responses=True`), so a manager that
decodes them decodes what the spec documents. Request shapes without a server:
test_open_managers.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.client.client_support import Flavour
from tickspec.errors import TickTickError
from tickspec.open_api import AsyncOpenClient, OAuthApp, OpenClient
from tickspec.open_api.managers import POMODORO
from tickspec.server.handlers.oauth import CLIENT_ID, CLIENT_SECRET
from tickspec.server.testing import ServerHandle, server_fixture

server = server_fixture(scope="module", validate_responses=True)


def open_token(server: ServerHandle) -> str:
    """A token from the local app's authorization-code flow, as a user gets one."""
    with OpenClient(
        app=OAuthApp(CLIENT_ID, CLIENT_SECRET),
        base_url=server.base_url,
        oauth_base_url=server.base_url,
        http_client=httpx.Client(trust_env=False, timeout=10.0),
    ) as client:
        with httpx.Client(trust_env=False, timeout=10.0) as browser:
            redirect = browser.get(client.authorize_url()).headers["location"]
        return client.exchange_code(redirect).access_token


def client_for(flavour: Flavour, server: ServerHandle) -> Any:
    server.reset()
    options: dict[str, Any] = {"access_token": open_token(server), "base_url": server.base_url}
    if flavour.name == "sync":
        return OpenClient(http_client=httpx.Client(trust_env=False, timeout=10.0), **options)
    return AsyncOpenClient(http_client=httpx.AsyncClient(trust_env=False, timeout=10.0), **options)


def collect(flavour: Flavour, items: Any) -> list[Any]:
    if flavour.name == "sync":
        return list(items)

    async def drain(source: AsyncIterator[Any]) -> list[Any]:
        return [item async for item in source]

    assert flavour.loop is not None
    return flavour.loop.run_until_complete(drain(items))


def test_projects_groups_and_columns(flavour: Flavour, server: ServerHandle) -> None:
    client, do = client_for(flavour, server), flavour.do
    before = {p.id for p in do(client.projects.get_all())}
    made = [do(client.projects.create(f"P{n}", color="#F18181")) for n in range(5)]
    walked = [p.id for p in collect(flavour, client.projects.iter_all(page_size=2))]
    assert set(walked) == before | {p.id for p in made} and len(walked) == len(set(walked))
    page = do(client.projects.get_all(offset=1, limit=2))
    assert [p.id for p in page] == walked[1:3]

    project = made[0]
    group = do(client.groups.create("Work"))
    assert [g.name for g in do(client.groups.get_all())] == ["Work"]
    assert do(client.groups.update(group.id, name="Home")).name == "Home"
    moved = do(client.projects.update(project.id, name="Food", group_id=group.id))
    assert (moved.name, moved.group_id) == ("Food", group.id)
    assert do(client.projects.get(project.id)).name == "Food"
    do(client.groups.delete(group.id))
    assert do(client.groups.get_all()) == []

    column = do(client.columns.create(project.id, "Doing"))
    assert do(client.columns.update(project.id, column.id, name="Done")).name == "Done"
    assert [c.name for c in do(client.columns.get_by_project(project.id))] == ["Done"]
    assert [c.name for c in do(client.projects.get_data(project.id)).columns or []] == ["Done"]
    [me] = do(client.projects.get_members(project.id))
    assert me.self is True and me.username == server.username

    do(client.projects.delete(project.id))
    with pytest.raises(TickTickError):
        do(client.projects.get(project.id))


def test_tasks(flavour: Flavour, server: ServerHandle) -> None:
    client, do = client_for(flavour, server), flavour.do
    home = do(client.projects.create("Home"))
    work = do(client.projects.create("Work"))
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    inbox_task = do(client.tasks.create("Milk"))
    assert inbox_task.project_id.startswith("inbox")
    task = do(client.tasks.create("Call Bob", project_id=home.id, priority=3, due_date=due))
    assert do(client.tasks.get(home.id, task.id)).title == "Call Bob"
    assert do(client.tasks.get_by_id(task.id)).project_id == home.id
    changed = do(client.tasks.update(task, title="Call Bob back", tags=["work"]))
    assert (changed.title, changed.priority, changed.tags) == ("Call Bob back", 3, ["work"])
    assert do(client.tasks.update(task.id, home.id, priority=5)).priority == 5
    assert [t.id for t in do(client.tasks.get_by_project(home.id))] == [task.id]

    found = do(client.tasks.search("Bob"))
    assert [t.id for t in found] == [task.id]
    assert [t.id for t in do(client.tasks.filter([home.id], tags=["work"]))] == [task.id]
    window = do(client.tasks.get_undone(due - timedelta(days=2), due + timedelta(days=2)))
    assert task.id in [t.id for t in window]

    [result] = do(client.tasks.move_many(
        [{"taskId": task.id, "fromProjectId": home.id, "toProjectId": work.id}]
    ))  # fmt: skip
    assert result.id == task.id
    assert do(client.tasks.move(task.id, work.id, home.id)).id == task.id

    me = server.username
    assert do(client.tasks.assign(home.id, task.id, me)).id == task.id
    assert do(client.tasks.unassign(home.id, task.id)).id == task.id

    result = do(client.tasks.batch(
        add=[{"title": "Batch new", "projectId": work.id}],
        update=[{"id": task.id, "projectId": home.id, "title": "Batched"}],
    ))  # fmt: skip
    assert task.id in result.id2etag and result.id2error == {}
    assert do(client.tasks.get(home.id, task.id)).title == "Batched"

    extra = do(client.tasks.create("Two", project_id=home.id))
    assert sorted(do(client.tasks.complete_many([task.id, extra.id], project_id=home.id))) == (
        sorted([task.id, extra.id])
    )
    do(client.tasks.complete(inbox_task.project_id, inbox_task.id))
    done = do(client.tasks.get_completed([home.id], start=date.today() - timedelta(days=1)))
    assert {t.id for t in done} == {task.id, extra.id}
    do(client.tasks.delete(home.id, extra.id))
    with pytest.raises(TickTickError):
        do(client.tasks.get(home.id, extra.id))


def test_tags_comments_preference_and_countdowns(flavour: Flavour, server: ServerHandle) -> None:
    client, do = client_for(flavour, server), flavour.do
    tag = do(client.tags.create("Urgent"))
    assert (tag.name, tag.label) == ("urgent", "Urgent")
    assert "urgent" in [t.name for t in do(client.tags.get_all())]

    project = do(client.projects.create("Home"))
    task = do(client.tasks.create("Paint", project_id=project.id))
    comment = do(client.comments.add(project.id, task.id, "Which colour?"))
    assert [c.title for c in do(client.comments.get_all(project.id, task.id))] == ["Which colour?"]
    do(client.comments.delete(project.id, task.id, comment.id))
    assert do(client.comments.get_all(project.id, task.id)) == []

    assert do(client.preference.get()).time_zone
    assert isinstance(do(client.countdowns.get_all()), list)


def test_focus_and_habits(flavour: Flavour, server: ServerHandle) -> None:
    client, do = client_for(flavour, server), flavour.do
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    record = do(client.focus.create(
        POMODORO, start_time=start, end_time=start + timedelta(minutes=25), note="Deep work"
    ))  # fmt: skip
    assert do(client.focus.get(record.id, POMODORO)).note == "Deep work"
    listed = do(client.focus.get_all(start - timedelta(hours=1), start + timedelta(hours=1), 0))
    assert [f.id for f in listed] == [record.id]
    do(client.focus.delete(record.id, POMODORO))
    assert do(client.focus.get_all(start - timedelta(hours=1), start + timedelta(hours=1), 0)) == []

    habit = do(client.habits.create("Read", goal=1.0, repeat_rule="RRULE:FREQ=DAILY;INTERVAL=1"))
    assert do(client.habits.get(habit.id)).name == "Read"
    assert do(client.habits.update(habit.id, name="Read more")).name == "Read more"
    assert habit.id in [h.id for h in do(client.habits.get_all())]
    assert isinstance(do(client.habits.get_sections()), list)
    checked = do(client.habits.checkin(habit.id, date(2026, 4, 7), value=1.0))
    assert [c.stamp for c in checked.checkins or []] == [20260407]
    [year] = do(client.habits.get_checkins([habit.id], date(2026, 4, 1), "20260407"))
    assert (year.habit_id, [c.stamp for c in year.checkins or []]) == (habit.id, [20260407])


def test_raw_response_and_options_through_the_server(
    flavour: Flavour, server: ServerHandle
) -> None:
    client, do = client_for(flavour, server), flavour.do
    raw = do(client.with_raw_response.preference.get(extra_headers={"X-Probe": "1"}))
    assert raw.status_code == 200 and raw.parsed.time_zone
    quick = client.with_options(timeout=5.0, max_retries=0)
    assert do(quick.tasks.create("Quick")).title == "Quick"
