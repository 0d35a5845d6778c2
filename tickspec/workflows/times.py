"""TickTick's time formats, parsed and produced in one place.

TickTick writes instants as UTC text with milliseconds and a colon-less offset
(`2026-01-17T13:12:28.000+0000`) and calendar days of habits as integers
(`20260116`). Recurrence, however, happens on the wall clock of the task's
`timeZone`, so every workflow converts instant -> zone-local wall time -> instant
through these helpers rather than doing its own string surgery.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "date_stamp",
    "format_ts",
    "local_wall",
    "parse_stamp",
    "parse_ts",
    "to_wire_time",
    "zone",
]

_PARSE_FORMATS = ("%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%dT%H:%M:%S%z")


def parse_ts(text: str) -> datetime:
    """An aware datetime from a TickTick timestamp (`+0000`, `+03:00` and `Z` accepted)."""
    cleaned = text.strip().replace("Z", "+0000")
    for fmt in _PARSE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
    raise ValueError(f"not a TickTick timestamp: {text!r}")


def format_ts(moment: datetime) -> str:
    """TickTick's wire text of an instant: UTC, milliseconds, `+0000`.

    A naive datetime is taken to be UTC already (that is what the wire holds).
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    utc = moment.astimezone(UTC)
    # Not strftime: glibc's %Y does not pad a year below 1000 to four digits.
    return (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T{utc.hour:02d}:{utc.minute:02d}:"
        f"{utc.second:02d}.{utc.microsecond // 1000:03d}+0000"
    )


def zone(name: str | None, default: str = "UTC") -> tzinfo:
    """The zone of a task; an unknown or missing name falls back to `default`.

    A task from another client may carry a zone this machine's tz database lacks;
    failing the whole completion over it would be worse than using the default.
    """
    for candidate in (name, default):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return UTC


def local_wall(moment: datetime, tz: tzinfo) -> datetime:
    """The naive wall-clock time of an instant in a zone (what rrule iterates over)."""
    return moment.astimezone(tz).replace(tzinfo=None)


def date_stamp(day: date) -> int:
    """A calendar day as TickTick's habit integer, e.g. 20260116."""
    return day.year * 10000 + day.month * 100 + day.day


def parse_stamp(stamp: int | str) -> date:
    """The calendar day of a `YYYYMMDD` integer or string."""
    value = int(stamp)
    return date(value // 10000, value // 100 % 100, value % 100)


def to_wire_time(value: datetime | date | str, tz_name: str) -> str:
    """A user-supplied task date as wire text.

    An aware datetime is an instant; a naive one is a wall time in `tz_name`
    (what a user means by `datetime(2026, 3, 1, 9)` for a task in Istanbul);
    a `date` is that day's local midnight, as TickTick stores all-day tasks;
    a string is taken to be wire text already.
    """
    if isinstance(value, str):
        return value
    tz = zone(tz_name)
    if isinstance(value, datetime):
        return format_ts(value if value.tzinfo else value.replace(tzinfo=tz))
    return format_ts(datetime(value.year, value.month, value.day, tzinfo=tz))
