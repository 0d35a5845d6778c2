"""Habit check-ins: the two-request workflow of seed 003, and reading check-ins back.

A check-in (see `tickspec.workflows.habits`) writes the whole habit with its
statistics first, then the day's check-in as an `add` or an `update`. Choosing
add or update needs the day's existing check-in; the local state answers once
the habit's check-ins were read in this session, otherwise they are queried
first (one extra read, so a second client's check-in of the same day is
updated, never duplicated).

Habits travel with `client.sync()` (`sync_with_habits`), as TickTick's own
clients refresh them, and so do the check-ins read in this session. A check-in
whose habit update meets `ETAG_MISMATCH` (another client checked in since the
habit was read) re-reads the habit and its check-ins and plans again, once;
when an earlier try of our own update may have been applied and the server's
habit is what we sent, it is taken as applied instead of counted twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import habits as habits_api
from tickspec_generated.models.habit import Habit
from tickspec_generated.models.habit_batch_request import HabitBatchRequest
from tickspec_generated.models.habit_checkin import HabitCheckin
from tickspec_generated.models.habit_checkin_batch_request import HabitCheckinBatchRequest
from tickspec_generated.models.habit_checkin_query_request import HabitCheckinQueryRequest
from tickspec_generated.models.sync_response import SyncResponse

from tickspec import wire
from tickspec.errors import BatchError
from tickspec.state import LocalState
from tickspec.workflows.habits import CheckinPlan, plan_checkin
from tickspec.workflows.times import date_stamp, parse_stamp, parse_ts, zone

from ._base import BatchEndpoint, ManagerBase, sync_flow, wire_of
from ._flow import Flow, ModeT, operation

HABITS = BatchEndpoint("habits", habits_api.batch_habit, "batchHabit", HabitBatchRequest)
CHECKINS = BatchEndpoint(
    "habit_checkins",
    habits_api.batch_habit_checkin,
    "batchHabitCheckin",
    HabitCheckinBatchRequest,
)

StampLike = int | str | date
COUNTERS = ("modifiedTime", "totalCheckIns", "currentStreak")
"""The habit fields a check-in's update changes: equal on the server means it landed."""


def read_checkins(state: LocalState, ids: list[str], after_stamp: int) -> Flow[list[HabitCheckin]]:
    """Query the habits' check-ins after a day and make the state hold exactly those."""
    body = wire.parse(HabitCheckinQueryRequest, {"habitIds": ids, "afterStamp": after_stamp})
    answer = yield from habits_api.query_habit_checkins(body)
    found = [c for habit_id in ids for c in (answer.checkins or {}).get(habit_id, [])]
    stale = [
        key
        for key, c in state.habit_checkins.items()
        if c.habit_id in ids and c.checkin_stamp > after_stamp
    ]
    state.remove("habit_checkins", stale)
    state.upsert("habit_checkins", found)
    for habit_id in ids:
        known = state.checkins_read_after.get(habit_id, after_stamp)
        state.checkins_read_after[habit_id] = min(known, after_stamp)
    return found


def refresh_habits(state: LocalState) -> Flow[list[Habit]]:
    """Re-read every habit, and the check-ins this session has read, from the server."""
    habits = list((yield from habits_api.get_habits()))
    state.replace("habits", habits)
    state.habits_loaded = True
    gone = [key for key, c in state.habit_checkins.items() if c.habit_id not in state.habits]
    state.remove("habit_checkins", gone)
    by_after: dict[int, list[str]] = defaultdict(list)
    for habit_id, after in list(state.checkins_read_after.items()):
        if habit_id in state.habits:
            by_after[after].append(habit_id)
        else:
            del state.checkins_read_after[habit_id]
    for after, ids in sorted(by_after.items()):
        yield from read_checkins(state, sorted(ids), after)
    return habits


def sync_with_habits(client: Any, full: bool = False) -> Flow[SyncResponse]:
    """`client.sync()`: the sync answer, then (once habits were read in this session)
    habits and the check-ins read so far, into the state.

    The sync answer does not carry habits; TickTick's clients re-read them, and a
    write whose outcome was unknown is settled by this re-read as by the sync. A
    session that never read habits pays no extra request.
    """
    answer = yield from sync_flow(client, full)
    if client.state.habits_loaded:
        yield from refresh_habits(client.state)
    return answer


class HabitCheckins(ManagerBase[ModeT]):
    """Check-ins, and the habit reads they need; `HabitsManager` adds the habits' own
    operations."""

    def _stamp(self, stamp: StampLike | None) -> int:
        """YYYYMMDD of a day; None is today on the user's clock (`timezone` option)."""
        if stamp is None:
            return date_stamp(parse_ts(self._now()).astimezone(zone(self._timezone)).date())
        if isinstance(stamp, date):
            return date_stamp(stamp)
        return date_stamp(parse_stamp(stamp))

    def _day_checkin(self, habit_id: str, stamp: int) -> HabitCheckin | None:
        for checkin in self._state.habit_checkins.values():
            if checkin.habit_id == habit_id and checkin.checkin_stamp == stamp:
                return checkin
        return None

    def _ensure_checkins(self, habit_ids: Iterable[str], stamp: int) -> Flow[None]:
        before = date_stamp(parse_stamp(stamp) - timedelta(days=1))
        missing = sorted(
            {h for h in habit_ids if self._state.checkins_read_after.get(h, before + 1) > before}
        )
        if missing:
            yield from read_checkins(self._state, missing, before)

    def _get_all(self) -> Flow[list[Habit]]:
        habits = list((yield from habits_api.get_habits()))
        self._state.replace("habits", habits)
        self._state.habits_loaded = True
        return habits

    def _get(self, habit_id: str) -> Flow[Habit]:
        missing = f"habit {habit_id} not found"
        return (yield from self._find("habits", habit_id, Habit, missing, refresh=self._get_all))

    @operation
    def checkin(
        self,
        habit_id: str,
        stamp: StampLike | None = None,
        *,
        value: float | None = None,
        step: float | None = None,
        **options: Unpack[RequestOptions],
    ) -> Flow[HabitCheckin]:
        """Check in on `stamp` (YYYYMMDD, date; default today): add a step, or set `value`.

        The seed-003 sequence: the habit (statistics, etag) first, then the check-in.
        """
        day = self._stamp(stamp)
        yield from self._get(habit_id)
        yield from self._ensure_checkins([habit_id], day)
        plan = self._plan(habit_id, day, value, step)
        try:
            yield from self._write_batch(HABITS, update=[plan.habit])
        except BatchError as exc:
            if str(exc.failed.get(habit_id, "")).lower() != "etag_mismatch":
                raise
            # another client wrote the habit since we read it (or our own first try
            # landed): re-read it and the check-ins read so far (the day's among them)
            yield from refresh_habits(self._state)
            if not (exc.outcome == "unknown" and self._landed(plan)):
                plan = self._plan(habit_id, day, value, step)
                yield from self._write_batch(HABITS, update=[plan.habit])
        batch = plan.checkin_batch()
        yield from self._write_batch(CHECKINS, add=batch["add"], update=batch["update"])
        return self._stored("habit_checkins", plan.checkin["id"], HabitCheckin)

    def _plan(
        self, habit_id: str, day: int, value: float | None, step: float | None
    ) -> CheckinPlan:
        """The check-in's two bodies from the habit and the day's check-in the state holds."""
        existing = self._day_checkin(habit_id, day)
        return plan_checkin(
            wire_of(self._stored("habits", habit_id, Habit)),
            wire_of(existing) if existing is not None else None,
            stamp=day,
            now=self._now(),
            new_id=self._new_id,
            value=value,
            step=step,
        )

    def _landed(self, plan: CheckinPlan) -> bool:
        """Whether the server's habit (just re-read) carries the update `plan` sent."""
        found = self._state.habits.get(str(plan.habit["id"]))
        stored = wire_of(found) if found is not None else {}
        return all(stored.get(name) == plan.habit.get(name) for name in COUNTERS)

    @operation
    def batch_checkin(
        self,
        checkins: Iterable[HabitCheckin | Mapping[str, Any]],
        **options: Unpack[RequestOptions],
    ) -> Flow[list[HabitCheckin]]:
        """Record raw check-ins (`{habitId, checkinStamp, value, status}`) in one request."""
        now = self._now()
        given = [wire_of(c) for c in checkins]
        for entry in given:
            entry["checkinStamp"] = self._stamp(entry["checkinStamp"])
        for habit_id in {entry["habitId"] for entry in given}:
            days = [e["checkinStamp"] for e in given if e["habitId"] == habit_id]
            yield from self._ensure_checkins([habit_id], min(days))
        add, update = [], []
        for entry in given:
            existing = self._day_checkin(entry["habitId"], entry["checkinStamp"])
            if existing is not None:
                update.append({**wire_of(existing), "opTime": now, **entry})
            else:
                add.append({"id": self._new_id(), "opTime": now, **entry})
        yield from self._write_batch(CHECKINS, add=add, update=update)
        return [self._stored("habit_checkins", c["id"], HabitCheckin) for c in [*add, *update]]

    @operation
    def get_checkins(
        self,
        habit_ids: Iterable[str],
        after_stamp: StampLike | None = None,
        **options: Unpack[RequestOptions],
    ) -> Flow[list[HabitCheckin]]:
        """Check-ins of the habits after a day (all of them when `after_stamp` is None)."""
        after = self._stamp(after_stamp) if after_stamp is not None else 19700101
        return (yield from read_checkins(self._state, list(habit_ids), after))
