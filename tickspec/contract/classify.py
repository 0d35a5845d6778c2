"""From jsonschema errors to drift findings: which kind, where, expected vs found.

`jsonschema` reports *keywords* that failed; a drift report needs *what changed
on the wire*. The mapping is by keyword (`required` -> missing_required,
`pattern` -> format_violation, ...), except for `anyOf`/`oneOf`, whose own error
says nothing useful ("is not valid under any of the given schemas"): there we
pick the branch whose type matches the value (a nullable timestamp that lost its
milliseconds fails the string branch on `pattern`, not the null branch on
`type`) and report its errors instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, cast

from jsonschema import ValidationError

from tickspec.contract.findings import Kind

IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$-]*$")
KEYWORD_KIND = {
    "required": Kind.MISSING_REQUIRED,
    "dependentRequired": Kind.MISSING_REQUIRED,
    "type": Kind.TYPE_MISMATCH,
    "enum": Kind.ENUM_VIOLATION,
    "const": Kind.ENUM_VIOLATION,
    "pattern": Kind.FORMAT_VIOLATION,
    "format": Kind.FORMAT_VIOLATION,
}
UNKNOWN_KEYWORDS = ("additionalProperties", "unevaluatedProperties")
"""`false` on these rejects unknown keys; the field walk reports those (as additive)."""


@dataclass(frozen=True)
class Problem:
    """A finding before it is tied to a file, entry and operation."""

    kind: Kind
    path: str
    message: str
    expected: str = ""
    found: str = ""


def join(base: str, parts: Iterable[str | int]) -> str:
    """`response.body` + ['update', 3, 'status'] -> `response.body.update[3].status`."""
    out = [base]
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif IDENTIFIER.match(part):
            out.append(f".{part}")
        else:
            out.append(f"[{json.dumps(part)}]")
    return "".join(out)


def show(value: Any, limit: int = 60) -> str:
    """A short JSON rendering of a found value, for messages."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (ValueError, RecursionError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _type_error_here(error: ValidationError) -> bool:
    """A failed `type` at this value, or a `const`/`enum` none of whose members even has the
    value's JSON type (`anyOf: [ObjectId, {const: "-1"}]` with 5 is a type mismatch, not a
    new enum member)."""
    if error.relative_path:
        return False
    if error.validator == "type":
        return True
    if error.validator not in ("const", "enum"):
        return False
    numeric = {"integer", "number"}
    found, allowed = json_type(error.instance), _member_types(error)
    return found not in allowed and not (found in numeric and numeric & set(allowed))


def _member_types(error: ValidationError) -> list[str]:
    """The JSON types of a `const`/`enum` error's members, in order, once each."""
    value = error.validator_value
    members = [value] if error.validator == "const" else list(cast(list[Any], value))
    return list(dict.fromkeys(json_type(m) for m in members))


def _branch_types(errors: list[ValidationError]) -> list[str]:
    out: list[str] = []
    for error in errors:
        if not _type_error_here(error):
            continue
        value = error.validator_value
        if error.validator != "type":
            out.extend(_member_types(error))
        else:
            out.extend(value if isinstance(value, list) else [str(value)])
    return out


def leaves(error: ValidationError) -> Iterator[ValidationError]:
    """The errors worth reporting under `error`, descending into the matching anyOf branch."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        yield error
        return
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    typed = [errs for errs in branches.values() if not any(map(_type_error_here, errs))]
    if not typed:
        yield error  # no branch accepts this JSON type: a type mismatch (see `problems`)
        return
    best = min(typed, key=len)
    for sub in best:
        yield from leaves(sub)


def problems(error: ValidationError, base: str) -> Iterator[Problem]:
    """The findings one jsonschema error stands for."""
    for leaf in leaves(error):
        yield from _leaf(leaf, base)


def _leaf(error: ValidationError, base: str) -> Iterator[Problem]:
    keyword = str(error.validator)
    instance = error.instance
    path = join(base, error.absolute_path)
    if keyword in UNKNOWN_KEYWORDS and error.validator_value is False:
        return
    if keyword in ("required", "dependentRequired"):
        wanted: list[str] = []
        value: Any = error.validator_value
        if keyword == "required":
            wanted = [str(p) for p in value]
        else:
            for trigger, names in dict(value).items():
                if isinstance(instance, dict) and trigger in instance:
                    wanted += [str(n) for n in names]
        for name in wanted:
            if isinstance(instance, dict) and name not in instance:
                yield Problem(
                    Kind.MISSING_REQUIRED,
                    join(path, [name]),
                    f"required field '{name}' is missing",
                    "present",
                    "absent",
                )
        return
    if keyword in ("anyOf", "oneOf"):  # no branch of the right JSON type
        if keyword == "oneOf" and not error.context:
            yield Problem(Kind.CONSTRAINT_VIOLATION, path, "matches more than one oneOf branch")
            return
        types = []
        for sub in error.context:
            types += [t for t in _branch_types([sub]) if t not in types]
        expected = " or ".join(types) or "one of the anyOf branches"
        found = f"{json_type(instance)} {show(instance)}"
        yield Problem(
            Kind.TYPE_MISMATCH, path, f"expected {expected}, found {found}", expected, found
        )
        return
    kind = KEYWORD_KIND.get(keyword, Kind.CONSTRAINT_VIOLATION)
    found = show(instance)
    if kind is Kind.TYPE_MISMATCH:
        value = error.validator_value
        expected = " or ".join(value) if isinstance(value, list) else str(value)
        found = f"{json_type(instance)} {found}"
    elif kind is Kind.ENUM_VIOLATION:
        value = error.validator_value
        expected = "one of " + show(value if keyword == "enum" else [value], 100)
    elif keyword == "pattern":
        expected = f"pattern {error.validator_value}"
    else:
        expected = f"{keyword} {show(error.validator_value)}"
    yield Problem(kind, path, f"expected {expected}, found {found}", expected, found)
