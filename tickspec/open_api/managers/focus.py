"""`OpenClient.focus`: focus records (pomodoros and timings) over the Open API.

Every focus call names the focus type, as the service requires: `POMODORO` (0)
or `TIMING` (1).

    record = client.focus.create(POMODORO, task_id=task.id, duration=1500,
                                 start_time=datetime(2026, 4, 7, 9, 0),
                                 end_time=datetime(2026, 4, 7, 9, 25))
    client.focus.get_all(date(2026, 4, 1), date(2026, 4, 2), TIMING)
"""

from __future__ import annotations

from typing import Any, Literal, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import open as open_api
from tickspec_generated.models.open_focus import OpenFocus
from tickspec_generated.models.open_focus_create import OpenFocusCreate

from tickspec.managers._flow import Flow, ModeT, operation

from ._base import InstantLike, OpenManager, body_of, instant

__all__ = ["POMODORO", "TIMING", "AsyncOpenFocusManager", "FocusType", "OpenFocusManager"]

FocusType = Literal[0, 1]
POMODORO: FocusType = 0
TIMING: FocusType = 1


class OpenFocusManager(OpenManager[ModeT]):
    """Focus records over the Open API; blocking on `OpenClient`, awaited on `AsyncOpenClient`."""

    @operation
    def get(
        self, focus_id: str, focus_type: FocusType, **options: Unpack[RequestOptions]
    ) -> Flow[OpenFocus]:
        """One focus record: `get("6a1f...", POMODORO)`."""
        return (yield from open_api.open_get_focus(focus_id, type=focus_type))

    @operation
    def get_all(
        self,
        start: InstantLike,
        end: InstantLike,
        focus_type: FocusType,
        **options: Unpack[RequestOptions],
    ) -> Flow[list[OpenFocus]]:
        """Focus records between two times (the service looks back at most 30 days from
        `end`): `get_all(date(2026, 4, 1), "2026-04-02T00:00:00+0800", TIMING)`.
        """
        call = open_api.open_list_focuses(from_=instant(start), to=instant(end), type=focus_type)
        return list((yield from call))

    @operation
    def create(self, /, focus_type: FocusType, **fields: Any) -> Flow[OpenFocus]:
        """Record a focus; `fields` are OpenFocusCreate's (snake_case or wire names):
        `create(POMODORO, task_id="63b7...", note="Deep work", duration=1500,
        start_time=datetime(2026, 4, 7, 9), end_time="2026-04-07T09:25:00+0800")`.
        """
        body = body_of(OpenFocusCreate, {"type": focus_type}, fields)
        return (yield from open_api.open_create_focus(body))

    @operation
    def delete(
        self, focus_id: str, focus_type: FocusType, **options: Unpack[RequestOptions]
    ) -> Flow[OpenFocus]:
        """Delete a focus record; the service answers the deleted record:
        `delete("6a1f...", POMODORO)`.
        """
        return (yield from open_api.open_delete_focus(focus_id, type=focus_type))


AsyncOpenFocusManager = OpenFocusManager
"""The same class: `AsyncOpenClient.focus` is an `OpenFocusManager[Awaiting]`."""
