"""The census endpoints through the typed client against `tickspec serve`.

Focus, countdowns and comments through their managers (blocking and awaited);
every other endpoint issue 10 added through its generated stub (`client.api`).
The server checks its own answers against the spec (`validate_responses`), so
a stub's model and the server's body must agree for a test to pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import anyio
import httpx
import pytest
from tickspec_generated.models.batch_order_request import BatchOrderRequest
from tickspec_generated.models.tag_delete_request import TagDeleteRequest
from tickspec_generated.models.task_assign_request import TaskAssignment
from tickspec_generated.models.task_template import TaskTemplate

import tickspec
from tests.client.client_support import served_client
from tickspec.errors import BatchError, NotFoundError, TickTickError
from tickspec.server.testing import ServerHandle, server_fixture

server = server_fixture(scope="module", validate_responses=True)
T0 = "2026-01-17T13:00:00.000+0000"
T1 = "2026-01-17T13:25:00.000+0000"


@pytest.fixture
def client(server: ServerHandle) -> Iterator[tickspec.Client]:
    with served_client(server) as client:
        yield client


def test_focus_records_feed_the_statistics(client: tickspec.Client) -> None:
    task = client.tasks.create("Write report", tags=["work"])
    record = {
        "id": client.new_id(),
        "startTime": T0,
        "endTime": T1,
        "status": 1,
        "tasks": [{"taskId": task.id, "title": task.title, "startTime": T0, "endTime": T1}],
    }
    answer = client.focus.save_records(add=[record])
    assert list(answer.id2etag) == [record["id"]] and answer.id2error == {}
    days = (date(2026, 1, 11), "20260117")
    heat = client.focus.heatmap(*days)
    assert [(d.day, d.duration) for d in heat] == [("20260117", 25)]
    dist = client.focus.distribution(*days)
    assert dist.task_durations == {task.id: 25}
    assert dist.tag_durations == {"work": 25}
    assert dist.project_durations == {task.project_id: 25}
    assert client.focus.by_hour(*days) == {"13": 25}
    assert client.focus.by_hour(*days, per_day=True) == {"20260117": 25}
    totals = client.focus.statistics()
    assert (totals.total_pomo_count, totals.total_pomo_duration) == (1, 25)
    assert [r.id for r in client.focus.timeline()] == [record["id"]]
    assert client.focus.timeline(before_ms=1768600000000) == []  # before the record
    client.focus.delete_record(str(record["id"]))
    assert client.focus.timeline() == []
    assert client.focus.timers() == []


def test_focus_timer_start_then_finish_makes_a_record(client: tickspec.Client) -> None:
    task = client.tasks.create("Read")
    started = client.focus.operate({"op": "start", "duration": 25, "focusOnId": task.id})
    assert started.current is not None and started.current.focus_on_id == task.id
    finished = client.focus.operate({"op": "finish"})
    assert finished.current is None and finished.point > started.point
    [record] = client.focus.timeline()
    assert record.tasks is not None and record.tasks[0].task_id == task.id


def test_countdowns_round_trip(client: tickspec.Client) -> None:
    made = client.countdowns.create("Holiday", date(2026, 3, 1), color="#FF8C00")
    assert (made.name, made.date, made.color) == ("Holiday", 20260301, "#FF8C00")
    [listed] = client.countdowns.get_all()
    assert listed.id == made.id and listed.etag == made.etag
    renamed = client.countdowns.update(listed, name="Trip")
    assert renamed.name == "Trip" and renamed.etag != made.etag
    client.countdowns.delete(made.id)
    assert client.countdowns.get_all() == []
    with pytest.raises(BatchError):
        client.countdowns.update({"id": made.id, "name": "gone"})


def test_comments_round_trip(client: tickspec.Client) -> None:
    task = client.tasks.create("Buy milk")
    comment = client.comments.add(task.project_id, task.id, "Whole milk, please")
    assert (comment.title, comment.task_id) == ("Whole milk, please", task.id)
    assert [c.id for c in client.comments.get_all(task.project_id, task.id)] == [comment.id]
    client.comments.delete(task.project_id, task.id, comment.id)
    assert client.comments.get_all(task.project_id, task.id) == []
    with pytest.raises(NotFoundError):
        client.comments.get_all(task.project_id, "0" * 24)


def test_async_managers_await_the_same_flows(server: ServerHandle) -> None:
    server.reset()

    async def main() -> tuple[int, int]:
        async with tickspec.AsyncClient(
            token=server.token,
            base_url=server.base_url,
            http_client=httpx.AsyncClient(trust_env=False, timeout=10.0),
        ) as client:
            await client.countdowns.create("Exam", 20260610)
            task = await client.tasks.create("Revise")
            await client.comments.add(task.project_id, task.id, "chapter 3")
            countdowns = await client.countdowns.get_all()
            comments = await client.comments.get_all(task.project_id, task.id)
            return len(countdowns), len(comments)

    assert anyio.run(main) == (1, 1)


def test_web_listings_read_the_store(client: tickspec.Client) -> None:
    project = client.projects.create("Groceries")
    client.tags.create("errands")
    task = client.tasks.create("Milk", project_id=project.id, tags=["errands"])
    api = client.api
    assert [p.id for p in api.projects.get_projects()] == [project.id]
    assert [t.name for t in api.tags.get_tags()] == ["errands"]
    assert [t.id for t in api.tasks.get_project_tasks(project.id)] == [task.id]
    [member] = api.projects.get_project_users(project.id)
    assert member.is_owner is True
    client.tasks.complete(task.id)
    closed = api.tasks.get_closed_in_project(project.id, status="Completed")
    assert [t.id for t in closed] == [task.id]
    assert api.tasks.get_project_tasks(project.id) == []
    today = datetime.now(tz=UTC).strftime("%Y%m%d")
    [day] = api.user.get_task_statistics(today, today)
    assert (day.day, day.complete_count) == (today, 1)
    assert api.user.get_user_statistics().total_completed == 1
    assert api.user.get_user_ranking().completed_count == 1


def test_web_writes_and_trash(client: tickspec.Client) -> None:
    api = client.api
    client.tags.create("home")
    task = client.tasks.create("Shared chore", tags=["home"])
    answer = api.tasks.assign_tasks(
        [
            TaskAssignment.model_validate(
                {"taskId": task.id, "projectId": task.project_id, "assignee": 130208689}
            )
        ]
    )
    assert list(answer.id2etag) == [task.id]
    assert api.projects.batch_order(BatchOrderRequest(taskPinned={})).id2error == {}
    template = api.tasks.create_task_template(TaskTemplate(title="Weekly review"))
    assert [t.title for t in api.tasks.get_templates().task_templates or []] == ["Weekly review"]
    assert template.id is not None
    actions = [a.action for a in api.tasks.get_task_activity(task.id)]
    assert actions == ["T_CREATE", "T_UPDATE"]
    api.tags.delete_tag_by_body(TagDeleteRequest(name="home"))
    assert api.tags.get_tags() == []
    client.tasks.delete(task.id)
    assert [t.id for t in api.tasks.get_trash_page().tasks] == [task.id]
    api.tasks.empty_trash()
    assert api.tasks.get_trash_page().tasks == []
    with pytest.raises(TickTickError):
        api.tags.delete_tag_by_body(TagDeleteRequest(name="never-was"))


def test_fixed_answers(client: tickspec.Client) -> None:
    api = client.api
    assert api.habits.get_habit_week_statistics() == {}
    assert api.user.get_archived_calendar_events() == []
    assert api.user.get_daily_reminder().time == "09:00"
