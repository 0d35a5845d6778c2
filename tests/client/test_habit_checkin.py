"""Issue 13: the habit check-in plan on the paths the captured check-in (003) does not take.

Counting habits that need several clicks, Boolean habits, undoing a day, and habits
whose stored numbers are missing or not numbers, each checked on the two bodies the
web app would send.
"""

from __future__ import annotations

from typing import Any

import pytest

from tickspec.workflows.habits import CHECKIN_DONE, CHECKIN_OPEN, plan_checkin

NOW = "2026-01-17T13:16:24.000+0000"
DAY = 20260117


def habit(**fields: Any) -> dict[str, Any]:
    return {"id": "h1", "goal": 3, "step": 1, "totalCheckIns": 5, "currentStreak": 2, **fields}


def checkin(**fields: Any) -> dict[str, Any]:
    return {"id": "c1", "habitId": "h1", "checkinStamp": DAY, **fields}


def plan(h: dict[str, Any], existing: dict[str, Any] | None, **kwargs: Any) -> Any:
    return plan_checkin(h, existing, stamp=DAY, now=NOW, new_id=lambda: "new", **kwargs)


def test_a_click_below_the_goal_adds_the_step_and_leaves_the_day_open() -> None:
    result = plan(habit(), checkin(value=1, status=CHECKIN_OPEN, checkinTime="old"))
    assert result.checkin == checkin(
        value=2, status=CHECKIN_OPEN, goal=3, opTime=NOW
    )  # no checkinTime while open
    assert result.habit == {**habit(), "modifiedTime": NOW}  # the stats do not move
    assert not result.completed and not result.is_new
    assert result.checkin_batch() == {"add": [], "update": [result.checkin], "delete": []}


def test_the_click_that_reaches_the_goal_completes_and_counts() -> None:
    result = plan(habit(step=2), checkin(value=2, status=CHECKIN_OPEN))
    assert result.checkin == checkin(
        value=3, status=CHECKIN_DONE, goal=3, opTime=NOW, checkinTime=NOW
    )
    assert (result.habit["totalCheckIns"], result.habit["currentStreak"]) == (6, 3)
    assert result.completed
    assert result.habit_batch() == {"add": [], "update": [result.habit], "delete": []}


def test_a_first_click_creates_the_checkin_with_a_new_id() -> None:
    result = plan(habit(), None, step=0.5)
    assert result.checkin == {
        "checkinStamp": DAY,
        "opTime": NOW,
        "goal": 3,
        "habitId": "h1",
        "id": "new",
        "status": CHECKIN_OPEN,
        "value": 0.5,
    }
    assert result.is_new
    assert result.checkin_batch() == {"add": [result.checkin], "update": [], "delete": []}


@pytest.mark.parametrize("kind", ["Boolean", "boolean"])
def test_a_boolean_habit_completes_in_one_click_whatever_the_step(kind: str) -> None:
    result = plan(habit(type=kind, goal=1), None, step=0.25)
    assert (result.checkin["value"], result.checkin["status"]) == (1, CHECKIN_DONE)


def test_a_given_value_is_kept_even_past_the_goal() -> None:
    result = plan(habit(), checkin(value=1, status=CHECKIN_OPEN), value=5)
    assert (result.checkin["value"], result.checkin["status"]) == (5, CHECKIN_DONE)


def test_undoing_a_done_day_uncounts_it_but_never_below_zero() -> None:
    done = checkin(value=3, status=CHECKIN_DONE, checkinTime="old")
    result = plan(habit(totalCheckIns=0, currentStreak=4), done, value=0)
    assert result.checkin["status"] == CHECKIN_OPEN and "checkinTime" not in result.checkin
    assert (result.habit["totalCheckIns"], result.habit["currentStreak"]) == (0, 3)


def test_missing_or_non_numeric_numbers_take_their_defaults() -> None:
    """No goal: one click completes (goal 1, and the check-in carries none of its own
    making); a boolean or text value counts as nothing; missing stats start at 0."""
    bare: dict[str, Any] = {"id": "h1", "goal": "three", "step": True}
    result = plan(bare, checkin(value=True, status=CHECKIN_OPEN))
    assert result.checkin["value"] == 1 and result.checkin["status"] == CHECKIN_DONE
    assert result.checkin["goal"] == "three"  # the habit's own field goes back as it was
    assert (result.habit["totalCheckIns"], result.habit["currentStreak"]) == (1, 1)
    no_goal = plan({"id": "h1"}, None)
    assert (no_goal.checkin["goal"], no_goal.checkin["value"]) == (1, 1)


def test_a_zero_step_still_moves_by_one() -> None:
    result = plan(habit(step=0), checkin(value=0, status=CHECKIN_OPEN))
    assert result.checkin["value"] == 1


def test_a_non_numeric_day_value_counts_from_zero_and_a_missing_step_is_one() -> None:
    result = plan({"id": "h1", "goal": 3}, checkin(value="two", status=CHECKIN_OPEN))
    assert (result.checkin["value"], result.checkin["status"]) == (1, CHECKIN_OPEN)
