"""What the Open API managers share: the client, and user input in wire form.

The Open API keeps no local state (no sync, no etags to carry): every manager
method is one flow (`tickspec.managers._flow`) that yields the generated typed
calls of `tickspec_generated.endpoints.open` and returns the decoded answer.
So `OpenClient.tasks.get(...)` runs blocking, `AsyncOpenClient.tasks.get(...)`
awaited, and `with_raw_response` raw, all from one definition.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar

from pydantic import BaseModel

from tickspec import wire
from tickspec.managers._base import to_wire_fields, wire_of
from tickspec.managers._flow import Moded, ModeT
from tickspec.workflows.times import format_ts

__all__ = ["DayLike", "InstantLike", "OpenManager", "body_of", "day_number", "instant"]

M = TypeVar("M", bound=BaseModel)

InstantLike = datetime | date | str
"""A point in time: a `datetime` (naive means UTC), a `date` (its midnight, UTC), or the
wire text itself (`"2026-03-01T00:00:00.000+0000"`)."""
DayLike = date | int | str
"""A day: `date(2026, 4, 7)`, `20260407` or `"20260407"`."""


def instant(value: InstantLike) -> str:
    """`datetime(2026, 3, 1, 9, 30)` -> `"2026-03-01T09:30:00.000+0000"`; text passes through."""
    if isinstance(value, datetime):
        return format_ts(value)
    if isinstance(value, date):
        return format_ts(datetime(value.year, value.month, value.day))
    return value


def day_number(value: DayLike) -> int:
    """`date(2026, 4, 7)`, `"20260407"` or `20260407` -> `20260407`, the Open API's day stamp."""
    if isinstance(value, date):
        return int(value.strftime("%Y%m%d"))
    return int(value)


def body_of(
    model: type[M],
    given: Mapping[str, Any] | None = None,
    fields: Mapping[str, Any] | None = None,
    base: BaseModel | Mapping[str, Any] | None = None,
) -> M:
    """A request body: `base` (a model or wire dict), then `given` (wire names), then
    `fields` (snake_case or wire names); keys whose value is None are left out.

    Only the fields the caller named are sent, so an update changes just those.
    """
    data = wire_of(base) if base is not None else {}
    data.update(wire_of({k: v for k, v in (given or {}).items() if v is not None}))
    data.update({k: v for k, v in to_wire_fields(model, fields or {}).items() if v is not None})
    return wire.parse(model, data)


def id_list(values: Iterable[str] | None) -> list[str] | None:
    """A list of ids (None stays None: the filter is not sent)."""
    return None if values is None else list(values)


class OpenManager(Moded[ModeT]):
    """An Open API manager: its client and the mode its operations run in.

    Public methods are flows decorated with `operation` (or `paginated`), each
    taking `**options: Unpack[RequestOptions]` (`extra_headers`, `extra_query`,
    `extra_body`, `timeout`) unless it takes `**fields`; those still accept the
    options by name, the driver takes them out before the flow sees `fields`.
    """
