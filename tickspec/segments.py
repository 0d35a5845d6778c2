"""Whether one path segment fits its path parameter's schema, decided while routing.

`POST /open/v1/task/move` is not `POST /open/v1/task/{taskId}` with taskId "move": a
segment that cannot be the parameter's value (its pattern, type, enum or length say so)
means another operation, or none. The test is compiled once per parameter from the
keywords a path segment can fail on its own; the rest of the schema (`minimum`, `format`)
is left to validation, which reports it against the operation the request did reach.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

SegmentCheck = Callable[[str], object]
"""Truthy when the segment fits (a bool, or the match of a pattern's `search`)."""

INTEGER = re.compile(r"-?[0-9]+")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")


def _fits_type(value: str, kind: str) -> bool:
    if kind == "integer":
        return INTEGER.fullmatch(value) is not None
    if kind == "number":
        return NUMBER.fullmatch(value) is not None
    if kind == "boolean":
        return value.lower() in ("true", "false")  # as params.coerce reads TickTick's Java
    if kind == "null":
        return value == "null"
    return True  # string, and the array/object forms a segment may serialize


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _pattern(schema: Mapping[str, Any]) -> re.Pattern[str] | None:
    raw = schema.get("pattern")
    if not isinstance(raw, str):
        return None
    try:
        return re.compile(raw)
    except re.error:  # an ECMA-262-only construct: validation still judges it
        return None


def segment_check(schema: Mapping[str, Any]) -> SegmentCheck | None:
    """The test of a (percent-decoded) segment against a resolved parameter schema, or
    None when the schema declares nothing a segment could fail (any value fits)."""
    kind = schema.get("type")
    types = [kind] if isinstance(kind, str) else []
    if isinstance(kind, list):
        types = [str(k) for k in kind]
    if "string" in types:  # every segment is a string: the type rules nothing out
        types = []
    pattern = _pattern(schema)
    choices: set[str] | None = None
    if isinstance(schema.get("enum"), list):
        choices = {_as_text(v) for v in schema["enum"]}
    if "const" in schema:
        const = {_as_text(schema["const"])}
        choices = const if choices is None else choices & const
    low = schema.get("minLength")
    high = schema.get("maxLength")
    shortest = low if isinstance(low, int) else 0
    longest = high if isinstance(high, int) else None
    if not types and choices is None and not shortest and longest is None:
        # only a pattern (ObjectIds, date stamps): its bound search is the whole test
        return None if pattern is None else pattern.search

    def fits(value: str) -> bool:
        if types and not any(_fits_type(value, t) for t in types):
            return False
        if pattern is not None and pattern.search(value) is None:
            return False
        if choices is not None and value not in choices:
            return False
        if len(value) < shortest:
            return False
        return longest is None or len(value) <= longest

    return fits
