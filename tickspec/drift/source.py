"""The schemas folder as files to edit: where in which file a value's schema is defined.

`tickspec check` works on the bundled spec; a proposal must name the *file*
that defines a property (Optic's `--update` follows `$ref` the same way), so
this module walks the source documents, following `$ref`s across files, and
answers locations as (file, JSON pointer) pairs.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tickspec.drift.patch import escape, value_at

OPENAPI = "openapi.yaml"
Loc = tuple[str, str]
"""(file, JSON pointer): a position in one of the schema documents."""
_PART = re.compile(r'\.([A-Za-z_$][A-Za-z0-9_$-]*)|\[([0-9]+)\]|\[("(?:[^"\\]|\\.)*")\]')


class SourceError(Exception):
    """The schemas cannot be read; the message is one line naming what."""


@dataclass
class Source:
    """Every document of one schemas folder, parsed, with the texts kept for editing."""

    docs: dict[str, Any]
    texts: dict[str, str] = field(default_factory=dict)
    root: Path | None = None

    @property
    def openapi(self) -> dict[str, Any]:
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
        locs = [loc]
        for part in parts:
            locs = [child for here in locs for child in self.child(here, part)]
        return locs

    def operation(self, operation_id: str) -> tuple[str, str, dict[str, Any]] | None:
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


def split_path(path: str) -> tuple[str, list[str | int]]:
    """`response.body.update[3].status` -> ('response.body', ['update', 3, 'status'])."""
    for prefix in ("request.body", "response.body"):
        if path == prefix or path.startswith((prefix + ".", prefix + "[")):
            rest = path[len(prefix) :]
            break
    else:
        match = re.match(r"request\.headers\.([A-Za-z0-9_-]+)", path)
        if match is None:
            return path, []
        prefix, rest = match.group(), path[match.end() :]
    parts: list[str | int] = []
    for m in _PART.finditer(rest):
        if m.group(1) is not None:
            parts.append(m.group(1))
        elif m.group(2) is not None:
            parts.append(int(m.group(2)))
        else:
            parts.append(json.loads(m.group(3)))
    return prefix, parts


def load_folder(root: Path) -> Source:
    """Every `*.json` and `openapi.yaml` of a schemas folder."""
    if not (root / OPENAPI).is_file():
        raise SourceError(f"{root}: not a schemas folder (no {OPENAPI})")
    texts = {p.name: _read(p) for p in sorted(root.glob("*.json"))}
    texts[OPENAPI] = _read(root / OPENAPI)
    source = _parse(texts, str(root))
    source.root = root
    return source


def load_git(ref: str, cwd: Path | None = None) -> Source:
    """`schemas/` as committed at `ref` (`git:REF` on the command line)."""
    try:
        names = _git(["ls-tree", "--name-only", f"{ref}:schemas"], cwd).split()
        texts = {name: _git(["show", f"{ref}:schemas/{name}"], cwd) for name in names}
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        raise SourceError(f"git:{ref}: cannot read schemas/ ({detail.strip()[:120]})") from None
    texts = {k: v for k, v in texts.items() if k.endswith(".json") or k == OPENAPI}
    return _parse(texts, f"git:{ref}")


def load(spec: str, cwd: Path | None = None) -> Source:
    return load_git(spec[4:], cwd) if spec.startswith("git:") else load_folder(Path(spec))


def _git(args: list[str], cwd: Path | None) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot be read ({exc})") from None


def _parse(texts: dict[str, str], where: str) -> Source:
    import yaml

    from tickspec import yaml_text

    docs: dict[str, Any] = {}
    for name, text in texts.items():
        try:
            docs[name] = yaml_text.safe_load(text) if name == OPENAPI else json.loads(text)
        except (ValueError, yaml.YAMLError) as exc:
            line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise SourceError(f"{where}/{name}: not valid ({line})") from None
    if OPENAPI not in docs or not isinstance(docs[OPENAPI], dict):
        raise SourceError(f"{where}: no {OPENAPI}")
    return Source(docs, texts)


__all__ = ["Loc", "Source", "SourceError", "load", "split_path"]
