"""A COUNT series has exactly COUNT occurrences, whatever `repeatFrom` anchors it.

The "2" (from completion) branch counts the occurrences itself; "0" and "1" leave it to
dateutil. Each series is walked occurrence by occurrence the way the client does it: the
next dates and `repeatFirstDate` go back into the task, and the occurrence is completed on
its own day.
"""

from __future__ import annotations

from typing import Any

import pytest

from tickspec.workflows.recurrence import next_occurrence
from tickspec.workflows.times import parse_ts

FIRST = "2026-01-17T15:00:00.000+0000"


def occurrences(task: dict[str, Any], *, limit: int = 20) -> list[str]:
    """The due dates of the series, first included, until next_occurrence says it ended."""
    seen = [task["dueDate"]]
    while len(seen) <= limit:
        following = next_occurrence(task, parse_ts(task["dueDate"]))
        if following is None:
            return seen
        task = {
            **task,
            "startDate": following.start_date,
            "dueDate": following.due_date,
            "repeatFirstDate": following.first_date,
        }
        seen.append(task["dueDate"])
    raise AssertionError(f"series did not end after {limit} occurrences: {seen}")


@pytest.mark.parametrize("repeat_from", ["0", "1", "2"])
@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_count_series_has_exactly_count_occurrences(repeat_from: str, count: int) -> None:
    task = {
        "repeatFlag": f"RRULE:FREQ=DAILY;INTERVAL=1;COUNT={count}",
        "repeatFrom": repeat_from,
        "startDate": FIRST,
        "dueDate": FIRST,
    }
    days = occurrences(task)
    assert days == [f"2026-01-{17 + i}T15:00:00.000+0000" for i in range(count)]


def test_count_from_completion_counts_from_the_recorded_first_date() -> None:
    """The third of a COUNT=3 series (first date recorded) is the last one."""
    task = {
        "repeatFlag": "RRULE:FREQ=DAILY;COUNT=3",
        "repeatFrom": "2",
        "dueDate": "2026-01-19T15:00:00.000+0000",
        "repeatFirstDate": FIRST,
    }
    assert next_occurrence(task, parse_ts(task["dueDate"])) is None
    second = {**task, "dueDate": "2026-01-18T15:00:00.000+0000"}
    following = next_occurrence(second, parse_ts(second["dueDate"]))
    assert following is not None
    assert (following.due_date, following.first_date) == ("2026-01-19T15:00:00.000+0000", FIRST)
