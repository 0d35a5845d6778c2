"""The next occurrence of a recurring task, from its `repeatFlag` and `repeatFrom`.

Why this is not a one-liner over `rrulestr`:

- TickTick stores instants in UTC, but a rule like `BYDAY=SA` means Saturday on
  the task's own wall clock (`timeZone`). An all-day task in Europe/Istanbul
  starts at 21:00 UTC on the *Friday*. So the rule is iterated over naive local
  wall times and the result converted back, which also keeps "18:00 local"
  across DST changes.
- `repeatFrom` picks the anchor (seed 002): "0" the due date, "1" the start
  date, "2" the completion date (the 002 won't-do capture: completed on
  2026-01-17, the daily task moves to 2026-01-18 at its own time of day). An
  occurrence closed ahead of its day counts from its own day, so the series
  always moves forward.
- `COUNT` counts from the first occurrence of the series, not from the current
  one. The task only carries its current dates, so the series start is kept in
  `repeatFirstDate` (a field TickTick's own tasks carry); when it is missing the
  current occurrence is taken as the first and recorded by the caller.
- A date-only `UNTIL=20260227` includes that whole day (RFC 5545), while
  dateutil would read it as midnight and drop an evening occurrence on that day.

Rules are plain RFC 5545 `RRULE:` text; TickTick's own `ERULE:` (explicit
dates) and `TT_*` extension keys have no RFC meaning, so ERULE is refused and
`TT_*` keys are ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from dateutil.rrule import rrule, rrulestr

from .times import format_ts, local_wall, parse_ts, zone

__all__ = [
    "NextOccurrence",
    "RecurrenceError",
    "next_occurrence",
    "parse_rule",
]

_RFC_KEYS = frozenset(
    {
        "FREQ",
        "INTERVAL",
        "COUNT",
        "UNTIL",
        "BYDAY",
        "BYMONTHDAY",
        "BYMONTH",
        "BYYEARDAY",
        "BYWEEKNO",
        "BYHOUR",
        "BYMINUTE",
        "BYSECOND",
        "BYSETPOS",
        "WKST",
    }
)


class RecurrenceError(ValueError):
    """The task's recurrence cannot be advanced (no rule, no date, unsupported rule)."""


@dataclass(frozen=True)
class NextOccurrence:
    """The dates of the next occurrence as wire text (None where the task had none)."""

    start_date: str | None
    due_date: str | None
    first_date: str
    """The series start (`repeatFirstDate`) the computation assumed."""


def _until(value: str, tz: tzinfo) -> datetime:
    """UNTIL as a naive local wall time; a bare date means the end of that day."""
    if len(value) == 8:
        day = datetime.strptime(value, "%Y%m%d")
        return datetime.combine(day.date(), time(23, 59, 59))
    if value.endswith("Z"):
        moment = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        return local_wall(moment, tz)
    return datetime.strptime(value, "%Y%m%dT%H%M%S")


def parse_rule(flag: str, dtstart: datetime, tz: tzinfo, *, with_count: bool = True) -> rrule:
    """An rrule over naive wall times of `tz` starting at `dtstart` (naive, local)."""
    text = flag.strip()
    if text.upper().startswith("ERULE:"):
        raise RecurrenceError(f"custom-date rules are not supported: {flag!r}")
    text = text.removeprefix("RRULE:")
    parts: dict[str, str] = {}
    for part in text.split(";"):
        key, sep, value = part.partition("=")
        if sep and key.upper() in _RFC_KEYS and value:
            parts[key.upper()] = value
    if "FREQ" not in parts:
        raise RecurrenceError(f"rule has no FREQ: {flag!r}")
    until = parts.pop("UNTIL", None)
    if not with_count:
        parts.pop("COUNT", None)
    body = ";".join(f"{key}={value}" for key, value in parts.items())
    try:
        rule = rrulestr(body, dtstart=dtstart)
    except (ValueError, TypeError) as exc:
        raise RecurrenceError(f"cannot parse {flag!r}: {exc}") from exc
    if not isinstance(rule, rrule):  # rrulestr returns an rruleset only for multi-line input
        raise RecurrenceError(f"not a single rule: {flag!r}")
    if until is not None and "COUNT" not in parts:
        rule = rule.replace(until=_until(until, tz))
    return rule


def _count(flag: str) -> int | None:
    for part in flag.removeprefix("RRULE:").split(";"):
        key, _, value = part.partition("=")
        if key.upper() == "COUNT" and value.isdigit():
            return int(value)
    return None


def _excluded_days(task: Mapping[str, Any], tz: tzinfo) -> set[date]:
    """Days listed in `exDate` (timestamps or YYYYMMDD), as local calendar days."""
    days: set[date] = set()
    for raw in task.get("exDate") or []:
        text = str(raw)
        try:
            if len(text) == 8 and text.isdigit():
                days.add(datetime.strptime(text, "%Y%m%d").date())
            else:
                days.add(local_wall(parse_ts(text), tz).date())
        except ValueError:
            continue
    return days


def _after(rule: rrule, moment: datetime, skip: set[date]) -> datetime | None:
    found: datetime | None = rule.after(moment, inc=False)
    while found is not None and found.date() in skip:
        found = rule.after(found, inc=False)
    return found


def next_occurrence(
    task: Mapping[str, Any],
    completed_at: datetime,
    *,
    default_tz: str = "UTC",
) -> NextOccurrence | None:
    """The occurrence after the current one, or None when the series has ended.

    `completed_at` matters only for repeatFrom "2" (and must be aware).
    """
    flag = task.get("repeatFlag")
    if not flag:
        raise RecurrenceError("the task does not repeat")
    tz = zone(task.get("timeZone"), default_tz)
    start = parse_ts(task["startDate"]) if task.get("startDate") else None
    due = parse_ts(task["dueDate"]) if task.get("dueDate") else None
    if start is None and due is None:
        raise RecurrenceError("a recurring task needs a startDate or dueDate")
    mode = str(task.get("repeatFrom") or "0")
    anchor_utc = (start or due) if mode == "1" else (due or start)
    assert anchor_utc is not None
    anchor = local_wall(anchor_utc, tz)
    first_text = task.get("repeatFirstDate")
    first = local_wall(parse_ts(first_text), tz) if first_text else anchor
    # The series keeps the current time of day even if the task was moved since.
    first = datetime.combine(first.date(), anchor.time())
    skip = _excluded_days(task, tz)

    if mode == "2":
        count = _count(str(flag))
        series = parse_rule(str(flag), first, tz, with_count=False)
        if count is not None and len(series.between(first, anchor, inc=True)) >= count:
            return None
        # From the completion day - but never on or before the occurrence just closed:
        # closing tomorrow's occurrence today must not schedule tomorrow again.
        done_day = max(local_wall(completed_at, tz).date(), anchor.date())
        rule = parse_rule(
            str(flag), datetime.combine(done_day, anchor.time()), tz, with_count=False
        )
        found = _after(rule, datetime.combine(done_day, time.max), skip)
    else:
        found = _after(parse_rule(str(flag), first, tz), anchor, skip)
    if found is None:
        return None

    shift: timedelta = found - anchor  # wall-clock shift, so durations survive DST
    new_start = local_wall(start, tz) + shift if start else None
    new_due = local_wall(due, tz) + shift if due else None
    return NextOccurrence(
        start_date=format_ts(new_start.replace(tzinfo=tz)) if new_start else None,
        due_date=format_ts(new_due.replace(tzinfo=tz)) if new_due else None,
        first_date=format_ts(first.replace(tzinfo=tz)),
    )
