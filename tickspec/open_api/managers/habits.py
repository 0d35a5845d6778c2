"""`OpenClient.habits`: habits, their sections and check-ins over the Open API.

Days are `date`s, `20260407` or `"20260407"` (see `day_number`).

    habit = client.habits.create("Read", goal=1.0, repeat_rule="RRULE:FREQ=DAILY;INTERVAL=1")
    client.habits.checkin(habit.id, date(2026, 4, 7), value=1.0)
    client.habits.get_checkins([habit.id], date(2026, 4, 1), date(2026, 4, 7))
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import open as open_api
from tickspec_generated.models.open_habit import OpenHabit
from tickspec_generated.models.open_habit_checkin import OpenHabitCheckin
from tickspec_generated.models.open_habit_checkin_create import OpenHabitCheckinCreate
from tickspec_generated.models.open_habit_create import OpenHabitCreate
from tickspec_generated.models.open_habit_section import OpenHabitSection
from tickspec_generated.models.open_habit_update import OpenHabitUpdate

from tickspec.managers._flow import Flow, ModeT, operation

from ._base import DayLike, OpenManager, body_of, day_number

__all__ = ["AsyncOpenHabitsManager", "OpenHabitsManager"]


class OpenHabitsManager(OpenManager[ModeT]):
    """Habits over the Open API; blocking on `OpenClient`, awaited on `AsyncOpenClient`."""

    @operation
    def get(self, habit_id: str, **options: Unpack[RequestOptions]) -> Flow[OpenHabit]:
        """One habit: `get("6a1f0c2e8f1b2c3d4e5f6a7b")`."""
        return (yield from open_api.open_get_habit(habit_id))

    @operation
    def get_all(self, **options: Unpack[RequestOptions]) -> Flow[list[OpenHabit]]:
        """Every habit: `get_all()`."""
        return list((yield from open_api.open_list_habits()))

    @operation
    def get_sections(self, **options: Unpack[RequestOptions]) -> Flow[list[OpenHabitSection]]:
        """The habit sections (morning, afternoon, ...): `get_sections()`."""
        return list((yield from open_api.open_list_habit_sections()))

    @operation
    def create(self, /, name: str, **fields: Any) -> Flow[OpenHabit]:
        """A new habit; `fields` are OpenHabitCreate's (snake_case or wire names):
        `create("Read", type="Boolean", goal=1.0, unit="Count",
        repeat_rule="RRULE:FREQ=DAILY;INTERVAL=1", target_start_date=20260401)`.
        """
        body = body_of(OpenHabitCreate, {"name": name}, fields)
        return (yield from open_api.open_create_habit(body))

    @operation
    def update(self, /, habit_id: str, **fields: Any) -> Flow[OpenHabit]:
        """Change the named fields of a habit: `update("6a1f...", name="Read more", goal=2.0)`."""
        body = body_of(OpenHabitUpdate, None, fields)
        return (yield from open_api.open_update_habit(habit_id, body))

    @operation
    def checkin(self, /, habit_id: str, day: DayLike, **fields: Any) -> Flow[OpenHabitCheckin]:
        """Create or change the check-in of a day; `fields` are `value`, `goal`, `status`,
        `time`, `op_time`: `checkin("6a1f...", date(2026, 4, 7), value=1.0, goal=1.0)`.
        """
        body = body_of(OpenHabitCheckinCreate, {"stamp": day_number(day)}, fields)
        return (yield from open_api.open_checkin_habit(habit_id, body))

    @operation
    def get_checkins(
        self,
        habit_ids: Iterable[str],
        start: DayLike,
        end: DayLike,
        **options: Unpack[RequestOptions],
    ) -> Flow[list[OpenHabitCheckin]]:
        """The check-ins of some habits between two days (inclusive):
        `get_checkins(["6a1f...", "6a20..."], date(2026, 4, 1), "20260407")`.
        """
        call = open_api.open_list_habit_checkins(
            habit_ids=",".join(habit_ids), from_=day_number(start), to=day_number(end)
        )
        return list((yield from call))


AsyncOpenHabitsManager = OpenHabitsManager
"""The same class: `AsyncOpenClient.habits` is an `OpenHabitsManager[Awaiting]`."""
