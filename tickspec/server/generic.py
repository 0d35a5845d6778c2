"""The answer of an operation that has no real handler: the smallest valid body.

Every operation in the spec must answer something a client can parse, even
when the local server has no behaviour for it (rare endpoints, read-only
listings of things it does not model). `minimal(spec, schema)` builds small
instances of the 2xx response schema: `const`, the first `enum` value, then
required properties only, empty arrays, zero/empty scalars; a constrained
string (pattern, format) takes the schema's own `examples` first, since ""
would not match. Other examples and `default` come last. Candidates are checked
against the whole schema; `(False, None)` means none fitted and the caller
answers an empty body instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tickspec.spec import Spec

if TYPE_CHECKING:
    from referencing._core import Resolver

MAX_DEPTH = 12
MAX_CANDIDATES = 8


def _resolve(
    schema: dict[str, Any], resolver: Resolver[Any]
) -> tuple[dict[str, Any], Resolver[Any]]:
    while isinstance(schema.get("$ref"), str):
        resolved = resolver.lookup(schema["$ref"])
        contents, resolver = resolved.contents, resolved.resolver
        if not isinstance(contents, dict):
            return {}, resolver
        extra = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**contents, **extra} if extra else contents
    return schema, resolver


def _candidates(schema: Any, resolver: Resolver[Any], depth: int) -> list[Any]:
    """Possible small values of `schema`, most likely valid first."""
    if schema is True:
        return [{}]
    if not isinstance(schema, dict) or depth > MAX_DEPTH:
        return []
    schema, resolver = _resolve(schema, resolver)
    out: list[Any] = []
    if "const" in schema:
        out.append(schema["const"])
    if isinstance(schema.get("enum"), list):
        out.extend(schema["enum"][:1])
    examples = schema.get("examples") if isinstance(schema.get("examples"), list) else []
    constrained = "pattern" in schema or "format" in schema
    if constrained:  # "" would not match: a real example is the smallest valid value
        out.extend(examples[:2])
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else list(kinds or [])
    if not kinds and "properties" in schema:
        kinds = ["object"]
    # null first: the smallest answer when it is allowed
    for kind in sorted(kinds, key=lambda k: k != "null"):
        out.extend(_of_type(schema, resolver, kind, depth))
    if not constrained:
        out.extend(examples[:2])
    if "default" in schema:
        out.append(schema["default"])
    if isinstance(schema.get("allOf"), list):
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = _first(part, resolver, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
        out.append(merged)
    for key in ("anyOf", "oneOf"):
        for sub in schema.get(key) or []:
            out.extend(_candidates(sub, resolver, depth + 1)[:2])
    if not out:
        out.append({})
    return out[:MAX_CANDIDATES]


def _of_type(schema: dict[str, Any], resolver: Resolver[Any], kind: str, depth: int) -> list[Any]:
    if kind == "object":
        props = schema.get("properties") or {}
        obj: dict[str, Any] = {}
        for name in schema.get("required") or []:
            obj[name] = _first(props.get(name, {}), resolver, depth + 1)
        return [obj]
    if kind == "array":
        count = int(schema.get("minItems", 0))
        if not count:
            return [[]]
        return [[_first(schema.get("items", {}), resolver, depth + 1)] * count]
    simple: dict[str, Any] = {
        "string": "x" * int(schema.get("minLength", 0)),
        "integer": int(schema.get("minimum", 0)),
        "number": schema.get("minimum", 0),
        "boolean": False,
        "null": None,
    }
    return [simple[kind]] if kind in simple else []


def _first(schema: Any, resolver: Resolver[Any], depth: int) -> Any:
    found = _candidates(schema, resolver, depth)
    return found[0] if found else None


def minimal(spec: Spec, schema: dict[str, Any]) -> tuple[bool, Any]:
    """(True, body) with a body valid against `schema`, or (False, None)."""
    validator = spec.validator(schema)
    for candidate in _candidates(schema, spec.resolver(), 0):
        if validator.is_valid(candidate):
            return True, candidate
    return False, None
