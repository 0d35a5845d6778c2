"""The spec's documents by file: where, in which file, a value's schema is defined.

`tickspec check` validates against the bundled spec, but what it reports about
the schemas (`--coverage`: which properties a capture carried) and what the drift
tools edit (`propose`: the file that defines a property, as Optic's `--update`
follows `$ref`) are named by file and JSON pointer. So `Source` walks the
documents, following `$ref`s across files, and answers (file, JSON pointer) pairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tickspec.contract.pointer import escape, value_at

OPENAPI = "openapi.yaml"
Loc = tuple[str, str]
"""(file, JSON pointer): a position in one of the schema documents."""


@dataclass
class Source:
    """Every document of one schemas folder, parsed, with the texts kept for editing."""

    docs: dict[str, Any]
    texts: dict[str, str] = field(default_factory=dict)
    root: Path | None = None

    @property
    def openapi(self) -> dict[str, Any]:
        """The parsed openapi.yaml."""
        doc: dict[str, Any] = self.docs[OPENAPI]
        return doc

    def bundle(self) -> dict[str, Any]:
        """The `spec.json` shape (what codegen bundles), for a `tickspec.spec.Spec`."""
        return {
            "openapi": self.openapi,
            "schemas": {k: v for k, v in self.expanded().docs.items() if k != OPENAPI},
        }

    def expanded(self) -> Source:
        """These documents with the request drafts expanded, as codegen bundles them.

        The draft files only declare what they derive from (`x-tickspec-draft-of`);
        what they accept is their expansion. For reading only: edits go to `self`,
        whose draft files hold no `properties` to edit, so a new field lands in the
        full schema the draft derives from.
        """
        from tickspec.spec_drafts import expand_drafts

        return Source(expand_drafts(self.docs), self.texts, self.root)

    def node(self, loc: Loc) -> Any:
        """The value at a (file, JSON pointer) location."""
        return value_at(self.docs[loc[0]], loc[1])

    def deref(self, loc: Loc) -> Loc:
        """Follow `$ref`s from `loc` to a schema with content."""
        seen = set()
        while True:
            node = self.node(loc)
            ref = node.get("$ref") if isinstance(node, dict) else None
            if not isinstance(ref, str) or loc in seen:
                return loc
            seen.add(loc)
            loc = self.target(loc[0], ref)

    def target(self, file: str, ref: str) -> Loc:
        """Where a `$ref` found in `file` points (a local ref stays in `file`)."""
        name, _, pointer = ref.partition("#")
        return (name or file, pointer)

    def flatten(self, loc: Loc, depth: int = 0) -> Iterator[Loc]:
        """`loc` and every schema that applies to the same value ($ref, allOf, anyOf, oneOf)."""
        if depth > 32:
            return
        node = self.node(loc)
        if not isinstance(node, dict):
            return
        yield loc
        if isinstance(node.get("$ref"), str):
            yield from self.flatten(self.target(loc[0], node["$ref"]), depth + 1)
        # A request draft declares only what it derives from: its fields live in the full
        # schema, so a new field or enum member seen in a request lands there (and so in
        # both). The draft's own `required` comes first, above, so loosening stays local.
        if isinstance(node.get("x-tickspec-draft-of"), str):
            yield from self.flatten(self.target(loc[0], node["x-tickspec-draft-of"]), depth + 1)
        for keyword in ("allOf", "anyOf", "oneOf"):
            for i, _ in enumerate(node.get(keyword) or []):
                yield from self.flatten((loc[0], f"{loc[1]}/{keyword}/{i}"), depth + 1)

    def child(self, loc: Loc, part: str | int) -> list[Loc]:
        """The schema locations of `part` (a key or an index) below a value at `loc`."""
        out: list[Loc] = []
        for file, pointer in self.flatten(loc):
            node = self.node((file, pointer))
            if isinstance(part, int):
                if isinstance(node.get("items"), dict):
                    out.append((file, f"{pointer}/items"))
                continue
            if part in (node.get("properties") or {}):
                out.append((file, f"{pointer}/properties/{escape(part)}"))
                continue
            for regex in node.get("patternProperties") or {}:
                if re.search(regex, part):
                    out.append((file, f"{pointer}/patternProperties/{escape(regex)}"))
            if isinstance(node.get("additionalProperties"), dict):
                out.append((file, f"{pointer}/additionalProperties"))
        return out

    def walk(self, loc: Loc, parts: list[str | int]) -> list[Loc]:
        """The schema locations of the value at `parts` (keys and indices) below `loc`."""
        locs = [loc]
        for part in parts:
            locs = [child for here in locs for child in self.child(here, part)]
        return locs

    def operation(self, operation_id: str) -> tuple[str, str, dict[str, Any]] | None:
        """(path, method, operation object) of an operationId, or None."""
        for path, item in self.openapi.get("paths", {}).items():
            for method, node in item.items():
                if isinstance(node, dict) and node.get("operationId") == operation_id:
                    return path, method, node
        return None

    def local(self, pointer: str) -> str:
        """Follow local (`#/components/...`) refs of openapi.yaml from `pointer`."""
        node = self.node((OPENAPI, pointer))
        while isinstance(node, dict) and str(node.get("$ref", "")).startswith("#/"):
            pointer = node["$ref"][1:]
            node = self.node((OPENAPI, pointer))
        return pointer

    def body_root(self, operation_id: str, where: str, status: int) -> Loc | None:
        """The schema of the body (or JSON header) a finding's path starts in."""
        found = self.operation(operation_id)
        if found is None:
            return None
        path, method, node = found
        base = f"/paths/{escape(path)}/{method}"
        if where == "request.body" and "requestBody" in node:
            pointer = self.local(f"{base}/requestBody")
        elif where == "response.body":
            responses = node.get("responses", {})
            code = next((c for c in (str(status), f"{str(status)[0]}XX") if c in responses), None)
            if code is None:
                return None
            pointer = self.local(f"{base}/responses/{escape(code)}")
        elif where.startswith("request.headers."):
            name = where.removeprefix("request.headers.").lower()
            item_params = self.openapi["paths"][path].get("parameters", [])
            owners = ((f"/paths/{escape(path)}", item_params), (base, node.get("parameters", [])))
            for owner, params in owners:
                for index in range(len(params)):
                    p = self.local(f"{owner}/parameters/{index}")
                    param = self.node((OPENAPI, p))
                    if param.get("in") != "header" or str(param.get("name")).lower() != name:
                        continue
                    if "content" in param:
                        return (OPENAPI, f"{p}/content/application~1json/schema")
                    return (OPENAPI, f"{p}/schema")
            return None
        else:
            return None
        content = self.node((OPENAPI, pointer)).get("content", {})
        if "application/json" not in content:
            return None
        return (OPENAPI, f"{pointer}/content/application~1json/schema")
