"""Issue 4: the managers send, for every captured operation of seeds 002/003, the body
the web app sent - and that body validates against the spec.

Each operation is rebuilt with the real `Client` over an `httpx.MockTransport`
that records the requests and answers with the captured responses. The clock
and the id generator are pinned to the capture's values, so the comparison
with the captured body is exact: nothing is ignored. Every recorded request is
also validated against its operation's request schema (`tickspec.spec`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, Literal, TypedDict

import httpx
import pytest
from tickspec_generated.models.habit import Habit
from tickspec_generated.models.task import Task

from tests.paths import SEED_BODIES as SEEDS
from tickspec import spec
from tickspec.client import Client


def seed(name: str) -> Any:
    return json.loads((SEEDS / f"{name}.json").read_text("utf-8"))["body"]


class Recorder:
    """A mock TickTick: records (operationId, body), answers from a queue of bodies."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, Any]] = []
        self.answers: list[Any] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        op = spec.load().match(request.method, request.url.path)
        assert op is not None, f"{request.method} {request.url.path} is not in the spec"
        body = json.loads(request.content) if request.content else None
        if op.request_schema is not None:
            errors = spec.load().validator(op.request_schema).errors(body)
            assert [e.message for e in errors] == [], op.operation_id
        self.sent.append((op.operation_id, body))
        if op.operation_id == "queryHabitCheckins":
            assert body is not None, "queryHabitCheckins sends the habit ids"
            return httpx.Response(200, json={"checkins": {h: [] for h in body["habitIds"]}})
        return httpx.Response(200, json=self.answers.pop(0))

    def bodies(self, operation_id: str) -> list[Any]:
        return [body for op, body in self.sent if op == operation_id]


@pytest.fixture
def mock() -> Iterator[tuple[Client, Recorder, Callable[[str, list[str]], None]]]:
    recorder = Recorder()
    moment = {"now": datetime.fromisoformat("2026-01-17T13:00:00+00:00")}
    http = httpx.Client(
        transport=httpx.MockTransport(recorder), base_url="http://127.0.0.1", trust_env=False
    )
    client = Client(
        token="t",
        base_url="http://127.0.0.1",
        http_client=http,
        timezone="Europe/Istanbul",
        clock=lambda: moment["now"],
    )
    client.user_id = 130208689

    def at(timestamp: str, ids: list[str]) -> None:
        """Pin the clock to a captured time and the id generator to captured ids."""
        moment["now"] = datetime.strptime(timestamp, "%Y-%m-%dT%H:%M:%S.%f%z")
        queue = iter(ids)
        client.new_id = lambda: next(queue)  # type: ignore[method-assign]

    with client:
        yield client, recorder, at


class CreateOptions(TypedDict, total=False):
    """The keyword arguments of `tasks.create` a seed-002 case passes besides its title."""

    priority: Literal[0, 1, 3, 5]
    start_date: str
    due_date: str
    repeat_from: Literal["0", "1", "2"]
    repeat_flag: str
    sort_order: int
    sortOrder: int  # a wire name: `create` takes fields in snake_case or wire names


CREATES: list[tuple[str, str, CreateOptions]] = [
    (
        "002-create-weekly",
        "test task",
        {
            "priority": 5,
            "start_date": "2026-01-17T15:00:00.000+0000",
            "repeat_from": "0",
            "repeat_flag": "RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;UNTIL=20260227;BYDAY=SA",
            "sort_order": -1099512217600,
        },
    ),
    (
        "002-create-daily-count",
        "another test task",
        {
            "start_date": "2026-01-17T15:00:00.000+0000",
            "repeat_from": "1",
            "repeat_flag": "RRULE:FREQ=DAILY;INTERVAL=1;COUNT=30",
            "sort_order": -2199023845376,
        },
    ),
    (
        "002-create-daily",
        "last test task",
        {
            "start_date": "2026-01-17T14:00:00.000+0000",
            "repeat_from": "2",
            "due_date": "2026-01-17T15:00:00.000+0000",
            "repeat_flag": "RRULE:FREQ=DAILY;INTERVAL=1",
            "sortOrder": -3298535473152,
        },
    ),
]
"""(seed name, title, options) of each task seed 002 creates."""


def test_002_create_bodies(mock: tuple[Client, Recorder, Callable[[str, list[str]], None]]) -> None:
    client, recorder, at = mock
    for name, title, options in CREATES:
        captured = seed(f"{name}-request")
        task = captured["add"][0]
        at(task["createdTime"], [task["reminders"][0]["id"], task["id"]])
        recorder.answers.append(seed(f"{name}-response"))
        created = client.tasks.create(  # type: ignore[misc]  # the wire name sortOrder
            title,
            project_id=task["projectId"],
            time_zone="Europe/Istanbul",
            reminders=["TRIGGER:PT0S"],
            column_id=task["columnId"],
            **options,
        )
        assert recorder.sent[-1] == ("batchTask", captured)
        assert created.etag == seed(f"{name}-response")["id2etag"][task["id"]]


def test_002_pin_body(mock: tuple[Client, Recorder, Callable[[str, list[str]], None]]) -> None:
    client, recorder, at = mock
    created = seed("002-create-weekly-request")["add"][0]
    client.state.upsert("tasks", [Task.model_validate({**created, "etag": "v9b9ap2e"})])
    at("2026-01-17T13:53:44.000+0000", [])
    recorder.answers.append(seed("002-pin-response"))
    pinned = client.tasks.pin(created["id"])
    assert recorder.sent == [("batchTask", seed("002-pin-request"))]
    assert (pinned.pinned_time, pinned.etag) == ("2026-01-17T13:53:44.000+0000", "wxbn3q91")


def test_002_wont_do_body(mock: tuple[Client, Recorder, Callable[[str, list[str]], None]]) -> None:
    """The recurring won't-do: the instance added, the series advanced one day."""
    client, recorder, at = mock
    captured = seed("002-wont-do-request")
    parent = {
        **captured["update"][0],
        "startDate": "2026-01-17T14:00:00.000+0000",
        "dueDate": "2026-01-17T15:00:00.000+0000",
        "modifiedTime": "2026-01-17T13:16:05.000+0000",
    }
    client.state.upsert("tasks", [Task.model_validate(parent)])
    at("2026-01-17T13:16:24.000+0000", ["696b8ba82c6f3277d1cc4341", "696b8ba82c6f3277d1cc4342"])
    recorder.answers.append(seed("002-wont-do-response"))
    series = client.tasks.wont_do(parent["id"])
    assert recorder.sent == [("batchTask", captured)]
    assert (series.start_date, series.etag) == ("2026-01-18T14:00:00.000+0000", "8nlrfpks")
    assert client.state.tasks["696b8ba82c6f3277d1cc4341"].etag == "imm8jglm"


def test_003_habit_bodies(mock: tuple[Client, Recorder, Callable[[str, list[str]], None]]) -> None:
    """Create, update, and the two two-request check-ins of seed 003."""
    client, recorder, at = mock
    habit = seed("003-habit-create-request")["add"][0]
    at(habit["createdTime"], [habit["id"]])
    recorder.answers.append(seed("003-habit-create-response"))
    client.habits.create(
        "Some new habit",
        type="Real",
        goal=5,
        step=1,
        unit="Count",
        reminders=["20:00"],
        repeat_rule="RRULE:FREQ=DAILY;INTERVAL=2",
        sort_order=-1099511627776,
        section_id=habit["sectionId"],
        target_days=100,
        target_start_date=20260117,
    )
    assert recorder.sent[-1] == ("batchHabit", seed("003-habit-create-request"))

    # The capture's later requests carry etag "" (the app had not stored the answer).
    at("2026-01-17T13:37:49.000+0000", [])
    recorder.answers.append(seed("003-habit-update-response"))
    client.habits.update(Habit.model_validate(habit))
    assert recorder.sent[-1] == ("batchHabit", seed("003-habit-update-request"))

    client.state.upsert("habits", [Habit.model_validate(habit)])
    at("2026-01-17T13:37:49.000+0000", ["696b90862c6f3277d1cc451e"])
    recorder.answers += [
        {"id2etag": {habit["id"]: "sln4qiy2"}, "id2error": {}},
        seed("003-checkin-partial-checkin-response"),
    ]
    partial = client.habits.checkin(habit["id"], 20260116)
    assert recorder.bodies("batchHabit")[-1] == seed("003-checkin-partial-habit-request")
    assert recorder.bodies("batchHabitCheckin") == [seed("003-checkin-partial-checkin-request")]
    assert (partial.value, partial.status) == (1, 0)

    at("2026-01-17T13:39:00.000+0000", [])
    recorder.answers += [
        seed("003-checkin-complete-habit-response"),
        seed("003-checkin-complete-checkin-response"),
    ]
    done = client.habits.checkin(habit["id"], 20260116, value=5)
    assert recorder.bodies("batchHabit")[-1] == seed("003-checkin-complete-habit-request")
    assert recorder.bodies("batchHabitCheckin")[-1] == seed("003-checkin-complete-checkin-request")
    assert (done.value, done.status, done.checkin_time) == (5, 2, "2026-01-17T13:39:00.000+0000")
    stored = client.state.habits[habit["id"]]
    assert (stored.total_check_ins, stored.current_streak, stored.etag) == (1, 1, "jitu6mpc")
    assert [op for op, _ in recorder.sent] == [
        "batchHabit",
        "batchHabit",
        "queryHabitCheckins",
        "batchHabit",
        "batchHabitCheckin",
        "batchHabit",
        "batchHabitCheckin",
    ]
