"""Parse request JSON into values the server can store and send back as valid JSON.

Python's `json.loads` accepts more than JSON: `NaN`, `Infinity`, `1e400` (which
becomes `inf`), and `"\\ud800"` (a lone surrogate, which no UTF-8 encoder can
write). Stored, any of them makes every later answer that carries the object
unencodable: one request would poison sync until the server is reset. Deep
nesting is the other hazard: the parser and the validators recurse, so a body
nested 100,000 deep ends in a RecursionError. `loads` refuses all of these
with the 400 `invalid_request` the rest of validation answers, naming the JSON
path of the first offending value.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from tickspec.server.errors import ApiError, invalid_request

MAX_DEPTH = 64
"""TickTick's bodies nest under 10 levels; 64 leaves room and keeps recursion shallow."""

_SURROGATE = re.compile("[\ud800-\udfff]")


class _Refused(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _Refused(f"{name} is not valid JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"{text[:40]} is out of range for a JSON number")
    return value


def _label(where: str, path: list[str | int]) -> str:
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return f"{where} {out}" if where else out


def check_value(value: Any, where: str = "body") -> ApiError | None:
    """None if `value` nests at most MAX_DEPTH deep and holds no lone surrogate; else the 400."""
    stack: list[tuple[Any, list[str | int]]] = [(value, [])]
    while stack:
        node, path = stack.pop()
        if len(path) > MAX_DEPTH:
            return invalid_request(
                f"{where}: nested deeper than {MAX_DEPTH} levels",
                {"location": _location(where), "path": "$", "keyword": "maxDepth"},
            )
        if isinstance(node, str):
            if _SURROGATE.search(node):
                return _surrogate(where, path)
        elif isinstance(node, float) and not math.isfinite(node):
            return invalid_request(
                f"{_label(where, path)}: not a finite number",
                {"location": _location(where), "path": _label("", path), "keyword": "json"},
            )
        elif isinstance(node, dict):
            for key, item in node.items():
                if _SURROGATE.search(key):
                    return _surrogate(where, path)
                stack.append((item, [*path, _printable(key)]))
        elif isinstance(node, list):
            stack.extend((item, [*path, index]) for index, item in enumerate(node))
    return None


def _location(where: str) -> str:
    """`header X-Device` -> `header`: the `location` field of the error's data."""
    return where.split(" ")[0] if where else "body"


def _printable(key: str) -> str:
    return key if key.isidentifier() else json.dumps(key)


def _surrogate(where: str, path: list[str | int]) -> ApiError:
    return invalid_request(
        f"{_label(where, path)}: a lone surrogate (U+D800..U+DFFF) is not Unicode text",
        {"location": _location(where), "path": _label("", path), "keyword": "json"},
    )


def loads(raw: bytes | str, where: str = "body") -> Any:
    """The parsed JSON, or ApiError 400 naming what is wrong with it."""
    data = {"location": _location(where), "path": "$", "keyword": "json"}
    try:
        value = json.loads(raw, parse_constant=_no_constant, parse_float=_finite)
    except _Refused as exc:
        raise invalid_request(f"{where}: not valid JSON ({exc})", data) from None
    except json.JSONDecodeError as exc:
        raise invalid_request(
            f"{where}: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})", data
        ) from None
    except RecursionError:
        raise invalid_request(
            f"{where}: nested deeper than {MAX_DEPTH} levels",
            {**data, "keyword": "maxDepth"},
        ) from None
    except ValueError as exc:  # not UTF-8/16/32, or an integer too long to convert
        reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)[:80]
        raise invalid_request(f"{where}: not valid JSON ({reason})", data) from None
    problem = check_value(value, where)
    if problem is not None:
        raise problem
    return value
