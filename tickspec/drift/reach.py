"""Which operations reach a schema position: the blast radius of one spec change.

`tickspec diff` reports each change once, at the position that changed (a
property of task.json, say), but a client user asks which calls it affects:
every operation whose parameters, request body or responses lead to that
position, through `$ref`s (across files and into openapi.yaml's components),
request drafts, combinators, properties, items and additionalProperties, at
any depth. The walk starts from the same places the differ compares, using the
same helpers, so every position the differ can name is one this walk visits.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tickspec.contract.pointer import escape
from tickspec.contract.schema_docs import OPENAPI, Loc, Source
from tickspec.spec import HTTP_METHODS

COMBINATORS = ("allOf", "anyOf", "oneOf", "prefixItems")
NAMED_CHILDREN = ("properties", "patternProperties")
SINGLE_CHILDREN = ("items", "additionalProperties", "not")


def operations(source: Source) -> dict[tuple[str, str], tuple[str, str]]:
    """(method, path) -> (operation name, JSON pointer of the operation in openapi.yaml).

    The name is the operationId, or `METHOD path` for an operation without one.
    """
    out = {}
    for path, item in source.openapi.get("paths", {}).items():
        for method in HTTP_METHODS:
            if isinstance(item.get(method), dict):
                name = item[method].get("operationId") or f"{method.upper()} {path}"
                out[(method, path)] = (str(name), f"/paths/{escape(path)}/{method}")
    return out


def params(source: Source, op_ptr: str) -> dict[tuple[str, str], tuple[str, dict[str, Any]]]:
    """(name, in) -> (pointer, parameter) for the path item's and the operation's parameters."""
    item_ptr = op_ptr.rsplit("/", 1)[0]
    out = {}
    for owner in (item_ptr, op_ptr):
        for index, _ in enumerate(source.node((OPENAPI, owner)).get("parameters", [])):
            ptr = source.local(f"{owner}/parameters/{index}")
            node = source.node((OPENAPI, ptr))
            content = node.get("content", {}).get("application/json")
            if content is not None:
                node = {**node, "schema": content.get("schema", {})}
                ptr = f"{ptr}/content/application~1json"
            name, where = str(node.get("name")), str(node.get("in"))
            # only header names are case-insensitive (OpenAPI 3.1, RFC 9110)
            out[(name.lower() if where == "header" else name, where)] = (ptr, node)
    return out


def body(source: Source, ptr: str) -> Loc | None:
    """The JSON schema of a request body or response at `ptr`, if it has one."""
    try:
        node = source.node((OPENAPI, ptr))
    except (KeyError, IndexError):
        return None
    ptr = source.local(ptr)
    node = source.node((OPENAPI, ptr))
    if not isinstance(node, dict) or "schema" not in node.get("content", {}).get(
        "application/json", {}
    ):
        return None
    return (OPENAPI, f"{ptr}/content/application~1json/schema")


def _media(source: Source, ptr: str) -> Iterator[Loc]:
    """The schema of every media type of the body or response at `ptr` (a form body too:
    what the differ does not compare still belongs to the operation)."""
    ptr = source.local(ptr)
    node = source.node((OPENAPI, ptr))
    for media, content in (node.get("content") or {}).items():
        if isinstance(content, dict) and "schema" in content:
            yield (OPENAPI, f"{ptr}/content/{escape(media)}/schema")


def _starts(source: Source, op_ptr: str) -> Iterator[Loc]:
    """Every position of one operation the differ may name, and its schemas' roots."""
    yield (OPENAPI, op_ptr)
    for ptr, node in params(source, op_ptr).values():
        yield (OPENAPI, ptr)
        if "schema" in node:
            yield (OPENAPI, f"{ptr}/schema")
    operation = source.node((OPENAPI, op_ptr))
    if isinstance(operation.get("requestBody"), dict):
        yield from _media(source, f"{op_ptr}/requestBody")
    for code in operation.get("responses", {}):
        ptr = f"{op_ptr}/responses/{escape(str(code))}"
        yield (OPENAPI, ptr)
        yield (OPENAPI, source.local(ptr))
        yield from _media(source, ptr)


def _children(source: Source, loc: Loc, node: dict[str, Any]) -> Iterator[tuple[Loc, Any]]:
    """The positions below `node` (with their nodes) and the targets of its references
    (None: looked up when visited)."""
    file, pointer = loc
    for key in ("$ref", "x-tickspec-draft-of"):
        if isinstance(node.get(key), str):
            yield source.target(file, node[key]), None
    for keyword in COMBINATORS:
        for index, child in enumerate(node.get(keyword) or []):
            yield (file, f"{pointer}/{keyword}/{index}"), child
    for keyword in NAMED_CHILDREN:
        for name, child in (node.get(keyword) or {}).items():
            yield (file, f"{pointer}/{keyword}/{escape(name)}"), child
    for keyword in SINGLE_CHILDREN:
        if isinstance(node.get(keyword), dict):
            yield (file, f"{pointer}/{keyword}"), node[keyword]


def reached(source: Source, op_ptr: str) -> set[Loc]:
    """Every schema position operation `op_ptr` reaches (a position is counted once: cycles
    such as a task's subtasks end there)."""
    seen: set[Loc] = set()
    stack: list[tuple[Loc, Any]] = [(loc, None) for loc in _starts(source, op_ptr)]
    while stack:
        loc, node = stack.pop()
        if loc in seen:
            continue
        seen.add(loc)
        if node is None:
            try:
                node = source.node(loc)
            except (KeyError, IndexError, ValueError, TypeError):
                continue  # a dangling $ref: nothing below it to reach
        if isinstance(node, dict):
            stack.extend(_children(source, loc, node))
    return seen


def index(source: Source) -> dict[Loc, set[str]]:
    """Schema position -> the names of every operation that reaches it."""
    out: dict[Loc, set[str]] = {}
    for name, op_ptr in operations(source).values():
        for loc in reached(source, op_ptr):
            out.setdefault(loc, set()).add(name)
    return out
