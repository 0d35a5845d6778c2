"""`tickspec check --coverage`: what the captures exercised, so green is not "not looked at".

Per operation: captured or not, and which documented status codes were seen.
Per schema property (named by the JSON pointer of the file that defines it):
whether any captured body carried it. Works from the bundled spec (no schemas/
folder, no PyYAML needed), since the bundle holds every file under its name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tickspec.contract import har
from tickspec.contract.pointer import escape
from tickspec.contract.router import Router
from tickspec.contract.schema_docs import OPENAPI, Loc, Source
from tickspec.spec import Spec


@dataclass
class OperationCoverage:
    """One operation: how many entries exercised it, and which documented statuses they saw."""

    operation: str
    method: str
    path: str
    documented: list[str]
    entries: int = 0
    seen: set[str] = field(default_factory=set)

    def to_json(self) -> dict[str, Any]:
        """The operation's coverage for `check --format json`."""
        return {
            "operation": self.operation,
            "method": self.method,
            "path": self.path,
            "captured": self.entries > 0,
            "entries": self.entries,
            "statuses_seen": sorted(s for s in self.seen if s in self.documented),
            "statuses_not_seen": [s for s in self.documented if s not in self.seen],
        }


@dataclass
class Coverage:
    """What the captures exercised: per operation, and which schema properties a body carried."""

    operations: list[OperationCoverage]
    properties: set[str]
    carried: set[str]

    def totals(self) -> dict[str, float]:
        """Percentages of operations captured, statuses seen and properties carried."""
        ops = self.operations
        documented = sum(len(o.documented) for o in ops)
        seen = sum(len(o.seen & set(o.documented)) for o in ops)
        return {
            "operations": _pct(sum(o.entries > 0 for o in ops), len(ops)),
            "statuses": _pct(seen, documented),
            "properties": _pct(len(self.carried & self.properties), len(self.properties)),
        }

    def uncovered(self) -> list[str]:
        """The schema properties no captured body carried, sorted."""
        return sorted(self.properties - self.carried)

    def to_json(self) -> dict[str, Any]:
        """The coverage for `check --format json`."""
        return {
            "totals": self.totals(),
            "operations": [o.to_json() for o in self.operations],
            "properties_not_carried": self.uncovered(),
        }


def _pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 100.0


def bundle_source(bundle: dict[str, Any]) -> Source:
    """The documents of a bundled spec (`spec.json`'s shape), walkable by file and pointer."""
    return Source({**bundle["schemas"], OPENAPI: bundle["openapi"]})


class _Marker:
    """Walks bodies against their schemas, noting every property a body carried."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.flat: dict[Loc, list[tuple[Loc, dict[str, Any]]]] = {}
        self.carried: set[str] = set()

    def _flat(self, loc: Loc) -> list[tuple[Loc, dict[str, Any]]]:
        found = self.flat.get(loc)
        if found is None:
            found = self.flat[loc] = [(f, self.source.node(f)) for f in self.source.flatten(loc)]
        return found

    def mark(self, loc: Loc, value: Any, depth: int = 0) -> None:
        """Note every property of `value` that the schema at `loc` defines, recursively."""
        if depth > 64 or not isinstance(value, dict | list):
            return
        for (file, pointer), node in self._flat(loc):
            if isinstance(value, list):
                if isinstance(node.get("items"), dict):
                    for item in value:
                        self.mark((file, f"{pointer}/items"), item, depth + 1)
                continue
            props = node.get("properties") or {}
            extra = node.get("additionalProperties")
            for key, item in value.items():
                if key in props:
                    child = (file, f"{pointer}/properties/{escape(key)}")
                    self.carried.add(f"{file}#{child[1]}")
                    self.mark(child, item, depth + 1)
                elif isinstance(extra, dict):
                    self.mark((file, f"{pointer}/additionalProperties"), item, depth + 1)

    def universe(self, roots: Iterable[Loc]) -> set[str]:
        """Every property reachable from the body schemas at `roots`: what is counted."""
        out: set[str] = set()
        todo, seen = list(roots), set()
        while todo:
            loc = todo.pop()
            if loc in seen:
                continue
            seen.add(loc)
            for (file, pointer), node in self._flat(loc):
                for key in node.get("properties") or {}:
                    child = (file, f"{pointer}/properties/{escape(key)}")
                    out.add(f"{file}#{child[1]}")
                    todo.append(child)
                for keyword in ("items", "additionalProperties"):
                    if isinstance(node.get(keyword), dict):
                        todo.append((file, f"{pointer}/{keyword}"))
        return out


def measure(
    spec: Spec, paths: Iterable[str | Path], hosts: Iterable[str] = har.API_HOSTS
) -> Coverage:
    """Coverage of `spec` by the captures at `paths` (HarError when one is unusable)."""
    source = bundle_source({"openapi": spec.openapi, "schemas": spec.schemas})
    router = Router(spec, hosts)
    ops = {
        op.operation_id: OperationCoverage(op.operation_id, op.method, op.path, list(op.responses))
        for op in spec.operations
    }
    marker = _Marker(source)
    cache: dict[tuple[str, str, int], Loc | None] = {}

    def root_of(op_id: str, where: str, status: int) -> Loc | None:
        """The body schema of an operation's request or response, cached."""
        key = (op_id, where, status)
        if key not in cache:
            cache[key] = source.body_root(op_id, where, status)
        return cache[key]

    roots: list[Loc] = []
    for op in spec.operations:
        roots += [r for r in [source.body_root(op.operation_id, "request.body", 0)] if r]
        for code in op.responses:
            status = int(code) if code.isdigit() else 0
            root = source.body_root(op.operation_id, "response.body", status) if status else None
            roots += [root] if root else []
    for file in har.expand(paths):
        for index, raw in har.iter_raw(file):
            entry = har.parse_entry(raw, str(file), index)
            if not router.checked(entry):
                continue
            matched, _ = router.match(entry.method, entry.path)
            if matched is None:
                continue
            cov = ops[matched.operation_id]
            cov.entries += 1
            cov.seen.add(str(entry.status))
            for where, body in (("request.body", entry.request_body),
                                ("response.body", entry.response_body)):  # fmt: skip
                value, error = body.parse()
                root = root_of(matched.operation_id, where, entry.status)
                if error is None and root is not None:
                    marker.mark(root, value)
    return Coverage(sorted(ops.values(), key=lambda o: o.operation), marker.universe(roots),
                    marker.carried)  # fmt: skip


def render_text(cov: Coverage, limit: int = 50) -> str:
    """Coverage for the text report: totals, one line per operation, uncovered properties."""
    totals = cov.totals()
    lines = [
        f"coverage: {totals['operations']}% of operations captured, {totals['statuses']}% of "
        f"documented statuses seen, {totals['properties']}% of schema properties carried"
    ]
    for op in cov.operations:
        mark = "x" if op.entries else " "
        missing = [s for s in op.documented if s not in op.seen]
        lines.append(
            f"  [{mark}] {op.operation:<28} {op.entries:>6} entries; not seen: "
            f"{', '.join(missing) or '-'}"
        )
    uncovered = cov.uncovered()
    if uncovered:
        lines.append(f"properties no capture carried ({len(uncovered)}):")
        lines += [f"  {p}" for p in uncovered[:limit]]
        if len(uncovered) > limit:
            lines.append(f"  ... and {len(uncovered) - limit} more (--format json lists all)")
    return "\n".join(lines) + "\n"


def render_markdown(cov: Coverage) -> str:
    """Coverage for the markdown report: totals, a table of operations, a folded list."""
    totals = cov.totals()
    lines = [
        "### Coverage",
        "",
        f"Operations captured: **{totals['operations']}%**; documented statuses seen: "
        f"**{totals['statuses']}%**; schema properties carried: **{totals['properties']}%**.",
        "",
        "| operation | entries | statuses seen | not seen |",
        "|---|---:|---|---|",
    ]
    for op in cov.operations:
        seen = ", ".join(sorted(s for s in op.seen if s in op.documented)) or "-"
        missing = ", ".join(s for s in op.documented if s not in op.seen) or "-"
        lines.append(f"| `{op.operation}` | {op.entries} | {seen} | {missing} |")
    uncovered = cov.uncovered()
    if uncovered:
        lines += ["", f"<details><summary>{len(uncovered)} properties no capture carried"
                  "</summary>", "", *[f"- `{p}`" for p in uncovered], "", "</details>"]  # fmt: skip
    return "\n".join(lines) + "\n"
