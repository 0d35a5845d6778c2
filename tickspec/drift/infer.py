"""A JSON Schema for values seen on the wire, in the spec's own vocabulary.

The schema must accept every observed value (so the captures check clean after
the proposal is applied) and say as much as the values show: an id field should
become `common.json#/$defs/ObjectId`, not `string`, because the generated client
and `tickspec check` then catch the next change of shape. So strings are matched
against the specific pattern types of `common.json` (a pattern that also accepts
a plain word, like Etag's, is too loose to guess from values), integers are told
apart by range (int32, int64, DateStamp), and null adds nullability, never a type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from tickspec.contract.classify import json_type
from tickspec.contract.path_template import singular
from tickspec.contract.safe_text import UNSAFE

INT32 = 2**31 - 1
INT64 = 2**63 - 1
INTEGER_TEXT = re.compile(r"^-?[0-9]+$")
BOOLEAN_TEXT = ("true", "false")
"""Query booleans in any casing: TickTick's Java backend reads `True`, and so does check."""
EVIDENCE = "inferred from captures"
COMMON = "common.json"


def _common_strings(defs: dict[str, Any]) -> list[tuple[str, re.Pattern[str]]]:
    """The string types of common.json specific enough to infer from values, in file order."""
    out = []
    for name, schema in defs.items():
        pattern = schema.get("pattern") if isinstance(schema, dict) else None
        if schema.get("type") != "string" or not isinstance(pattern, str):
            continue
        regex = re.compile(pattern)
        if any(regex.search(probe) for probe in ("", "abc", "hello", "0")):
            continue  # Etag, DateStampString...: would claim ordinary strings
        out.append((name, regex))
    return out


def _is_datestamp(value: int) -> bool:
    if not 19700101 <= value <= 29991231:
        return False
    try:
        date(value // 10000, value // 100 % 100, value % 100)
    except ValueError:
        return False
    return True


class Inferrer:
    """Infers schemas against one schemas folder's `common.json` definitions."""

    def __init__(self, common_defs: dict[str, Any]) -> None:
        self.defs = common_defs
        self.strings = _common_strings(common_defs)

    def _ref(self, name: str) -> dict[str, Any] | None:
        return {"$ref": f"{COMMON}#/$defs/{name}"} if name in self.defs else None

    def infer(self, values: Iterable[Any], name: str = "") -> dict[str, Any]:
        """A schema accepting every value, with a description naming the evidence."""
        schema = self._infer(list(values), name)
        description = f"{words(name) or 'Value'} ({EVIDENCE})."
        if "$ref" in schema:  # the files' own order: the reference, then what it means here
            return {**schema, "description": description}
        return {"description": description, **schema}

    def query(self, values: Iterable[str], name: str = "") -> dict[str, Any]:
        """The schema of a query parameter from its raw texts, written as the spec writes
        them: inline (`type: string` + `pattern`, never a `$ref` to common.json), integers
        when every text is one, `boolean` when every text is true/false in any casing
        (`tickspec check` coerces such texts before it validates)."""
        texts = list(values)
        typed: list[Any] = texts
        if texts and all(t.lower() in BOOLEAN_TEXT for t in texts):
            typed = [t.lower() == "true" for t in texts]
        elif texts and all(_integer_text(t) for t in texts):
            typed = [int(t) for t in texts]
        schema = self._infer(typed, name) if typed else {"type": "string"}
        ref = str(schema.get("$ref", ""))
        if ref.startswith(f"{COMMON}#/$defs/"):
            named = self.defs[ref.rsplit("/", 1)[-1]]
            schema = {
                k: v for k, v in named.items() if k not in ("title", "description", "examples")
            }
        return schema

    def _infer(self, values: list[Any], name: str) -> dict[str, Any]:
        nullable = any(v is None for v in values)
        present = [v for v in values if v is not None]
        core = self._core(present, name) if present else {}
        if not nullable:
            return core
        if not core:
            return {"type": "null"}
        if set(core) == {"type"} and isinstance(core["type"], str):
            return {"type": [core["type"], "null"]}
        return {"anyOf": [core, {"type": "null"}]}

    def _core(self, values: list[Any], name: str) -> dict[str, Any]:
        kinds = {json_type(v) for v in values}  # no None: nulls are taken out first
        if kinds <= {"integer", "number"}:
            return self._numbers(values, name)
        if len(kinds) > 1:  # mixed JSON types: say which, no more
            order = ["boolean", "integer", "number", "string", "array", "object"]
            return {"type": [k for k in order if k in kinds]}
        kind = kinds.pop()
        if kind == "string":
            return self._strings(values)
        if kind == "array":
            items = [item for value in values for item in value]
            return {"type": "array", "items": self.infer(items, singular(name)) if items else {}}
        if kind == "object":
            return self.object_schema(values)
        return {"type": kind}

    def object_schema(self, values: list[dict[str, Any]]) -> dict[str, Any]:
        """Properties in first-seen order; required = the keys every object has."""
        keys: dict[str, list[Any]] = {}
        for value in values:
            for key, item in value.items():
                keys.setdefault(key, []).append(item)
        if any(UNSAFE.search(key) for key in keys):  # not names a schema can hold: free-form
            return {"type": "object"}
        required = [key for key in keys if all(key in value for value in values)]
        out: dict[str, Any] = {"type": "object"}
        if required:
            out["required"] = required
        out["properties"] = {key: self.infer(items, key) for key, items in keys.items()}
        return out

    def _numbers(self, values: list[Any], name: str) -> dict[str, Any]:
        if any(isinstance(v, float) for v in values):
            return {"type": "number"}
        if all(_is_datestamp(v) for v in values) and "DateStamp" in self.defs:
            return {"$ref": f"{COMMON}#/$defs/DateStamp"}
        if any(abs(v) > INT32 for v in values):
            if name.lower().endswith("sortorder") and "SortOrder" in self.defs:
                return {"$ref": f"{COMMON}#/$defs/SortOrder"}
            return {"type": "integer", "format": "int64"}
        return {"type": "integer"}

    def _strings(self, values: list[str]) -> dict[str, Any]:
        for type_name, regex in self.strings:
            if all(regex.search(v) for v in values):
                return {"$ref": f"{COMMON}#/$defs/{type_name}"}
        return {"type": "string"}


def _integer_text(text: str) -> bool:
    """An integer a JSON Schema `integer` (int64) holds; 20 characters at most, so that a
    long run of digits is not converted."""
    return bool(INTEGER_TEXT.match(text)) and len(text) <= 20 and abs(int(text)) <= INT64


def summary(schema: dict[str, Any]) -> str:
    """`ObjectId`, `integer (int64)`, `string | null`: a schema in a proposal's one line."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(summary(s) for s in schema["anyOf"])
    kind = schema.get("type", "any")
    text = " | ".join(kind) if isinstance(kind, list) else str(kind)
    return f"{text} ({schema['format']})" if "format" in schema else text


def words(name: str) -> str:
    """`lastSyncedTime` -> `Last synced time`: a starting point for a human description."""
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).replace("_", " ").strip()
    return text[:1].upper() + text[1:].lower() if text else ""


def widen(schema: dict[str, Any], observed: str) -> dict[str, Any]:
    """`schema` also accepting a JSON type it rejected (`null` makes it nullable)."""
    types = schema.get("type")
    if isinstance(types, str) and set(schema) <= {"type", "description", "enum", "items"}:
        out = {**schema, "type": [types, observed]}
        if "enum" in schema and observed == "null" and None not in schema["enum"]:
            out["enum"] = [*schema["enum"], None]
        return out
    if isinstance(types, list):
        out = {**schema, "type": [*types, observed]}
        if "enum" in schema and observed == "null" and None not in schema["enum"]:
            out["enum"] = [*schema["enum"], None]
        return out
    if isinstance(schema.get("anyOf"), list):
        return {**schema, "anyOf": [*schema["anyOf"], {"type": observed}]}
    keep = {k: v for k, v in schema.items() if k in ("description", "title")}
    core = {k: v for k, v in schema.items() if k not in keep}
    return {**keep, "anyOf": [core, {"type": observed}]}
