"""Checking the parameters of a request: headers, query, path and cookies.

Header drift is the most common real breakage (a new required header, an
`X-Device` whose `version` the server no longer accepts), so headers get the
same treatment as bodies: presence of the required ones, the JSON value of
`X-Device` validated against its schema and walked for unknown fields. HTTP
gives every parameter as a string; it is coerced to the JSON type its schema
wants (`checkpoint` -> integer) before validation. The same header value repeats
on every entry of a capture, so results are cached per (parameter, value).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from tickspec.contract import har
from tickspec.contract.classify import Problem, join, show
from tickspec.contract.findings import Kind
from tickspec.contract.router import path_values
from tickspec.spec import Operation, Parameter, Spec

INTEGER = re.compile(r"^-?[0-9]+$")
NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")
SECTION = {"header": "headers", "query": "query", "path": "path", "cookie": "cookies"}
CACHE_SIZE = 4096
ANNOTATIONS = frozenset({"type", "title", "description", "example", "examples", "$comment"})
"""Keywords that do not constrain a value (with `type: string`: any header string fits)."""

Validate = Callable[[dict[str, Any], Any, str], list[Problem]]


def label(param: Parameter) -> str:
    """Where a parameter is, named as the spec spells it (`request.headers.X-Device`)."""
    return join(f"request.{SECTION.get(param.location, param.location)}", [param.name])


def coerce(raw: str, types: set[str]) -> Any:
    """A header/query/path string as the JSON value its schema expects, when it parses."""
    if "integer" in types and INTEGER.match(raw):
        return int(raw)
    if "number" in types and NUMBER.match(raw):
        return float(raw)
    if "boolean" in types and raw.lower() in ("true", "false"):
        return raw.lower() == "true"  # TickTick's Java backend: `True`, `FALSE` are booleans
    return raw


class ParameterChecker:
    def __init__(self, spec: Spec, validate: Validate) -> None:
        self.spec = spec
        self.validate = validate
        self._cache: dict[tuple[int, str], list[Problem]] = {}
        self._plans: dict[str, list[tuple[Parameter, str, bool]]] = {}

    def _plan(self, op: Operation) -> list[tuple[Parameter, str, bool]]:
        """(parameter, header name lower-cased, any value fits) per parameter of `op`,
        worked out once: most headers are plain strings (`x-tz`, `hl`, `Referer`), and
        any string fits them, so only their presence is checked per entry."""
        plan = self._plans.get(op.operation_id)
        if plan is None:
            plan = self._plans[op.operation_id] = [
                (p, p.name.lower(), not p.json_content and self._any_string(p.schema))
                for p in op.parameters
            ]
        return plan

    def _any_string(self, schema: dict[str, Any]) -> bool:
        resolved = self.spec.resolve(schema)
        return resolved.get("type") == "string" and not set(resolved) - ANNOTATIONS

    def check(self, op: Operation, entry: har.Entry, rel: str) -> list[Problem]:
        out: list[Problem] = []
        values: dict[str, str] | None = None
        query = dict(entry.query)
        headers = entry.headers
        for param, lower, free in self._plan(op):
            location = param.location
            if location == "header":
                value = headers.get(lower)
            elif location == "query":
                value = query.pop(param.name, None)
            elif location == "path":
                values = path_values(op.path, rel) if values is None else values
                value = values.get(param.name)
            else:
                value = entry.cookies.get(param.name)
            if value is None:
                if param.required:
                    message = f"required {location} '{param.name}' is missing"
                    out.append(
                        Problem(Kind.MISSING_REQUIRED, label(param), message, "present", "absent")
                    )
                continue
            if free:
                continue
            key = (id(param), value)
            cached = self._cache.get(key)
            if cached is None:
                if len(self._cache) > CACHE_SIZE:
                    self._cache.clear()
                cached = self._cache[key] = self._value(param, value)
            if cached:
                out += cached
        for name, value in query.items():  # what is left was not declared
            message = f"query parameter '{name}' is not in the spec"
            path = join("request.query", [name])
            out.append(Problem(Kind.UNKNOWN_FIELD, path, message, "a parameter", show(value)))
        return out

    def _value(self, param: Parameter, raw: str) -> list[Problem]:
        where = label(param)
        if not param.json_content:
            return self.validate(param.schema, coerce(raw, self._types(param.schema)), where)
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            return [Problem(Kind.INVALID_JSON, where, f"not JSON ({exc.msg})", "JSON", show(raw))]
        except RecursionError:
            return [Problem(Kind.INVALID_JSON, where, "JSON nested too deeply", "JSON", show(raw))]
        return self.validate(param.schema, value, where)

    def _types(self, schema: dict[str, Any]) -> set[str]:
        resolved = self.spec.resolve(schema)
        kinds = resolved.get("type", [])
        types = set(kinds if isinstance(kinds, list) else [kinds])
        for branch in [*resolved.get("anyOf", []), *resolved.get("oneOf", [])]:
            if isinstance(branch, dict):
                types |= self._types(branch)
        return types
