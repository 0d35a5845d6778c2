"""`tickspec docs-diff DOC.md`: what the Open API documentation says that the spec lacks.

The way to keep up when the doc grows: read it (docs_parse.py), match each documented
endpoint to the spec's operation with the same method and path template (parameter names
aside: `{id}` is `{commentId}`), and list what the spec lacks: the endpoint, a query or
body parameter, a response field an example or the definition of the answer shows, a
documented status. Where both have something and disagree (required or not, the type of
a field), that is listed as a contradiction: the spec is liberal on requests on purpose,
so a contradiction is for a human to judge and does not fail the run. The spec's Open API
and OAuth operations the doc does not list are "not in this doc", also not a failure
(older copies of the doc list fewer endpoints).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from referencing.exceptions import Unresolvable

from tickspec.drift.docs_parse import Doc, DocEndpoint, doc_types, referenced
from tickspec.spec import Operation, Spec, path_segments

SCOPE = ("/open/v1/", "/oauth/")
MAX_DEPTH = 6


@dataclass(frozen=True)
class Gap:
    """One thing the doc has and the spec lacks (or contradicts)."""

    method: str
    path: str
    kind: str
    """endpoint, parameter, body_field, response_field, status; or for a contradiction
    required, type."""
    name: str
    line: int
    detail: str = ""
    operation: str | None = None

    @property
    def endpoint(self) -> str:
        """`METHOD /path` as the doc writes it."""
        return f"{self.method} {self.path}"

    def to_json(self) -> dict[str, Any]:
        """The gap as a JSON object (for --format json)."""
        return {
            "endpoint": self.endpoint,
            "operationId": self.operation,
            "kind": self.kind,
            "name": self.name,
            "line": self.line,
            "detail": self.detail,
        }


@dataclass
class DocsDiff:
    """The result: counts, gaps, contradictions and the spec's operations the doc lacks."""

    endpoints: int = 0
    matched: int = 0
    lacks: list[Gap] = field(default_factory=list)
    contradicts: list[Gap] = field(default_factory=list)
    not_in_doc: list[Operation] = field(default_factory=list)


def shape(path: str) -> tuple[str, ...]:
    """A path template with its parameter names dropped: `/a/{id}` and `/a/{x}` are one."""
    return tuple("{}" if s.startswith("{") else s for s in path_segments(path))


Node = tuple[Any, Any]
"""A schema with the resolver its `$ref`s are relative to (a file's `#/$defs/...`)."""


class _Schemas:
    """Walking the spec's schemas: properties (through $ref and allOf/anyOf/oneOf),
    array items, additionalProperties, types."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec

    def root(self, schema: Any) -> Node:
        return schema, self.spec.resolver()

    def resolve(self, node: Node) -> Node:
        schema, resolver = node
        try:
            for _ in range(MAX_DEPTH * 4):
                if not (isinstance(schema, dict) and isinstance(schema.get("$ref"), str)):
                    break
                found = resolver.lookup(schema["$ref"])
                schema, resolver = found.contents, found.resolver
        except (Unresolvable, KeyError, TypeError, ValueError):  # a broken $ref: unknown
            return {}, resolver
        return (schema if isinstance(schema, dict) else {}), resolver

    def branches(self, node: Node, depth: int = 0) -> Iterator[Node]:
        schema, resolver = self.resolve(node)
        yield schema, resolver
        if depth > MAX_DEPTH:
            return
        for key in ("allOf", "anyOf", "oneOf"):
            for sub in schema.get(key) or ():
                yield from self.branches((sub, resolver), depth + 1)

    def prop(self, node: Node, name: str) -> Node | None:
        """The property's schema: named in properties, or a map's value; None if neither."""
        mapped: Node | None = None
        for schema, resolver in self.branches(node):
            props = schema.get("properties")
            if isinstance(props, dict) and name in props:
                return props[name], resolver
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and mapped is None:
                mapped = extra, resolver
            for pattern in (schema.get("patternProperties") or {}).values():
                mapped = mapped or (pattern, resolver)
        return mapped

    def items(self, node: Node) -> Node | None:
        for schema, resolver in self.branches(node):
            if isinstance(schema.get("items"), dict):
                return schema["items"], resolver
        return None

    def types(self, node: Node | None) -> set[str]:
        out: set[str] = set()
        for schema, _ in self.branches(node) if node is not None else ():
            kind = schema.get("type")
            out.update([kind] if isinstance(kind, str) else kind or ())
            if "enum" in schema or "const" in schema:
                values = schema.get("enum") or [schema.get("const")]
                out.update(_json_type(v) for v in values)
        return out

    def required(self, node: Node) -> set[str]:
        return {r for schema, _ in self.branches(node) for r in schema.get("required") or ()}


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object" if value is not None else "null"


def _fits(doc: set[str], spec: set[str]) -> bool:
    return not doc or not spec or bool(doc & spec) or ("integer" in doc and "number" in spec)


class _Compare:
    def __init__(self, spec: Spec, doc: Doc) -> None:
        self.spec = spec
        self.doc = doc
        self.schemas = _Schemas(spec)
        self.result = DocsDiff(endpoints=len(doc.endpoints))
        self._said: set[tuple[str, str, str, str]] = set()

    def _add(self, into: list[Gap], gap: Gap) -> None:
        key = (gap.endpoint, gap.kind, gap.name, "lack" if into is self.result.lacks else "")
        if key not in self._said:  # the example and the definition often name one field
            self._said.add(key)
            into.append(gap)

    def lack(self, ep: DocEndpoint, op: Operation | None, kind: str, name: str, why: str) -> None:
        operation = op.operation_id if op is not None else None
        self._add(self.result.lacks, Gap(ep.method, ep.path, kind, name, ep.line, why, operation))

    def contradict(self, ep: DocEndpoint, op: Operation, kind: str, name: str, why: str) -> None:
        gap = Gap(ep.method, ep.path, kind, name, ep.line, why, op.operation_id)
        self._add(self.result.contradicts, gap)

    def request_bodies(self, op: Operation) -> list[Node]:
        """Every media type's body schema (the JSON one, a form's)."""
        raw = self.spec.openapi["paths"][op.path][op.method.lower()].get("requestBody") or {}
        node, resolver = self.schemas.resolve(self.schemas.root(raw))
        content = node.get("content") or {}
        return [
            (media["schema"], resolver)
            for media in content.values()
            if isinstance(media, dict) and "schema" in media
        ]

    def run(self) -> DocsDiff:
        by_shape = {(op.method, shape(op.path)): op for op in self.spec.operations}
        seen: set[str] = set()
        for ep in self.doc.endpoints:
            op = by_shape.get((ep.method, shape(ep.path)))
            if op is None:
                self.lack(ep, None, "endpoint", ep.title, "no operation has this method and path")
                continue
            self.result.matched += 1
            seen.add(op.operation_id)
            self.params(ep, op)
            self.statuses(ep, op)
            self.responses(ep, op)
        self.result.not_in_doc = [
            op
            for op in self.spec.operations
            if op.path.startswith(SCOPE) and op.operation_id not in seen
        ]
        return self.result

    def params(self, ep: DocEndpoint, op: Operation) -> None:
        bodies = self.request_bodies(op)
        for param in ep.params:
            if param.location == "path":
                continue  # the template decides; the doc's names vary ({project}, {id})
            if self.basic_auth(op, param.description):
                continue
            declared = [
                p
                for p in op.parameters
                if p.name == param.name and param.location in ("", p.location)
            ]
            if declared:
                spec_param = declared[0]
                node = self.schemas.root(spec_param.schema)
                self.agrees(
                    ep, op, param.name, param.required, spec_param.required, param.schema, node
                )
            elif param.location in ("query", "header") or not bodies:
                self.lack(ep, op, "parameter", param.name, f"{param.location or 'a'} parameter")
            else:
                self.body_field(ep, op, bodies, param)

    def basic_auth(self, op: Operation, description: str) -> bool:
        """The doc's 'client_id ... in the HEADER using Basic Auth': the operation's
        security has an HTTP Basic scheme."""
        if "basic auth" not in description.lower():
            return False
        node = self.spec.openapi["paths"][op.path][op.method.lower()]
        schemes = self.spec.openapi.get("components", {}).get("securitySchemes", {})
        names = {name for item in node.get("security") or () for name in item}
        return any(str(schemes.get(n, {}).get("scheme", "")).lower() == "basic" for n in names)

    def body_field(self, ep: DocEndpoint, op: Operation, bodies: list[Node], param: Any) -> None:
        parts = param.name.split(".")
        for body in bodies:
            node: Node | None = body
            if "array" in self.schemas.types(body):
                node = self.schemas.items(body) or body  # move: an array of the documented rows
            parent = node
            for index, part in enumerate(parts):
                assert node is not None
                parent, node = node, self.schemas.prop(node, part)
                if node is None:
                    break
                if index < len(parts) - 1:
                    node = self.schemas.items(node) or node  # items.title: inside the list
            if node is not None and parent is not None:
                required = parts[-1] in self.schemas.required(parent)
                self.agrees(ep, op, param.name, param.required, required, param.schema, node)
                return
        where = "body field" if bodies else "body field (the spec documents no request body)"
        self.lack(ep, op, "body_field", param.name, where)

    def agrees(
        self,
        ep: DocEndpoint,
        op: Operation,
        name: str,
        doc_required: bool,
        spec_required: bool,
        doc_schema: str,
        node: Node | None,
    ) -> None:
        if doc_required and not spec_required:
            self.contradict(ep, op, "required", name, "required in the doc, optional in the spec")
        self.same_type(ep, op, name, doc_schema, node)

    def same_type(
        self, ep: DocEndpoint, op: Operation, name: str, doc_schema: str, node: Node | None
    ) -> None:
        doc, spec = doc_types(doc_schema), self.schemas.types(node)
        if not _fits(doc, spec):
            why = f"{'/'.join(sorted(doc))} in the doc, {'/'.join(sorted(spec))} in the spec"
            self.contradict(ep, op, "type", name, why)

    def statuses(self, ep: DocEndpoint, op: Operation) -> None:
        for code, _ in ep.statuses:
            if str(code) not in op.responses and f"{str(code)[0]}XX" not in op.responses:
                self.lack(ep, op, "status", str(code), "documented status")

    def responses(self, ep: DocEndpoint, op: Operation) -> None:
        schema = next((op.responses[c] for c in ("200", "201", "2XX") if op.responses.get(c)), None)
        ok_row = next((cell for code, cell in ep.statuses if code == 200), "")
        name, is_array = referenced(ok_row)
        if schema is None:
            if ep.responses or name in self.doc.definitions:
                self.lack(ep, op, "response_field", "$", "the spec documents no response body")
            return
        root = self.schemas.root(schema)
        for example in ep.responses:
            self.example(ep, op, example, root, "", 0)
        if name in self.doc.definitions:
            target = self.schemas.items(root) if is_array else root
            self.definition(ep, op, name, target, "[]" if is_array else "", set())

    def example(
        self, ep: DocEndpoint, op: Operation, value: Any, node: Node | None, at: str, depth: int
    ) -> None:
        if depth > MAX_DEPTH or node is None:
            return
        if isinstance(value, list):
            items = self.schemas.items(node)
            for element in value[:5]:
                self.example(ep, op, element, items, at + "[]", depth + 1)
        elif isinstance(value, dict):
            for key, inner in value.items():
                path = f"{at}.{key}" if at else str(key)
                sub = self.schemas.prop(node, str(key))
                if sub is None:
                    self.lack(ep, op, "response_field", path, "seen in the doc's example")
                else:
                    self.example(ep, op, inner, sub, path, depth + 1)

    def definition(
        self, ep: DocEndpoint, op: Operation, name: str, node: Node | None, at: str, seen: set[str]
    ) -> None:
        if node is None or name in seen or len(seen) > MAX_DEPTH:
            return
        for row in self.doc.definitions.get(name, []):
            path = f"{at}.{row.name}" if at else row.name
            sub = self.schemas.prop(node, row.name)
            if sub is None:
                self.lack(ep, op, "response_field", path, f"in the doc's {name} definition")
                continue
            self.same_type(ep, op, path, row.schema, sub)
            inner, is_array = referenced(row.schema)
            if inner:
                target = self.schemas.items(sub) if is_array else sub
                self.definition(
                    ep, op, inner, target, path + ("[]" if is_array else ""), seen | {name}
                )


def compare(spec: Spec, doc: Doc) -> DocsDiff:
    """What `doc` documents that `spec` lacks or contradicts, and the reverse."""
    return _Compare(spec, doc).run()
