"""Finding fields the spec does not name: the `unknown_field` walk.

JSON Schema validation cannot report these: TickTick's schemas leave objects
open (the server adds fields all the time, and the models keep them with
`extra="allow"`), so an unknown key is valid. But a new field is exactly the
drift the spec maintainers want to hear about, so the instance is walked against
the schema by hand.

The walk must cost little more than the validation it follows (a 10,000-entry
capture is the benchmark), so each schema position is compiled once into a
`Shape`: the union, over `$ref`/`allOf`/`anyOf`/`oneOf`, of its property names,
pattern properties, map values (`additionalProperties` as a schema) and array
items. Shapes are built lazily (recursive schemas are fine) and cached for the
life of the `Walker`, so walking a body is plain dict lookups.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from referencing._core import Resolver

Node: TypeAlias = "tuple[Any, Resolver[Any]]"
"""A schema and the resolver its `$ref`s are relative to."""
Path = tuple[Any, ...] | None
"""A reversed linked list (parent, key): built for free while walking, joined on a finding."""

COMBINATORS = ("allOf", "anyOf", "oneOf", "then", "else")


class Shape:
    """What an object or array at one schema position may contain."""

    __slots__ = (
        "_walker",
        "additional",
        "closed",
        "compiled",
        "items",
        "nodes",
        "patterns",
        "prefix",
        "props",
        "trivial",
    )

    def __init__(self, walker: Walker, nodes: tuple[Node, ...]) -> None:
        self._walker = walker
        self.nodes = nodes
        self.compiled = False
        self.props: dict[str, Shape] = {}
        self.patterns: list[tuple[re.Pattern[str], Shape]] = []
        self.additional: Shape | None = None
        self.closed = False
        """Keys outside `props`/`patterns` are unknown (the schema names its properties)."""
        self.items: Shape | None = None
        self.prefix: list[Shape] = []
        self.trivial = True
        """Nothing to walk below this position (a scalar, or a free-form object)."""

    def compile(self) -> None:
        flat: list[Node] = []
        for schema, resolver in self.nodes:
            self._walker.flatten(schema, resolver, flat, 0)
        props: dict[str, list[Node]] = {}
        patterns: dict[str, list[Node]] = {}
        additional: list[Node] = []
        items: list[Node] = []
        prefix: list[list[Node]] = []
        for schema, resolver in flat:
            for name, sub in (schema.get("properties") or {}).items():
                props.setdefault(name, []).append((sub, resolver))
            for regex, sub in (schema.get("patternProperties") or {}).items():
                patterns.setdefault(regex, []).append((sub, resolver))
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict):
                additional.append((extra, resolver))
            if extra is False or "properties" in schema or "patternProperties" in schema:
                self.closed = True
            if isinstance(schema.get("items"), dict):
                items.append((schema["items"], resolver))
            for i, sub in enumerate(schema.get("prefixItems") or []):
                while len(prefix) <= i:
                    prefix.append([])
                prefix[i].append((sub, resolver))
        shape = self._walker.shape
        self.props = {name: shape(tuple(nodes)) for name, nodes in props.items()}
        self.patterns = [(re.compile(rx), shape(tuple(nodes))) for rx, nodes in patterns.items()]
        self.additional = shape(tuple(additional)) if additional else None
        self.items = shape(tuple(items)) if items else None
        self.prefix = [shape(tuple(nodes)) for nodes in prefix]
        self.trivial = not (
            self.closed or self.props or self.patterns or additional or items or prefix
        )
        self.compiled = True


class Walker:
    """Walks instances against schemas of one spec, reporting keys the schema does not name."""

    def __init__(self, resolver: Resolver[Any]) -> None:
        self._root = resolver
        self._shapes: dict[tuple[int, ...], Shape] = {}

    def flatten(self, schema: Any, resolver: Resolver[Any], out: list[Node], depth: int) -> None:
        """Append every schema that applies to the same instance as `schema`."""
        if not isinstance(schema, dict) or depth > 64:
            return
        ref = schema.get("$ref")
        if isinstance(ref, str):
            resolved = resolver.lookup(ref)
            self.flatten(resolved.contents, resolved.resolver, out, depth + 1)
        for keyword in COMBINATORS:
            subs = schema.get(keyword)
            for sub in subs if isinstance(subs, list) else [subs] if subs is not None else []:
                self.flatten(sub, resolver, out, depth + 1)
        out.append((schema, resolver))

    def shape(self, nodes: tuple[Node, ...]) -> Shape:
        key = tuple(id(schema) for schema, _ in nodes)
        found = self._shapes.get(key)
        if found is None:
            found = self._shapes[key] = Shape(self, nodes)
        return found

    def root(self, schema: dict[str, Any]) -> Shape:
        """The shape of a top-level schema (from the OpenAPI document)."""
        return self.shape(((schema, self._root),))

    def schemas_at(self, schema: dict[str, Any], parts: tuple[Any, ...]) -> list[dict[str, Any]]:
        """Every schema that applies at a JSON path below `schema` (empty if none names it).

        For messages and tests: what type, enum or required fields apply somewhere."""
        shape: Shape | None = self.root(schema)
        for part in parts:
            if shape is None:
                return []
            if not shape.compiled:
                shape.compile()
            if isinstance(part, int):
                shape = shape.prefix[part] if part < len(shape.prefix) else shape.items
            else:
                shape = shape.props.get(part) or next(
                    (s for rx, s in shape.patterns if rx.search(part)), shape.additional
                )
        if shape is None:
            return []
        flat: list[Node] = []
        for node, resolver in shape.nodes:
            self.flatten(node, resolver, flat, 0)
        return [node for node, _ in flat]

    def unknown(self, schema: dict[str, Any], instance: Any) -> list[tuple[Any, ...]]:
        """JSON paths (as tuples of keys) of the fields `schema` does not name."""
        found: list[Path] = []
        if isinstance(instance, dict | list):
            self._walk(self.root(schema), instance, None, found)
        return [tuple(_unlink(path)) for path in found]

    def _walk(self, shape: Shape, instance: Any, path: Path, found: list[Path]) -> None:
        if not shape.compiled:
            shape.compile()
        if shape.trivial:
            return
        if isinstance(instance, dict):
            props, patterns, additional = shape.props, shape.patterns, shape.additional
            for key, value in instance.items():
                child = props.get(key)
                if child is None:
                    child = next((s for rx, s in patterns if rx.search(key)), additional)
                    if child is None:
                        if shape.closed:
                            found.append((path, key))
                        continue
                if isinstance(value, dict | list):
                    self._walk(child, value, (path, key), found)
        elif isinstance(instance, list):
            prefix, items = shape.prefix, shape.items
            for index, value in enumerate(instance):
                child = prefix[index] if index < len(prefix) else items
                if child is not None and isinstance(value, dict | list):
                    self._walk(child, value, (path, index), found)


def _unlink(path: Path) -> Iterator[Any]:
    parts = []
    while path is not None:
        path, key = path
        parts.append(key)
    return reversed(parts)
