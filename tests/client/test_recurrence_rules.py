"""Issue 13: the recurrence rule's corners that mutation testing showed no test pinned.

UNTIL in its three RFC 5545 forms, exDate in both of its forms, the task's own zone in
every step (series start, anchor, completion day, exclusions, UNTIL), rule keys in any
order, and the one-line reason of every refusal.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tickspec.workflows.recurrence import RecurrenceError, next_occurrence, parse_rule
from tickspec.workflows.times import parse_ts

TOKYO = "Asia/Tokyo"  # UTC+9, no DST: 15:00 UTC is 00:00 the next day in Tokyo
TOKYO_TZ = ZoneInfo(TOKYO)


def due_after(task: dict[str, Any], completed: str | None = None) -> str | None:
    following = next_occurrence(task, parse_ts(completed or task["dueDate"]))
    return None if following is None else following.due_date


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        # a bare date includes that whole day: the 18:00 occurrence on the 19th is in
        ("20260119", "2026-01-19T18:00:00.000+0000"),
        # an instant in UTC: 18:00 on the 19th is after 17:59:59Z
        ("20260119T175959Z", None),
        ("20260119T180000Z", "2026-01-19T18:00:00.000+0000"),
        # a local wall time (no Z) is the task's own clock, like the occurrences
        ("20260119T180000", "2026-01-19T18:00:00.000+0000"),
        ("20260119T175959", None),
    ],
)
def test_until_forms(until: str, expected: str | None) -> None:
    task = {
        "repeatFlag": f"RRULE:FREQ=DAILY;UNTIL={until}",
        "dueDate": "2026-01-18T18:00:00.000+0000",
        "timeZone": "UTC",
    }
    assert due_after(task) == expected


def test_a_bare_until_date_includes_its_last_second() -> None:
    task = {
        "repeatFlag": "RRULE:FREQ=DAILY;UNTIL=20260119",
        "dueDate": "2026-01-18T23:59:30.000+0000",
    }
    assert due_after(task) == "2026-01-19T23:59:30.000+0000"


@pytest.mark.parametrize("repeat_from", ["0", "2"])
def test_until_instant_is_read_in_the_tasks_zone_whatever_the_machines(
    repeat_from: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The machine's own zone (TZ) plays no part: UNTIL's Z means UTC."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        task = {
            "repeatFlag": "RRULE:FREQ=DAILY;UNTIL=20260119T000000Z",
            "repeatFrom": repeat_from,
            "dueDate": "2026-01-18T00:00:00.000+0000",
            "timeZone": TOKYO,
        }
        assert due_after(task) == "2026-01-19T00:00:00.000+0000"
        # one second earlier ends the series: read as New York time it would not
        earlier = {**task, "repeatFlag": "RRULE:FREQ=DAILY;UNTIL=20260118T235959Z"}
        assert due_after(earlier) is None
    finally:
        monkeypatch.undo()
        time.tzset()


def test_until_instant_is_read_in_the_tasks_zone() -> None:
    """Daily at 09:00 Tokyo (00:00Z); UNTIL 2026-01-19T00:00:00Z is 09:00 on the 19th there."""
    task = {
        "repeatFlag": "RRULE:FREQ=DAILY;UNTIL=20260119T000000Z",
        "dueDate": "2026-01-18T00:00:00.000+0000",
        "timeZone": TOKYO,
    }
    assert due_after(task) == "2026-01-19T00:00:00.000+0000"
    last = {**task, "dueDate": "2026-01-19T00:00:00.000+0000"}
    assert due_after(last) is None


def test_until_is_ignored_beside_count() -> None:
    task = {
        "repeatFlag": "RRULE:FREQ=DAILY;COUNT=5;UNTIL=20260101",
        "dueDate": "2026-01-18T18:00:00.000+0000",
    }
    assert due_after(task) == "2026-01-19T18:00:00.000+0000"


def test_count_first_in_the_rule_is_still_the_count() -> None:
    task = {
        "repeatFlag": "RRULE:COUNT=2;FREQ=DAILY",
        "repeatFrom": "2",
        "dueDate": "2026-01-18T18:00:00.000+0000",
        "repeatFirstDate": "2026-01-17T18:00:00.000+0000",
    }
    assert due_after(task) is None


@pytest.mark.parametrize(
    "excluded",
    [
        ["20260119"],
        ["2026-01-19T00:00:00.000+0000"],  # an instant: 09:00 on the 19th in Tokyo
        ["not a date", "20260119"],  # a broken entry is skipped, the rest still count
        ["2026120", "20260119"],  # 7 digits is no day (strptime would read Jan 20)
    ],
)
def test_excluded_days_in_both_forms_on_the_tasks_clock(excluded: list[str]) -> None:
    task = {
        "repeatFlag": "RRULE:FREQ=DAILY",
        "dueDate": "2026-01-18T00:00:00.000+0000",  # 09:00 in Tokyo
        "timeZone": TOKYO,
        "exDate": excluded,
    }
    assert due_after(task) == "2026-01-20T00:00:00.000+0000"


def test_excluded_instant_late_in_the_utc_day_is_the_next_local_day() -> None:
    """2026-01-18T20:00Z is 05:00 on the 19th in Tokyo: the 19th is excluded, not the 18th."""
    task = {
        "repeatFlag": "RRULE:FREQ=DAILY",
        "dueDate": "2026-01-17T00:00:00.000+0000",
        "timeZone": TOKYO,
        "exDate": ["2026-01-18T20:00:00.000+0000"],
    }
    assert due_after(task) == "2026-01-18T00:00:00.000+0000"
    second = {**task, "dueDate": "2026-01-18T00:00:00.000+0000"}
    assert due_after(second) == "2026-01-20T00:00:00.000+0000"


def test_completion_day_is_the_tasks_local_day() -> None:
    """Completed 2026-01-18T16:00Z = 01:00 on the 19th in Tokyo: the next is the 20th."""
    task = {
        "repeatFlag": "RRULE:FREQ=DAILY",
        "repeatFrom": "2",
        "dueDate": "2026-01-18T00:00:00.000+0000",
        "timeZone": TOKYO,
    }
    assert due_after(task, "2026-01-18T16:00:00.000+0000") == "2026-01-20T00:00:00.000+0000"
    assert due_after(task, "2026-01-18T14:00:00.000+0000") == "2026-01-19T00:00:00.000+0000"


def test_weekly_rule_keeps_the_series_day_in_the_tasks_zone() -> None:
    """Saturdays at 08:00 Tokyo = Friday 23:00Z; the recorded first date is read in Tokyo."""
    task = {
        "repeatFlag": "RRULE:FREQ=WEEKLY;BYDAY=SA",
        "startDate": "2026-01-16T23:00:00.000+0000",
        "dueDate": "2026-01-16T23:00:00.000+0000",
        "repeatFirstDate": "2026-01-09T23:00:00.000+0000",
        "timeZone": TOKYO,
    }
    following = next_occurrence(task, parse_ts(task["dueDate"]))
    assert following is not None
    assert following.due_date == following.start_date == "2026-01-23T23:00:00.000+0000"
    assert following.first_date == "2026-01-09T23:00:00.000+0000"


def test_repeat_from_start_and_from_due_pick_their_anchor() -> None:
    task = {
        "repeatFlag": "RRULE:FREQ=WEEKLY;BYDAY=MO",
        "startDate": "2026-01-12T09:00:00.000+0000",  # a Monday
        "dueDate": "2026-01-14T09:00:00.000+0000",  # the Wednesday after
    }
    from_start = next_occurrence({**task, "repeatFrom": "1"}, datetime.now().astimezone())
    from_due = next_occurrence({**task, "repeatFrom": "0"}, datetime.now().astimezone())
    missing = next_occurrence(task, datetime.now().astimezone())
    assert from_start is not None and from_due is not None and missing is not None
    assert from_start.start_date == "2026-01-19T09:00:00.000+0000"
    assert from_due.start_date == "2026-01-17T09:00:00.000+0000"
    assert missing == from_due


def test_unknown_zone_falls_back_to_utc() -> None:
    task = {
        "repeatFlag": "RRULE:FREQ=DAILY",
        "dueDate": "2026-01-18T23:30:00.000+0000",
        "timeZone": "Mars/Olympus",
    }
    assert due_after(task) == "2026-01-19T23:30:00.000+0000"


@pytest.mark.parametrize(
    ("task", "reason"),
    [
        ({}, "the task does not repeat"),
        ({"repeatFlag": "RRULE:FREQ=DAILY"}, "a recurring task needs a startDate or dueDate"),
        (
            {"repeatFlag": "ERULE:NAME=x;BYDATE=20260101", "dueDate": "2026-01-01T00:00:00Z"},
            "custom-date rules are not supported: 'ERULE:NAME=x;BYDATE=20260101'",
        ),
        (
            {"repeatFlag": "erule:name=x", "dueDate": "2026-01-01T00:00:00Z"},
            "custom-date rules are not supported: 'erule:name=x'",
        ),
        (
            {"repeatFlag": "RRULE:INTERVAL=2;FREQ", "dueDate": "2026-01-01T00:00:00Z"},
            "rule has no FREQ: 'RRULE:INTERVAL=2;FREQ'",
        ),
        (
            {"repeatFlag": "RRULE:FREQ=DAILY;BYDAY=MO=1", "dueDate": "2026-01-01T00:00:00Z"},
            "cannot parse 'RRULE:FREQ=DAILY;BYDAY=MO=1': ",
        ),
        (
            {"repeatFlag": "RRULE:FREQ=SOMETIMES", "dueDate": "2026-01-01T00:00:00Z"},
            "cannot parse 'RRULE:FREQ=SOMETIMES': ",
        ),
    ],
)
def test_refusals_say_why(task: dict[str, Any], reason: str) -> None:
    with pytest.raises(RecurrenceError) as raised:
        next_occurrence(task, parse_ts("2026-01-01T00:00:00Z"))
    assert str(raised.value).startswith(reason)


def test_rule_keys_are_read_case_blind_and_unknown_ones_dropped() -> None:
    start = datetime(2026, 1, 1, 9, 0)
    rule = parse_rule("RRULE:freq=DAILY;interval=2;TT_TIMES=3;=x;COUNT=", start, TOKYO_TZ)
    assert rule.after(start) == datetime(2026, 1, 3, 9, 0)
    counted = parse_rule("RRULE:FREQ=DAILY;COUNT=2", start, TOKYO_TZ)
    assert list(counted) == [start, datetime(2026, 1, 2, 9, 0)]
    uncounted = parse_rule("RRULE:FREQ=DAILY;COUNT=2", start, TOKYO_TZ, with_count=False)
    assert uncounted.after(datetime(2026, 1, 5)) == datetime(2026, 1, 5, 9, 0)
