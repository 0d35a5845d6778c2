"""Operation-level edits of openapi.yaml: new operations and new query parameters.

Optic's `capture --update` documents what traffic shows about operations as well
as bodies, and so does `propose`:

- a request no operation matches becomes a new operation. When a path template
  of the spec matches its URL under another method, it is a new method of that
  path item: it keeps the spec's template and parameter names (a URL seen as
  `/api/v2/tag/work` is `/api/v2/tag/{name}`, not a new path) and takes its path
  parameters, headers, security and servers from its sibling operations, since
  they are the same resource behind the same gate. Otherwise it is a new path
  item (endpoints.py).
- a query parameter an operation does not declare becomes an optional one, once
  per (operation, name), typed from every value seen (infer.Inferrer.query).
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from typing import Any

from tickspec.contract import har
from tickspec.contract.findings import Finding, Kind
from tickspec.contract.path_template import template
from tickspec.contract.pointer import escape
from tickspec.contract.router import SLASHES, Router, path_values
from tickspec.contract.safe_text import UNSAFE
from tickspec.contract.schema_docs import OPENAPI, Source
from tickspec.drift import endpoints
from tickspec.drift.infer import INTEGER_TEXT, Inferrer, summary
from tickspec.drift.patch import Edit
from tickspec.spec import HTTP_METHODS, precedence

QUERY = "request.query"
INHERITED = ("security", "servers")
"""Operation keys a new method copies from its path item's first operation."""


def query_name(path: str) -> str | None:
    """`request.query.limit` / `request.query["a b"]` -> the parameter's name."""
    rest = path[len(QUERY) :] if path.startswith(QUERY) else ""
    if rest.startswith(".") and len(rest) > 1:
        return rest[1:]
    if rest.startswith('["') and rest.endswith('"]'):
        try:
            name = json.loads(rest[1:-1])
        except ValueError:
            return None
        return name if isinstance(name, str) else None
    return None


@dataclass
class Operations:
    """The operation-level evidence of one proposal, collected finding by finding."""

    source: Source
    router: Router
    new: dict[tuple[str, str], endpoints.NewOperation] = field(default_factory=dict)
    urls: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(method, template) -> the URL paths seen, relative to the server, for path values."""
    queries: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(operationId, parameter name) -> every value seen."""

    def unknown(self, entry: har.Entry) -> None:
        known = self.known_path(entry.path, entry.method)
        path, rel = known if known is not None else (template(entry.path), entry.path)
        key = (entry.method, path)
        self.new.setdefault(key, endpoints.NewOperation(*key)).entries.append(entry)
        self.urls.setdefault(key, []).append(rel)

    def known_path(self, path: str, method: str = "") -> tuple[str, str] | None:
        """(the spec's template, path relative to the server) when a template matches `path`
        under another method, ranked as the router ranks them. A template whose parameter
        the segment does not fit is taken only when it lacks `method`: `GET
        /projectGroup/archive` is the GET of `/projectGroup/{groupId}`, but `POST
        /open/v1/task/move` beside `POST /open/v1/task/{taskId}` is a path of its own."""
        path = SLASHES.sub("/", path)
        spec = self.router.spec
        for prefix in self.router.prefixes:
            if prefix and not path.startswith(prefix + "/"):
                continue
            rel = path[len(prefix) :] or "/"
            fitting = spec.path_operations(rel)
            if fitting:
                return fitting[0].path, rel
            loose = sorted(
                (op for op in spec.operations if op.pattern.match(rel)),
                key=lambda op: precedence(op.path),
            )
            taken = {op.path for op in loose if op.method == method.upper()}
            for op in loose:
                if op.path not in taken:
                    return op.path, rel
        return None

    def query(self, finding: Finding, entry: har.Entry) -> bool:
        """Take an undeclared query parameter; False leaves the finding to a human."""
        name = query_name(finding.path) if finding.kind is Kind.UNKNOWN_FIELD else None
        found = self.source.operation(finding.operation)
        if name is None or UNSAFE.search(name) or found is None:
            return False
        path, _, node = found
        if any(p.get("in") == "query" and p.get("name") == name for p in self._params(path, node)):
            return False  # declared: the checker and the spec disagree, not ours to add
        values = [value for key, value in entry.query if key == name]
        if not values:
            return False
        self.queries.setdefault((finding.operation, name), []).extend(values)
        return True

    def edits(self, inferrer: Inferrer, files: set[str]) -> tuple[list[Edit], list[Finding]]:
        """(edits, findings left to a human): new operations, then new query parameters."""
        out: list[Edit] = []
        manual: list[Finding] = []
        paths = self.source.openapi.get("paths", {})
        taken = {
            str(n.get("operationId"))
            for item in paths.values()
            for n in item.values()
            if isinstance(n, dict)
        }
        tags = {str(t.get("name")) for t in self.source.openapi.get("tags", [])}
        added: set[str] = set()
        for (method, path), new in sorted(self.new.items(), key=lambda kv: kv[0][::-1]):
            item = paths.get(path)
            if isinstance(item, dict) and method.lower() in item:  # the router matched none
                manual.append(_unmatched(new))
                continue
            op_id = new.operation_id(taken)
            taken.add(op_id)
            shared, tag = None, new.tag(tags)
            if isinstance(item, dict):
                shared, tag = self._shared(path, item, (method, path), inferrer, tag)
            built, schemas = endpoints.build(new, op_id, tag, files, inferrer, shared)
            for name, schema in schemas.items():
                op = {"op": "add", "path": "", "value": schema}
                out.append(Edit(name, op, f"new schema file for {op_id}", op_id))
            seen = f"{method} {path} ({len({e.path for e in new.entries})} URL(s) seen)"
            if item is None and path not in added:
                added.add(path)
                op = {"op": "add", "path": f"/paths/{escape(path)}", "value": built}
                out.append(Edit(OPENAPI, op, f"new operation {op_id}: {seen}", op_id))
                continue
            pointer = f"/paths/{escape(path)}/{method.lower()}"
            op = {"op": "add", "path": pointer, "value": built[method.lower()]}
            where = "the spec's" if item is not None else "its new"
            reason = f"new operation {op_id} on {where} path item: {seen}"
            out.append(Edit(OPENAPI, op, reason, op_id))
        out += self._query_edits(inferrer)
        return out, manual

    def _query_edits(self, inferrer: Inferrer) -> list[Edit]:
        """Each new parameter goes after the operation's last path or query parameter (the
        spec lists path, query, then header parameters), in the order first seen."""
        names: dict[str, list[str]] = {}
        for op_id, name in self.queries:
            names.setdefault(op_id, []).append(name)
        out = []
        for op_id, ordered in names.items():
            path, method, node = self.source.operation(op_id) or ("", "", {})
            base = f"/paths/{escape(path)}/{method}/parameters"
            params = node.get("parameters")
            index = -1  # no `parameters` yet: the first edit adds the list
            if isinstance(params, list):
                kinds = [self._resolve(p).get("in") for p in params]
                index = 1 + max(
                    (i for i, k in enumerate(kinds) if k in ("path", "query")), default=-1
                )
            for name in ordered:
                values = self.queries[(op_id, name)]
                param = endpoints.query_parameter(name, values, inferrer)
                op: dict[str, Any]
                if index < 0:
                    op = {"op": "add", "path": base, "value": [param]}
                    index = 0
                else:
                    op = {"op": "add", "path": f"{base}/{index}", "value": param}
                index += 1
                shown = summary(param["schema"])
                reason = f"new query parameter '{name}': {shown} ({len(values)} values seen)"
                out.append(Edit(OPENAPI, op, reason, op_id))
        return out

    def _shared(
        self, path: str, item: dict[str, Any], key: tuple[str, str], inferrer: Inferrer, tag: str
    ) -> tuple[endpoints.Shared, str]:
        """(what a new method takes from its path item's operations, their tag).

        A path parameter declared on the path item is inherited, not repeated; one
        declared by a sibling is copied, unless a value seen does not fit it (it would
        make the capture fail again), when it is typed from the values instead."""
        siblings = [n for m, n in item.items() if m in HTTP_METHODS and isinstance(n, dict)]
        first = siblings[0] if siblings else {}
        on_item = {
            (p.get("name"), p.get("in")) for p in map(self._resolve, item.get("parameters") or [])
        }
        values: dict[str, list[str]] = {}
        for rel in self.urls.get(key, []):
            for name, value in path_values(path, rel).items():
                values.setdefault(name, []).append(value)
        declared: list[dict[str, Any]] = []
        for name in (s[1:-1] for s in path.split("/") if s.startswith("{") and s.endswith("}")):
            if (name, "path") in on_item:
                continue
            copied = next(
                (p for s in siblings for p in s.get("parameters") or []
                 if self._resolve(p).get("in") == "path" and self._resolve(p).get("name") == name),
                None,
            )  # fmt: skip
            seen = values.get(name, [])
            if copied is None or not _fits(self._resolve(copied).get("schema") or {}, seen):
                schema = inferrer.query(seen, name) if seen else {"type": "string"}
                copied = {"name": name, "in": "path", "required": True, "schema": schema}
            declared.append(copy.deepcopy(copied))
        other = [
            copy.deepcopy(p)
            for p in first.get("parameters") or []
            if self._resolve(p).get("in") not in ("path", "query")
            and (self._resolve(p).get("name"), self._resolve(p).get("in")) not in on_item
        ]
        keys = {k: copy.deepcopy(first[k]) for k in INHERITED if k in first}
        tags = first.get("tags") or [tag]
        return endpoints.Shared(declared, other, keys), str(tags[0])

    def _params(self, path: str, node: dict[str, Any]) -> list[dict[str, Any]]:
        item = self.source.openapi.get("paths", {}).get(path, {})
        raw = [*(item.get("parameters") or []), *(node.get("parameters") or [])]
        return [self._resolve(p) for p in raw]

    def _resolve(self, param: Any) -> dict[str, Any]:
        """A parameter, following `#/components/parameters/...` references (a dangling one
        reads as no parameter: it cannot be copied, and it declares nothing)."""
        seen = 0
        while isinstance(param, dict) and str(param.get("$ref", "")).startswith("#/") and seen < 8:
            try:
                param, seen = self.source.node((OPENAPI, param["$ref"][1:])), seen + 1
            except (KeyError, IndexError, ValueError, TypeError):
                return {}
        return param if isinstance(param, dict) else {}


def _fits(schema: dict[str, Any], values: list[str]) -> bool:
    """Every value fits a copied path parameter's type, pattern and enum."""
    if schema.get("type") == "integer" and not all(INTEGER_TEXT.match(v) for v in values):
        return False
    pattern = schema.get("pattern")
    if isinstance(pattern, str) and not all(re.search(pattern, v) for v in values):
        return False
    enum = schema.get("enum")
    return not isinstance(enum, list) or all(v in map(str, enum) for v in values)


def _unmatched(new: endpoints.NewOperation) -> Finding:
    entry = new.entries[0]
    name = f"{new.method} {new.path}"
    message = f"{name}: the spec has this operation, yet the URL matched none; check the template"
    return Finding(Kind.UNKNOWN_OPERATION, name, entry.file, entry.index, "request", message,
                   side="request")  # fmt: skip
