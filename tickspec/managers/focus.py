"""`client.focus`: focus (pomodoro) statistics, the timeline of records, timers, the timer.

Days are `date`s or `yyyyMMdd` strings. `operate` drives the running focus
session (`POST /focus/batch/focusOp`), which TickTick serves on the focus host
`ms.ticktick.com`, not on the API host: the operation's own `servers` in the spec
send it there from a client of api.ticktick.com (ms.dida365.com from
api.dida365.com), with the same session; a client of any other base URL, such as
`tickspec serve`, sends it to that URL. The client remembers the last `point` so
consecutive calls chain without the caller passing it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import focus as focus_api
from tickspec_generated.models.batch_response import BatchResponse
from tickspec_generated.models.focus_distribution import FocusDistribution
from tickspec_generated.models.focus_general import FocusGeneralStatistics
from tickspec_generated.models.focus_heatmap import FocusHeatmapDay
from tickspec_generated.models.focus_op_request import FocusOpRequest
from tickspec_generated.models.focus_op_response import FocusOpResponse
from tickspec_generated.models.focus_record import FocusRecord
from tickspec_generated.models.focus_record_batch_request import FocusRecordBatchRequest
from tickspec_generated.models.focus_timer_list import FocusTimer

from tickspec import wire

from ._base import ManagerBase, wire_of
from ._flow import Flow, ModeT, operation

__all__ = ["AsyncFocusManager", "FocusManager", "day_stamp"]


def day_stamp(day: date | str) -> str:
    """`date(2026, 1, 17)` or `"20260117"` -> `"20260117"`, the path form of a day."""
    return day.strftime("%Y%m%d") if isinstance(day, date) else str(day)


class FocusManager(ManagerBase[ModeT]):
    """Focus reads and writes; `Client.focus` runs them blocking, `AsyncClient.focus` awaited."""

    _last_point: int = 0

    @operation
    def heatmap(
        self, start: date | str, end: date | str, **options: Unpack[RequestOptions]
    ) -> Flow[list[FocusHeatmapDay]]:
        """Focus minutes per day between two days (inclusive)."""
        return (yield from focus_api.get_focus_heatmap(day_stamp(start), day_stamp(end)))

    @operation
    def distribution(
        self, start: date | str, end: date | str, **options: Unpack[RequestOptions]
    ) -> Flow[FocusDistribution]:
        """Focus minutes per project id, tag and task id between two days."""
        return (yield from focus_api.get_focus_distribution(day_stamp(start), day_stamp(end)))

    @operation
    def by_hour(
        self,
        start: date | str,
        end: date | str,
        *,
        per_day: bool = False,
        **options: Unpack[RequestOptions],
    ) -> Flow[dict[str, float]]:
        """Focus minutes by hour of the day (`per_day`: by day instead), between two days."""
        first, last = day_stamp(start), day_stamp(end)
        if per_day:
            found = yield from focus_api.get_focus_clock_by_day(first, last)
        else:
            found = yield from focus_api.get_focus_clock_distribution(first, last)
        return dict(found)

    @operation
    def statistics(self, **options: Unpack[RequestOptions]) -> Flow[FocusGeneralStatistics]:
        """Pomodoro counts and minutes, today and in total."""
        return (yield from focus_api.get_focus_general_statistics())

    @operation
    def timeline(
        self, *, before_ms: int | None = None, **options: Unpack[RequestOptions]
    ) -> Flow[list[FocusRecord]]:
        """Focus records, newest first; `before_ms` pages back (a record's start, ms)."""
        return (yield from focus_api.get_focus_timeline(to=before_ms))

    @operation
    def timers(self, **options: Unpack[RequestOptions]) -> Flow[list[FocusTimer]]:
        """The focus timers (`FocusTimer`) set up in the app.

        For example:

            client.focus.timers()
        """
        return (yield from focus_api.get_focus_timers())

    @operation
    def save_records(
        self,
        add: Sequence[FocusRecord | Mapping[str, Any]] = (),
        update: Sequence[FocusRecord | Mapping[str, Any]] = (),
        delete: Sequence[str] = (),
        **options: Unpack[RequestOptions],
    ) -> Flow[BatchResponse]:
        """Add, change or delete focus records (objects carry their own ids)."""
        body = {
            "add": [wire_of(r) for r in add],
            "update": [wire_of(r) for r in update],
            "delete": list(delete),
        }
        call = focus_api.batch_focus_records(wire.parse(FocusRecordBatchRequest, body))
        return (yield from call)

    @operation
    def delete_record(self, record_id: str, **options: Unpack[RequestOptions]) -> Flow[None]:
        """Delete one focus (pomodoro or stopwatch) record by id.

        For example:

            client.focus.delete_record(record_id)
        """
        yield from focus_api.delete_focus_record(record_id)

    @operation
    def operate(
        self, *steps: Mapping[str, Any], **options: Unpack[RequestOptions]
    ) -> Flow[FocusOpResponse]:
        """Send timer steps (`{"op": "start", "duration": 25, ...}`); ids are filled in."""
        ops = [{"id": self._new_id(), "time": self._now(), **step} for step in steps]
        body = wire.parse(FocusOpRequest, {"lastPoint": self._last_point, "opList": ops})
        answer = yield from focus_api.focus_op(body)
        self._last_point = answer.point
        return answer


AsyncFocusManager = FocusManager
"""The same class: `AsyncClient.focus` is a `FocusManager[Awaiting]`."""
