"""Check a request against its operation in the spec, before any handler runs.

The local server is the spec's strictest reader: a request the spec does not
allow is refused with 400 `invalid_request`, so a client bug shows up in tests
instead of in TickTick's logs. The error message is one line that names where
the problem is, as a JSON path into the place it was found:

    body $.add[0].id: 'x1' does not match '^[0-9a-f]{24}$'
    header X-Device $.version: 'a' is not of type 'integer'
    query limit: 'ten' is not an integer

and `data` carries the same facts as fields (`location`, `path`, `keyword`,
`problem`) plus up to five further problems in `errors`, for a client that
wants to show them all.

Parameter values arrive as strings; they are converted to the schema's type
(integer, number, boolean, array of those) before validation, as an OpenAPI
server would. Unknown query parameters and headers are ignored, like any HTTP
server does; unknown body fields are judged by the schema alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match

from tickspec.server import safejson
from tickspec.server.errors import ApiError, invalid_request
from tickspec.spec import Operation, Parameter, Spec, template_values

MAX_PROBLEM = 160
MAX_EXTRA_ERRORS = 5


@dataclass(frozen=True)
class ValidRequest:
    path_params: dict[str, Any]
    query: dict[str, Any]
    headers: dict[str, Any]
    body: Any


def json_path(parts: Iterable[str | int]) -> str:
    """`['add', 0, 'id']` -> `$.add[0].id` (names that are not identifiers are quoted)."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.isidentifier():
            out += f".{part}"
        else:
            out += f"[{json.dumps(part)}]"
    return out


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_PROBLEM else text[: MAX_PROBLEM - 3] + "..."


def _problem(error: jsonschema.ValidationError) -> dict[str, Any]:
    return {
        "path": json_path(error.absolute_path),
        "keyword": str(error.validator),
        "problem": _short(error.message),
    }


def _deepest(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """Into an anyOf/oneOf failure, to the problem that lies deepest in the value.

    Request schemas accept a body as either of two shapes (a full object or a
    draft); `best_match` stops at "not valid under any of the given schemas"
    when both shapes fail, but both usually fail at the same field, which is
    the one to name.
    """
    while error.context:
        error = max(error.context, key=lambda e: len(e.absolute_path))
    return error


def schema_error(spec: Spec, schema: dict[str, Any], value: Any, where: str) -> ApiError | None:
    """None if `value` conforms; else the 400 naming the first (most relevant) problem."""
    validator = spec.validator(schema)
    if validator.is_valid(value):
        return None
    found = validator.errors(value)
    if not found:  # the fast and the exact validator disagree: trust the exact one
        return None
    best = _deepest(best_match(found) or found[0])
    first = _problem(best)
    others = [_problem(e) for e in found if e is not best][:MAX_EXTRA_ERRORS]
    label = f"{where} {first['path']}" if where else first["path"]
    return invalid_request(
        f"{label}: {first['problem']}",
        {"location": where.split(" ")[0] if where else "body", **first, "errors": others},
    )


def path_params(op: Operation, path: str) -> dict[str, str]:
    """Values of the `{name}` segments of the operation's path template.

    The ASGI server has already percent-decoded `path`, so no unquoting here
    (the contract checker unquotes the raw URLs of captures itself).
    """
    return template_values(op.path, path)


def _types(schema: Mapping[str, Any], spec: Spec) -> list[str]:
    resolved = spec.resolve(dict(schema))
    kind = resolved.get("type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return [str(k) for k in kind]
    for key in ("anyOf", "oneOf"):
        if isinstance(resolved.get(key), list):
            return [t for sub in resolved[key] for t in _types(sub, spec)]
    return []


def _coerce_scalar(raw: str, types: list[str]) -> Any:
    for kind in types:
        if kind == "integer":
            try:
                return int(raw)
            except ValueError:
                continue
        if kind == "number":
            try:
                return float(raw)
            except ValueError:
                continue
        if kind == "boolean" and raw.lower() in ("true", "false"):
            return raw.lower() == "true"
        if kind == "null" and raw in ("", "null"):
            return None
        if kind == "string":
            return raw
    return raw  # let the schema reject it with a message about the type


def coerce(param: Parameter, values: list[str], spec: Spec) -> Any:
    types = _types(param.schema, spec)
    if "array" in types:
        items = spec.resolve(dict(param.schema)).get("items", {})
        item_types = _types(items, spec) if isinstance(items, dict) else []
        parts = [p for v in values for p in v.split(",")]
        return [_coerce_scalar(p, item_types) for p in parts]
    return _coerce_scalar(values[-1], types)


def _check_param(spec: Spec, param: Parameter, value: Any, label: str) -> None:
    if not param.schema:
        return
    problem = schema_error(spec, param.schema, value, label)
    if problem is not None:
        if problem.data.get("path") == "$":  # a scalar: the parameter's name is the path
            problem.message = f"{label}: {problem.data['problem']}"
            problem.data["path"] = param.name
        raise problem


def validate(
    spec: Spec,
    op: Operation,
    path: str,
    query: Mapping[str, list[str]],
    headers: Mapping[str, str],
    raw_body: bytes,
) -> ValidRequest:
    """Everything the spec says about this request, checked and converted; or ApiError."""
    params = path_params(op, path)
    typed: dict[str, Any] = dict(params)
    q: dict[str, Any] = {}
    h: dict[str, Any] = {}
    for param in op.parameters:
        label = f"{param.location} {param.name}"
        if param.location == "path":
            typed[param.name] = coerce(param, [params.get(param.name, "")], spec)
            _check_param(spec, param, typed[param.name], label)
            continue
        if param.location == "cookie":
            continue  # cookies are the session's business (auth), not the schema's
        if param.location == "query":
            present = param.name in query
            raw_values = list(query.get(param.name, []))
        else:
            present = param.name in headers
            raw_values = [headers[param.name]] if present else []
        if not present:
            if param.required:
                raise invalid_request(
                    f"{label}: required {param.location} is missing",
                    {"location": param.location, "path": param.name, "keyword": "required"},
                )
            continue
        if param.location == "header" and param.json_content:
            value: Any = safejson.loads(raw_values[-1], label)
        else:
            value = coerce(param, raw_values, spec)
        _check_param(spec, param, value, label)
        (q if param.location == "query" else h)[param.name] = value
    body: Any = None
    if op.request_schema is not None:
        if raw_body.strip():
            body = safejson.loads(raw_body)
            problem = schema_error(spec, op.request_schema, body, "body")
            if problem is not None:
                raise problem
        elif op.request_required:
            raise invalid_request(
                "body: a JSON body is required",
                {"location": "body", "path": "$", "keyword": "required"},
            )
    return ValidRequest(path_params=typed, query=q, headers=h, body=body)
