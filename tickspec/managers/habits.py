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
from typing import Any

from tickspec_generated.models.habit import Habit
from tickspec_generated.models.habit_checkin import HabitCheckin
from tickspec_generated.models.habit_preferences import HabitPreferences
from tickspec_generated.models.habit_section import HabitSection

from ._flow import arun, awaiting, blocking, run
from ._habits import HabitFlows, StampLike

__all__ = ["AsyncHabitsManager", "HabitsManager"]


class HabitsManager(HabitFlows):
    """Habit operations over a blocking `Client`."""

    def get_all(self) -> list[Habit]:
        """Every habit, active and archived."""
        return run(self._client, self._get_all())

    def get_active(self) -> list[Habit]:
        return run(self._client, self._get_by_status(archived=False))

    def get_archived(self) -> list[Habit]:
        return run(self._client, self._get_by_status(archived=True))

    def get(self, habit_id: str) -> Habit:
        return run(self._client, self._get(habit_id))

    def create(self, name: str, **fields: Any) -> Habit:
        """Create a habit (Boolean, daily by default); fields in snake_case or wire names."""
        return run(self._client, self._create(name, fields))

    def update(self, habit: Habit | Mapping[str, Any]) -> Habit:
        """Save a whole habit (as loaded, with its etag)."""
        return run(self._client, self._update(habit))

    def archive(self, habit_id: str) -> Habit:
        return run(self._client, self._set_archived(habit_id, True))

    def unarchive(self, habit_id: str) -> Habit:
        return run(self._client, self._set_archived(habit_id, False))

    def delete(self, habit_id: str) -> None:
        run(self._client, self._delete(habit_id))

    checkin = blocking(HabitFlows._checkin)

    def batch_checkin(
        self, checkins: Iterable[HabitCheckin | Mapping[str, Any]]
    ) -> list[HabitCheckin]:
        """Record raw check-ins (`{habitId, checkinStamp, value, status}`) in one request."""
        return run(self._client, self._batch_checkin(checkins))

    def get_checkins(
        self, habit_ids: Iterable[str], after_stamp: StampLike | None = None
    ) -> list[HabitCheckin]:
        """Check-ins of the habits after a day (all of them when `after_stamp` is None)."""
        return run(self._client, self._get_checkins(habit_ids, after_stamp))

    def get_preferences(self) -> HabitPreferences:
        return run(self._client, self._get_preferences())

    def get_sections(self) -> list[HabitSection]:
        return run(self._client, self._get_sections())


class AsyncHabitsManager(HabitFlows):
    """Habit operations over an `AsyncClient`; same methods, awaited."""

    async def get_all(self) -> list[Habit]:
        return await arun(self._client, self._get_all())

    async def get_active(self) -> list[Habit]:
        return await arun(self._client, self._get_by_status(archived=False))

    async def get_archived(self) -> list[Habit]:
        return await arun(self._client, self._get_by_status(archived=True))

    async def get(self, habit_id: str) -> Habit:
        return await arun(self._client, self._get(habit_id))

    async def create(self, name: str, **fields: Any) -> Habit:
        return await arun(self._client, self._create(name, fields))

    async def update(self, habit: Habit | Mapping[str, Any]) -> Habit:
        return await arun(self._client, self._update(habit))

    async def archive(self, habit_id: str) -> Habit:
        return await arun(self._client, self._set_archived(habit_id, True))

    async def unarchive(self, habit_id: str) -> Habit:
        return await arun(self._client, self._set_archived(habit_id, False))

    async def delete(self, habit_id: str) -> None:
        await arun(self._client, self._delete(habit_id))

    checkin = awaiting(HabitFlows._checkin)

    async def batch_checkin(
        self, checkins: Iterable[HabitCheckin | Mapping[str, Any]]
    ) -> list[HabitCheckin]:
        return await arun(self._client, self._batch_checkin(checkins))

    async def get_checkins(
        self, habit_ids: Iterable[str], after_stamp: StampLike | None = None
    ) -> list[HabitCheckin]:
        return await arun(self._client, self._get_checkins(habit_ids, after_stamp))

    async def get_preferences(self) -> HabitPreferences:
        return await arun(self._client, self._get_preferences())

    async def get_sections(self) -> list[HabitSection]:
        return await arun(self._client, self._get_sections())
