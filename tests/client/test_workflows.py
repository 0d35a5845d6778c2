"""Issue 4: the multi-request workflows, as pure functions, against values.

The two captured sequences (002 won't-do of a recurring task, 003 habit
check-in) are rebuilt from their starting objects and compared field by field
with the captured bodies; ids the client must generate are fed in from the
capture, so nothing at all is ignored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.paths import SEED_BODIES as SEEDS
from tickspec.server.canonical import canonical_time
from tickspec.server.ids import timestamp
from tickspec.workflows.drafts import new_task
from tickspec.workflows.habits import plan_checkin
from tickspec.workflows.recurrence import RecurrenceError, next_occurrence
from tickspec.workflows.tasks import (
    add_item,
    close_task,
    reopen_task,
    set_item_status,
    without_item,
)
from tickspec.workflows.times import date_stamp, format_ts, parse_stamp, parse_ts

NOW = "2026-01-17T13:16:24.000+0000"


def seed(name: str) -> dict[str, Any]:
    body: dict[str, Any] = json.loads((SEEDS / f"{name}.json").read_text("utf-8"))["body"]
    return body


def ids(*values: str) -> Callable[[], str]:
    it: Iterator[str] = iter(values)
    return lambda: next(it)


def counter() -> Callable[[], str]:
    state = {"n": 0}

    def make() -> str:
        state["n"] += 1
        return f"{state['n']:024x}"

    return make


def task(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "696b8b6f2c6f3277d1cc4331",
        "projectId": "6940c3d51263b74715346bd6",
        "title": "t",
        "status": 0,
        "timeZone": "Europe/Istanbul",
        "etag": "q1j2ogah",
        "reminders": [],
        "items": [],
        "x_future_field": {"nested": [1, 2]},
    }
    base.update(fields)
    return base


def advance(t: dict[str, Any], now: str = NOW) -> tuple[str | None, str | None] | None:
    found = next_occurrence(t, parse_ts(now))
    return None if found is None else (found.start_date, found.due_date)


# -- times ---------------------------------------------------------------------------------------


def test_timestamp_text_round_trips() -> None:
    moment = parse_ts("2026-01-17T13:12:28.004+0000")
    assert moment == datetime.fromisoformat("2026-01-17T13:12:28.004+00:00")
    assert format_ts(moment) == "2026-01-17T13:12:28.004+0000"
    assert format_ts(parse_ts("2026-01-17T16:12:28.000+0300")) == "2026-01-17T13:12:28.000+0000"
    assert date_stamp(date(2026, 1, 16)) == 20260116
    assert parse_stamp("20260116") == parse_stamp(20260116) == date(2026, 1, 16)


# -- recurrence ----------------------------------------------------------------------------------


def test_the_002_wont_do_example_exactly() -> None:
    """Parent 2026-01-17T14:00/15:00 (repeatFrom "2", daily) -> 2026-01-18T14:00/15:00.

    The starting parent is the captured update with its previous dates and
    modifiedTime; the instance ids are the ones the web app generated.
    """
    captured = seed("002-wont-do-request")
    parent = dict(captured["update"][0])
    parent.update(
        startDate="2026-01-17T14:00:00.000+0000",
        dueDate="2026-01-17T15:00:00.000+0000",
        modifiedTime="2026-01-17T13:16:05.000+0000",
    )
    closing = close_task(
        parent,
        status=-1,
        now="2026-01-17T13:16:24.000+0000",
        user_id=130208689,
        new_id=ids("696b8ba82c6f3277d1cc4341", "696b8ba82c6f3277d1cc4342"),
    )
    assert closing.add == captured["add"]
    assert closing.update == captured["update"]
    assert closing.update[0]["startDate"] == "2026-01-18T14:00:00.000+0000"
    assert closing.update[0]["dueDate"] == "2026-01-18T15:00:00.000+0000"
    assert parent["startDate"] == "2026-01-17T14:00:00.000+0000", "input not mutated"


def test_daily_from_due_date() -> None:
    t = task(
        repeatFlag="RRULE:FREQ=DAILY;INTERVAL=1",
        repeatFrom="0",
        startDate="2026-01-17T15:00:00.000+0000",
    )
    assert advance(t) == ("2026-01-18T15:00:00.000+0000", None)


def test_daily_interval_from_completion_date_uses_the_completion_day() -> None:
    """Every 2 days from completion: done (late) on the 20th -> the 22nd, at the task's time."""
    t = task(
        repeatFlag="RRULE:FREQ=DAILY;INTERVAL=2",
        repeatFrom="2",
        startDate="2026-01-17T14:00:00.000+0000",
        dueDate="2026-01-17T15:00:00.000+0000",
    )
    assert advance(t, "2026-01-20T20:00:00.000+0000") == (
        "2026-01-22T14:00:00.000+0000",
        "2026-01-22T15:00:00.000+0000",
    )
    # Closed a day early: counted from its own day, so the series still moves forward.
    assert advance(t, "2026-01-16T08:00:00.000+0000") == (
        "2026-01-19T14:00:00.000+0000",
        "2026-01-19T15:00:00.000+0000",
    )
    # From the due date instead, the late completion does not matter.
    assert advance({**t, "repeatFrom": "0"}, "2026-01-20T20:00:00.000+0000") == (
        "2026-01-19T14:00:00.000+0000",
        "2026-01-19T15:00:00.000+0000",
    )


def test_weekly_byday_until_from_the_002_create_capture() -> None:
    t = seed("002-create-weekly-request")["add"][0]
    assert t["repeatFlag"] == "RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;UNTIL=20260227;BYDAY=SA"
    assert advance(t) == ("2026-01-24T15:00:00.000+0000", None)
    last = {**t, "startDate": "2026-02-21T15:00:00.000+0000"}
    assert advance(last) is None, "no Saturday left before UNTIL=20260227"


def test_until_date_includes_that_whole_day() -> None:
    """UNTIL=20260227 is a Friday; the 20:00 occurrence on it is still in the series."""
    t = task(
        repeatFlag="RRULE:FREQ=WEEKLY;UNTIL=20260227;BYDAY=FR",
        repeatFrom="0",
        startDate="2026-02-20T17:00:00.000+0000",
    )
    assert advance(t) == ("2026-02-27T17:00:00.000+0000", None)


def test_count_series_ends_with_the_parent_completed() -> None:
    t = task(
        repeatFlag="RRULE:FREQ=DAILY;INTERVAL=1;COUNT=3",
        repeatFrom="1",
        startDate="2026-01-17T15:00:00.000+0000",
    )
    new_id = counter()
    seen = []
    for _ in range(3):
        closing = close_task(t, status=2, now=NOW, user_id=7, new_id=new_id)
        seen.append((len(closing.add), closing.update[0]["status"], closing.update[0]["startDate"]))
        t = closing.update[0]
    assert seen == [
        (1, 0, "2026-01-18T15:00:00.000+0000"),
        (1, 0, "2026-01-19T15:00:00.000+0000"),
        (0, 2, "2026-01-19T15:00:00.000+0000"),
    ]
    assert t["repeatFirstDate"] == "2026-01-17T15:00:00.000+0000"
    assert t["completedTime"] == NOW and t["completedUserId"] == 7
    assert t["x_future_field"] == {"nested": [1, 2]}


def test_byday_is_on_the_tasks_wall_clock_not_utc() -> None:
    """An all-day Saturday in Istanbul starts Friday 21:00 UTC; the next is the next Saturday."""
    t = task(
        repeatFlag="RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=SA",
        repeatFrom="0",
        isAllDay=True,
        startDate="2026-01-16T21:00:00.000+0000",
    )
    assert advance(t) == ("2026-01-23T21:00:00.000+0000", None)
    # The same instants read as UTC would have landed on a Sunday.
    assert advance({**t, "timeZone": "UTC"}) == ("2026-01-17T21:00:00.000+0000", None)


def test_wall_time_and_duration_survive_dst() -> None:
    """09:00-10:30 New York stays 09:00-10:30 across the 2026-03-08 change (UTC shifts 1 h)."""
    t = task(
        repeatFlag="RRULE:FREQ=DAILY",
        repeatFrom="0",
        timeZone="America/New_York",
        startDate="2026-03-07T14:00:00.000+0000",
        dueDate="2026-03-07T15:30:00.000+0000",
    )
    assert advance(t) == ("2026-03-08T13:00:00.000+0000", "2026-03-08T14:30:00.000+0000")


def test_monthly_on_the_31st_skips_short_months() -> None:
    t = task(
        repeatFlag="RRULE:FREQ=MONTHLY;BYMONTHDAY=31",
        repeatFrom="0",
        timeZone="UTC",
        dueDate="2026-01-31T10:00:00.000+0000",
    )
    assert advance(t) == (None, "2026-03-31T10:00:00.000+0000")


def test_exdate_is_skipped() -> None:
    t = task(
        repeatFlag="RRULE:FREQ=DAILY",
        repeatFrom="0",
        timeZone="UTC",
        startDate="2026-01-17T15:00:00.000+0000",
        exDate=["20260118"],
    )
    assert advance(t) == ("2026-01-19T15:00:00.000+0000", None)


def test_unsupported_rules_are_refused() -> None:
    with pytest.raises(RecurrenceError):
        advance(
            task(
                repeatFlag="ERULE:NAME=CUSTOM;BYDATE=20260120",
                startDate="2026-01-17T15:00:00.000+0000",
            )
        )
    with pytest.raises(RecurrenceError):
        advance(task(repeatFlag="RRULE:FREQ=DAILY"))


# -- closing and reopening -----------------------------------------------------------------------


def test_complete_non_recurring_sets_the_completion_stamp_and_keeps_everything() -> None:
    t = task(startDate="2026-01-17T15:00:00.000+0000")
    closing = close_task(t, status=2, now=NOW, user_id=130208689, new_id=counter())
    assert closing.add == []
    assert closing.update == [
        {**t, "status": 2, "completedTime": NOW, "completedUserId": 130208689, "modifiedTime": NOW}
    ]
    reopened = reopen_task(closing.update[0], now="2026-01-18T00:00:00.000+0000")
    assert reopened["status"] == 0
    assert reopened["completedTime"] is None and "completedUserId" not in reopened
    assert reopened["x_future_field"] == {"nested": [1, 2]}


def test_recurring_completion_instance_and_reset_checklist() -> None:
    t = task(
        repeatFlag="RRULE:FREQ=DAILY",
        repeatFrom="0",
        timeZone="UTC",
        startDate="2026-01-17T15:00:00.000+0000",
        reminders=[{"id": "a" * 24, "trigger": "TRIGGER:PT0S"}],
        items=[
            {
                "id": "b" * 24,
                "title": "x",
                "status": 1,
                "completedTime": "2026-01-17T10:00:00.000+0000",
            }
        ],
    )
    closing = close_task(t, status=2, now=NOW, user_id=5, new_id=ids("c" * 24, "d" * 24))
    [instance], [parent] = closing.add, closing.update
    assert instance["id"] == "c" * 24 and instance["repeatTaskId"] == t["id"]
    assert instance["repeatFlag"] is None and instance["status"] == 2
    assert instance["reminders"] == [{"id": "d" * 24, "trigger": "TRIGGER:PT0S"}]
    assert "etag" not in instance
    assert instance["items"] == t["items"], "the finished occurrence keeps its checked items"
    assert instance["startDate"] == "2026-01-17T15:00:00.000+0000"
    assert parent["items"] == [{"id": "b" * 24, "title": "x", "status": 0, "completedTime": None}]
    assert parent["etag"] == "q1j2ogah" and parent["reminders"] == t["reminders"]


def test_checklist_items() -> None:
    t = task(items=[{"id": "1" * 24, "title": "a", "status": 0, "sortOrder": 5}])
    added = add_item(t, title="b", item_id="2" * 24, now=NOW)
    assert added["items"][1] == {
        "id": "2" * 24,
        "title": "b",
        "status": 0,
        "sortOrder": 5 + 1099511627776,
    }
    checked = set_item_status(added, "2" * 24, checked=True, now=NOW)
    assert checked["items"][1]["status"] == 1 and checked["items"][1]["completedTime"] == NOW
    removed = without_item(checked, "1" * 24, now=NOW)
    assert [i["id"] for i in removed["items"]] == ["2" * 24]
    with pytest.raises(KeyError):
        without_item(removed, "1" * 24, now=NOW)


# -- habit check-in ------------------------------------------------------------------------------


def test_the_003_checkin_sequence_exactly() -> None:
    """Partial step (0 -> 1) then reaching the goal (-> 5), from the created habit."""
    habit = seed("003-habit-create-request")["add"][0]
    first = plan_checkin(
        habit,
        None,
        stamp=20260116,
        now="2026-01-17T13:37:49.000+0000",
        new_id=ids("696b90862c6f3277d1cc451e"),
    )
    assert first.habit_batch() == seed("003-checkin-partial-habit-request")
    assert first.checkin_batch() == seed("003-checkin-partial-checkin-request")
    assert not first.completed and "checkinTime" not in first.checkin

    # The capture's second request carries etag sln4qiy2 (its first response said
    # qaf97ag9: the HAR mixes sessions); start from what the app held.
    habit = {**first.habit, "etag": "sln4qiy2"}
    second = plan_checkin(
        habit,
        first.checkin,
        stamp=20260116,
        now="2026-01-17T13:39:00.000+0000",
        new_id=ids(),
        value=5,
    )
    assert second.habit_batch() == seed("003-checkin-complete-habit-request")
    assert second.checkin_batch() == seed("003-checkin-complete-checkin-request")
    assert second.habit["totalCheckIns"] == 1 and second.habit["currentStreak"] == 1


def test_stepping_stops_at_the_goal_and_counts_once() -> None:
    habit = {**seed("003-habit-create-request")["add"][0], "step": 2}
    values = []
    existing = None
    for _ in range(4):
        plan = plan_checkin(habit, existing, stamp=20260117, now=NOW, new_id=counter())
        habit, existing = plan.habit, plan.checkin
        values.append((plan.checkin["value"], plan.checkin["status"], habit["totalCheckIns"]))
    assert values == [(2, 0, 0), (4, 0, 0), (5, 2, 1), (5, 2, 1)]


def test_boolean_habit_completes_in_one_step_and_unchecks() -> None:
    habit = {
        "id": "e" * 24,
        "type": "Boolean",
        "goal": 1,
        "step": 1,
        "totalCheckIns": 3,
        "currentStreak": 2,
        "etag": "abcd1234",
    }
    plan = plan_checkin(habit, None, stamp=20260117, now=NOW, new_id=ids("f" * 24))
    assert plan.checkin == {
        "checkinStamp": 20260117,
        "checkinTime": NOW,
        "opTime": NOW,
        "goal": 1,
        "habitId": "e" * 24,
        "id": "f" * 24,
        "status": 2,
        "value": 1,
    }
    assert (plan.habit["totalCheckIns"], plan.habit["currentStreak"]) == (4, 3)
    undo = plan_checkin(
        plan.habit, plan.checkin, stamp=20260117, now=NOW, new_id=counter(), value=0
    )
    assert undo.habit["totalCheckIns"] == 3 and undo.checkin["status"] == 0


# -- drafts --------------------------------------------------------------------------------------


def test_new_task_dates_are_wall_times_of_its_zone() -> None:
    made = new_task(
        "t",
        project_id="inbox1",
        now=NOW,
        time_zone="Europe/Istanbul",
        sort_order=-5,
        new_id=ids("a" * 24, "b" * 24, "c" * 24),
        start_date=datetime(2026, 3, 1, 9, 30),
        due_date=date(2026, 3, 2),
        reminders=["TRIGGER:PT0S"],
        items=["x"],
    )
    assert made["startDate"] == "2026-03-01T06:30:00.000+0000", "naive: Istanbul wall time"
    assert made["dueDate"] == "2026-03-01T21:00:00.000+0000", "a date: local midnight"
    assert made["isAllDay"] is True
    assert (made["reminders"][0]["id"], made["id"], made["items"][0]["id"]) == (
        "a" * 24,
        "b" * 24,
        "c" * 24,
    )
    assert "repeatFlag" not in made and made["assignee"] is None and made["exDate"] == []


@settings(max_examples=200, deadline=None)
@given(st.datetimes(timezones=st.just(UTC)))
def test_every_instant_has_one_wire_text(moment: datetime) -> None:
    """Property: for any instant (years 1-9999), `format_ts` writes TickTick's `Timestamp`
    form (four-digit year, milliseconds, `+0000`), the server's `canonical_time` and
    `timestamp` write the same text, and `parse_ts` reads back the instant to the millisecond."""
    text = format_ts(moment)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000", text)
    millis = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    assert parse_ts(text) == millis
    assert canonical_time(text) == text
    if moment.year >= 1970:
        epoch = datetime(1970, 1, 1, tzinfo=UTC)
        assert timestamp((millis - epoch) // timedelta(milliseconds=1)) == text


def test_a_year_below_1000_is_padded() -> None:
    """glibc's strftime writes year 999 as `999`; the wire's pattern needs `0999`."""
    assert format_ts(datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC)) == "0999-01-02T03:04:05.000+0000"
