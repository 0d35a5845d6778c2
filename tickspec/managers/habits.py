"""`client.habits`: habits and their daily check-ins.

    water = client.habits.create("Water", type="Real", goal=8, step=1, unit="Glass")
    client.habits.checkin(water.id)               # +1 glass today (status 0)
    client.habits.checkin(water.id, value=8)      # goal reached: status 2, totalCheckIns + 1

Writes use `POST /api/v2/habits/batch` and `/api/v2/habitCheckins/batch`, the
endpoints the web app uses; the single-object habit endpoints answer 405 to
cookie sessions (seed 001).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import habits as habits_api
from tickspec_generated.fields import HabitCreateFields
from tickspec_generated.models.habit import Habit
from tickspec_generated.models.habit_checkin import HabitCheckin
from tickspec_generated.models.habit_preferences import HabitPreferences
from tickspec_generated.models.habit_section import HabitSection

from ._flow import Flow, ModeT, operation
from ._habits import HabitFlows, StampLike

__all__ = ["AsyncHabitsManager", "HabitsManager"]


class HabitsManager(HabitFlows[ModeT]):
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
        return (yield from self._get_by_status(archived=False))

    @operation
    def get_archived(self, **options: Unpack[RequestOptions]) -> Flow[list[Habit]]:
        """The archived habits.

        For example:

            client.habits.get_archived()
        """
        return (yield from self._get_by_status(archived=True))

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
        return (yield from self._create(name, fields))

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
        yield from self._delete(habit_id)

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
        return (yield from self._checkin(habit_id, stamp, value=value, step=step))

    @operation
    def batch_checkin(
        self,
        checkins: Iterable[HabitCheckin | Mapping[str, Any]],
        **options: Unpack[RequestOptions],
    ) -> Flow[list[HabitCheckin]]:
        """Record raw check-ins (`{habitId, checkinStamp, value, status}`) in one request."""
        return (yield from self._batch_checkin(checkins))

    @operation
    def get_checkins(
        self,
        habit_ids: Iterable[str],
        after_stamp: StampLike | None = None,
        **options: Unpack[RequestOptions],
    ) -> Flow[list[HabitCheckin]]:
        """Check-ins of the habits after a day (all of them when `after_stamp` is None)."""
        return (yield from self._get_checkins(habit_ids, after_stamp))

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


AsyncHabitsManager = HabitsManager
"""The same class: `AsyncClient.habits` is a `HabitsManager[Awaiting]`."""
