"""`client.habits`: habits and their daily check-ins.

    water = client.habits.create("Water", type="Real", goal=8, step=1, unit="Glass")
    client.habits.checkin(water.id)               # +1 glass today (status 0)
    client.habits.checkin(water.id, value=8)      # goal reached: status 2, totalCheckIns + 1

Writes use `POST /api/v2/habits/batch` and `/api/v2/habitCheckins/batch`, the
endpoints the web app uses; the single-object habit endpoints answer 405 to
cookie sessions (seed 001). The habits' own operations are here; the check-in
workflow (and the habit reads it needs) is `_checkins.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import habits as habits_api
from tickspec_generated.fields import HabitCreateFields
from tickspec_generated.models.habit import Habit
from tickspec_generated.models.habit_preferences import HabitPreferences
from tickspec_generated.models.habit_section import HabitSection

from tickspec.workflows.tasks import patch

from ._base import to_wire_fields, wire_of
from ._checkins import HABITS, HabitCheckins, StampLike, sync_with_habits
from ._flow import Flow, ModeT, operation

__all__ = ["AsyncHabitsManager", "HabitsManager", "StampLike", "sync_with_habits"]

SORT_STEP = 1 << 40
ACTIVE, ARCHIVED = 0, 1


class HabitsManager(HabitCheckins[ModeT]):
    """Habit operations; `Client.habits` runs them blocking, `AsyncClient.habits` awaited."""

    @operation
    def get_all(self, **options: Unpack[RequestOptions]) -> Flow[list[Habit]]:
        """Every habit, active and archived."""
        return (yield from self._get_all())

    @operation
    def get_active(self, **options: Unpack[RequestOptions]) -> Flow[list[Habit]]:
        """The habits that are not archived.

        For example:

            for habit in client.habits.get_active(): print(habit.name)
        """
        habits = yield from self._get_all()
        return [h for h in habits if h.status != ARCHIVED]

    @operation
    def get_archived(self, **options: Unpack[RequestOptions]) -> Flow[list[Habit]]:
        """The archived habits.

        For example:

            client.habits.get_archived()
        """
        habits = yield from self._get_all()
        return [h for h in habits if h.status == ARCHIVED]

    @operation
    def get(self, habit_id: str, **options: Unpack[RequestOptions]) -> Flow[Habit]:
        """One habit by id (refreshed from the server if it is not known).

        For example:

            client.habits.get(habit_id).current_streak
        """
        return (yield from self._get(habit_id))

    @operation
    def create(self, /, name: str, **fields: Unpack[HabitCreateFields]) -> Flow[Habit]:
        """Create a habit (Boolean, daily by default); fields in snake_case or wire names."""
        now = self._now()  # the web app's defaults (seed 003), then the caller's fields
        orders = [h.sort_order for h in self._state.habits.values() if h.sort_order is not None]
        body: dict[str, Any] = {
            "color": "#97E38B",
            "iconRes": "habit_daily_check_in",
            "createdTime": now,
            "encouragement": "",
            "etag": "",
            "goal": 1,
            "id": self._new_id(),
            "modifiedTime": now,
            "name": name,
            "recordEnable": False,
            "reminders": [],
            "repeatRule": "RRULE:FREQ=DAILY;INTERVAL=1",
            "sortOrder": min([0, *orders]) - SORT_STEP,
            "status": ACTIVE,
            "step": 1,
            "totalCheckIns": 0,
            "type": "Boolean",
            "unit": "Count",
            "targetDays": 0,
            "targetStartDate": self._stamp(None),
            "completedCycles": 0,
            "exDates": [],
            "currentStreak": 0,
            "style": 1,
        }
        body.update({k: v for k, v in to_wire_fields(Habit, fields).items() if v is not None})
        yield from self._write_batch(HABITS, add=[body])
        return self._stored("habits", body["id"], Habit)

    @operation
    def update(
        self, habit: Habit | Mapping[str, Any], **options: Unpack[RequestOptions]
    ) -> Flow[Habit]:
        """Save a whole habit (as loaded, with its etag)."""
        return (yield from self._update(habit))

    @operation
    def archive(self, habit_id: str, **options: Unpack[RequestOptions]) -> Flow[Habit]:
        """Archive a habit (status 1): kept with its check-ins, hidden from today.

        For example:

            client.habits.archive(habit.id)
        """
        return (yield from self._set_archived(habit_id, True))

    @operation
    def unarchive(self, habit_id: str, **options: Unpack[RequestOptions]) -> Flow[Habit]:
        """Bring an archived habit back (status 0).

        For example:

            client.habits.unarchive(habit.id)
        """
        return (yield from self._set_archived(habit_id, False))

    @operation
    def delete(self, habit_id: str, **options: Unpack[RequestOptions]) -> Flow[None]:
        """Delete a habit.

        For example:

            client.habits.delete(habit.id)
        """
        yield from self._write_batch(HABITS, delete=[habit_id])
        gone = [k for k, c in self._state.habit_checkins.items() if c.habit_id == habit_id]
        self._state.remove("habit_checkins", gone)

    @operation
    def get_preferences(self, **options: Unpack[RequestOptions]) -> Flow[HabitPreferences]:
        """The account's habit settings (`HabitPreferences`).

        For example:

            client.habits.get_preferences()
        """
        return (yield from habits_api.get_habit_preferences())

    @operation
    def get_sections(self, **options: Unpack[RequestOptions]) -> Flow[list[HabitSection]]:
        """The habit sections (morning, afternoon, night, ...), as the server lists them.

        For example:

            [s.name for s in client.habits.get_sections()]
        """
        return list((yield from habits_api.get_habit_sections()))

    def _update(self, habit: Habit | Mapping[str, Any]) -> Flow[Habit]:
        body = patch(wire_of(habit), self._now())
        yield from self._write_batch(HABITS, update=[body])
        return self._stored("habits", body["id"], Habit)

    def _set_archived(self, habit_id: str, archived: bool) -> Flow[Habit]:
        current = yield from self._get(habit_id)
        changes: dict[str, Any] = {"status": ARCHIVED if archived else ACTIVE}
        changes["archivedTime"] = self._now() if archived else None
        return (yield from self._update(patch(wire_of(current), None, **changes)))


AsyncHabitsManager = HabitsManager
"""The same class: `AsyncClient.habits` is a `HabitsManager[Awaiting]`."""
