"""`tickspec diff`: every change between two specs, classified for the client's users.

The question is oasdiff's: does code written against the client generated from
BASE still work against HEAD? The answer depends on the direction a schema is
used in. A response field that disappears, becomes nullable or may now be
absent breaks code that reads it; a new response enum member breaks exhaustive
matches (a warning: code with a default branch is fine). On the request side it
is the reverse: a new required field, a removed field or a narrower type breaks
callers, a wider one does not. A schema used in both directions (task.json) is
reported once, with the more severe class.

Reported once, a change still names everything it affects: every operation
whose parameters, request or responses reach its position (reach.py), and the
Python names a client user reads (surface.py: `Task.focus_minutes`, the stubs,
`client.tasks.get`), which make the output a changelog for the client.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from tickspec.contract.pointer import escape
from tickspec.contract.schema_docs import OPENAPI, Loc, Source
from tickspec.drift import reach

RANK = {"breaking": 0, "warning": 1, "safe": 2}
CONSTRAINTS = ("pattern", "format", "minimum", "maximum", "minLength", "maxLength", "minItems",
               "maxItems", "const", "exclusiveMinimum", "exclusiveMaximum")  # fmt: skip


@dataclass(frozen=True)
class Change:
    severity: str
    """breaking, warning or safe, for users of the client generated from BASE."""
    kind: str
    operation: str
    """The operation the differ met the change through first; `operations` has them all."""
    pointer: str
    """`file#/json/pointer`: in HEAD, or in BASE for what HEAD no longer has."""
    message: str
    operations: tuple[str, ...] = ()
    """Every operation whose parameters, request or responses reach `pointer`, in BASE
    or in HEAD (see `reach`), sorted."""
    python: tuple[str, ...] = ()
    """The Python names it affects: the model attribute or stub parameter, then every
    generated stub and client method that sends one of `operations` (see `surface`)."""

    @property
    def loc(self) -> Loc:
        """`pointer` as a (file, JSON pointer) pair."""
        file, _, pointer = self.pointer.partition("#")
        return (file, pointer)

    def to_json(self) -> dict[str, Any]:
        """The JSON form of `tickspec diff --format json`."""
        return {
            "severity": self.severity,
            "kind": self.kind,
            "operation": self.operation,
            "pointer": self.pointer,
            "message": self.message,
            "operations": list(self.operations),
            "python": list(self.python),
        }


@dataclass
class Facets:
    """What one schema position says, after `$ref`s and combinators are flattened."""

    types: set[str] = field(default_factory=set)
    nullable: bool = False
    enum: list[Any] | None = None
    props: dict[str, Loc] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    items: Loc | None = None
    additional: Loc | None = None
    constraints: dict[str, Any] = field(default_factory=dict)
    named: str = ""
    """The common.json type it references (ObjectId, Timestamp...), if any."""


def facets(source: Source, loc: Loc) -> Facets:
    out = Facets()
    for file, pointer in source.flatten(loc):
        node = source.node((file, pointer))
        ref = node.get("$ref")
        if isinstance(ref, str) and "#/$defs/" in ref and source.target(file, ref)[0] != file:
            out.named = out.named or ref.rsplit("/", 1)[-1]
        kinds = node.get("type")
        for kind in kinds if isinstance(kinds, list) else [kinds] if kinds else []:
            if kind == "null":
                out.nullable = True
            else:
                out.types.add(str(kind))
        if "properties" in node and not kinds:
            out.types.add("object")
        if isinstance(node.get("enum"), list):
            out.nullable |= None in node["enum"]
            members = [m for m in node["enum"] if m is not None]
            out.enum = members if out.enum is None else [*out.enum, *members]
        for name in node.get("properties") or {}:
            out.props.setdefault(name, (file, f"{pointer}/properties/{escape(name)}"))
        out.required |= set(node.get("required") or [])
        if isinstance(node.get("items"), dict):
            out.items = out.items or (file, f"{pointer}/items")
        if isinstance(node.get("additionalProperties"), dict):
            out.additional = out.additional or (file, f"{pointer}/additionalProperties")
        out.constraints.update({k: node[k] for k in CONSTRAINTS if k in node})
    return out


class _Differ:
    def __init__(self, base: Source, head: Source) -> None:
        self.base, self.head = base, head
        self.found: dict[tuple[str, str], Change] = {}
        self.seen: set[tuple[Loc, Loc, str]] = set()

    def add(self, severity: str, kind: str, op: str, loc: Loc, message: str) -> None:
        pointer = f"{loc[0]}#{loc[1]}"
        old = self.found.get((kind, pointer))
        if old is None or RANK[severity] < RANK[old.severity]:
            self.found[(kind, pointer)] = Change(severity, kind, op, pointer, message)

    def schema(self, b: Loc, h: Loc, way: str, op: str, label: str) -> None:
        """Compare two schema positions used in direction `way` (request or response)."""
        if (b, h, way) in self.seen:
            return
        self.seen.add((b, h, way))
        fb, fh = facets(self.base, b), facets(self.head, h)
        response = way == "response"
        where = f"{way} {label}".strip()
        if fb.types and fb.types != fh.types:
            wider, narrower = fh.types - fb.types, fb.types - fh.types
            if not fh.types:
                wider = {"any type"}
            breaks = bool(wider) if response else bool(narrower)
            old, new = "/".join(sorted(fb.types)), "/".join(sorted(fh.types)) or "any type"
            message = f"{where}: type {old} -> {new}"
            self.add("breaking" if breaks else "safe", "type_changed", op, h, message)
        if fb.nullable != fh.nullable:
            now = "nullable" if fh.nullable else "no longer nullable"
            breaks = fh.nullable if response else not fh.nullable
            kind = "nullable_added" if fh.nullable else "nullable_removed"
            self.add("breaking" if breaks else "safe", kind, op, h, f"{where}: now {now}")
        self._enum(fb, fh, response, op, h, where)
        if fb.named != fh.named and fb.named and fh.named:
            message = f"{where}: {fb.named} -> {fh.named}"
            self.add("warning", "format_changed", op, h, message)
        elif fb.constraints != fh.constraints and fb.types and fb.types == fh.types:
            message = f"{where}: constraints {fb.constraints} -> {fh.constraints}"
            self.add("warning", "constraint_changed", op, h, message)
        self._properties(fb, fh, way, op, b, h, label)
        for sub_b, sub_h, suffix in (
            (fb.items, fh.items, "[]"),
            (fb.additional, fh.additional, "{}"),
        ):
            if sub_b is not None and sub_h is not None:
                self.schema(sub_b, sub_h, way, op, label + suffix)

    def _enum(self, fb: Facets, fh: Facets, response: bool, op: str, h: Loc, where: str) -> None:
        if fb.enum is None and fh.enum is None:
            return
        if fb.enum is not None and fh.enum is not None:
            added = [m for m in fh.enum if m not in fb.enum]
            removed = [m for m in fb.enum if m not in fh.enum]
            if added:
                severity = "warning" if response else "safe"
                self.add(severity, "enum_added", op, h, f"{where}: new enum member(s) {added}")
            if removed:
                severity = "safe" if response else "breaking"
                self.add(
                    severity, "enum_removed", op, h, f"{where}: enum member(s) {removed} removed"
                )
            return
        if fh.enum is None:
            self.add(
                "warning" if response else "safe",
                "enum_removed",
                op,
                h,
                f"{where}: no longer an enum",
            )
        else:
            self.add(
                "safe" if response else "breaking",
                "enum_added",
                op,
                h,
                f"{where}: now an enum {fh.enum}",
            )

    def _properties(
        self, fb: Facets, fh: Facets, way: str, op: str, b: Loc, h: Loc, label: str
    ) -> None:
        response = way == "response"
        for name, loc in fb.props.items():
            if name not in fh.props:
                self.add(
                    "breaking",
                    "property_removed",
                    op,
                    loc,
                    f"{way} field {label}.{name} removed".replace(" .", " "),
                )
        for name, loc in fh.props.items():
            dotted = f"{label}.{name}".lstrip(".")
            if name not in fb.props:
                required = name in fh.required
                breaks = required and not response
                what = "required" if required else "optional"
                self.add(
                    "breaking" if breaks else "safe",
                    "property_added",
                    op,
                    loc,
                    f"new {what} {way} field {dotted}",
                )
                continue
            if name in fh.required and name not in fb.required:
                self.add(
                    "safe" if response else "breaking",
                    "required_added",
                    op,
                    loc,
                    f"{way} field {dotted} now required",
                )
            if name in fb.required and name not in fh.required:
                self.add(
                    "breaking" if response else "safe",
                    "required_removed",
                    op,
                    loc,
                    f"{way} field {dotted} no longer required",
                )
            self.schema(fb.props[name], loc, way, op, dotted)

    def operations(self) -> None:
        old, new = reach.operations(self.base), reach.operations(self.head)
        for key, (op_id, ptr) in old.items():
            if key not in new:
                self.add(
                    "breaking",
                    "operation_removed",
                    op_id,
                    (OPENAPI, ptr),
                    f"operation {op_id} ({key[0].upper()} {key[1]}) removed",
                )
        for key, (op_id, ptr) in new.items():
            if key not in old:
                self.add(
                    "safe",
                    "operation_added",
                    op_id,
                    (OPENAPI, ptr),
                    f"new operation {op_id} ({key[0].upper()} {key[1]})",
                )
                continue
            old_id, old_ptr = old[key]
            if old_id != op_id:
                self.add(
                    "breaking",
                    "operation_renamed",
                    op_id,
                    (OPENAPI, ptr),
                    f"operationId {old_id} -> {op_id}: the client method is renamed",
                )
            self._operation(op_id, old_ptr, ptr)

    def _operation(self, op: str, bp: str, hp: str) -> None:
        bparams, hparams = reach.params(self.base, bp), reach.params(self.head, hp)
        for key, (ptr, _) in bparams.items():
            if key not in hparams:
                self.add(
                    "breaking",
                    "parameter_removed",
                    op,
                    (OPENAPI, ptr),
                    f"{key[1]} parameter {key[0]} removed",
                )
        for key, (ptr, node) in hparams.items():
            required = bool(node.get("required"))
            if key not in bparams:
                self.add(
                    "breaking" if required else "safe",
                    "parameter_added",
                    op,
                    (OPENAPI, ptr),
                    f"new {'required' if required else 'optional'} {key[1]} parameter {key[0]}",
                )
                continue
            if required and not bparams[key][1].get("required"):
                self.add(
                    "breaking",
                    "parameter_required",
                    op,
                    (OPENAPI, ptr),
                    f"{key[1]} parameter {key[0]} now required",
                )
            if "schema" in node and "schema" in bparams[key][1]:
                self.schema(
                    (OPENAPI, bparams[key][0] + "/schema"),
                    (OPENAPI, ptr + "/schema"),
                    "request",
                    op,
                    key[0],
                )
        bbody = reach.body(self.base, bp + "/requestBody")
        hbody = reach.body(self.head, hp + "/requestBody")
        if bbody and hbody:
            self.schema(bbody, hbody, "request", op, "")
        elif hbody and not bbody:
            self.add("breaking", "request_body_added", op, hbody, "a request body is now expected")
        bres, hres = (
            self.base.node((OPENAPI, bp)).get("responses", {}),
            self.head.node((OPENAPI, hp)).get("responses", {}),
        )
        for code in sorted(set(bres) | set(hres)):
            loc = (OPENAPI, f"{hp if code in hres else bp}/responses/{escape(str(code))}")
            if code not in hres:
                self.add("safe", "status_removed", op, loc, f"status {code} no longer documented")
            elif code not in bres:
                self.add("warning", "status_added", op, loc, f"new documented status {code}")
            else:
                rb, rh = (
                    reach.body(self.base, f"{bp}/responses/{escape(str(code))}"),
                    reach.body(self.head, loc[1]),
                )
                if rb and rh:
                    self.schema(rb, rh, "response", op, "")


def diff(base: Source, head: Source, surface: bool = True) -> list[Change]:
    """Every change from `base` to `head`, breaking first, each with every operation it
    affects and (unless `surface` is False) the Python names it changes."""
    old, new = base.expanded(), head.expanded()
    differ = _Differ(old, new)
    differ.operations()
    reached = (reach.index(old), reach.index(new))
    changes = []
    for change in differ.found.values():
        loc = change.loc
        ops = sorted(reached[0].get(loc, set()) | reached[1].get(loc, set()))
        names: tuple[str, ...] = ()
        if surface:
            from tickspec.drift import surface as python_surface

            names = tuple(python_surface.python((new, old), loc, ops))
        changes.append(replace(change, operations=tuple(ops), python=names))
    return sorted(changes, key=lambda c: (RANK[c.severity], c.operation, c.pointer, c.kind))
