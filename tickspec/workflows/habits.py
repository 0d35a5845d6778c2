"""The habit check-in as the web app performs it (seed 003): two requests.

One click on a habit sends

1. `POST /api/v2/habits/batch` with the WHOLE habit in `update`: `modifiedTime`
   stamped, and - only when this click reaches the goal - `totalCheckIns` and
   `currentStreak` incremented; then
2. `POST /api/v2/habitCheckins/batch` with the day's check-in: in `add` the
   first time that day (new id, `status: 0`, `value: step`), in `update` after
   that; on reaching the goal `value = goal`, `status: 2` and `checkinTime`.

The habit must go first: the web app orders it so, and a server that refused
the habit (stale etag) leaves no orphan check-in behind. `plan_checkin` builds
both bodies from the habit and the day's existing check-in without I/O, so the
seed's exact bodies can be compared field by field in tests.

Statistics are maintained the way the web app does for a same-day click:
+1 on reaching the goal, -1 when a completed day is set back below it. The
server recomputes real streaks from history; the client only keeps its copy in
step so the next whole-habit update does not send stale counters back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from .tasks import Wire, patch

__all__ = [
    "CHECKIN_DONE",
    "CHECKIN_OPEN",
    "CheckinPlan",
    "plan_checkin",
]

CHECKIN_OPEN = 0
CHECKIN_DONE = 2


@dataclass(frozen=True)
class CheckinPlan:
    """Both request bodies' objects of one check-in click."""

    habit: Wire
    """The whole habit for the `update` of request 1."""
    checkin: Wire
    """The check-in for request 2."""
    is_new: bool
    """True: the check-in goes in `add`; False: in `update`."""

    @property
    def completed(self) -> bool:
        return bool(self.checkin.get("status") == CHECKIN_DONE)

    def habit_batch(self) -> dict[str, list[Any]]:
        return {"add": [], "update": [self.habit], "delete": []}

    def checkin_batch(self) -> dict[str, list[Any]]:
        if self.is_new:
            return {"add": [self.checkin], "update": [], "delete": []}
        return {"add": [], "update": [self.checkin], "delete": []}


def _number(value: Any, default: float) -> float:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else default


def plan_checkin(
    habit: Mapping[str, Any],
    existing: Mapping[str, Any] | None,
    *,
    stamp: int,
    now: str,
    new_id: Callable[[], str],
    value: float | None = None,
    step: float | None = None,
) -> CheckinPlan:
    """Plan one check-in of `habit` on day `stamp` (YYYYMMDD).

    - `value` given: set the day's value to it (status 2 when it reaches the goal).
    - otherwise add `step` (default: the habit's `step`, else 1) to the day's
      value, stopping at the goal.
    - a `Boolean` habit (or one without a goal) completes in one step.
    """
    goal = _number(habit.get("goal"), 1)
    before = _number(existing.get("value"), 0) if existing else 0
    was_done = bool(existing and existing.get("status") == CHECKIN_DONE)
    if value is not None:
        after: float = value
    elif str(habit.get("type", "")).lower() == "boolean":
        after = goal
    else:
        increment = step if step is not None else _number(habit.get("step"), 1)
        after = min(before + (increment or 1), goal)
    done = after >= goal
    if done and value is None:
        after = goal

    checkin: Wire = deepcopy(dict(existing)) if existing else {}
    checkin.update({"checkinStamp": stamp})
    if done:
        checkin["checkinTime"] = now
    else:
        checkin.pop("checkinTime", None)
    checkin.update(
        {
            "opTime": now,
            "goal": habit.get("goal", goal),
            "habitId": habit["id"],
            "id": checkin.get("id") or new_id(),
            "status": CHECKIN_DONE if done else CHECKIN_OPEN,
            "value": after,
        }
    )

    stats: dict[str, Any] = {}
    delta = int(done) - int(was_done)
    if delta:
        for key in ("totalCheckIns", "currentStreak"):
            stats[key] = max(0, int(_number(habit.get(key), 0)) + delta)
    return CheckinPlan(habit=patch(habit, now, **stats), checkin=checkin, is_new=existing is None)
