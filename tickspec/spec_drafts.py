"""Request-side drafts, derived from their response schemas instead of copied.

A draft file (`task-draft.json`, ...) declares `"x-tickspec-draft-of": "task.json"` plus
its own title, description, examples, `required`, nested drafts in `$defs` and, in
`x-tickspec-overrides`, the few fields whose request form is not the rule's. The
rule that expands it is the one `schemas/README.md` states for requests (liberal on
requests, exact on responses), applied to every property of the full schema, so a
field added to `task.json` reaches `TaskDraft` with no edit:

- every property also accepts null (TickTick reads it as "not set"), except those the
  draft lists in `required`, which keep the full schema's form;
- nothing is required but what the draft lists (the id is TickTick's to make);
- `Timestamp` becomes `TimestampIn` (any ISO 8601 form), at any depth;
- a `$ref` to a file some nested draft in `$defs` is the draft of points to that draft,
  and the full schema's local `#/...` refs keep pointing into the full schema's file.

Codegen expands before bundling and before the model generator runs, and
`tickspec propose` expands its bundle the same way, so every consumer sees the
expanded form; only the declaration is written by hand.
"""

from __future__ import annotations

import copy
from typing import Any

DRAFT_OF = "x-tickspec-draft-of"
OVERRIDES = "x-tickspec-overrides"
"""Fields whose request form is not the rule's, written whole. Not `properties`: `tickspec
propose` adds a new field to the first `properties` it finds, which must be the full schema's."""
TIMESTAMP = "common.json#/$defs/Timestamp"
TIMESTAMP_IN = "common.json#/$defs/TimestampIn"
NULL: dict[str, Any] = {"type": "null"}


class DraftError(Exception):
    """A draft declaration cannot be expanded; the message names the file."""


def expand_drafts(schemas: dict[str, Any]) -> dict[str, Any]:
    """Every schema of a folder (file name -> document), with the draft declarations expanded."""
    return {
        name: _expand(name, doc, schemas, {}) if _is_draft(doc) else doc
        for name, doc in schemas.items()
    }


def _is_draft(doc: object) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get(DRAFT_OF), str)


def _expand(
    name: str, decl: dict[str, Any], schemas: dict[str, Any], outer: dict[str, str]
) -> dict[str, Any]:
    source = decl[DRAFT_OF]
    full = schemas.get(source)
    if not isinstance(full, dict) or not isinstance(full.get("properties"), dict):
        raise DraftError(f"{name}: {DRAFT_OF} names {source!r}, not a schema with properties")
    defs = decl.get("$defs", {})
    # Refs to a file a nested draft derives from point to that draft, here and below.
    targets = {**outer, **{d[DRAFT_OF]: f"#/$defs/{k}" for k, d in defs.items() if _is_draft(d)}}
    required = list(decl.get("required", []))
    overrides = decl.get(OVERRIDES, {})
    if unknown := sorted(set(overrides) - set(full["properties"])):
        raise DraftError(f"{name}: overrides {unknown}, which {source} does not list")
    properties = {}
    for field, prop in full["properties"].items():
        if field in overrides:
            properties[field] = overrides[field]
            continue
        liberal = _rewrite(copy.deepcopy(prop), source, targets)
        properties[field] = liberal if field in required else _nullable(liberal)
    out: dict[str, Any] = {}
    for key in ("$schema", "title", "description"):
        if key in decl:
            out[key] = decl[key]
    out["type"] = "object"
    if required:
        out["required"] = required
    out["properties"] = properties
    if "examples" in decl:
        out["examples"] = decl["examples"]
    if defs:
        out["$defs"] = {
            k: _expand(f"{name}#/$defs/{k}", d, schemas, targets) if _is_draft(d) else d
            for k, d in defs.items()
        }
    return out


def _rewrite(node: Any, source: str, targets: dict[str, str]) -> Any:
    """Retarget the full schema's refs for the draft's file: drafts, TimestampIn, local refs."""
    if isinstance(node, list):
        return [_rewrite(item, source, targets) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _rewrite(value, source, targets) for key, value in node.items()}
    ref = out.get("$ref")
    if isinstance(ref, str):
        if ref == TIMESTAMP:
            out["$ref"] = TIMESTAMP_IN
        elif ref in targets:
            out["$ref"] = targets[ref]
        elif ref.startswith("#"):
            out["$ref"] = source + ref
    return out


def _nullable(prop: dict[str, Any]) -> dict[str, Any]:
    """`prop` also accepting null, in the form the model generator turns into `X | None`."""
    kind = prop.get("type")
    if "enum" in prop and None not in prop["enum"]:
        prop["enum"] = [*prop["enum"], None]
    if isinstance(kind, str) and kind != "null":
        prop["type"] = [kind, "null"]
    elif isinstance(kind, list) and "null" not in kind:
        prop["type"] = [*kind, "null"]
    elif "anyOf" in prop:
        if NULL not in prop["anyOf"]:
            prop["anyOf"] = [*prop["anyOf"], NULL]
    elif "$ref" in prop:
        prop["anyOf"] = [{"$ref": prop.pop("$ref")}, NULL]
    return prop
