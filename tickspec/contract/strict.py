"""A closed twin of the spec, so that a body with no drift costs one Rust validation.

Open schemas accept unknown fields (the server adds them all the time), so a valid
body still had to be walked in Python for `unknown_field` findings (walker.py), which
cost more than validating it. The twin adds `unevaluatedProperties: false` to every
schema object that names its properties and says nothing about the others: a body
that passes the twin is valid *and* has no field the walker would report (the twin
is stricter, at every place the walker looks). Only a body that fails it takes the
exact path: the open validation, the jsonschema errors, the walk. The equivalence
is what the mutation and unknown-field properties of tests/contract check.
"""

from __future__ import annotations

from typing import Any

from tickspec.spec import Operation, Spec


def tighten(node: Any) -> Any:
    """A copy of a schema with unknown properties refused wherever `properties` (or
    `patternProperties`) is given and additional ones are not described."""
    if isinstance(node, list):
        return [tighten(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {key: tighten(value) for key, value in node.items()}
    names = "properties" in out or "patternProperties" in out
    if names and "additionalProperties" not in out and "unevaluatedProperties" not in out:
        out["unevaluatedProperties"] = False
    return out


class Strict:
    """The closed twin of one spec, and its schema for each operation's bodies."""

    def __init__(self, spec: Spec) -> None:
        schemas = {name: tighten(schema) for name, schema in spec.schemas.items()}
        self.spec = Spec({"openapi": tighten(spec.openapi), "schemas": schemas})

    def request(self, op: Operation) -> dict[str, Any] | None:
        return self.spec.operation(op.operation_id).request_schema

    def form(self, op: Operation) -> dict[str, Any] | None:
        return self.spec.operation(op.operation_id).form_schema

    def response(self, op: Operation, status: int) -> dict[str, Any] | None:
        return self.spec.operation(op.operation_id).response_schema(status)[1]

    def clean(self, schema: dict[str, Any] | None, instance: Any) -> bool:
        """True when `instance` is valid and has no unknown field (False: look closer)."""
        if schema is None:
            return False
        try:
            return bool(self.spec.validator(schema).is_valid(instance))
        except (UnicodeEncodeError, RecursionError):  # lone surrogates, deep nesting
            return False
