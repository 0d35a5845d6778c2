"""What the server stores is what it answers: request forms turned into TickTick's.

Requests may write a timestamp in any ISO 8601 form (`TimestampIn`:
`2026-03-01T09:00:00Z`, `...+03:00`, no offset, up to nanoseconds); TickTick
answers every timestamp as `2026-03-01T09:00:00.000+0000` (`Timestamp`: UTC,
milliseconds, colon-less offset; every answer in the seeds, for a web app whose
`x-tz` is Europe/Istanbul, is in that form). `canonical_time` makes that form;
a time without an offset is read as UTC (inferred: no capture shows one).

`timestamps(obj, schema_file)` puts every timestamp of an object in that form,
at any depth, wherever the kind's response schema (`task.json`, and through its
references `reminder.json`, `checklist-item.json`) says the field is a
`Timestamp`; a title that happens to look like a date is left alone. The map of
where the timestamps are is built once per schema file from the spec itself,
so a timestamp field added to a schema is normalised with no edit here.
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from tickspec.server import errors
from tickspec.spec import BASE_URI, load
from tickspec.workflows.times import format_ts

if TYPE_CHECKING:
    from referencing._core import Resolver

Plan = dict[str, Any]
"""Where timestamps are: `{"": True}` this value; `{"name": Plan}` a property;
`{"[]": Plan}` every item of an array; `{"{}": Plan}` every value of a map."""

HERE, ITEMS, VALUES = "", "[]", "{}"
MAX_DEPTH = 12

_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?"
    r"(Z|([+-])(\d{2}):?(\d{2}))?$"
)


def canonical_time(text: str) -> str:
    """`2026-03-01T12:00:00+03:00` -> `2026-03-01T09:00:00.000+0000`; a string that is
    not an ISO 8601 date-time is returned as it is. A date that does not exist
    (month 13) is refused: 400 `invalid_request`, as TickTick cannot store it."""
    found = _ISO.match(text)
    if found is None:
        return text
    year, month, day, hour, minute, second = (int(found.group(i)) for i in range(1, 7))
    millis = int((found.group(7) or "0").ljust(3, "0")[:3])
    try:
        moment = datetime(year, month, day, hour, minute, second, millis * 1000, tzinfo=UTC)
        if found.group(9):
            sign = 1 if found.group(9) == "+" else -1
            offset = timedelta(hours=int(found.group(10)), minutes=int(found.group(11)))
            moment -= sign * offset
    except (ValueError, OverflowError):
        raise errors.invalid_request(
            f"body: {text!r} is not a date-time that exists",
            {"location": "body", "keyword": "pattern", "problem": "no such date-time"},
        ) from None
    return format_ts(moment)


@functools.cache
def _timestamp_schema() -> Any:
    return load().schemas["common.json"]["$defs"]["Timestamp"]


def _merge(into: Plan, other: Plan) -> None:
    for key, sub in other.items():
        if key == HERE:
            into[HERE] = True
        else:
            _merge(into.setdefault(key, {}), sub)


def _plan(schema: Any, resolver: Resolver[Any], depth: int, path: tuple[int, ...]) -> Plan:
    if not isinstance(schema, dict) or depth > MAX_DEPTH or id(schema) in path:
        return {}
    path = (*path, id(schema))
    plan: Plan = {}
    if isinstance(schema.get("$ref"), str):
        resolved = resolver.lookup(schema["$ref"])
        if resolved.contents == _timestamp_schema():
            return {HERE: True}
        _merge(plan, _plan(resolved.contents, resolved.resolver, depth + 1, path))
    for name, sub in (schema.get("properties") or {}).items():
        found = _plan(sub, resolver, depth + 1, path)
        if found:
            _merge(plan.setdefault(name, {}), found)
    for key, mark in (("items", ITEMS), ("additionalProperties", VALUES)):
        found = _plan(schema.get(key), resolver, depth + 1, path)
        if found:
            _merge(plan.setdefault(mark, {}), found)
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key) or []:
            _merge(plan, _plan(sub, resolver, depth + 1, path))
    return plan


@functools.cache
def plan_of(schema_file: str) -> Plan:
    """Where the timestamps of `schema_file`'s objects are (built once per file)."""
    spec = load()
    return _plan({"$ref": BASE_URI + schema_file}, spec.resolver(), 0, ())


def _apply(value: Any, plan: Plan) -> Any:
    if isinstance(value, str):
        return canonical_time(value) if plan.get(HERE) else value
    if isinstance(value, list) and ITEMS in plan:
        return [_apply(item, plan[ITEMS]) for item in value]
    if isinstance(value, dict):
        out = dict(value)
        for name, item in value.items():
            sub = plan.get(name) or plan.get(VALUES)
            if sub:
                out[name] = _apply(item, sub)
        return out
    return value


def timestamps(obj: dict[str, Any], schema_file: str) -> dict[str, Any]:
    """`obj` with each timestamp the schema declares in TickTick's answer form."""
    plan = plan_of(schema_file)
    result: dict[str, Any] = _apply(obj, plan) if plan else obj
    return result
